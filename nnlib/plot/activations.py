"""Chapter 3's figures: activation functions g(z), their derivatives, a neuron's response."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

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
    """Draw an activation function :math:`g(z)` and, if asked, its derivative :math:`g'(z)`.

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
        Also draw :math:`g'(z)` (dashed, in :data:`DERIVATIVE`, vermillion).
    color, label : str, optional
        Colour and legend label of :math:`g(z)`; defaults :data:`CURVE` and "$g(z)$".

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
                    label="$g(z)$" if label is None else label)
    if derivative:
        lines += ax.plot(z, df(z), color=DERIVATIVE, lw=2, ls="--", label="$g'(z)$")
    ax.set_xlabel("$z$")
    return lines


def activation_grid(names=CH3_ACTIVATIONS, z=None, ncols=3, width=BOOK_WIDTH, height=None):
    """Small multiples: one panel per activation, with :math:`g(z)` and :math:`g'(z)`.

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
    fig.legend(handles, ["activation function $g(z)$", "derivative $g'(z)$"],
               loc="outside lower center", ncols=2)
    return fig, axes


def neuron_response_grid(ws=(1.0, 3.0, 10.0), bs=(-3.0, 0.0, 3.0), activation="logistic",
                         x=None, width=BOOK_WIDTH, height=None):
    """Small multiples of a one-input neuron :math:`a = g(wx + b)` over a grid of w and b.

    Row ``i`` uses ``ws[i]``, column ``j`` uses ``bs[j]``. Each panel shows the output
    :math:`a = g(wx + b)` against the input x, the slope of that curve,
    :math:`da/dx = w\\,g'(wx + b)` (chain rule), and a dotted line at :math:`x = -b/w`,
    where :math:`z = 0`. Panels in one row share their vertical scale (one weight, one
    steepness); the slope grows with the weight.

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
    _, dg = activations.get_activation(activation)
    x = np.linspace(-5.0, 5.0, 401) if x is None else _curve_points(x, "x")
    height = 1.9 * len(ws) + 0.8 if height is None else height
    fig, axes = new_figure(ncols=len(bs), nrows=len(ws), width=width, height=height,
                           squeeze=False, sharex=True, sharey="row")
    X = x[:, None]
    for i, w in enumerate(ws):
        for j, b in enumerate(bs):
            ax = axes[i, j]
            cell = neuron.Neuron([w], b=b, activation=activation)
            ax.plot(x, cell.forward(X), color=CURVE, lw=2, label="output $a = g(wx + b)$")
            ax.plot(x, w * dg(cell.z(X)), color=DERIVATIVE, lw=1.5, ls="--",
                    label="its slope $da/dx = w\\,g'(z)$")
            if w != 0:
                x_half = -b / w  # where z = wx + b = 0
                if x[0] <= x_half <= x[-1]:
                    ax.axvline(x_half, color=BOUNDARY, lw=1, ls=":", label="$x = -b/w$")
            ax.set_title(f"$w = {w:g}$, $b = {b:g}$", fontsize=10)
            if i == len(ws) - 1:
                ax.set_xlabel("input $x$")
            if j == 0:
                ax.set_ylabel("$a$, $da/dx$")
    handles, labels = axes[0, len(bs) // 2].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(handles))
    return fig, axes


def secant_to_tangent(name="logistic", z0=1.0, hs=(2.0, 1.0, 0.5), ax=None, z=None):
    """How a slope is measured: secants through g(z0 - h) and g(z0 + h) close in on the tangent.

    Each secant is the straight line through the two points of the curve at
    :math:`z_0 \\pm h`; its slope is the central difference
    :math:`(g(z_0 + h) - g(z_0 - h)) / 2h`. As h shrinks it turns into the tangent at
    :math:`z_0`, whose slope is the derivative :math:`g'(z_0)`.

    Parameters
    ----------
    name : str
        An elementwise activation of :mod:`nnlib.activations`.
    z0 : float
        Where the slope is taken.
    hs : sequence of float
        The half-widths h of the secants, each > 0, drawn from wide to narrow.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default a new figure.
    z : array_like of shape (n_points,), optional
        Where to draw the curve; default 401 points on [z0 - 4, z0 + 4].

    Returns
    -------
    dict
        ``"curve"`` (Line2D), ``"secants"`` (list of Line2D, one per h), ``"tangent"``
        (Line2D), ``"slopes"`` (list of float: each secant's slope, then g'(z0)).
    """

    g, dg = activations.get_activation(name)
    if g is activations.ACTIVATIONS["softmax"]:
        raise ValueError("secant_to_tangent needs an elementwise activation; got 'softmax'.")
    z0 = float(as_float_array(z0, "z0", ndim=0))
    hs = _curve_points(hs, "hs")
    if np.any(hs <= 0):
        raise ValueError(f"hs must all be > 0; got {hs.tolist()!r}.")
    z = np.linspace(z0 - 4.0, z0 + 4.0, 401) if z is None else _curve_points(z, "z")
    if ax is None:
        _, ax = new_figure(width=6.0, height=3.6)
    (curve,) = ax.plot(z, g(z), color=CURVE, lw=2.5, label="$g(z)$", zorder=3)
    greys = np.linspace(0.75, 0.35, len(hs))
    secants, slopes = [], []
    g0 = float(g(z0))
    for h, grey in zip(hs, greys, strict=True):
        slope = (float(g(z0 + h)) - float(g(z0 - h))) / (2 * h)
        # The secant passes through both points; through their midpoint height at z0.
        mid = (float(g(z0 + h)) + float(g(z0 - h))) / 2
        zz = np.array([z0 - h - 1.0, z0 + h + 1.0])
        (line,) = ax.plot(zz, mid + slope * (zz - z0), color=str(grey), lw=1.4,
                          label=f"secant, $h = {h:g}$: slope {slope:.3f}")
        ax.plot([z0 - h, z0 + h], [float(g(z0 - h)), float(g(z0 + h))], "o",
                color=str(grey), ms=5)
        secants.append(line)
        slopes.append(slope)
    d0 = float(dg(z0))
    zz = np.array([z0 - 2.0, z0 + 2.0])
    (tangent,) = ax.plot(zz, g0 + d0 * (zz - z0), color=DERIVATIVE, lw=2, ls="--",
                         label=f"tangent: slope $g'({z0:g})$ = {d0:.3f}", zorder=4)
    ax.plot([z0], [g0], "o", color=DERIVATIVE, ms=6, zorder=5)
    slopes.append(d0)
    ax.set_xlabel("$z$")
    ax.set_ylabel("$g(z)$")
    return {"curve": curve, "secants": secants, "tangent": tangent, "slopes": slopes}


def step_and_sigmoid_neurons(w=(5.0, 3.0), b=-4.0, width=BOOK_WIDTH, height=2.5):
    """Two neurons side by side: the threshold (step) neuron and the sigmoid neuron.

    Both draw the bias as one more weight, on a constant input 1, so that
    :math:`z = w_1 x_1 + w_2 x_2 + b \\cdot 1`; they differ only in the activation
    function, a step :math:`u(z)` (output 0 or 1) or the sigmoid :math:`\\sigma(z)`
    (output between 0 and 1). Each connection is coloured by the sign of its weight
    (:data:`EXCITATORY` positive, :data:`INHIBITORY` negative).

    Parameters
    ----------
    w : sequence of float
        The weights, 1 to 4 of them.
    b : float
        The bias, drawn as the weight of the constant input 1.
    width, height : float
        Figure size in inches.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : ndarray of 2 Axes
    parts : list of 2 dicts
        One per neuron: ``"weights"`` (arrows, the bias's last), ``"labels"`` (Text),
        ``"icon"`` (the Line2D of the activation drawn in its box; its y-values are the
        activation of its x-values).
    """

    from nnlib.plot.style import EXCITATORY, INHIBITORY, OKABE_ITO

    w = as_float_array(w, "w", ndim=1)
    if not 1 <= w.size <= 4:
        raise ValueError(f"w must hold 1 to 4 weights; got {w.size}.")
    b = float(as_float_array(b, "b", ndim=0))
    fig, axes = new_figure(ncols=2, width=width, height=height)
    weights = [*w, b]
    names = [f"$x_{i}$" for i in range(1, w.size + 1)] + ["$1$"]
    wnames = [f"$w_{i} = {wi:g}$" for i, wi in enumerate(w, start=1)] + [f"$b = {b:g}$"]
    n = len(weights)
    ys = [(n - 1) / 2 - i for i in range(n)]
    bx, br = 3.0, 0.55
    scale = max(abs(v) for v in weights) or 1.0
    all_parts = []
    for ax, act, title, out in (
            (axes[0], "step", "threshold neuron", "$y = u(z)$\n0 or 1"),
            (axes[1], "logistic", "sigmoid neuron", "$a = \\sigma(z)$\nbetween 0 and 1")):
        parts = {"weights": [], "labels": [], "icon": None}
        ax.set_axis_off()
        ax.set_aspect("equal")
        for y, name, wname, wi in zip(ys, names, wnames, weights, strict=True):
            constant = name == "$1$"
            ax.add_patch(Circle((0, y), 0.3, fc="0.92" if constant else "white", ec="0.3",
                                lw=1.5, ls=":" if constant else "-"))
            parts["labels"].append(ax.text(0, y, name, ha="center", va="center", fontsize=12))
            dx, dy = 0.32 - bx, y
            end = (bx + br * dx / np.hypot(dx, dy), br * dy / np.hypot(dx, dy))
            arrow = FancyArrowPatch((0.32, y), end, arrowstyle="-|>", mutation_scale=12,
                                    color=EXCITATORY if wi >= 0 else INHIBITORY,
                                    lw=1.0 + 3.0 * abs(wi) / scale, shrinkB=1)
            parts["weights"].append(ax.add_patch(arrow))
            # The label sits on its own arrow, a third of the way along, on a white patch:
            # readable, and clear of the neighbouring arrows that converge on the body.
            mx, my = 0.32 + 0.33 * (end[0] - 0.32), y + 0.33 * (end[1] - y)
            parts["labels"].append(ax.text(mx, my, wname, ha="center", va="center",
                                           fontsize=9, color="0.1", zorder=4,
                                           bbox={"boxstyle": "round,pad=0.15", "fc": "white",
                                                 "ec": "none", "alpha": 0.9}))
        ax.add_patch(Circle((bx, 0), br, fc=OKABE_ITO["sky_blue"], ec="0.2", lw=1.5,
                            alpha=0.9))
        parts["labels"].append(ax.text(bx, 0, "$z$", ha="center", va="center", fontsize=13))
        sx, sw = bx + 1.0, 0.9
        ax.add_patch(FancyBboxPatch((sx, -sw / 2), sw, sw, boxstyle="round,pad=0.05",
                                    fc="white", ec="0.2", lw=1.5))
        g, _ = activations.get_activation(act)
        t = np.linspace(-6.0, 6.0, 121)
        (icon,) = ax.plot(sx + 0.1 + (sw - 0.2) * (t + 6.0) / 12.0,
                          -0.3 + 0.6 * g(t), color=CURVE, lw=2)
        parts["icon"] = icon
        parts["icon_z"] = t
        arrows = (((bx + br, 0), (sx - 0.05, 0)), ((sx + sw + 0.05, 0), (sx + sw + 0.7, 0)))
        for start, stop in arrows:
            ax.add_patch(FancyArrowPatch(start, stop, arrowstyle="-|>", mutation_scale=12,
                                         color="0.2", lw=1.5))
        parts["labels"].append(ax.text(sx + sw + 0.75, 0, out, ha="left", va="center",
                                       fontsize=10))
        parts["labels"].append(ax.set_title(title, fontsize=11))
        ax.set_xlim(-0.45, sx + sw + 2.3)
        ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
        all_parts.append(parts)
    return fig, axes, all_parts


def _curve_points(values, name):
    """A non-empty 1-D float64 array of finite numbers, or a clear error."""

    arr = as_float_array(values, name, ndim=1)
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one number; got an empty sequence.")
    return arr
