"""Losses: how far predictions are from the targets, and which way to move them.

Every loss here returns a pair ``(loss, gradient)``:

- ``loss`` is a float, the average over the samples;
- ``gradient`` is the derivative of that average with respect to the prediction
  argument (logits ``z``, scores ``s``, outputs ``y_hat`` or probabilities ``p``), with
  the same shape as that argument. Because the loss is an average, each sample's
  gradient carries a factor 1/n.

The cross-entropies take **logits** (the scores before the logistic or softmax) and
combine the activation with the logarithm, which keeps them finite for any finite input:
log σ(z) is computed as -log(1 + e^-z) by ``np.logaddexp``, never as log of a number
that has rounded to 0.

Look a loss up by name with :func:`get_loss`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnlib._validation import (
    as_float_array,
    as_int_labels,
    check_binary_labels,
    check_choice,
    check_same_length,
    describe,
)
from nnlib.activations import logistic, softmax

__all__ = [
    "LOSSES",
    "binary_cross_entropy",
    "categorical_cross_entropy",
    "get_loss",
    "hinge",
    "log_loss",
    "squared_error",
]


def _column(values, name: str, what: str) -> np.ndarray:
    """Validate a vector of shape (n,) or (n, 1) with at least one sample."""
    arr = as_float_array(values, name, ndim=(1, 2))
    if arr.ndim == 2 and arr.shape[1] != 1:
        raise ValueError(
            f"{name} must have shape (n_samples,) or (n_samples, 1) ({what}); "
            f"got {describe(arr)}."
        )
    _check_not_empty(arr, name)
    return arr


def _check_not_empty(arr: np.ndarray, name: str) -> None:
    if len(arr) == 0:
        raise ValueError(f"{name} must hold at least one sample; got {describe(arr)}.")


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    """log softmax(Z) over the last axis, without overflow: (Z - max) - log sum exp(Z - max)."""
    with np.errstate(over="ignore"):  # a gap below -1.8e308 becomes -inf (probability 0)
        shifted = Z - np.max(Z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def _labels_and_one_hot(y, n_samples: int, n_classes: int, name: str = "y"):
    """Accept class labels (n,) or one-hot rows (n, k); return both forms."""
    arr = as_float_array(y, name, ndim=(1, 2))
    if arr.ndim == 1:
        labels = as_int_labels(arr, name, n_classes=n_classes)
    else:
        if arr.shape[1] != n_classes:
            raise ValueError(
                f"{name} one-hot rows must have {n_classes} columns, one per class; "
                f"got {describe(arr)}."
            )
        if np.any((arr != 0) & (arr != 1)) or np.any(arr.sum(axis=1) != 1):
            bad = int(np.flatnonzero(((arr != 0) & (arr != 1)).any(axis=1)
                                     | (arr.sum(axis=1) != 1))[0])
            raise ValueError(
                f"{name} one-hot rows must hold a single 1 and 0 elsewhere; "
                f"got row {bad}: {arr[bad].tolist()}."
            )
        labels = np.argmax(arr, axis=1)
    if len(labels) != n_samples:
        raise ValueError(
            f"{name} must have one label per sample; got {len(labels)} labels "
            f"for {n_samples} samples."
        )
    one_hot = np.eye(n_classes)[labels]
    return labels, one_hot


def binary_cross_entropy(y, z):
    """Binary cross-entropy of labels y given logits z (the logistic regression loss).

    Per sample, with p = σ(z):  -[y log p + (1 - y) log(1 - p)]  =  log(1 + e^z) - y z.

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, 1)
        Labels, 0 or 1.
    z : array_like, shape (n_samples,) or (n_samples, 1)
        Logits (scores before the logistic), one per sample.

    Returns
    -------
    loss : float
        Average over the samples.
    gradient : ndarray, same shape as `z`
        (σ(z) - y) / n.
    """
    z = _column(z, "z", "one logit per sample")
    y = _column(y, "y", "one label per sample")
    check_same_length("y", y, "z", z)
    check_binary_labels(y)
    y = y.reshape(z.shape)
    n = len(z)
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    gradient = (logistic(z) - y) / n
    return float(loss), gradient


def categorical_cross_entropy(y, Z):
    """Categorical cross-entropy of class labels given logits Z (softmax regression's loss).

    Per sample: -log softmax(z)_y, minus the log of the probability given to the true class.

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, n_classes)
        Class labels 0, ..., k-1, or the same as one-hot rows.
    Z : array_like, shape (n_samples, n_classes)
        Logits, one row per sample.

    Returns
    -------
    loss : float
        Average over the samples.
    gradient : ndarray, shape (n_samples, n_classes)
        (softmax(Z) - Y) / n, where Y is one-hot.
    """
    Z = as_float_array(Z, "Z", ndim=2)
    _check_not_empty(Z, "Z")
    n, k = Z.shape
    if k == 0:
        raise ValueError(f"Z must have one column per class; got {describe(Z)}.")
    labels, Y = _labels_and_one_hot(y, n, k)
    log_p = _log_softmax(Z)
    loss = -np.mean(log_p[np.arange(n), labels])
    gradient = (softmax(Z, axis=1) - Y) / n
    return float(loss), gradient


def hinge(y, s):
    """Hinge loss of the linear SVM: the average of max(0, 1 - y s).

    A sample costs nothing once it is on the right side with a margin, y s >= 1.

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, 1)
        Labels -1 or +1 (labels 0 and 1 are accepted and mapped to -1 and +1).
    s : array_like, shape (n_samples,) or (n_samples, 1)
        Scores s = w·x + b.

    Returns
    -------
    loss : float
        Average over the samples.
    gradient : ndarray, same shape as `s`
        -y / n where y s < 1, else 0 (a subgradient: 0 at the kink y s = 1).
    """
    s = _column(s, "s", "one score per sample")
    y = _column(y, "y", "one label per sample")
    check_same_length("y", y, "s", s)
    found = set(np.unique(y).tolist())
    if found <= {0.0, 1.0}:
        y = 2 * y - 1  # 0/1 -> -1/+1
    elif not found <= {-1.0, 1.0}:
        raise ValueError(
            "y must contain labels -1 and +1 (or 0 and 1); "
            f"got {', '.join(f'{v:g}' for v in sorted(found))}."
        )
    y = y.reshape(s.shape)
    n = len(s)
    margin = 1.0 - y * s
    loss = np.mean(np.maximum(0.0, margin))
    gradient = np.where(margin > 0, -y, 0.0) / n
    return float(loss), gradient


def squared_error(y, y_hat):
    """Squared error for regression: the average over samples of ½ ‖ŷ - y‖².

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    y_hat : array_like, same shape as `y`
        Predictions. Shapes (n,) and (n, 1) may be mixed.

    Returns
    -------
    loss : float
        Average over the samples (inf if an error is beyond about 1e154, whose
        square float64 cannot hold).
    gradient : ndarray, same shape as `y_hat`
        (ŷ - y) / n.
    """
    y_hat = as_float_array(y_hat, "y_hat", ndim=(1, 2))
    y = as_float_array(y, "y", ndim=(1, 2))
    _check_not_empty(y_hat, "y_hat")
    if y.shape != y_hat.shape:
        if y.size == y_hat.size and len(y) == len(y_hat) and y.size == len(y):
            y = y.reshape(y_hat.shape)  # (n,) against (n, 1)
        else:
            raise ValueError(
                f"y and y_hat must have the same shape; got {y.shape} and {y_hat.shape}."
            )
    n = len(y_hat)
    error = y_hat - y
    with np.errstate(over="ignore"):  # a square beyond float64's range is inf
        loss = 0.5 * np.sum(error**2) / n
    return float(loss), error / n


def log_loss(y, p):
    """Cross-entropy of labels given predicted probabilities (not logits).

    The same number as ``sklearn.metrics.log_loss(y, p)``: probabilities are clipped to
    [eps, 1 - eps] (eps = 2.2e-16) so that log(0) never happens, then per sample the loss
    is -log of the probability of the true class. Prefer :func:`binary_cross_entropy` or
    :func:`categorical_cross_entropy` when you have logits: they need no clipping.

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, n_classes)
        With `p` of shape (n_samples,): labels 0 or 1. With `p` of shape
        (n_samples, n_classes): class labels 0, ..., k-1, or one-hot rows.
    p : array_like, shape (n_samples,) or (n_samples, n_classes)
        Probabilities in [0, 1]: of class 1, or of each class (rows should sum to 1; like
        scikit-learn's, this is not enforced).

    Returns
    -------
    loss : float
        Average over the samples.
    gradient : ndarray, same shape as `p`
        Derivative of the loss with respect to the (clipped) probabilities.
    """
    p = as_float_array(p, "p", ndim=(1, 2))
    _check_not_empty(p, "p")
    if np.any((p < 0) | (p > 1)):
        bad = p[(p < 0) | (p > 1)][0]
        raise ValueError(
            f"p must hold probabilities in [0, 1]; got {bad:g} "
            "(for logits use binary_cross_entropy or categorical_cross_entropy)."
        )
    eps = np.finfo(np.float64).eps
    clipped = np.clip(p, eps, 1 - eps)
    n = len(p)
    if p.ndim == 1 or p.shape[1] == 1:
        y = _column(y, "y", "one label per sample")
        check_same_length("y", y, "p", p)
        check_binary_labels(y)
        y = y.reshape(p.shape)
        loss = -np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))
        gradient = (-y / clipped + (1 - y) / (1 - clipped)) / n
    else:
        labels, Y = _labels_and_one_hot(y, n, p.shape[1])
        loss = -np.mean(np.log(clipped[np.arange(n), labels]))
        gradient = -Y / clipped / n
    return float(loss), gradient


#: Losses by name; each returns ``(loss, gradient)``.
LOSSES: dict[str, Callable] = {
    "binary_cross_entropy": binary_cross_entropy,
    "categorical_cross_entropy": categorical_cross_entropy,
    "hinge": hinge,
    "squared_error": squared_error,
    "log_loss": log_loss,
}


def get_loss(name: str) -> Callable:
    """Look up a loss by name.

    Parameters
    ----------
    name : str
        One of 'binary_cross_entropy', 'categorical_cross_entropy', 'hinge',
        'log_loss', 'squared_error'.

    Returns
    -------
    callable
        ``loss(y, prediction) -> (loss, gradient)``.

    Raises
    ------
    ValueError
        For an unknown name, listing the valid ones.
    """
    check_choice("loss", name, LOSSES)
    return LOSSES[name]
