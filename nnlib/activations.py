"""Activation functions a(z) and their derivatives, in tables keyed by name.

Every function takes the weighted input ``z`` (a number or an array of any shape) and
works elementwise, except :func:`softmax`, which turns a whole vector of scores into
probabilities. Each returns a float64 array of the same shape (a plain ``float`` when
``z`` is a single number).

All of them are numerically stable: for any finite ``z``, even ``1e300``, they return
finite values and raise no overflow warning, except :func:`exp` (the Poisson output),
which is ``inf`` once e^z is beyond the float's range (z > 709.78 in float64), also
without a warning. NaN in gives NaN out, as in numpy (a
network whose weights diverge shows it in its outputs; it is not stopped mid-step).

The tables :data:`ACTIVATIONS` and :data:`DERIVATIVES` (keyed by name, as scikit-learn's)
are the only place nnlib writes these formulas: the chapters plot them, and
:class:`nnlib.layers.Dense` calls them in every forward and backward pass of training.
Look a function up by name with :func:`get_activation`::

    f, df = get_activation("logistic")

Float32 input stays float32 (a network trained in single precision); anything else
becomes float64.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnlib._validation import (
    as_float_array,
    check_choice,
    check_integer,
    check_positive,
)

__all__ = [
    "ACTIVATIONS",
    "chain_derivative",
    "ALIASES",
    "DERIVATIVES",
    "OUTPUT_ONLY",
    "check_activation",
    "exp",
    "exp_derivative",
    "get_activation",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "logistic",
    "logistic_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "softmax",
    "softmax_jacobian",
    "step",
    "step_derivative",
    "tanh",
    "tanh_derivative",
]


def _as_z(z) -> np.ndarray:
    """z as a float array: float32/float64 arrays as they are (no copy), else float64."""
    if isinstance(z, np.ndarray) and z.dtype.char in "fd":
        return z
    return as_float_array(z, "z", finite=False)  # converts, or says what is wrong


def _result(a: np.ndarray):
    """Return a plain float for a single number, else the array."""
    return float(a) if a.ndim == 0 else a


# ---------------------------------------------------------------------------- functions


def identity(z):
    """Identity (linear) activation: a = z.

    Parameters
    ----------
    z : float or array_like, any shape
        Weighted input.

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    return _result(_as_z(z).copy())


def step(z):
    """Unit step: a = 1 where z >= 0, else 0 (the threshold neuron's rule).

    Parameters
    ----------
    z : float or array_like, any shape
        Weighted input z = w·x - θ.

    Returns
    -------
    float or ndarray of 0.0/1.0, same shape as `z`
    """
    z = _as_z(z)
    return _result((z >= 0).astype(z.dtype))


