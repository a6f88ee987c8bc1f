"""Losses: how far predictions are from the targets, and which way to move them.

Every loss here returns a pair ``(loss, gradient)``:

- ``loss`` is a float, the average over the samples (a weighted average
  ``sum_i w_i l_i / sum_i w_i`` when ``sample_weight`` is given);
- ``gradient`` is the derivative of that average with respect to the prediction
  argument (logits ``z``, scores ``s``, outputs ``y_hat`` or probabilities ``p``), with
  the same shape as that argument. Because the loss is an average, each sample's
  gradient carries a factor 1/n (w_i / sum w with weights).

The cross-entropies take **logits** (the scores before the logistic or softmax) and
combine the activation with the logarithm, which keeps them finite for any finite input:
log σ(z) is computed as -log(1 + e^-z) by ``np.logaddexp``, never as log of a number
that has rounded to 0. :class:`nnlib.network.MLP` trains with these very functions.

**Why the exact loss and scikit-learn's can differ.** scikit-learn's MLP computes its
loss from the probabilities, clipped to [eps, 1 - eps] (eps = 2.2e-16 in float64) so that
log 0 never happens. Where an output saturates (σ(z) rounds to 1 for z > 37) the clipped
loss stops growing at -log(eps) = 36.04 per sample, while the exact loss log(1 + e^z) - y z
keeps growing with z. For regression with several outputs scikit-learn averages the
squared error over the outputs as well, ½ mean_k, while its gradient is that of the sum
½ Σ_k. The gradients are the same in both libraries (the exact ones). Pass
``sklearn_compatible=True`` to get the loss VALUE scikit-learn reports (the estimators
do, so that their ``loss_curve_`` and their stopping match scikit-learn's); the gradient
is unchanged.

**Poisson.** :func:`poisson` (half the Poisson deviance) takes log-means z and predicts
e^z, as scikit-learn's ``MLPRegressor(loss='poisson')``. scikit-learn sums it over the
outputs (it averages the squared error over them), so nnlib does too.

The targets of the network's losses are checked by one function,
:func:`check_targets`, which :class:`nnlib.network.MLP` uses too.

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
from nnlib.activations import exp, logistic, softmax

__all__ = [
    "LOSSES",
    "TARGET_KINDS",
    "binary_cross_entropy",
    "categorical_cross_entropy",
    "check_sample_weight",
    "check_targets",
    "get_loss",
    "hinge",
    "log_loss",
    "poisson",
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


def _as_prediction(x, name: str, ndim) -> np.ndarray:
    """Logits or outputs: float32/float64 arrays as they are, anything else as float64.

    NaN or inf in the predictions is not an input error (a diverging network makes them):
    the loss is then NaN or inf, as numpy computes it. Targets are checked for it.
    """
    if isinstance(x, np.ndarray) and x.dtype.char in "fd" and x.ndim in ndim:
        arr = x
    else:
        arr = as_float_array(x, name, ndim=ndim, finite=False)  # or says what is wrong
    _check_not_empty(arr, name)
    return arr


def _checked(y, x, name: str, kind: str, sample_weight, ndim=(1, 2)):
    """Check a loss's inputs: the prediction argument ``x`` (as given, and as columns
    (n, n_outputs), a view), the targets as (n, n_outputs) and the sample weights."""
    x = _as_prediction(x, name, ndim)
    columns = x.reshape(len(x), -1)
    Y = check_targets(y, kind, *columns.shape)
    return x, columns, Y, check_sample_weight(sample_weight, len(x))


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    """log softmax(Z) over the last axis, without overflow: (Z - max) - log sum exp(Z - max)."""
    with np.errstate(over="ignore"):  # a gap below -1.8e308 becomes -inf (probability 0)
        shifted = Z - np.max(Z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


# --------------------------------------------------------------------- the checks

#: What :func:`check_targets` accepts, by kind.
TARGET_KINDS = {
    "binary": "0/1 labels, one column per output unit",
    "one_hot": "class labels 0..k-1, or one-hot rows (a single 1 per row)",
    "real": "real numbers, one column per output unit",
    "non_negative": "real numbers >= 0 (counts or rates), one column per output unit",
}


def check_targets(y, kind: str, n_samples: int, n_outputs: int, name: str = "y"):
    """Check targets and return them as a float array of shape (n_samples, n_outputs).

    The one validator of targets in nnlib: the losses below and
    :class:`nnlib.network.MLP` both call it.

    Parameters
    ----------
    y : array_like
        ``'binary'``: 0/1 labels of shape (n_samples, n_outputs), or (n_samples,) when
        n_outputs is 1. ``'one_hot'``: class labels 0..n_outputs-1 of shape
        (n_samples,), or one-hot rows of shape (n_samples, n_outputs), each with a
        single 1. ``'real'``: numbers, shaped as for ``'binary'``.
        ``'non_negative'``: numbers >= 0 (the Poisson loss), shaped as for ``'binary'``.
    kind : {'binary', 'one_hot', 'real', 'non_negative'}
    n_samples : int
        Rows the targets must have (the predictions' rows).
    n_outputs : int
        Columns (output units; classes for ``'one_hot'``, at least 2).
    name : str, default 'y'
        The argument's name in messages.

    Returns
    -------
    ndarray of shape (n_samples, n_outputs)
        A new array unless ``y`` was already a float64 array of that shape.

    Examples
    --------
    >>> check_targets([0, 2], "one_hot", 2, 3)
    array([[1., 0., 0.],
           [0., 0., 1.]])
    >>> check_targets([[1, 1, 0]], "one_hot", 1, 3)
    Traceback (most recent call last):
    ...
    ValueError: y one-hot rows must hold a single 1 and 0 elsewhere; got row 0: [1.0, 1.0, 0.0].
    """
    if kind not in TARGET_KINDS:
        check_choice("kind", kind, TARGET_KINDS)  # raises, listing the kinds
    if kind == "one_hot" and n_outputs < 2:
        raise ValueError(f"one-hot targets need at least 2 classes (columns); got "
                         f"{n_outputs}. For one output use a logistic unit and 0/1 labels.")
    if isinstance(y, np.ndarray) and y.dtype == np.float64 and y.ndim in (1, 2) \
            and kind in ("binary", "one_hot"):
        Y = y  # NaN and inf fail the label checks below
    else:
        Y = as_float_array(y, name, ndim=(1, 2))
    if kind == "one_hot" and Y.ndim == 1:
        labels = as_int_labels(Y, name, n_classes=n_outputs)
        Y = np.zeros((len(labels), n_outputs))
        Y[np.arange(len(labels)), labels] = 1.0
    elif Y.ndim == 1:
        if n_outputs != 1:
            raise ValueError(f"{name} must have shape (n_samples, {n_outputs}), one column "
                             f"per output; got {describe(Y)}.")
        Y = Y[:, None]
    if Y.shape[1] != n_outputs:
        what = "one per class" if kind == "one_hot" else "one per output"
        raise ValueError(f"{name} must have {n_outputs} column{'s' if n_outputs != 1 else ''} "
                         f"({what}); got {describe(Y)}.")
    if Y.shape[0] != n_samples:
        raise ValueError(f"{name} must have one row per sample ({n_samples}); got "
                         f"{Y.shape[0]}.")
    if kind == "binary":
        if ((Y != 0) & (Y != 1)).any():
            check_binary_labels(Y, name)  # raises, naming the wrong labels
    elif kind == "one_hot":
        bad = ((Y != 0) & (Y != 1)).any(axis=1) | (Y.sum(axis=1) != 1)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ValueError(f"{name} one-hot rows must hold a single 1 and 0 elsewhere; "
                             f"got row {row}: {Y[row].tolist()}.")
    elif kind == "non_negative" and (Y < 0).any():
        row, col = np.argwhere(Y < 0)[0]
        raise ValueError(f"{name} must be >= 0 for the Poisson loss (counts or rates); got "
                         f"{Y[row, col]:g} in row {row}.")
    return Y


def check_sample_weight(sample_weight, n_samples: int):
    """None, or the weights as a float64 array of shape (n_samples,), checked.

    Parameters
    ----------
    sample_weight : None or array_like of shape (n_samples,)
        Non-negative, finite, with a positive sum.
    n_samples : int

    Returns
    -------
    None or ndarray of shape (n_samples,)
    """
    if sample_weight is None:
        return None
    w = as_float_array(sample_weight, "sample_weight", ndim=1)
    if w.shape[0] != n_samples:
        raise ValueError(f"sample_weight must hold one weight per sample ({n_samples}); "
                         f"got {w.shape[0]}.")
    if np.any(w < 0):
        raise ValueError(f"sample_weight must be >= 0; got {w[w < 0][0]:g}.")
    if not w.sum() > 0:
        raise ValueError("sample_weight must have a positive sum; got all zeros.")
    return w


def _weighted_mean(per_sample: np.ndarray, w) -> float:
    """sum_i w_i l_i / sum_i w_i (the plain mean when w is None)."""
    if w is None:
        return float(per_sample.mean())
    return float(np.dot(w, per_sample) / w.sum())


def _sklearn_mean(per_entry: np.ndarray, w, over_outputs) -> float:
    """scikit-learn's reduction of a (n, k) array of losses: the (weighted) mean over the
    samples of each output, then ``over_outputs`` ('sum' or 'mean') of those k numbers, in
    scikit-learn's order (so the same rounding)."""
    if w is None:  # np.average's arithmetic (a sum, then / n), without its overhead
        per_output = np.add.reduce(per_entry, axis=0) / len(per_entry)
    else:
        per_output = np.average(per_entry, weights=w, axis=0)
    return float(per_output.sum() if over_outputs == "sum" else per_output.mean())


def _gradient_factor(w, n: int, dtype):
    """d(mean)/d(l_i) as a column: 1/n, or w_i / sum w."""
    if w is None:
        return dtype.type(1.0 / n)
    return (w / w.sum()).astype(dtype, copy=False)[:, None]


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x log y, and 0 where x = 0 (as scipy.special.xlogy; numpy only)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x * np.log(y)).astype(x.dtype, copy=False)


