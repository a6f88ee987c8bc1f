"""Layers: ``Dense`` (a fully connected layer) and ``Dropout``.

A layer is a pair of functions a reader can hold in their head:

* ``forward(A, training=False)`` takes the previous layer's activations ``A``
  (one row per sample) and returns this layer's activations;
* ``backward(dA)`` takes the gradient of the loss with respect to that output, stores
  the gradients of the layer's parameters in ``grads`` and returns the gradient with
  respect to the layer's input, ready for the layer before it.

``params`` and ``grads`` are dicts keyed by the names used in the text: ``'W'`` of shape
``(n_in, n_out)`` and ``'b'`` of shape ``(n_out,)`` (``Dropout`` has none: both dicts are
empty). Optimisers change ``params`` in place.

Initial weights come from a table of schemes keyed by name, :data:`INITIALIZERS`:
``'zeros'`` (to show why it fails: every unit stays the same), ``'normal'`` (small
random numbers, standard deviation 0.01), ``'glorot'`` (Xavier, scikit-learn's uniform
version, the default) and ``'he'`` (normal with variance 2 / n_in, for ReLU).
"""

from __future__ import annotations

import numpy as np

from nnlib._validation import (
    as_float_array,
    check_choice,
    check_integer,
    check_scalar,
    describe,
)
from nnlib.activations import get_activation

__all__ = [
    "INITIALIZERS",
    "Dense",
    "Dropout",
    "as_rng",
    "init_glorot",
    "init_he",
    "init_normal",
    "init_zeros",
]


def as_rng(random_state=None):
    """Return a random generator for ``random_state``.

    Parameters
    ----------
    random_state : None, int, numpy.random.Generator or numpy.random.RandomState
        A seed goes through ``np.random.default_rng(seed)``; a Generator is used as it
        is. A legacy ``RandomState`` is also used as it is: :class:`nnlib.MLPClassifier`
        passes one so that it draws exactly the numbers scikit-learn draws.

    Returns
    -------
    numpy.random.Generator or numpy.random.RandomState
    """
    if isinstance(random_state, np.random.Generator | np.random.RandomState):
        return random_state
    if random_state is None or (
        isinstance(random_state, int | np.integer) and not isinstance(random_state, bool)
    ):
        if random_state is not None and random_state < 0:
            raise ValueError(
                f"random_state must be None, a non-negative int or a numpy Generator; "
                f"got {random_state}."
            )
        return np.random.default_rng(random_state)
    raise TypeError(
        "random_state must be None, a non-negative int or a numpy Generator; "
        f"got {describe(random_state)}."
    )


# --- initialisation schemes ----------------------------------------------------------------
# Each takes (n_in, n_out, rng, activation) and returns (W, b). ``activation`` is the
# network's hidden activation; only 'glorot' uses it (scikit-learn's gain for 'logistic').


def init_zeros(n_in, n_out, rng, activation="relu"):
    """All weights and biases 0: every unit of a layer computes the same thing forever.

    Returns
    -------
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)
    """
    return np.zeros((n_in, n_out)), np.zeros(n_out)


def init_normal(n_in, n_out, rng, activation="relu", scale=0.01):
    """Small random weights, W ~ N(0, scale²) with scale 0.01; biases 0.

    Returns
    -------
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)
    """
    return rng.normal(0.0, scale, (n_in, n_out)), np.zeros(n_out)


def init_glorot(n_in, n_out, rng, activation="relu"):
    """Glorot (Xavier) uniform initialisation, exactly as scikit-learn's MLP does it.

    W and b are drawn from U(−r, r) with r = sqrt(6 / (n_in + n_out)); for a logistic
    network scikit-learn uses r = sqrt(2 / (n_in + n_out)). W is drawn first, then b,
    so that a ``RandomState`` seeded like scikit-learn's gives identical numbers.

    Returns
    -------
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)
    """
    factor = 2.0 if activation == "logistic" else 6.0
    bound = np.sqrt(factor / (n_in + n_out))
    W = rng.uniform(-bound, bound, (n_in, n_out))
    b = rng.uniform(-bound, bound, n_out)
    return W, b


def init_he(n_in, n_out, rng, activation="relu"):
    """He initialisation for ReLU layers: W ~ N(0, 2 / n_in); biases 0.

    Returns
    -------
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)
    """
    return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out)), np.zeros(n_out)


INITIALIZERS = {
    "zeros": init_zeros,
    "normal": init_normal,
    "glorot": init_glorot,
    "he": init_he,
}

# Activations a hidden layer may use (softmax couples the units: it belongs to the output).
LAYER_ACTIVATIONS = ("identity", "logistic", "tanh", "relu", "leaky_relu", "step")


# --- the training loop's kernels ----------------------------------------------------------
# The same functions as nnlib.activations (tests/test_layers.py checks that they agree),
# without its input checks, because a training run calls them thousands of times on arrays
# the network made itself. Each backward kernel multiplies the gradient ``dA`` (a fresh
# array the layer owns) in place by f'(z), using the stored a = f(z) where that is cheaper,
# in scikit-learn's order of operations.