def logistic(z):
    """Logistic sigmoid: a = 1 / (1 + exp(-z)), a smooth step with values in (0, 1).

    Computed without overflow: exp is only ever taken of -|z| <= 0.

    Parameters
    ----------
    z : float or array_like, any shape
        Weighted input.

    Returns
    -------
    float or ndarray, same shape as `z`
        Values in [0, 1] (exactly 0 or 1 only where |z| is huge).
    """
    z = _as_z(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    # For z >= 0 use 1 / (1 + e^-z); for z < 0 the equal form e^z / (1 + e^z).
    return _result(np.where(z >= 0, 1.0, e) / (1.0 + e))


#: Another name for :func:`logistic`.
sigmoid = logistic


def tanh(z):
    """Hyperbolic tangent: a = (e^z - e^-z) / (e^z + e^-z), values in (-1, 1).

    Parameters
    ----------
    z : float or array_like, any shape
        Weighted input.

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    return _result(np.tanh(_as_z(z)))


def relu(z):
    """Rectified linear unit: a = max(0, z).

    Parameters
    ----------
    z : float or array_like, any shape
        Weighted input.

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    return _result(np.maximum(_as_z(z), 0.0))


def leaky_relu(z, negative_slope=0.01):
    """Leaky ReLU: a = z where z > 0, else negative_slope * z.

    Parameters
    ----------
    z : float or array_like, any shape
        Weighted input.
    negative_slope : float, default 0.01
        Slope for negative z (>= 0). (Not called alpha: in this book alpha is the
        strength of L2 regularisation, as in scikit-learn.)

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    negative_slope = check_positive("negative_slope", negative_slope, allow_zero=True)
    z = _as_z(z)
    return _result(np.where(z > 0, z, negative_slope * z))


def exp(z):
    """Exponential: a = e^z, values in (0, inf); the output of a Poisson regression.

    It turns any real z into a positive mean (z is the log of the mean: the "log link"),
    as scikit-learn's ``MLPRegressor(loss='poisson')`` does with its output layer.

    Parameters
    ----------
    z : float or array_like, any shape
        Weighted input (the log of the predicted mean).

    Returns
    -------
    float or ndarray, same shape as `z`
        Values >= 0; ``inf`` (without a warning) where e^z is beyond the float's range.

    Examples
    --------
    >>> exp([0.0, 1.0]).round(4)
    array([1.    , 2.7183])
    """
    with np.errstate(over="ignore"):
        return _result(np.exp(_as_z(z)))


def softmax(z, axis=-1):
    """Softmax: turn scores (logits) into probabilities that sum to 1.

    a_i = exp(z_i) / sum_j exp(z_j). Subtracting max(z) first gives the same result
    (the common factor cancels) and keeps every exponent <= 0, so nothing overflows.

    Parameters
    ----------
    z : array_like, shape (k,) or (n_samples, k) or any shape with at least 1 axis
        Scores.
    axis : int, default -1
        The axis along which the probabilities sum to 1 (the classes).

    Returns
    -------
    ndarray, same shape as `z`
        Probabilities in [0, 1]; each slice along `axis` sums to 1.

    Examples
    --------
    >>> softmax([1.0, 2.0]).round(2)
    array([0.27, 0.73])
    """
    z = _as_z(z)
    if z.ndim == 0:
        raise ValueError(
            "z must have at least one axis (a vector of scores) for softmax; got a single number."
        )
    axis = check_integer("axis", axis, minimum=-z.ndim, maximum=z.ndim - 1)
    if z.shape[axis] == 0:
        raise ValueError(f"z must hold at least one score along axis {axis}; got shape {z.shape}.")
    with np.errstate(over="ignore"):  # a gap under -1.8e308 is -inf: exp gives 0
        shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)  # the largest entry is exp(0) = 1, so the sum is >= 1
    return e / np.sum(e, axis=axis, keepdims=True)


# -------------------------------------------------------------------------- derivatives


def identity_derivative(z):
    """Derivative of :func:`identity`: 1 everywhere.

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    return _result(np.ones_like(_as_z(z)))


def step_derivative(z):
    """Derivative of :func:`step`: 0 everywhere.

    The step is flat on both sides, so its slope is 0 for every z != 0; at z = 0 it
    jumps and has no derivative (we return 0 there too). A zero slope gives gradient
    descent nothing to follow, which is why networks use smooth activations.

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray of zeros, same shape as `z`
    """
    return _result(np.zeros_like(_as_z(z)))


def logistic_derivative(z):
    """Derivative of :func:`logistic`: σ'(z) = σ(z) (1 - σ(z)), at most 1/4 (at z = 0).

    Computed as σ(z) σ(-z), which is the same number (1 - σ(z) = σ(-z)) but stays
    accurate where σ(z) is close to 1.

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    z = _as_z(z)
    return _result(np.asarray(logistic(z)) * np.asarray(logistic(-z)))


def tanh_derivative(z):
    """Derivative of :func:`tanh`: 1 - tanh(z)^2, at most 1 (at z = 0).

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    t = np.tanh(_as_z(z))
    return _result(1.0 - t**2)


def relu_derivative(z):
    """Derivative of :func:`relu`: 1 where z > 0, else 0 (0 at z = 0, as scikit-learn).

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray of 0.0/1.0, same shape as `z`
    """
    z = _as_z(z)
    return _result((z > 0).astype(z.dtype))


def leaky_relu_derivative(z, negative_slope=0.01):
    """Derivative of :func:`leaky_relu`: 1 where z > 0, else negative_slope (also at z = 0).

    Parameters
    ----------
    z : float or array_like, any shape
    negative_slope : float, default 0.01
        Slope for negative z (>= 0).

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    negative_slope = check_positive("negative_slope", negative_slope, allow_zero=True)
    return _result(np.where(_as_z(z) > 0, 1.0, negative_slope))


def exp_derivative(z):
    """Derivative of :func:`exp`: e^z again.

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray, same shape as `z`
    """
    return exp(z)


def softmax_jacobian(z):
    """Jacobian of :func:`softmax` over the last axis: J[i, j] = ∂a_i/∂z_j = a_i (δ_ij - a_j).

    Parameters
    ----------
    z : array_like, shape (k,) or (n_samples, k) or (..., k)
        Scores; softmax is taken over the last axis.

    Returns
    -------
    ndarray, shape (..., k, k)
        One k-by-k matrix per score vector.
    """
    a = softmax(z, axis=-1)
    # diag(a) - a a^T, for every vector in the batch at once.
    return a[..., :, None] * np.eye(a.shape[-1]) - a[..., :, None] * a[..., None, :]


# -------------------------------------------------------------------------------- tables

#: Activation functions by name.
ACTIVATIONS: dict[str, Callable] = {
    "identity": identity,
    "step": step,
    "logistic": logistic,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "exp": exp,
    "softmax": softmax,
}

#: Derivatives by name (for softmax: the Jacobian, shape (..., k, k)).
DERIVATIVES: dict[str, Callable] = {
    "identity": identity_derivative,
    "step": step_derivative,
    "logistic": logistic_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "leaky_relu": leaky_relu_derivative,
    "exp": exp_derivative,
    "softmax": softmax_jacobian,
}

#: Output activations that a hidden layer may not use: softmax acts on a whole row, and
#: exp (the Poisson output) grows without bound.
OUTPUT_ONLY: tuple[str, ...] = ("softmax", "exp")

#: Other names accepted by :func:`get_activation`.
ALIASES: dict[str, str] = {"sigmoid": "logistic", "linear": "identity"}


def check_activation(name, elementwise: bool = False) -> str:
    """The table key for an activation name (aliases resolved), or a clear ValueError.

    Parameters
    ----------
    name : str
        A key of :data:`ACTIVATIONS` or of :data:`ALIASES`.
    elementwise : bool, default False
        Reject the output-only activations :data:`OUTPUT_ONLY` ('softmax', 'exp'): for
        a hidden layer, whose units act one by one.

    Returns
    -------
    str
        The key of :data:`ACTIVATIONS` and :data:`DERIVATIVES`.

    Examples
    --------
    >>> check_activation("sigmoid")
    'logistic'
    """
    key = ALIASES.get(name, name) if isinstance(name, str) else name
    choices = [k for k in ACTIVATIONS if not (elementwise and k in OUTPUT_ONLY)]
    return check_choice("activation", key, choices)


def get_activation(name: str) -> tuple[Callable, Callable]:
    """Look up an activation and its derivative by name.

    Parameters
    ----------
    name : str
        One of 'identity', 'step', 'logistic', 'tanh', 'relu', 'leaky_relu', 'exp',
        'softmax', or an alias: 'sigmoid' (= 'logistic'), 'linear' (= 'identity').

    Returns
    -------
    f, df : callable
        The activation and its derivative (for softmax: its Jacobian).

    Raises
    ------
    ValueError
        For an unknown name, listing the valid ones.
    """
    key = check_activation(name)
    return ACTIVATIONS[key], DERIVATIVES[key]


def chain_derivative(name: str, x, depth: int):
    """Slope of a chain of identical neurons, each with weight 1 and bias 0.

    The input x goes through ``depth`` neurons in a row: a_1 = a(x), a_k = a(a_{k-1}).
    By the chain rule the slope of the k-th output with respect to x is the product
    of the activation's derivatives along the way,

        d a_k / d x = a'(z_1) a'(z_2) ... a'(z_k),   z_1 = x,  z_k = a_{k-1}.

    For the sigmoid every factor is at most 1/4, so the product shrinks geometrically
    with depth: the vanishing gradient that the chapter on training measures.

    Parameters
    ----------
    name : str
        Activation name, as for :func:`get_activation` (not 'softmax').
    x : float
        The input to the first neuron.
    depth : int
        Number of neurons in the chain, at least 1.

    Returns
    -------
    ndarray of shape (depth,)
        Entry k - 1 is d a_k / d x, the slope after k neurons.

    Examples
    --------
    >>> chain_derivative("relu", 1.0, 3)
    array([1., 1., 1.])
    """
    f, df = get_activation(name)
    if f is softmax:
        raise ValueError("chain_derivative needs an elementwise activation; got 'softmax'.")
    a = float(as_float_array(x, "x", ndim=0))
    depth = check_integer("depth", depth, minimum=1)
    slopes = np.empty(depth)
    product = 1.0
    for k in range(depth):
        product *= float(df(a))  # one more factor a'(z_k); z_k is the previous output
        a = float(f(a))
        slopes[k] = product
    return slopes