def _clipped(P: np.ndarray) -> np.ndarray:
    """Probabilities clipped to [eps, 1 - eps] as scikit-learn's log losses do."""
    eps = np.finfo(P.dtype).eps
    return P.clip(eps, 1 - eps)


# --------------------------------------------------------------------- the losses


def binary_cross_entropy(y, z, sample_weight=None, sklearn_compatible=False):
    """Binary cross-entropy of labels y given logits z (the logistic regression loss).

    Per sample and output, with p = σ(z):  -[y log p + (1 - y) log(1 - p)]
    = log(1 + e^z) - y z; summed over the outputs (one per label), averaged over samples.

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
        Labels, 0 or 1.
    z : array_like, shape (n_samples,) or (n_samples, n_outputs)
        Logits (scores before the logistic). Shapes (n,) and (n, 1) may be mixed.
    sample_weight : array_like of shape (n_samples,), optional
        Weights w_i: the loss is sum_i w_i l_i / sum_i w_i.
    sklearn_compatible : bool, default False
        Return the loss VALUE as scikit-learn's MLP computes it, from σ(z) clipped to
        [eps, 1 - eps] (see the module docstring). The gradient is the same.

    Returns
    -------
    loss : float
        Average over the samples.
    gradient : ndarray, same shape as `z`
        (σ(z) - y) / n (times n w_i / sum w with weights).

    Examples
    --------
    >>> loss, grad = binary_cross_entropy([1, 0], [0.0, 0.0])
    >>> round(loss, 4), grad
    (0.6931, array([-0.25,  0.25]))
    """
    z, Zc, Y, w = _checked(y, z, "z", "binary", sample_weight)
    n = len(Zc)
    P = logistic(Zc)
    gradient = (P - Y) * _gradient_factor(w, n, Zc.dtype)
    if sklearn_compatible:
        Pc = _clipped(P)
        # y log p + (1 - y) log(1 - p) with y = 0 or 1: the log of the probability
        # given to the true label (the same numbers, with fewer operations)
        loss = -_sklearn_mean(np.log(np.where(Y == 1, Pc, 1 - Pc)), w, "sum")
    else:
        loss = _weighted_mean(np.sum(np.logaddexp(0.0, Zc) - Y * Zc, axis=1), w)
    return loss, gradient.reshape(z.shape)


