"""Training and test curves, epoch by epoch: the picture of overfitting (chapter 9).

A fitted :class:`~nnlib.MLPClassifier` keeps only its training loss per epoch
(``loss_curve_``). To see a network *overfit* we also need its loss and accuracy on data
it never trains on, after every epoch. :func:`train_test_curves` gets them through the
estimator's public API: it trains a fresh copy one epoch at a time with ``partial_fit``
(one pass over the training data per call, exactly as ``fit`` does in its loop) and
measures both sets after each epoch.

The loss recorded here is the *data* loss, the mean cross-entropy
:func:`sklearn.metrics.log_loss`, without the L2 penalty: that is the number that can be
compared between the training and the test set.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral

import numpy as np


@dataclass
class TrainTestCurves:
    """Per-epoch numbers of one training run.

    Attributes
    ----------
    train_loss, test_loss : ndarray of shape (n_epochs,)
        Mean cross-entropy on the training and the test set after each epoch.
    train_accuracy, test_accuracy : ndarray of shape (n_epochs,)
        Fraction classified correctly after each epoch.
    estimator : MLPClassifier
        The trained copy, as it is after the last epoch.
    """

    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    estimator: object

    @property
    def epochs(self) -> np.ndarray:
        """1, 2, ..., n_epochs: the epoch after which each entry was measured."""
        return np.arange(1, len(self.train_loss) + 1)

    @property
    def best_test_epoch(self) -> int:
        """The epoch with the smallest test loss (the first, if several tie)."""
        return int(np.argmin(self.test_loss)) + 1

    def __repr__(self) -> str:
        return (f"TrainTestCurves(n_epochs={len(self.train_loss)}, "
                f"final train/test loss={self.train_loss[-1]:.3f}/{self.test_loss[-1]:.3f}, "
                f"final train/test accuracy={self.train_accuracy[-1]:.3f}/"
                f"{self.test_accuracy[-1]:.3f})")


def train_test_curves(estimator, X_train, y_train, X_test, y_test, n_epochs=100):
    """Train a copy of ``estimator`` for ``n_epochs`` epochs, measuring both sets each epoch.

    Parameters
    ----------
    estimator : classifier with ``partial_fit`` and ``predict_proba``
        For example ``nnlib.MLPClassifier(solver="adam", ...)`` (or scikit-learn's).
        It is cloned, so the one passed in is left untouched. Its solver must be
        stochastic ('sgd' or 'adam'): ``partial_fit`` trains one epoch per call.
    X_train : array_like of shape (n_train, n_features)
    y_train : array_like of shape (n_train,)
    X_test : array_like of shape (n_test, n_features)
    y_test : array_like of shape (n_test,)
    n_epochs : int, default 100
        Number of epochs (passes over the training set).

    Returns
    -------
    TrainTestCurves

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> import nnlib
    >>> X, y = make_moons(60, noise=0.2, random_state=0)
    >>> clf = nnlib.MLPClassifier((8,), solver="adam", random_state=0)
    >>> curves = train_test_curves(clf, X[:40], y[:40], X[40:], y[40:], n_epochs=5)
    >>> curves.train_loss.shape
    (5,)
    """
    from sklearn.base import clone

    if getattr(estimator, "solver", "sgd") not in ("sgd", "adam"):
        raise ValueError("train_test_curves trains with partial_fit, which needs a stochastic "
                         f"solver ('sgd' or 'adam'); got solver={estimator.solver!r}.")
    for method in ("partial_fit", "predict_proba"):
        if not hasattr(estimator, method):
            raise TypeError(f"estimator must be a classifier with {method}() such as "
                            f"nnlib.MLPClassifier; got {type(estimator).__name__}.")
    if (not isinstance(n_epochs, Integral) or isinstance(n_epochs, bool)) or n_epochs < 1:
        raise ValueError(f"n_epochs must be a positive integer; got {n_epochs!r}.")
    X_train, X_test = np.asarray(X_train), np.asarray(X_test)
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    if len(X_train) != len(y_train) or len(X_test) != len(y_test):
        raise ValueError("X and y must have the same number of rows; got "
                         f"{len(X_train)} and {len(y_train)} (training), "
                         f"{len(X_test)} and {len(y_test)} (test).")

    model = clone(estimator)
    classes = np.unique(y_train)
    # each sample's column of predict_proba (a test label unseen in training: an error)
    columns = [np.searchsorted(classes, y) for y in (y_train, y_test)]
    if np.any(classes[np.minimum(columns[1], len(classes) - 1)] != y_test):
        raise ValueError(f"y_test has labels {sorted(set(y_test) - set(classes))} that "
                         f"y_train does not have (its classes are {classes.tolist()}).")
    eps = np.finfo(float).eps   # as log_loss: probabilities clipped to [eps, 1 - eps]
    rows = {key: np.empty(n_epochs) for key in ("trl", "tel", "tra", "tea")}
    for epoch in range(n_epochs):
        model.partial_fit(X_train, y_train, classes=classes)
        for X, col, loss, acc in ((X_train, columns[0], "trl", "tra"),
                                  (X_test, columns[1], "tel", "tea")):
            proba = model.predict_proba(X)
            # the mean cross-entropy, sklearn.metrics.log_loss (tested against it)
            p_true = np.clip(proba[np.arange(len(col)), col], eps, 1 - eps)
            rows[loss][epoch] = -np.mean(np.log(p_true))
            rows[acc][epoch] = np.mean(np.argmax(proba, axis=1) == col)
    return TrainTestCurves(rows["trl"], rows["tel"], rows["tra"], rows["tea"], model)


def weight_norms(estimator):
    """The Frobenius norm ‖W^[l]‖ of each fitted weight matrix (``coefs_``).

    ‖W‖ = sqrt(sum of the squares of its entries); the L2 penalty is
    (α / 2n) Σ_l ‖W^[l]‖² in scikit-learn's scaling.

    Parameters
    ----------
    estimator : fitted MLPClassifier or MLPRegressor (nnlib's or scikit-learn's)

    Returns
    -------
    ndarray of shape (n_layers - 1,)

    Examples
    --------
    >>> import nnlib
    >>> clf = nnlib.MLPClassifier((3,), solver="lbfgs", random_state=0).fit(
    ...     [[0.0, 0.0], [1.0, 1.0]], [0, 1])
    >>> weight_norms(clf).shape
    (2,)
    """
    coefs = getattr(estimator, "coefs_", None)
    if coefs is None:
        raise TypeError("weight_norms needs a fitted MLP estimator with coefs_; got "
                        f"{type(estimator).__name__} without coefs_ (call fit first).")
    return np.array([float(np.sqrt(np.sum(np.square(W)))) for W in coefs])
