"""A network's shape: layers, depth, width and parameter counts; linear layers collapse.

A fully connected network is described by its layer sizes, input first and output
last: ``(3, 4, 2)`` is 3 inputs, a hidden layer of 4 units and 2 output units. The
input layer holds no weights and is not counted, so ``(3, 4, 2)`` is a **2-layer
network**: L = 2 layers with weights, one of them hidden.

Layer l (from 1 to L) has ``n_in * n_out`` weights (its matrix W of shape
``(n_in, n_out)``) and ``n_out`` biases (its vector b). :func:`parameter_counts` lists
them, layer by layer, as ``MLP.n_params`` and scikit-learn's ``coefs_`` and
``intercepts_`` count them.

:func:`collapse_linear` shows why depth needs activations that bend: layers without an
activation, ``Z = A W + b`` one after the other, are one such layer in disguise, with
the product of the matrices as its weights.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

import numpy as np

from nnlib._validation import as_float_array, check_layer_sizes, describe

__all__ = [
    "Architecture",
    "LayerCount",
    "architecture",
    "collapse_linear",
    "parameter_counts",
]


def _layer_sizes(layer_sizes) -> tuple[int, ...]:
    """Checked layer sizes, from a sequence or from an MLP (which gives its own)."""
    if hasattr(layer_sizes, "layer_sizes"):
        return check_layer_sizes(layer_sizes.layer_sizes)
    return check_layer_sizes(layer_sizes, what=", or an MLP")


class LayerCount(NamedTuple):
    """The parameters of one layer l: W of shape (n_in, n_out) and b of shape (n_out,)."""

    layer: int
    n_in: int
    n_out: int
    weights: int
    biases: int

    @property
    def total(self) -> int:
        """weights + biases = n_in * n_out + n_out."""
        return self.weights + self.biases


def parameter_counts(layer_sizes) -> list[LayerCount]:
    """Weights and biases of every layer of a fully connected network.

    Parameters
    ----------
    layer_sizes : sequence of int, or MLP
        Units per layer, input first: ``(3, 4, 4, 1)``. An ``MLP`` gives its own.

    Returns
    -------
    list of LayerCount
        One entry per layer with weights, l = 1, ..., L: ``n_in * n_out`` weights and
        ``n_out`` biases. ``sum(c.total for c in counts)`` is the whole network's count.

    Examples
    --------
    >>> [c.total for c in parameter_counts((3, 4, 2))]
    [16, 10]
    """
    sizes = _layer_sizes(layer_sizes)
    return [LayerCount(k, n_in, n_out, n_in * n_out, n_out)
            for k, (n_in, n_out) in enumerate(pairwise(sizes), start=1)]


class Architecture(NamedTuple):
    """How a network's layers are counted. Built by :func:`architecture`."""

    layer_sizes: tuple[int, ...]
    #: L: layers with weights (the hidden layers and the output layer).
    n_layers: int
    n_hidden: int
    #: Units in each hidden layer.
    widths: tuple[int, ...]
    n_params: int

    @property
    def deep(self) -> bool:
        """True when the network has more than one hidden layer."""
        return self.n_hidden > 1

    def __str__(self) -> str:
        sizes = " → ".join(map(str, self.layer_sizes))
        hidden = (f"{self.n_hidden} hidden layer{'s' if self.n_hidden != 1 else ''} "
                  f"of width {', '.join(map(str, self.widths))}"
                  if self.n_hidden else "no hidden layer")
        # two short lines, so that a printed description fits the book's column
        return (f"{sizes}: a {self.n_layers}-layer network (depth L = {self.n_layers}), "
                f"{'deep' if self.deep else 'not deep'}\n"
                f"  {hidden}, then the output layer; {self.n_params} parameters")


def architecture(layer_sizes) -> Architecture:
    """Count a network's layers the way the book (and most texts) do.

    The input layer only holds the inputs: it has no weights and is not counted. So
    ``(3, 4, 2)`` is a 2-layer network with one hidden layer; its depth, the number of
    layers with weights, is L = 2. A network is **deep** when it has more than one
    hidden layer.

    Parameters
    ----------
    layer_sizes : sequence of int, or MLP
        Units per layer, input first.

    Returns
    -------
    Architecture
        ``n_layers`` (L), ``n_hidden``, ``widths`` of the hidden layers, ``n_params``
        and ``deep``.
    """
    sizes = _layer_sizes(layer_sizes)
    counts = parameter_counts(sizes)
    return Architecture(sizes, len(sizes) - 1, len(sizes) - 2, sizes[1:-1],
                        sum(c.total for c in counts))


def collapse_linear(coefs, intercepts):
    """The single layer that a stack of layers without activations amounts to.

    Layer after layer, ``Z = A W1 + b1`` then ``Z W2 + b2`` is
    ``A (W1 W2) + (b1 W2 + b2)``; repeating this for every layer gives one W and one b.

    Parameters
    ----------
    coefs : list of array_like, shapes (n_0, n_1), (n_1, n_2), ..., (n_{L-1}, n_L)
        The layers' weight matrices (``MLP.get_weights()[0]``, scikit-learn's ``coefs_``).
    intercepts : list of array_like, shapes (n_1,), ..., (n_L,)
        The layers' biases.

    Returns
    -------
    W : ndarray of shape (n_0, n_L)
        The product W1 W2 ... WL.
    b : ndarray of shape (n_L,)
        The bias of the one equivalent layer.
    """
    if isinstance(coefs, np.ndarray) or not hasattr(coefs, "__len__") or len(coefs) == 0:
        raise TypeError(f"coefs must be a list of weight matrices; got {describe(coefs)}.")
    if isinstance(intercepts, np.ndarray) or not hasattr(intercepts, "__len__") \
            or len(intercepts) != len(coefs):
        raise ValueError(f"intercepts must be a list of {len(coefs)} bias vectors (one per "
                         f"layer); got {describe(intercepts)}.")
    W = as_float_array(coefs[0], "coefs[0]", ndim=2)
    b = as_float_array(intercepts[0], "intercepts[0]", ndim=1)
    if b.shape != (W.shape[1],):
        raise ValueError(f"intercepts[0] must have shape ({W.shape[1]},); got {describe(b)}.")
    for i in range(1, len(coefs)):
        W_i = as_float_array(coefs[i], f"coefs[{i}]", ndim=2)
        b_i = as_float_array(intercepts[i], f"intercepts[{i}]", ndim=1)
        if W_i.shape[0] != W.shape[1]:
            raise ValueError(f"coefs[{i}] must have {W.shape[1]} rows (the units of the layer "
                             f"before); got {describe(W_i)}.")
        if b_i.shape != (W_i.shape[1],):
            raise ValueError(f"intercepts[{i}] must have shape ({W_i.shape[1]},); got "
                             f"{describe(b_i)}.")
        W, b = W @ W_i, b @ W_i + b_i
    return W, b