def categorical_cross_entropy(y, Z, sample_weight=None, sklearn_compatible=False):
    """Categorical cross-entropy of class labels given logits Z (softmax regression's loss).

    Per sample: -log softmax(z)_y, minus the log of the probability given to the true class.

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, n_classes)
        Class labels 0, ..., k-1, or the same as one-hot rows (a single 1 per row).
    Z : array_like, shape (n_samples, n_classes)
        Logits, one row per sample, at least 2 classes.
    sample_weight : array_like of shape (n_samples,), optional
        Weights w_i: the loss is sum_i w_i l_i / sum_i w_i.
    sklearn_compatible : bool, default False
        Return the loss VALUE as scikit-learn's MLP computes it, from softmax(Z) clipped to
        [eps, 1 - eps] (see the module docstring). The gradient is the same.

    Returns
    -------
    loss : float
        Average over the samples.
    gradient : ndarray, shape (n_samples, n_classes)
        (softmax(Z) - Y) / n, where Y is one-hot (times n w_i / sum w with weights).

    Examples
    --------
    >>> loss, grad = categorical_cross_entropy([0], [[0.0, 0.0]])
    >>> round(loss, 4), grad
    (0.6931, array([[-0.5,  0.5]]))
    """
    Z, _, Y, w = _checked(y, Z, "Z", "one_hot", sample_weight, ndim=(2,))
    n = len(Z)
    P = softmax(Z, axis=1)
    gradient = (P - Y) * _gradient_factor(w, n, Z.dtype)
    if sklearn_compatible:
        return -_sklearn_mean(Y * np.log(_clipped(P)), w, "sum"), gradient
    return _weighted_mean(-np.sum(Y * _log_softmax(Z), axis=1), w), gradient


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


