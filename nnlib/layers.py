"""Layers: ``Dense`` (a fully connected layer) and ``Dropout``.

A layer is a pair of functions a reader can hold in their head:

* ``forward(A, training=False)`` takes the previous layer's activations ``A``
  (one row per sample) and returns this layer's activations;
* ``backward(dA)`` takes the gradient of the loss with respect to that output, stores
  the gradients of the layer's parameters in ``grads`` and returns the gradient with
  respect to the layer's input, ready for the layer before it.

These are true gradients (no hidden factor of n), written with the activation and its
derivative from :data:`nnlib.activations.ACTIVATIONS` and :data:`~nnlib.activations.DERIVATIVES`,
and they are the very methods :class:`nnlib.network.MLP` (and so the estimators) train with.

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
from nnlib.activations import ACTIVATIONS, DERIVATIVES, check_activation

__all__ = [
    "INITIALIZERS",
    "Dense",
    "Dropout",
    "as_rng",
    "check_batch",
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


def _is_sparse(A) -> bool:
    """A scipy sparse matrix or array, recognised without importing scipy."""
    return hasattr(A, "tocsr") and getattr(A, "ndim", None) == 2


def check_batch(A, n_in, dtype=np.float64, name="A", expects="this layer", finite=True):
    """A batch of inputs, checked: a 2-D array of `dtype` with `n_in` columns.

    Parameters
    ----------
    A : array_like or scipy sparse matrix, shape (n_samples, n_in)
    n_in : int
        Columns expected (features, or units of the layer before).
    dtype : {numpy.float64, numpy.float32}, default numpy.float64
    name : str, default 'A'
        The argument's name in messages.
    expects : str, default 'this layer'
        Who expects `n_in` columns, in messages.
    finite : bool, default True
        Also reject NaN and inf (data is checked; a layer's input inside a network is
        not, so that a diverging network shows NaN instead of stopping mid-step).

    Returns
    -------
    ndarray or sparse matrix of `dtype`, shape (n_samples, n_in)
        `A` itself when it already is one (a sparse matrix stays sparse).
    """
    if isinstance(A, np.ndarray) and A.dtype == dtype and A.ndim == 2 \
            and (not finite or np.isfinite(A).all()):
        pass  # already what is expected: used as it is
    elif _is_sparse(A):
        if A.dtype.kind not in "biuf":
            raise TypeError(f"{name} must hold numbers; got a sparse matrix of {A.dtype}.")
        A = A.astype(dtype) if A.dtype != dtype else A
    else:
        A = as_float_array(A, name, ndim=2, finite=finite).astype(dtype, copy=False)
    if A.shape[1] != n_in:
        raise ValueError(
            f"{name} has {A.shape[1]} feature{'s' if A.shape[1] != 1 else ''} (columns), "
            f"but {expects} expects {n_in}; got {describe(A)}."
        )
    return A


def _check_dtype(dtype):
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float64 or float32; got {dtype}.")
    return dtype


class Dense:
    """A fully connected layer: z = a W + b, then a = f(z), for a batch of rows.

    Parameters
    ----------
    n_in : int
        Inputs per sample (units of the layer before).
    n_out : int
        Units of this layer.
    activation : str, default 'identity'
        f, by name, a key of :data:`nnlib.activations.ACTIVATIONS` except 'softmax'
        ('identity', 'logistic' or 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'step').
        An output layer whose activation is handled with the loss uses 'identity'.
    init : str, default 'glorot'
        Initialisation scheme, a key of :data:`INITIALIZERS`.
    random_state : None, int or numpy.random.Generator, optional
        Source of the initial weights (see :func:`as_rng`).
    init_activation : str, optional
        The activation whose Glorot gain to use (default: ``activation``). ``MLP`` passes
        the network's hidden activation to every layer, as scikit-learn does.
    dtype : {numpy.float64, numpy.float32}, default numpy.float64
        Precision of the weights and of the computation.

    Attributes
    ----------
    params : dict
        ``'W'`` (n_in, n_out) and ``'b'`` (n_out,).
    grads : dict
        Gradients of the loss with the same keys and shapes, written by :meth:`backward`
        into the same two arrays every time (copy what you want to keep).
    A_in, Z, A : ndarray or None
        The input, pre-activation z and activation a of the last forward pass,
        each with one row per sample (kept for the backward pass).

    Examples
    --------
    >>> layer = Dense(2, 3, activation="relu", random_state=0)
    >>> layer.forward([[1.0, 2.0]]).shape
    (1, 3)
    >>> layer.backward([[1.0, 0.0, 0.0]]).shape   # ∂loss/∂A_in
    (1, 2)
    >>> layer.grads["W"].shape, layer.grads["b"].shape
    ((2, 3), (3,))
    """

    def __init__(self, n_in, n_out, activation="identity", init="glorot", random_state=None,
                 init_activation=None, dtype=np.float64):
        self.n_in = check_integer("n_in", n_in, minimum=1)
        self.n_out = check_integer("n_out", n_out, minimum=1)
        self.activation = check_activation(activation, elementwise=True)
        self.f, self.df = ACTIVATIONS[self.activation], DERIVATIVES[self.activation]
        self.init = check_choice("init", init, INITIALIZERS)
        self.dtype = _check_dtype(dtype)
        gain_for = self.activation if init_activation is None else check_activation(
            init_activation, elementwise=True)
        W, b = INITIALIZERS[init](self.n_in, self.n_out, as_rng(random_state), gain_for)
        self.params = {"W": np.ascontiguousarray(W, dtype=self.dtype),
                       "b": np.ascontiguousarray(b, dtype=self.dtype)}
        self.grads = {"W": np.zeros_like(self.params["W"]),
                      "b": np.zeros_like(self.params["b"])}
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
            The previous layer's activations (or the inputs X; a scipy sparse matrix
            is accepted too).
        training : bool, default False
            Unused by this layer; there so every layer has the same signature.

        Returns
        -------
        ndarray of shape (n_samples, n_out)
            The activations A = f(Z). The layer keeps A_in, Z and A for :meth:`backward`.
        """
        A_in = check_batch(A, self.n_in, self.dtype, finite=False)
        Z = A_in @ self.W + self.b           # (n, n_in) @ (n_in, n_out) + (n_out,)
        self.A_in, self.Z, self.A = A_in, Z, self.f(Z)
        return self.A

    def backward(self, dA, input_grad=True):
        """The chain rule, from ∂loss/∂A (this layer's output) to its input.

        With z = a_in W + b and a = g(z), for a batch (rows are samples)::

            dZ    = dA * g'(Z)   (n, n_out)      elementwise
            dW    = A_inᵀ dZ     (n_in, n_out)   summed over the samples
            db    = Σ dZ         (n_out,)        summed over the samples
            dA_in = dZ Wᵀ        (n, n_in)       what the layer before needs

        In the code, ``self.f`` is g and ``self.df`` is g'.

        Parameters
        ----------
        dA : array_like of shape (n_samples, n_out)
            ∂loss/∂A for the last forward pass.
        input_grad : bool, default True
            Compute dA_in (the first layer of a network does not need it).

        Returns
        -------
        ndarray of shape (n_samples, n_in), or None if `input_grad` is False
            ∂loss/∂A_in. ``grads['W']`` and ``grads['b']`` now hold dW, db.
        """
        if self.Z is None:
            raise ValueError("backward needs a forward pass first; call "
                             "forward(A) before backward(dA).")
        if not (isinstance(dA, np.ndarray) and dA.dtype == self.dtype):
            dA = as_float_array(dA, "dA", ndim=2)
            dA = dA.astype(self.dtype, copy=False)
        if dA.shape != self.Z.shape:
            raise ValueError(f"dA must have the shape of the layer's output "
                             f"{self.Z.shape}; got {describe(dA)}.")
        # g'(z) = 1 for the identity (an output layer): dZ is dA itself
        dZ = dA if self.activation == "identity" else dA * self.df(self.Z)
        self.grads["W"][...] = self.A_in.T @ dZ  # [...]: into the same arrays
        self.grads["b"][...] = dZ.sum(axis=0)
        return dZ @ self.W.T if input_grad else None


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
        Which units were kept in the last training forward pass (None at inference).

    Examples
    --------
    >>> drop = Dropout(0.5)
    >>> drop.forward([[1.0, 2.0]], training=True, mask=[[True, False]])
    array([[2., 0.]])
    >>> drop.backward([[1.0, 1.0]])
    array([[2., 0.]])
    """

    def __init__(self, p=0.5, random_state=None):
        p = check_scalar("p", p)
        if not 0.0 <= p < 1.0:
            raise ValueError(f"p (the dropout rate) must be in [0, 1); got {p!r}.")
        self.p = p
        self.rng = as_rng(random_state)
        self.params, self.grads = {}, {}
        self.mask = None

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
            A * mask / (1 − p) while training, else A.
        """
        if not (isinstance(A, np.ndarray) and A.dtype.kind == "f" and A.ndim == 2):
            A = as_float_array(A, "A", ndim=2)
        if mask is not None:
            mask = np.asarray(mask)
            if mask.shape != A.shape or mask.dtype.kind not in "bui":
                raise ValueError(f"mask must be booleans of the shape of A {A.shape}; "
                                 f"got {describe(mask)}.")
            mask = mask.astype(bool)
        if not training:
            self.mask = None
            return A
        self.mask = self.rng.random(A.shape) >= self.p if mask is None else mask
        return A * self.mask / (1.0 - self.p)

    def backward(self, dA, input_grad=True):
        """Gradient through the same mask: dA * mask / (1 − p) (or dA at inference).

        Parameters
        ----------
        dA : array_like of shape (n_samples, n_units)
        input_grad : bool, default True
            There so every layer has the same signature.

        Returns
        -------
        ndarray of shape (n_samples, n_units), or None when `input_grad` is False
        """
        if not (isinstance(dA, np.ndarray) and dA.dtype.kind == "f" and dA.ndim == 2):
            dA = as_float_array(dA, "dA", ndim=2)
        if self.mask is None:
            return dA if input_grad else None
        if dA.shape != self.mask.shape:
            raise ValueError(f"dA must have the shape of the last input {self.mask.shape}; "
                             f"got {describe(dA)}.")
        return dA * self.mask / (1.0 - self.p) if input_grad else None