def _logistic(Z):
    e = np.exp(-np.abs(Z))  # in (0, 1]: never overflows
    return np.where(Z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _relu_back(dA, Z, A):
    dA *= Z > 0
    return dA


def _tanh_back(dA, Z, A):
    dA *= 1 - A**2
    return dA


def _logistic_back(dA, Z, A):
    dA *= A
    dA *= 1 - A
    return dA


def _leaky_relu_back(dA, Z, A):
    dA *= np.where(Z > 0, 1.0, 0.01)
    return dA


_KERNELS = {  # name -> (f(Z), backward(dA, Z, A) = dA * f'(Z))
    "identity": (lambda Z: Z, lambda dA, Z, A: dA),
    "relu": (lambda Z: np.maximum(Z, 0.0), _relu_back),
    "tanh": (np.tanh, _tanh_back),
    "logistic": (_logistic, _logistic_back),
    "leaky_relu": (lambda Z: np.where(Z > 0, Z, 0.01 * Z), _leaky_relu_back),
}
_ALIASES = {"sigmoid": "logistic", "linear": "identity"}


def _check_activation(activation):
    name = _ALIASES.get(activation, activation) if isinstance(activation, str) else activation
    check_choice("activation", name, LAYER_ACTIVATIONS)
    return name


def _check_input(A, n_in, name="A"):
    A = as_float_array(A, name, ndim=2)
    if A.shape[1] != n_in:
        raise ValueError(
            f"{name} has {A.shape[1]} feature{'s' if A.shape[1] != 1 else ''} (columns), "
            f"but this layer expects {n_in}; got {describe(A)}."
        )
    return A


class Dense:
    """A fully connected layer: z = a W + b, then a = f(z), for a batch of rows.

    Parameters
    ----------
    n_in : int
        Inputs per sample (units of the layer before).
    n_out : int
        Units of this layer.
    activation : str, default 'identity'
        f, by name: 'identity', 'logistic' ('sigmoid'), 'tanh', 'relu', 'leaky_relu',
        'step'. An output layer whose activation is handled with the loss uses 'identity'.
    init : str, default 'glorot'
        Initialisation scheme, a key of :data:`INITIALIZERS`.
    random_state : None, int or numpy.random.Generator, optional
        Source of the initial weights (see :func:`as_rng`).
    init_activation : str, optional
        The activation whose Glorot gain to use (default: ``activation``). ``MLP`` passes
        the network's hidden activation to every layer, as scikit-learn does.

    Attributes
    ----------
    params : dict
        ``'W'`` (n_in, n_out) and ``'b'`` (n_out,).
    grads : dict
        Gradients of the loss with the same keys and shapes, filled by :meth:`backward`.
    A_in, Z, A : ndarray or None
        The input, pre-activation z and activation a of the last forward pass,
        each with one row per sample.
    """

    def __init__(self, n_in, n_out, activation="identity", init="glorot", random_state=None,
                 init_activation=None):
        self.n_in = check_integer("n_in", n_in, minimum=1)
        self.n_out = check_integer("n_out", n_out, minimum=1)
        self.activation = _check_activation(activation)
        self.init = check_choice("init", init, INITIALIZERS)
        f, df = get_activation(self.activation)
        self._f, self._back = _KERNELS.get(self.activation,
                                           (f, lambda dA, Z, A: dA * df(Z)))
        gain_for = self.activation if init_activation is None else _check_activation(
            init_activation)
        W, b = INITIALIZERS[init](self.n_in, self.n_out, as_rng(random_state), gain_for)
        self.params = {"W": np.ascontiguousarray(W, dtype=np.float64),
                       "b": np.ascontiguousarray(b, dtype=np.float64)}
        self.grads = {"W": np.zeros((self.n_in, self.n_out)), "b": np.zeros(self.n_out)}
        self.A_in = self.Z = self.A = None

    @property
    def W(self):
        """Weights, shape (n_in, n_out)."""
        return self.params["W"]

    @property
    def b(self):
        """Biases, shape (n_out,)."""
        return self.params["b"]

    @property
    def n_params(self):
        """Number of weights and biases: n_in * n_out + n_out."""
        return self.n_in * self.n_out + self.n_out

    def __repr__(self):
        return f"Dense({self.n_in} → {self.n_out}, activation={self.activation!r})"

    def forward(self, A, training=False):
        """Z = A W + b and the activations f(Z).

        Parameters
        ----------
        A : array_like of shape (n_samples, n_in)
            The previous layer's activations (or the inputs X).
        training : bool, default False
            Unused by this layer; there so every layer has the same signature.

        Returns
        -------
        ndarray of shape (n_samples, n_out)
        """
        return self._forward(_check_input(A, self.n_in), training)

    def _forward(self, A, training=False):
        # Unchecked: A is a float64 array of shape (n_samples, n_in).
        Z = A @ self.params["W"]
        Z += self.params["b"]
        self.A_in, self.Z = A, Z
        self.A = self._f(Z)
        return self.A

    def backward(self, dA):
        """Gradients from the gradient of the loss with respect to this layer's output.

        dZ = dA * f'(Z); dW = A_inᵀ dZ; db = sum of dZ over the samples;
        the gradient passed back is dZ Wᵀ.

        Parameters
        ----------
        dA : array_like of shape (n_samples, n_out)
            ∂loss/∂A for the last forward pass.

        Returns
        -------
        ndarray of shape (n_samples, n_in)
            ∂loss/∂A_in. ``grads['W']`` and ``grads['b']`` are filled in place.
        """
        if self.Z is None:
            raise ValueError("backward needs a forward pass first; call forward(A) before "
                             "backward(dA).")
        dA = as_float_array(dA, "dA", ndim=2)
        if dA.shape != self.Z.shape:
            raise ValueError(f"dA must have the shape of the layer's output {self.Z.shape}; "
                             f"got {describe(dA)}.")
        return self._backward(dA.copy())  # a copy: _backward may change it in place

    def _backward(self, dA, need_input_grad=True, alpha=0.0, n=1):
        # Unchecked; dA is a fresh array that may be overwritten.
        dZ = self._back(dA, self.Z, self.A)
        return self._backward_dZ(dZ, need_input_grad, alpha, n)

    def _backward_dZ(self, dZ, need_input_grad=True, alpha=0.0, n=1):
        # Unchecked. dZ is n times ∂loss/∂Z (n = 1: dZ is the gradient itself); the
        # gradients are (A_inᵀ dZ + alpha W) / n and sum(dZ) / n, scikit-learn's order of
        # operations, so that the floating-point results are the same as its.
        W, gW, gb = self.params["W"], self.grads["W"], self.grads["b"]
        np.dot(self.A_in.T, dZ, out=gW)
        np.sum(dZ, axis=0, out=gb)
        if alpha:
            gW += alpha * W
        if n != 1:
            gW /= n
            gb /= n
        return dZ @ W.T if need_input_grad else None


class Dropout:
    """Inverted dropout: in training, drop each unit with probability p and scale the rest.

    While training, every activation is kept with probability 1 − p and multiplied by
    1 / (1 − p), so that its expected value is unchanged; at inference the layer is the
    identity. Place it after a hidden layer.

    Parameters
    ----------
    p : float, default 0.5
        Probability of dropping a unit, in [0, 1).
    random_state : None, int or numpy.random.Generator, optional
        Source of the random masks (see :func:`as_rng`).

    Attributes
    ----------
    params, grads : dict
        Empty: dropout has nothing to learn.
    mask : ndarray of bool or None
        Which units were kept in the last training forward pass.
    """

    def __init__(self, p=0.5, random_state=None):
        p = check_scalar("p", p)
        if not 0.0 <= p < 1.0:
            raise ValueError(f"p (the dropout rate) must be in [0, 1); got {p!r}.")
        self.p = p
        self.rng = as_rng(random_state)
        self.params, self.grads = {}, {}
        self.mask = None
        self._scale = None

    @property
    def n_params(self):
        """0: dropout has no parameters."""
        return 0

    def __repr__(self):
        return f"Dropout(p={self.p})"

    def forward(self, A, training=False, mask=None):
        """Drop and rescale units while training; pass ``A`` through at inference.

        Parameters
        ----------
        A : array_like of shape (n_samples, n_units)
            Activations of the layer before.
        training : bool, default False
            Apply dropout (True) or be the identity (False).
        mask : array_like of bool, shape (n_samples, n_units), optional
            Units to keep, instead of a random draw (to check gradients, or to show one
            mask in the text).

        Returns
        -------
        ndarray of shape (n_samples, n_units)
        """
        A = as_float_array(A, "A", ndim=2)
        if mask is not None:
            mask = np.asarray(mask)
            if mask.shape != A.shape or mask.dtype.kind not in "bui":
                raise ValueError(f"mask must be booleans of the shape of A {A.shape}; "
                                 f"got {describe(mask)}.")
            mask = mask.astype(bool)
        return self._forward(A, training, mask)

    def _forward(self, A, training=False, mask=None):
        if not training or (self.p == 0.0 and mask is None):
            self.mask = self._scale = None
            return A
        self.mask = self.rng.random(A.shape) >= self.p if mask is None else mask
        self._scale = self.mask / (1.0 - self.p)
        return A * self._scale

    def backward(self, dA):
        """Gradient through the same mask: dA * mask / (1 − p) (or dA at inference).

        Parameters
        ----------
        dA : array_like of shape (n_samples, n_units)

        Returns
        -------
        ndarray of shape (n_samples, n_units)
        """
        dA = as_float_array(dA, "dA", ndim=2)
        if self._scale is not None and dA.shape != self._scale.shape:
            raise ValueError(f"dA must have the shape of the last input {self._scale.shape}; "
                             f"got {describe(dA)}.")
        return self._backward(dA)

    def _backward(self, dA, need_input_grad=True, alpha=0.0, n=1):
        return dA if self._scale is None else dA * self._scale