def squared_error(y, y_hat, sample_weight=None, sklearn_compatible=False):
    """Squared error for regression: the average over samples of ½ ‖ŷ - y‖².

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
        Targets.
    y_hat : array_like, same shape as `y`
        Predictions. Shapes (n,) and (n, 1) may be mixed.
    sample_weight : array_like of shape (n_samples,), optional
        Weights w_i: the loss is sum_i w_i l_i / sum_i w_i.
    sklearn_compatible : bool, default False
        Return the loss VALUE as scikit-learn's MLPRegressor computes it: ½ times the
        MEAN over the outputs (not the sum) of the (weighted) mean squared error. The
        same for one output. The gradient is that of the sum either way, as in
        scikit-learn.

    Returns
    -------
    loss : float
        Average over the samples (inf if an error is beyond about 1e154, whose
        square float64 cannot hold).
    gradient : ndarray, same shape as `y_hat`
        (ŷ - y) / n (times n w_i / sum w with weights).

    Examples
    --------
    >>> squared_error([1.0, 2.0], [1.0, 4.0])
    (1.0, array([0., 1.]))
    """
    y_hat = _as_prediction(y_hat, "y_hat", (1, 2))
    H = y_hat.reshape(len(y_hat), -1)  # (n, n_outputs), a view
    n, k = H.shape
    y_arr = np.asarray(y) if not isinstance(y, str | bytes) else y
    if getattr(y_arr, "ndim", 0) == 2 and y_hat.ndim == 2 and y_arr.shape != y_hat.shape \
            or getattr(y_arr, "ndim", 0) == 1 and y_hat.ndim == 2 and k != 1:
        raise ValueError(f"y and y_hat must have the same shape; got {np.shape(y_arr)} and "
                         f"{y_hat.shape}.")
    Y = check_targets(y, "real", n, k)
    w = check_sample_weight(sample_weight, n)
    error = H - Y
    with np.errstate(over="ignore"):  # a square beyond float64's range is inf
        if sklearn_compatible:
            loss = 0.5 * _sklearn_mean(error**2, w, "mean")
        else:
            loss = _weighted_mean(0.5 * np.sum(error**2, axis=1), w)
    gradient = error * _gradient_factor(w, n, H.dtype)
    return loss, gradient.reshape(y_hat.shape)


