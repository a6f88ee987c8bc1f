"""Chapter 3's figures: activation functions, their derivatives, a neuron's response."""

from __future__ import annotations

import numpy as np

from nnlib import activations, neuron
from nnlib._validation import as_float_array
from nnlib.plot.style import (
    BOOK_WIDTH,
    BOUNDARY,
    CURVE,
    DERIVATIVE,
    new_figure,
)

#: Names of the activations as the book writes them, for titles and legends.
ACTIVATION_LABELS = {
    "identity": "identity (linear)",
    "step": "unit step",
    "logistic": "sigmoid $\\sigma$",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
}

#: The activations of chapter 3, in the order the book introduces them.
CH3_ACTIVATIONS = ("step", "logistic", "identity", "tanh", "relu", "leaky_relu")


def activation_curve(name, z=None, ax=None, derivative=True, color=None, label=None):
    """Draw an activation :math:`a(z)` and, if asked, its derivative :math:`a'(z)`.

    Parameters
    ----------
    name : str
        An activation of :mod:`nnlib.activations` ('logistic', 'relu', ...; aliases such
        as 'sigmoid' are accepted). 'softmax' is not an elementwise curve and is refused.
    z : array_like of shape (n_points,), optional
        Where to evaluate; default 401 points on [-5, 5].
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default a new figure from :func:`new_figure`.
    derivative : bool
        Also draw :math:`a'(z)` (dashed, in :data:`DERIVATIVE`).
    color, label : str, optional
        Colour and legend label of :math:`a(z)`; defaults :data:`CURVE` and "$a(z)$".

    Returns
    -------
    list of matplotlib.lines.Line2D
        The curve, then the derivative if drawn.
    """

    f, df = activations.get_activation(name)
    if f is activations.ACTIVATIONS["softmax"]:
        raise ValueError("activation_curve draws elementwise activations; got 'softmax', "
                         "whose output depends on the whole vector z.")
    z = np.linspace(-5.0, 5.0, 401) if z is None else _curve_points(z, "z")
    if ax is None:
        _, ax = new_figure(width=4.0, height=3.0)
    lines = ax.plot(z, f(z), color=CURVE if color is None else color, lw=2,
                    label="$a(z)$" if label is None else label)
    if derivative:
        lines += ax.plot(z, df(z), color=DERIVATIVE, lw=2, ls="--", label="$a'(z)$")
    ax.set_xlabel("$z$")
    return lines


def activation_grid(names=CH3_ACTIVATIONS, z=None, ncols=3, width=BOOK_WIDTH, height=None):
    """Small multiples: one panel per activation, with :math:`a(z)` and :math:`a'(z)`.

    Parameters
    ----------
    names : sequence of str
        Activations of :mod:`nnlib.activations`, one panel each, in reading order.
    z : array_like of shape (n_points,), optional
        Where to evaluate; default 401 points on [-3, 3].
    ncols : int
        Panels per row.
    width, height : float, optional
        Figure size in inches; the height defaults to 2.4 inches per row.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : ndarray of Axes, shape (n_rows, ncols)
    """
    names = list(names)
    if not names:
        raise ValueError("names must list at least one activation; got an empty sequence.")
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a positive integer; got {ncols!r}.")
    z = np.linspace(-3.0, 3.0, 401) if z is None else _curve_points(z, "z")
    nrows = -(-len(names) // ncols)
    height = 2.4 * nrows + 0.5 if height is None else height
    fig, axes = new_figure(ncols=ncols, nrows=nrows, width=width, height=height,
                           squeeze=False, sharex=True)
    for ax, name in zip(axes.flat, names, strict=False):
        activation_curve(name, z=z, ax=ax)
        ax.set_title(ACTIVATION_LABELS.get(name, name))
        ax.axhline(0.0, color=BOUNDARY, lw=0.6)
        ax.axvline(0.0, color=BOUNDARY, lw=0.6)
    for ax in axes.flat[len(names):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("$z$")
    for ax in axes.flat[:len(names)]:
        if ax not in axes[-1]:
            ax.set_xlabel("")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, ["activation $a(z)$", "derivative $a'(z)$"], loc="outside lower center",
               ncols=2)
    return fig, axes


def neuron_response_grid(ws=(1.0, 3.0, 10.0), bs=(-3.0, 0.0, 3.0), activation="logistic",
                         x=None, width=BOOK_WIDTH, height=None):
    """Small multiples of a one-input neuron :math:`a(wx + b)` over a grid of w and b.

    Row ``i`` uses ``ws[i]``, column ``j`` uses ``bs[j]``; each panel shows the output
    :math:`a(wx + b)`, the slope :math:`a'(z)` at :math:`z = wx + b`, and a dashed line at
    :math:`x = -b/w`, where :math:`z = 0`.

    Parameters
    ----------
    ws, bs : sequence of float
        Weights (rows) and biases (columns).
    activation : str
        An elementwise activation of :mod:`nnlib.activations`.
    x : array_like of shape (n_points,), optional
        Input values; default 401 points on [-5, 5].
    width, height : float, optional
        Figure size in inches; the height defaults to 1.9 inches per row.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : ndarray of Axes, shape (len(ws), len(bs))
    """

    ws = _curve_points(ws, "ws")
    bs = _curve_points(bs, "bs")
    _, df = activations.get_activation(activation)
    x = np.linspace(-5.0, 5.0, 401) if x is None else _curve_points(x, "x")
    height = 1.9 * len(ws) + 0.8 if height is None else height
    fig, axes = new_figure(ncols=len(bs), nrows=len(ws), width=width, height=height,
                           squeeze=False, sharex=True, sharey=True)
    X = x[:, None]
    for i, w in enumerate(ws):
        for j, b in enumerate(bs):
            ax = axes[i, j]
            cell = neuron.Neuron([w], b=b, activation=activation)
            ax.plot(x, cell.forward(X), color=CURVE, lw=2, label="$a(wx + b)$")
            ax.plot(x, df(cell.z(X)), color=DERIVATIVE, lw=1.5, ls="--", label="$a'(z)$")
            x_half = neuron.half_point(w, b)
            if x_half is not None and x[0] <= x_half <= x[-1]:
                ax.axvline(x_half, color=BOUNDARY, lw=1, ls=":", label="$x = -b/w$")
            ax.set_title(f"$w = {w:g}$, $b = {b:g}$", fontsize=10)
            if i == len(ws) - 1:
                ax.set_xlabel("input $x$")
            if j == 0:
                ax.set_ylabel("$a$, $a'$")
    handles, labels = axes[0, len(bs) // 2].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(handles))
    return fig, axes


def _curve_points(values, name):
    """A non-empty 1-D float64 array of finite numbers, or a clear error."""

    arr = as_float_array(values, name, ndim=1)
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one number; got an empty sequence.")
    return arr
