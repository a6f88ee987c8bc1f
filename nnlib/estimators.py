"""``MLPClassifier``: a drop-in for scikit-learn's, trained by nnlib's MLP and SGD.

It takes scikit-learn's parameter names, meanings and defaults (for what it supports),
has the same fitted attributes and methods, and follows the same training loop:
mini-batches of ``min(200, n_samples)``, reshuffled every epoch; SGD with Nesterov's
momentum; the L2 penalty ``alpha``; one entry of ``loss_curve_`` per epoch; and the same
stopping rule. With the same ``random_state`` it draws the same initial weights and the
same shuffles as scikit-learn (it uses the same legacy ``RandomState`` for this, rather
than ``np.random.default_rng``), so the two fit the same model, equal to rounding.

Chapter 8 swaps one import::

    from sklearn.neural_network import MLPClassifier   # becomes
    from nnlib import MLPClassifier
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import (
    _check_partial_fit_first_call,
    check_classification_targets,
    unique_labels,
)
from sklearn.utils.validation import check_is_fitted, validate_data

from nnlib._validation import (
    check_choice,
    check_in_range,
    check_integer,
    check_positive,
    check_scalar,
    describe,
)
from nnlib.network import MLP
from nnlib.optim import SGD

__all__ = ["MLPClassifier"]

#: Hidden activations MLPClassifier accepts (scikit-learn's four, plus leaky_relu).
ACTIVATIONS = ("identity", "logistic", "tanh", "relu", "leaky_relu")


def _check_bool(name, value):
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False; got {describe(value)}.")
    return bool(value)


class MLPClassifier(ClassifierMixin, BaseEstimator):
    """Multi-layer perceptron classifier trained with stochastic gradient descent.

    A drop-in for :class:`sklearn.neural_network.MLPClassifier` with ``solver='sgd'``:
    the same parameter names, meanings and defaults, except that **solver defaults to
    'sgd'** (scikit-learn's default is 'adam') and 'sgd' is the only solver. Added:
    ``dropout``. Not supported: ``learning_rate`` schedules other than constant,
    ``early_stopping``, ``sample_weight``, multi-label targets, sparse input.
    Inputs are converted to float64.

    A binary problem gets one logistic output unit; more classes get a softmax layer.

    Parameters
    ----------
    hidden_layer_sizes : int or tuple of int, default (100,)
        Units of each hidden layer.
    activation : {'relu', 'logistic', 'tanh', 'identity', 'leaky_relu'}, default 'relu'
        Activation of the hidden layers.
    solver : {'sgd'}, default 'sgd'
        Only stochastic gradient descent (with momentum) is implemented.
    alpha : float, default 0.0001
        L2 strength: the loss gains ``0.5 * alpha * sum(W**2) / batch_size``.
    batch_size : int or 'auto', default 'auto'
        Samples per mini-batch; 'auto' is ``min(200, n_samples)``.
    learning_rate_init : float, default 0.001
        The SGD step size η.
    max_iter : int, default 200
        Maximum number of epochs (passes over the training data).
    shuffle : bool, default True
        Reshuffle the samples before every epoch.
    random_state : int, RandomState instance or None, default None
        Initial weights, shuffles and dropout masks (scikit-learn's convention).
    tol : float, default 1e-4
        Training stops when the loss has not improved by at least ``tol`` for
        ``n_iter_no_change`` consecutive epochs.
    verbose : bool, default False
        Print the loss after every epoch.
    warm_start : bool, default False
        Continue from the previous fit's weights.
    momentum : float, default 0.9
        Momentum μ in [0, 1].
    nesterovs_momentum : bool, default True
        Use Nesterov's momentum.
    n_iter_no_change : int, default 10
        Epochs without improvement before stopping.
    dropout : float, default 0.0
        Dropout rate after each hidden layer during training, in [0, 1). Not in
        scikit-learn; 0 gives scikit-learn's model.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coefs_ : list of ndarray, shapes (fan_in, fan_out)
    intercepts_ : list of ndarray, shapes (fan_out,)
    loss_ : float
        Loss of the last epoch.
    loss_curve_ : list of float
        Mean loss (with the L2 term) of every epoch.
    best_loss_ : float
    n_features_in_ : int
    n_iter_ : int
        Epochs run by the last call to fit.
    t_ : int
        Training samples seen.
    n_layers_ : int
        Layers including input and output.
    n_outputs_ : int
    out_activation_ : str
        'logistic' (two classes) or 'softmax'.

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X, y = make_moons(300, noise=0.1, random_state=42)
    >>> clf = MLPClassifier((16,), learning_rate_init=0.1, max_iter=300,
    ...                     random_state=0).fit(X, y)
    >>> clf.score(X, y)
    1.0
    """

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="sgd",
                 alpha=0.0001, batch_size="auto", learning_rate_init=0.001, max_iter=200,
                 shuffle=True, random_state=None, tol=1e-4, verbose=False, warm_start=False,
                 momentum=0.9, nesterovs_momentum=True, n_iter_no_change=10, dropout=0.0):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.n_iter_no_change = n_iter_no_change
        self.dropout = dropout

    # --- parameters -----------------------------------------------------------------------
    def _check_params(self):
        """Check every hyper-parameter; return the hidden layer sizes as a list."""
        if self.solver != "sgd":
            raise ValueError(
                "solver must be 'sgd' (nnlib's MLPClassifier implements stochastic "
                f"gradient descent only); got {self.solver!r}.")
        check_choice("activation", self.activation, ACTIVATIONS)
        sizes = self.hidden_layer_sizes
        if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
            sizes = [sizes]
        if isinstance(sizes, str | bytes | dict) or not hasattr(sizes, "__iter__"):
            raise TypeError("hidden_layer_sizes must be an int or a tuple of ints such as "
                            f"(3, 3); got {describe(self.hidden_layer_sizes)}.")
        sizes = [check_integer("hidden_layer_sizes", n, minimum=1) for n in sizes]
        check_positive("alpha", self.alpha, allow_zero=True)
        if not (isinstance(self.batch_size, str) and self.batch_size == "auto"):
            if isinstance(self.batch_size, str):
                raise ValueError(f"batch_size must be 'auto' or a positive int; got "
                                 f"{self.batch_size!r}.")
            check_integer("batch_size", self.batch_size, minimum=1)
        check_positive("learning_rate_init", self.learning_rate_init)
        check_integer("max_iter", self.max_iter, minimum=1)
        _check_bool("shuffle", self.shuffle)
        check_positive("tol", self.tol, allow_zero=True)
        _check_bool("warm_start", self.warm_start)
        check_in_range("momentum", self.momentum, 0.0, 1.0)
        _check_bool("nesterovs_momentum", self.nesterovs_momentum)
        if not (isinstance(self.n_iter_no_change, float) and self.n_iter_no_change == np.inf):
            check_integer("n_iter_no_change", self.n_iter_no_change, minimum=1)
        dropout = check_scalar("dropout", self.dropout)
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1); got {self.dropout!r}.")
        if not isinstance(self.verbose, bool | numbers.Integral):
            raise TypeError(f"verbose must be True/False or an int; got "
                            f"{describe(self.verbose)}.")
        return sizes

    # --- the network behind the fitted attributes -----------------------------------------
    def _network(self, rng=None, init=False):
        """An MLP whose weight arrays ARE ``coefs_`` / ``intercepts_`` (no copy).

        With ``init=True`` the MLP draws fresh Glorot weights from ``rng`` (scikit-learn's
        order) and they become ``coefs_`` and ``intercepts_``.
        """
        net = MLP(self._layer_units, self.activation,
                  output=self.out_activation_, init="glorot" if init else "zeros",
                  dropout=self.dropout, random_state=rng)
        if init:
            self.coefs_, self.intercepts_ = ([d.W for d in net.dense],
                                             [d.b for d in net.dense])
            return net
        for i, layer in enumerate(net.dense):
            for name, arrays in (("coefs_", self.coefs_), ("intercepts_", self.intercepts_)):
                key = "W" if name == "coefs_" else "b"
                arr = arrays[i]
                if not (isinstance(arr, np.ndarray) and arr.dtype == np.float64
                        and arr.flags.c_contiguous):
                    arr = np.ascontiguousarray(arr, dtype=np.float64)
                    arrays[i] = arr
                if arr.shape != layer.params[key].shape:
                    raise ValueError(f"{name}[{i}] must have shape {layer.params[key].shape}; "
                                     f"got {describe(arr)}.")
                layer.params[key] = arr
        return net

    # --- fitting --------------------------------------------------------------------------
    def fit(self, X, y):
        """Fit the model to data X and class labels y.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        self
        """
        return self._fit(X, y, incremental=False)

    def partial_fit(self, X, y, classes=None):
        """One epoch of SGD over (X, y), continuing from the current weights.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
        classes : array_like of shape (n_classes,), optional
            All the classes; required on the first call.

        Returns
        -------
        self
        """
        if _check_partial_fit_first_call(self, classes):
            self._label_binarizer = LabelBinarizer().fit(self.classes_)
        return self._fit(X, y, incremental=True)

    def _validate_input(self, X, y, incremental, reset):
        X, y = validate_data(self, X, y, dtype=np.float64, reset=reset, y_numeric=False)
        check_classification_targets(y)
        if not hasattr(self, "classes_") or (not self.warm_start and not incremental):
            self._label_binarizer = LabelBinarizer().fit(y)
            self.classes_ = self._label_binarizer.classes_
        else:
            classes = unique_labels(y)
            if self.warm_start:
                if set(classes) != set(self.classes_):
                    raise ValueError(
                        "warm_start can only be used where `y` has the same classes as in "
                        f"the previous call to fit. Previously got {self.classes_}, `y` has "
                        f"{classes}")
            elif len(np.setdiff1d(classes, self.classes_, assume_unique=True)):
                raise ValueError(f"`y` has classes not in `self.classes_`. `self.classes_` "
                                 f"has {self.classes_}. 'y' has {classes}.")
        # booleans, as scikit-learn: 8 times less memory than float64, the same arithmetic
        Y = self._label_binarizer.transform(y).astype(bool)
        return X, Y

    def _fit(self, X, y, incremental):
        hidden = self._check_params()
        first_pass = not hasattr(self, "coefs_") or (not self.warm_start and not incremental)
        X, Y = self._validate_input(X, y, incremental, reset=first_pass)
        n_samples, n_features = X.shape
        self.n_outputs_ = Y.shape[1]
        self._layer_units = [n_features, *hidden, self.n_outputs_]
        self._random_state = check_random_state(self.random_state)
        if first_pass:
            self.n_iter_ = 0
            self.t_ = 0
            self.n_layers_ = len(self._layer_units)
            self.out_activation_ = ("softmax" if self._label_binarizer.y_type_ == "multiclass"
                                    else "logistic")
            net = self._network(self._random_state, init=True)
            self.loss_curve_ = []
            self._no_improvement_count = 0
            self.best_loss_ = np.inf
        else:
            if [c.shape[0] for c in self.coefs_] + [self.coefs_[-1].shape[1]] \
                    != self._layer_units:
                raise ValueError(
                    "hidden_layer_sizes and the data must match the fitted network "
                    f"{[c.shape[0] for c in self.coefs_] + [self.coefs_[-1].shape[1]]} "
                    f"to continue training (warm_start / partial_fit); got "
                    f"{self._layer_units}.")
            net = self._network(self._random_state)
        if not incremental or not hasattr(self, "_optimizer"):
            self._optimizer = SGD(self.learning_rate_init, self.momentum,
                                  self.nesterovs_momentum)
        # A diverging fit overflows; say so once, clearly, below, instead of numpy warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            self._fit_stochastic(net, X, Y, incremental)
        if not all(np.isfinite(w).all() for w in self.coefs_ + self.intercepts_):
            raise ValueError("Solver produced non-finite parameter weights. The input data "
                             "may contain large values and need to be preprocessed.")
        return self

    def _fit_stochastic(self, net, X, Y, incremental):
        n_samples = X.shape[0]
        if self.batch_size == "auto":
            batch_size = min(200, n_samples)
        else:
            if self.batch_size > n_samples:
                warnings.warn("Got `batch_size` less than 1 or larger than sample size. "
                              "It is going to be clipped", stacklevel=3)
            batch_size = int(np.clip(self.batch_size, 1, n_samples))
        rng, opt, alpha = self._random_state, self._optimizer, float(self.alpha)
        params, grads = net.params, net.grads
        step = net._loss_and_grads
        shuffle = self.shuffle
        sample_idx = np.arange(n_samples)
        starts = range(0, n_samples, batch_size)
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            if shuffle:
                # the same draws as sklearn.utils.shuffle(sample_idx, random_state=rng)
                perm = np.arange(n_samples)
                rng.shuffle(perm)
                sample_idx = sample_idx[perm]
            accumulated_loss = 0.0
            for start in starts:
                stop = min(start + batch_size, n_samples)
                if shuffle:
                    idx = sample_idx[start:stop]
                    X_batch, Y_batch = X[idx], Y[idx]
                else:
                    X_batch, Y_batch = X[start:stop], Y[start:stop]
                batch_loss = step(X_batch, Y_batch, alpha, True)
                accumulated_loss += batch_loss * (stop - start)
                opt.step(params, grads)
            self.n_iter_ += 1
            self.loss_ = accumulated_loss / n_samples
            self.t_ += n_samples
            self.loss_curve_.append(self.loss_)
            if self.verbose:
                print(f"Iteration {self.n_iter_}, loss = {self.loss_:.8f}")
            # scikit-learn's _update_no_improvement_count (without early stopping)
            if self.loss_curve_[-1] > self.best_loss_ - self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if self.loss_curve_[-1] < self.best_loss_:
                self.best_loss_ = self.loss_curve_[-1]
            if self._no_improvement_count > self.n_iter_no_change:
                if self.verbose:
                    print(f"Training loss did not improve more than tol={self.tol:f} for "
                          f"{self.n_iter_no_change} consecutive epochs. Stopping.")
                break
            if incremental:
                break
            if self.n_iter_ == self.max_iter:
                warnings.warn(
                    f"Stochastic Optimizer: Maximum iterations ({self.max_iter}) reached and "
                    "the optimization hasn't converged yet.", ConvergenceWarning, stacklevel=3)

    # --- predicting -----------------------------------------------------------------------
    def _forward(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return self._network().forward(X)

    def predict_proba(self, X):
        """Probability of each class, columns in the order of ``classes_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
        """
        P = self._forward(X)
        if self.n_outputs_ == 1:
            p = P[:, 0]
            return np.vstack([1 - p, p]).T
        return P

    def predict_log_proba(self, X):
        """Natural log of :meth:`predict_proba`.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
        """
        P = self.predict_proba(X)
        with np.errstate(divide="ignore"):
            return np.log(P, out=P)

    def predict(self, X):
        """Predicted class of each sample.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        P = self._forward(X)
        if self.n_outputs_ == 1:
            P = P.ravel()
        return self._label_binarizer.inverse_transform(P)