def poisson(y, z, sample_weight=None, sklearn_compatible=False):
    """Half the Poisson deviance of targets y >= 0 given log-means z (ŷ = e^z).

    Per sample and output: y log(y / ŷ) - y + ŷ = y log y - y z - y + e^z (0 where
    y = ŷ; y log y is 0 at y = 0); summed over the outputs, averaged over samples. This is
    scikit-learn's ``MLPRegressor(loss='poisson')`` loss, whose output layer is
    exp (:func:`nnlib.activations.exp`, the "log link").

    Parameters
    ----------
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
        Targets, >= 0 (counts or rates).
    z : array_like, shape (n_samples,) or (n_samples, n_outputs)
        Log-means: the output layer's z, before its exp. Shapes (n,) and (n, 1) may be
        mixed.
    sample_weight : array_like of shape (n_samples,), optional
        Weights w_i: the loss is sum_i w_i l_i / sum_i w_i.
    sklearn_compatible : bool, default False
        Return the loss VALUE as scikit-learn computes it, from ŷ = e^z:
        xlogy(y, y / ŷ) - y + ŷ (the same number up to rounding, while e^z is finite).
        The gradient is the same.

    Returns
    -------
    loss : float
        Average over the samples (inf once e^z overflows).
    gradient : ndarray, same shape as `z`
        (e^z - y) / n (times n w_i / sum w with weights).

    Raises
    ------
    ValueError
        If a target is negative.

    Examples
    --------
    >>> loss, grad = poisson([1.0, 0.0], [0.0, 0.0])
    >>> round(loss, 4), grad
    (0.5, array([0. , 0.5]))
    """
    z, Zc, Y, w = _checked(y, z, "z", "non_negative", sample_weight)
    n = len(Zc)
    Y_hat = exp(Zc)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if sklearn_compatible:
            loss = _sklearn_mean(_xlogy(Y, Y / Y_hat) - Y + Y_hat, w, "sum")
        else:
            loss = _weighted_mean(np.sum(_xlogy(Y, Y) - Y * Zc - Y + Y_hat, axis=1), w)
    gradient = (Y_hat - Y) * _gradient_factor(w, n, Zc.dtype)
    return loss, gradient.reshape(z.shape)


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
        Y = check_targets(y, "one_hot", n, p.shape[1])
        loss = -np.mean(np.log(clipped[Y == 1]))
        gradient = -Y / clipped / n
    return float(loss), gradient


#: Losses by name; each returns ``(loss, gradient)``.
LOSSES: dict[str, Callable] = {
    "binary_cross_entropy": binary_cross_entropy,
    "categorical_cross_entropy": categorical_cross_entropy,
    "hinge": hinge,
    "squared_error": squared_error,
    "poisson": poisson,
    "log_loss": log_loss,
}


def get_loss(name: str) -> Callable:
    """Look up a loss by name.

    Parameters
    ----------
    name : str
        One of 'binary_cross_entropy', 'categorical_cross_entropy', 'hinge',
        'log_loss', 'poisson', 'squared_error'.

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
