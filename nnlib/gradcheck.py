"""Numerical gradients, to check the gradients we derive by hand.

The central difference

    df/dx_i ≈ (f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i),   h_i = h · max(1, |x_i|)

needs nothing but the function itself. The step grows with |x_i|, because a fixed
step of 1e-5 is lost in rounding next to x = 1e12 (whose neighbours in float64 are
1.2e-4 apart). It is far too slow to train with (two calls of f per parameter) but ideal
as a referee: if the hand-derived gradient and the numerical one agree to a relative
error (:func:`relative_error`, entry by entry) of about 1e-7 or better, the derivation
is right.
"""

from __future__ import annotations

import numbers

import numpy as np

from nnlib._validation import as_float_array, check_positive, describe

__all__ = ["numerical_gradient", "relative_error"]


def _as_number(value, index) -> float:
    """The value f returned, as a float, or a clear error."""
    if isinstance(value, tuple):
        raise TypeError(
            f"f must return a single number; got a tuple of length {len(value)} "
            "(for a loss that returns (loss, gradient), use lambda ...: loss(...)[0])."
        )
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"f must return a single number; got {describe(value)}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"f must return a finite number; got {value} near x[{index}].")
    return value


def numerical_gradient(f, x, h=1e-5):
    """Gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns one number. It receives a float64 array shaped like `x`
        (a copy: changing it does not affect the result).
    x : array_like, any shape
        The point at which to take the gradient.
    h : float, default 1e-5
        Relative step size (> 0): coordinate i moves by h_i = h · max(1, |x_i|).

    Returns
    -------
    float or ndarray of float64, same shape as `x`
        ``grad[i] ≈ (f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i)``.

    Examples
    --------
    >>> numerical_gradient(lambda x: (x**2).sum(), [1.0, -2.0]).round(6)
    array([ 2., -4.])
    >>> numerical_gradient(lambda x: x**2, 1e10)   # 2x, even where x is huge
    20000000000.0
    """
    if not callable(f):
        raise TypeError(f"f must be a function (callable); got {describe(f)}.")
    h = check_positive("h", h)
    x = as_float_array(x, "x").copy()
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):  # one coordinate at a time
        original = x[index]
        step = h * max(1.0, abs(original))
        x[index] = x_plus = original + step
        f_plus = _as_number(f(x.copy()), index)
        x[index] = x_minus = original - step
        f_minus = _as_number(f(x.copy()), index)
        x[index] = original
        # divide by the distance actually stepped (x ± step rounds to a float64)
        grad[index] = (f_plus - f_minus) / (x_plus - x_minus)
    return float(grad) if grad.ndim == 0 else grad


def relative_error(a, b, eps=1e-8):
    """Largest relative difference between two arrays, entry by entry (as CS231n).

    ``max over i of |a_i - b_i| / max(eps, |a_i| + |b_i|)``; 0 when the arrays are equal.
    Each entry is compared with its own size, so a small entry with the wrong sign counts
    fully (about 1) even when other entries are large. Values below about 1e-7 mean that
    an analytic and a numerical gradient agree. Entries where both are below `eps` in
    size are compared absolutely (noise around a true 0 does not count as an error).

    Parameters
    ----------
    a, b : array_like, same shape
        For example an analytic and a numerical gradient.
    eps : float, default 1e-8
        Floor of the denominator (> 0).

    Returns
    -------
    float

    Examples
    --------
    >>> relative_error([1000.0, 1e-6], [1000.0, -1e-6])   # a wrong sign is caught
    1.0
    >>> round(relative_error([1.0, 2.0], [1.0, 2.1]), 4)   # 0.1 / 4.1
    0.0244
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b")
    eps = check_positive("eps", eps)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; got {a.shape} and {b.shape}.")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(eps, np.abs(a) + np.abs(b))))
