"""Numerical gradients, to check the gradients we derive by hand.

The central difference

    df/dx_i ≈ (f(x + h e_i) - f(x - h e_i)) / (2h)

needs nothing but the function itself. It is far too slow to train with (two calls of f
per parameter) but ideal as a referee: if the hand-derived gradient and the numerical
one agree to a relative error of about 1e-7 or better, the derivation is right.
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


def numerical_gradient(f, x, h=1e-6):
    """Gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns one number. It receives a float64 array shaped like `x`
        (a copy: changing it does not affect the result).
    x : array_like, any shape
        The point at which to take the gradient.
    h : float, default 1e-6
        Step size (> 0).

    Returns
    -------
    float or ndarray of float64, same shape as `x`
        ``grad[i] ≈ (f(x + h e_i) - f(x - h e_i)) / (2h)``.

    Examples
    --------
    >>> numerical_gradient(lambda x: (x**2).sum(), [1.0, -2.0]).round(6)
    array([ 2., -4.])
    """
    if not callable(f):
        raise TypeError(f"f must be a function (callable); got {describe(f)}.")
    h = check_positive("h", h)
    x = as_float_array(x, "x").copy()
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):  # one coordinate at a time
        original = x[index]
        x[index] = original + h
        f_plus = _as_number(f(x.copy()), index)
        x[index] = original - h
        f_minus = _as_number(f(x.copy()), index)
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return float(grad) if grad.ndim == 0 else grad


def relative_error(a, b):
    """Largest difference between two arrays, relative to their size.

    ``max |a - b| / max(|a| + |b|)``; 0 when both are all zero. Values below about
    1e-7 mean that an analytic and a numerical gradient agree.

    Parameters
    ----------
    a, b : array_like, same shape
        For example an analytic and a numerical gradient.

    Returns
    -------
    float
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; got {a.shape} and {b.shape}.")
    if a.size == 0:
        return 0.0
    scale = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b))) / scale
