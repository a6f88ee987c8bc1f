"""One visual style for every figure in the book.

Colours come from the Okabe-Ito palette, which stays distinguishable for readers with
any common form of colour blindness. The same class gets the same colour in every
chapter: class 0 is :data:`CLASS_COLORS[0]` (blue), class 1 is :data:`CLASS_COLORS[1]`
(orange), class 2 is :data:`CLASS_COLORS[2]` (bluish green).

Every plotting function takes an optional ``ax`` and returns the artists it drew, so a
widget can update them instead of redrawing the whole figure.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch, Polygon

from nnlib import activations, neuron
from nnlib._validation import as_float_array

#: Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colours of classes 0, 1, 2, ... in every chapter.
CLASS_COLORS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
)

#: Marker of classes 0, 1, 2, ... so that classes differ in shape as well as colour.
CLASS_MARKERS = ("o", "s", "^", "D")

#: Excitatory (positive) and inhibitory (negative) weights.
EXCITATORY = OKABE_ITO["orange"]
INHIBITORY = OKABE_ITO["blue"]

#: Colour of a function's curve and of its derivative.
CURVE = OKABE_ITO["blue"]
DERIVATIVE = OKABE_ITO["vermillion"]

#: A decision boundary or threshold line.
BOUNDARY = OKABE_ITO["black"]

#: Figure width that fills the book's text column without being scaled down.
BOOK_WIDTH = 7.0

STYLE = {
    "figure.figsize": (BOOK_WIDTH, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "legend.framealpha": 0.9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": mpl.cycler(
        color=[
            OKABE_ITO["blue"],
            OKABE_ITO["orange"],
            OKABE_ITO["bluish_green"],
            OKABE_ITO["vermillion"],
            OKABE_ITO["reddish_purple"],
            OKABE_ITO["sky_blue"],
            OKABE_ITO["yellow"],
            OKABE_ITO["black"],
        ]
    ),
    "image.cmap": "cividis",
    "svg.hashsalt": "nnlib",
}


def use_style() -> None:
    """Apply the book's matplotlib style to every figure made after this call."""
    mpl.rcParams.update(STYLE)


def new_figure(ncols: int = 1, nrows: int = 1, width: float = BOOK_WIDTH, height: float = 4.0,
               **kwargs):
    """A figure and axes in the book's style.

    Parameters
    ----------
    ncols, nrows : int
        Grid of axes.
    width, height : float
        Size in inches. The default width fills the book's text column.
    **kwargs
        Passed on to :func:`matplotlib.pyplot.subplots`.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes or ndarray of Axes
    """
    use_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)


# --- Chapter 2: the threshold neuron -------------------------------------------------------

#: Names of the 16 Boolean functions of two inputs, keyed by the output column ``y`` in the
#: row order of :func:`nnlib.neuron.binary_inputs`: (0,0), (0,1), (1,0), (1,1).
GATE_NAMES = {
    (0, 0, 0, 0): "never fires",
    (0, 0, 0, 1): "AND",
    (0, 0, 1, 0): "x1 AND NOT x2",
    (0, 0, 1, 1): "y = x1",
    (0, 1, 0, 0): "x2 AND NOT x1",
    (0, 1, 0, 1): "y = x2",
    (0, 1, 1, 0): "XOR",
    (0, 1, 1, 1): "OR",
    (1, 0, 0, 0): "NOR",
    (1, 0, 0, 1): "XNOR",
    (1, 0, 1, 0): "NOT x2",
    (1, 0, 1, 1): "x1 OR NOT x2",
    (1, 1, 0, 0): "NOT x1",
    (1, 1, 0, 1): "x2 OR NOT x1",
    (1, 1, 1, 0): "NAND",
    (1, 1, 1, 1): "always fires",
}


def gate_name(y, math: bool = False) -> str:
    """The name of the two-input Boolean function whose output column is ``y``.

    Parameters
    ----------
    y : sequence of 4 ints in {0, 1}
        Outputs for the inputs (0,0), (0,1), (1,0), (1,1), in that order.
    math : bool
        Write the inputs as matplotlib maths, ``$x_1$`` and ``$x_2$``, for titles.

    Returns
    -------
    str, e.g. ``"AND"``, ``"y = x1"``, ``"always fires"``; with ``math=True``
    ``"$y = x_1$"`` and ``"$x_1$ AND NOT $x_2$"``.
    """
    try:
        key = tuple(int(v) for v in y)
    except (TypeError, ValueError):
        raise TypeError(f"y must be a sequence of four 0/1 values; got {y!r}.") from None
    if key not in GATE_NAMES:
        raise ValueError(f"y must hold four values, each 0 or 1; got {key!r}.")
    name = GATE_NAMES[key]
    if math:
        import re

        name = re.sub(r"x([12])", r"$x_\1$", name).replace("y = $", "$y = ")
    return name


def _axes(ax):
    if ax is None:
        _, ax = new_figure()
    return ax


def step_function(ax=None, theta: float = 0.0, zlim=(-3.0, 3.0), xlabel: str = r"$z$",
                  ylabel: str = r"$u(z)$", color: str = CURVE, label=None):
    """Draw a unit step that jumps from 0 to 1 at ``theta``.

    The value at the jump is 1 (a neuron fires when its sum *reaches* the threshold): a
    filled dot marks (theta, 1) and an open dot (theta, 0).

    Parameters
    ----------
    ax : matplotlib Axes, optional
    theta : float
        Where the step jumps. 0 gives the unit step u(z).
    zlim : (float, float)
        Horizontal range drawn.
    xlabel, ylabel : str
        Axis labels.
    color : str
    label : str, optional
        Legend label of the curve.

    Returns
    -------
    dict with the artists ``"low"``, ``"high"`` (Line2D), ``"jump"`` (dashed Line2D),
    ``"open"``, ``"closed"`` (Line2D markers). Move them with :func:`set_step_function`.
    """
    ax = _axes(ax)
    lo, hi = (float(v) for v in zlim)
    if not lo < hi:
        raise ValueError(f"zlim must be (low, high) with low < high; got {zlim!r}.")
    artists = {
        "low": ax.plot([], [], color=color, lw=2.5, label=label)[0],
        "high": ax.plot([], [], color=color, lw=2.5)[0],
        "jump": ax.plot([], [], color=color, lw=1, ls=":")[0],
        "open": ax.plot([], [], "o", ms=7, mfc="white", mec=color, mew=2, zorder=3)[0],
        "closed": ax.plot([], [], "o", ms=7, color=color, zorder=3)[0],
        "zlim": (lo, hi),
    }
    set_step_function(artists, theta)
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.15, 1.2)
    ax.set_yticks([0, 1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return artists


def set_step_function(artists: dict, theta: float) -> None:
    """Move the jump of a step drawn by :func:`step_function` to ``theta``."""
    lo, hi = artists["zlim"]
    t = min(max(float(theta), lo), hi)
    artists["low"].set_data([lo, t], [0, 0])
    artists["high"].set_data([t, hi], [1, 1])
    artists["jump"].set_data([t, t], [0, 1])
    visible = lo <= float(theta) <= hi
    for key in ("open", "closed", "jump"):
        artists[key].set_visible(visible)
    artists["open"].set_data([t], [0])
    artists["closed"].set_data([t], [1])


def input_plane(ax=None, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5)):
    """Prepare axes for the input plane (x1 horizontal, x2 vertical, equal scales).

    Returns
    -------
    ax : matplotlib Axes
    """
    ax = _axes(ax)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    return ax


def decision_line(w, theta: float, ax=None, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5),
                  shade: bool = True, resolution: int = 121, label=None):
    """Draw the line w1 x1 + w2 x2 = theta and shade the side where the neuron fires.

    The line comes from :func:`nnlib.neuron.decision_boundary` and the shading from
    :func:`nnlib.neuron.fire` on a grid, so the picture is exactly what the neuron computes.
    When ``w = 0`` there is no line; a note in the plot says so and whether the neuron
    then always or never fires.

    Parameters
    ----------
    w : array-like of shape (2,)
    theta : float
    ax : matplotlib Axes, optional
    xlim, ylim : (float, float)
        The box of the input plane that is drawn.
    shade : bool
        Shade the firing side in class 1's colour and the other in class 0's.
    resolution : int
        Grid points per side for the shading.
    label : str, optional
        Legend label of the line (default ``"$w_1x_1 + w_2x_2 = \\theta$"``).

    Returns
    -------
    dict with ``"line"`` (Line2D), ``"region"`` (AxesImage or None), ``"note"`` (Text).
    Update them with :func:`set_decision_line`.
    """

    ax = _axes(ax)
    if label is None:
        label = r"$w_1x_1 + w_2x_2 = \theta$"
    artists = {"xlim": tuple(xlim), "ylim": tuple(ylim), "region": None, "grid": None}
    if shade:
        x1 = np.linspace(xlim[0], xlim[1], int(resolution))
        x2 = np.linspace(ylim[0], ylim[1], int(resolution))
        g1, g2 = np.meshgrid(x1, x2)
        artists["grid"] = (np.column_stack([g1.ravel(), g2.ravel()]), g1.shape)
        cmap = ListedColormap([CLASS_COLORS[0], CLASS_COLORS[1]])
        artists["region"] = ax.imshow(
            np.zeros(g1.shape), origin="lower", extent=(*xlim, *ylim), cmap=cmap,
            vmin=0, vmax=1, alpha=0.18, interpolation="nearest", aspect="auto", zorder=0)
    artists["line"] = ax.plot([], [], color=BOUNDARY, lw=2, label=label)[0]
    artists["note"] = ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top",
                              fontsize=9, bbox={"boxstyle": "round", "fc": "white",
                                                "ec": "0.7", "alpha": 0.9}, zorder=5)
    input_plane(ax, xlim, ylim)
    set_decision_line(artists, w, theta)
    return artists


def set_decision_line(artists: dict, w, theta: float) -> None:
    """Redraw the line and shading made by :func:`decision_line` for new ``w`` and ``theta``."""

    segment = neuron.decision_boundary(w, theta, artists["xlim"], artists["ylim"])
    if segment is None:
        artists["line"].set_data([], [])
    else:
        (xa, ya), (xb, yb) = segment
        artists["line"].set_data([xa, xb], [ya, yb])
    if artists["region"] is not None:
        points, shape = artists["grid"]
        artists["region"].set_data(np.asarray(neuron.fire(points, w, theta)).reshape(shape))
    w = np.asarray(w, dtype=float)
    if not np.any(w):
        always = bool(neuron.fire(np.zeros(w.shape), w, theta))
        verdict = "always fires" if always else "never fires"
        artists["note"].set_text(f"$w = 0$: no line,\nthe neuron {verdict}")
    elif segment is None:
        artists["note"].set_text("the line lies outside this view")
    else:
        artists["note"].set_text("")
    artists["note"].set_visible(bool(artists["note"].get_text()))


def truth_points(X, y, ax=None, annotate: bool = True, size: float = 10):
    """Mark the inputs X in the input plane, coloured and shaped by the output y.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,), values 0 or 1
    ax : matplotlib Axes, optional
    annotate : bool
        Write ``y = 0`` / ``y = 1`` beside each point.
    size : float
        Marker size.

    Returns
    -------
    dict with ``"y0"``, ``"y1"`` (Line2D, one per output) and ``"labels"`` (list of Text).
    Recolour them with :func:`set_truth_points`.
    """
    ax = _axes(ax)
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n_samples, 2); got shape {X.shape}.")
    artists = {"X": X, "labels": []}
    for k in (0, 1):
        artists[f"y{k}"] = ax.plot([], [], CLASS_MARKERS[k], ms=size, color=CLASS_COLORS[k],
                                   mec="black", mew=0.8, label=f"$y = {k}$", zorder=4)[0]
    if annotate:
        # Labels go on the outer side of each point, away from lines through the middle.
        middle = X[:, 0].mean()
        for x1, x2 in X:
            left = x1 < middle
            artists["labels"].append(ax.annotate(
                "", (x1, x2), xytext=(-9 if left else 9, -14), textcoords="offset points",
                ha="right" if left else "left", fontsize=9, zorder=5,
                # a light backing keeps the label readable where a decision line crosses it
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75}))
    set_truth_points(artists, y)
    return artists


def set_truth_points(artists: dict, y) -> None:
    """Recolour the points drawn by :func:`truth_points` for new outputs ``y``."""
    X = artists["X"]
    y = np.asarray(y).ravel()
    if y.shape != (len(X),) or not np.isin(y, (0, 1)).all():
        raise ValueError(f"y must hold {len(X)} values, each 0 or 1; got {y.tolist()!r}.")
    for k in (0, 1):
        artists[f"y{k}"].set_data(X[y == k, 0], X[y == k, 1])
    for text, value in zip(artists["labels"], y, strict=False):
        text.set_text(f"$y={int(value)}$")


def threshold_plane(w, theta: float, ax=None, title: bool = True, annotate: bool = True,
                    xlim=(-0.5, 1.5), ylim=(-0.5, 1.5)):
    """One picture of a two-input threshold neuron: its decision line, the side where it
    fires (shaded) and the four 0/1 inputs coloured by its output.

    Parameters
    ----------
    w : array-like of shape (2,)
    theta : float
    ax : matplotlib Axes, optional
    title : bool
        Title the axes with the settings and the gate they compute.
    annotate : bool
        Write ``y = 0`` / ``y = 1`` beside each point.
    xlim, ylim : (float, float)

    Returns
    -------
    dict with ``"boundary"`` (from :func:`decision_line`), ``"points"`` (from
    :func:`truth_points`) and ``"table"`` (the :class:`nnlib.neuron.TruthTable`).
    """

    ax = _axes(ax)
    table = neuron.truth_table(w, theta)
    boundary = decision_line(w, theta, ax=ax, xlim=xlim, ylim=ylim)
    points = truth_points(table.X, table.y, ax=ax, annotate=annotate)
    if title:
        w1, w2 = (float(v) + 0.0 for v in table.w)
        ax.set_title(rf"$w_1={w1:g},\ w_2={w2:g},\ \theta={float(theta) + 0.0:g}$"
                     f"\n{gate_name(table.y, math=True)}", fontsize=10)
    return {"boundary": boundary, "points": points, "table": table}


# --- Chapter 3: activation functions -------------------------------------------------------

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


# --- chapter 1: the biological neuron and spiking ---------------------------------------

#: Fill and outline of the drawn neuron, and the neighbour its synapse reaches.
NEURON_FILL = "#CFE8F7"  # a light tint of Okabe-Ito sky blue
NEURON_EDGE = OKABE_ITO["blue"]
NEIGHBOUR_FILL = "#E6E6E6"
NEIGHBOUR_EDGE = "#808080"


def _schematic_axes(ax):
    if ax is None:
        _, ax = new_figure(height=3.4)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _tapered_branch(ax, x0, y0, angle, length, width, depth, rng_angles, artists, color):
    """Draw one dendritic branch and, recursively, its two daughters."""
    x1 = x0 + length * np.cos(angle)
    y1 = y0 + length * np.sin(angle)
    (line,) = ax.plot([x0, x1], [y0, y1], color=color, lw=width, solid_capstyle="round",
                      zorder=2)
    artists.append(line)
    if depth == 0:
        return [(x1, y1, angle)]
    tips = []
    spread = rng_angles[depth]
    for sign in (-1, 1):
        tips += _tapered_branch(ax, x1, y1, angle + sign * spread, length * 0.68,
                                width * 0.62, depth - 1, rng_angles, artists, color)
    return tips


def neuron_schematic(ax=None):
    """Draw a labelled neuron: dendrites, cell body, axon, axon terminals and a synapse.

    Signals enter at the dendrites on the left, are summed in the cell body (soma) and
    leave along the axon to the right; one axon terminal meets a dendrite of the next
    neuron at a synapse.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new book-width figure by default.

    Returns
    -------
    dict of str to list of Artist
        The artists by part: 'dendrites', 'soma', 'axon', 'myelin', 'terminals',
        'neighbour', 'arrows', 'labels'.
    """

    ax = _schematic_axes(ax)
    parts = {k: [] for k in ("dendrites", "soma", "axon", "myelin", "terminals",
                             "neighbour", "arrows", "labels")}
    edge, fill = NEURON_EDGE, NEURON_FILL

    # Dendrites: five trees that leave the soma towards the left.
    tips = []
    spreads = {2: 0.42, 1: 0.38}
    for angle_deg, length in ((118, 0.8), (152, 1.1), (180, 1.2), (208, 1.1), (242, 0.8)):
        a = np.deg2rad(angle_deg)
        start = (0.85 * np.cos(a), 0.72 * np.sin(a))
        tips += _tapered_branch(ax, *start, a, length, 6.5, 2, spreads, parts["dendrites"],
                                edge)

    # Soma with its nucleus, drawn over the roots of the dendrites.
    soma = Ellipse((0, 0), 2.0, 1.7, facecolor=fill, edgecolor=edge, lw=2.2, zorder=3)
    nucleus = Circle((-0.1, 0.05), 0.32, facecolor="white", edgecolor=edge, lw=1.5, zorder=4)
    parts["soma"] += [ax.add_patch(soma), ax.add_patch(nucleus)]

    # Axon hillock (a cone) and the axon with its myelin sheaths.
    hillock = Polygon([(0.85, 0.32), (1.55, 0.07), (1.55, -0.07), (0.85, -0.32)],
                      closed=True, facecolor=fill, edgecolor=edge, lw=2.0, zorder=2)
    parts["axon"].append(ax.add_patch(hillock))
    x_end = 7.4
    (axon,) = ax.plot([1.5, x_end], [0, 0], color=edge, lw=2.5, zorder=2,
                      solid_capstyle="round")
    parts["axon"].append(axon)
    for x in np.arange(1.85, x_end - 0.8, 1.05):
        sheath = FancyBboxPatch((x, -0.17), 0.85, 0.34, boxstyle="round,pad=0,rounding_size=0.17",
                                facecolor="white", edgecolor=edge, lw=1.5, zorder=3)
        parts["myelin"].append(ax.add_patch(sheath))

    # Axon terminals: the axon splits into branches that end in small knobs.
    knobs = []
    for dy in (0.75, 0.25, -0.25, -0.75):
        xs = [x_end, x_end + 0.45, x_end + 0.95]
        ys = [0, dy * 0.55, dy]
        (branch,) = ax.plot(xs, ys, color=edge, lw=1.8, zorder=2, solid_capstyle="round")
        knob = Circle((xs[-1] + 0.1, ys[-1]), 0.11, facecolor=fill, edgecolor=edge, lw=1.5,
                      zorder=4)
        parts["terminals"] += [branch, ax.add_patch(knob)]
        knobs.append((xs[-1] + 0.1, ys[-1]))

    # The next neuron: one of its dendrites passes the top knob -> a synapse.
    kx, ky = knobs[0]
    (neighbour,) = ax.plot([kx + 0.2, kx + 0.55, kx + 1.2], [ky, ky - 0.25, ky - 0.85],
                           color=NEIGHBOUR_EDGE, lw=5, solid_capstyle="round", zorder=1)
    other = Ellipse((kx + 1.6, ky - 1.35), 1.1, 0.95, facecolor=NEIGHBOUR_FILL,
                    edgecolor=NEIGHBOUR_EDGE, lw=2, zorder=2)
    parts["neighbour"] += [neighbour, ax.add_patch(other)]
    parts["labels"].append(ax.text(kx + 1.6, ky - 1.35, "next\nneuron", ha="center",
                                   va="center", fontsize=8, color="0.3", zorder=3))
    gap = Circle((kx + 0.2, ky), 0.34, facecolor="none", edgecolor=OKABE_ITO["orange"],
                 lw=1.8, ls="--", zorder=5)
    parts["neighbour"].append(ax.add_patch(gap))

    # Incoming signals at the tips of the dendrites (a few of them).
    for x, y, a in sorted(tips, key=lambda tip: tip[0])[:5]:
        start = (x + 0.55 * np.cos(a), y + 0.55 * np.sin(a))
        arrow = FancyArrowPatch(start, (x + 0.08 * np.cos(a), y + 0.08 * np.sin(a)),
                                arrowstyle="-|>", mutation_scale=10, color=OKABE_ITO["orange"],
                                lw=1.4, zorder=5)
        parts["arrows"].append(ax.add_patch(arrow))

    # Direction of signal flow, under the neuron.
    y_flow = -2.35
    flow = FancyArrowPatch((-2.2, y_flow), (8.6, y_flow), arrowstyle="-|>", mutation_scale=18,
                           color="black", lw=1.6)
    parts["arrows"].append(ax.add_patch(flow))
    parts["labels"].append(ax.text(3.2, y_flow - 0.12, "direction of signal flow", ha="center",
                                   va="top", fontsize=10))

    def label(text, xy, xytext, ha="center"):
        ann = ax.annotate(text, xy=xy, xytext=xytext, ha=ha, va="center", fontsize=10,
                          arrowprops={"arrowstyle": "-", "color": "0.35", "lw": 0.9,
                                      "shrinkA": 2, "shrinkB": 2})
        parts["labels"].append(ann)

    label("dendrites\nreceive signals", (-2.2, 1.1), (-2.9, 2.3))
    label("cell body (soma)\nsums them", (0.45, 0.6), (1.3, 2.0))
    label("axon\nsends the result", (4.6, 0.18), (4.2, 1.3))
    label("axon terminals", (x_end + 0.9, -0.85), (x_end + 0.2, -1.55))
    label("synapse\n(to the next neuron)", (kx + 0.4, ky + 0.25), (kx + 0.9, 2.0))

    ax.set_xlim(-3.9, 10.8)
    ax.set_ylim(-2.9, 2.8)
    return parts


def neuron_model_diagram(ax=None, n_inputs: int = 3):
    """Draw the mathematical neuron: inputs x_i, weights w_i, a sum, an activation.

    The picture of the information flow: each input is multiplied by its weight, the
    products are summed and the threshold subtracted (z), and the activation a(z) gives
    the output, which stands for the firing rate.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
    n_inputs : int, default 3

    Returns
    -------
    dict of str to list of Artist
        'inputs', 'weights', 'sum', 'activation', 'output', 'labels'.
    """

    ax = _schematic_axes(ax)
    parts = {k: [] for k in ("inputs", "weights", "sum", "activation", "output", "labels")}
    ys = [(n_inputs - 1) / 2 - i for i in range(n_inputs)]
    sx, sy, r = 3.2, 0.0, 0.5

    for i, y in enumerate(ys, start=1):
        c = Circle((0, y * 1.05), 0.33, facecolor=NEURON_FILL, edgecolor=NEURON_EDGE, lw=1.6)
        parts["inputs"].append(ax.add_patch(c))
        parts["labels"].append(ax.text(0, y * 1.05, f"$x_{i}$", ha="center", va="center",
                                       fontsize=12))
        arrow = FancyArrowPatch((0.35, y * 1.05), (sx - r, sy), arrowstyle="-|>",
                                mutation_scale=12, color=OKABE_ITO["orange"], lw=1.6,
                                shrinkA=0, shrinkB=2)
        parts["weights"].append(ax.add_patch(arrow))
        # The weight's name sits beside its arrow, 40 % of the way along, on the outer side.
        mx, my = 0.35 + 0.4 * (sx - r - 0.35), y * 1.05 * 0.6
        va = "top" if y < 0 else "bottom"
        parts["labels"].append(ax.text(mx, my + (-0.12 if y < 0 else 0.12), f"$w_{i}$",
                                       ha="center", va=va, fontsize=12))

    body = Circle((sx, sy), r, facecolor=NEURON_FILL, edgecolor=NEURON_EDGE, lw=2)
    parts["sum"].append(ax.add_patch(body))
    parts["labels"].append(ax.text(sx, sy, r"$\Sigma$", ha="center", va="center", fontsize=16))
    parts["labels"].append(ax.text(sx, sy - r - 0.2, r"$z = \sum_i w_i x_i - \theta$",
                                   ha="center", va="top", fontsize=11))

    bx = 5.0
    box = FancyBboxPatch((bx - 0.5, -0.4), 1.0, 0.8, boxstyle="round,pad=0.05",
                         facecolor="white", edgecolor=NEURON_EDGE, lw=2)
    parts["activation"].append(ax.add_patch(box))
    parts["labels"].append(ax.text(bx, 0, "$a(z)$", ha="center", va="center", fontsize=13))
    for start, end in (((sx + r, 0), (bx - 0.56, 0)), ((bx + 0.56, 0), (6.6, 0))):
        arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color="black",
                                lw=1.6, shrinkA=0, shrinkB=0)
        parts["output"].append(ax.add_patch(arrow))
    parts["labels"].append(ax.text(6.7, 0, "$a$", ha="left", va="center", fontsize=13))

    parts["labels"].append(ax.text(0, ys[0] * 1.05 + 0.55, "inputs\n(signals)", ha="center",
                                   va="bottom", fontsize=10))
    parts["labels"].append(ax.text(1.7, ys[0] * 1.05 + 0.55, "weights\n(synapses)",
                                   ha="center", va="bottom", fontsize=10))
    for x, text in ((sx, "sum\n(soma)"), (bx, "activation\nfunction"),
                    (6.8, "output\n(firing rate)")):
        parts["labels"].append(ax.text(x, ys[0] * 1.05 + 0.55, text, ha="center",
                                       va="bottom", fontsize=10))
    ax.set_xlim(-0.7, 7.7)
    ax.set_ylim(ys[-1] * 1.05 - 0.8, ys[0] * 1.05 + 1.4)
    return parts


#: Height at which a spike is drawn (mV). Every spike is drawn the same: all or nothing.
SPIKE_PEAK = 20.0


def _spike_segments(times, v_threshold):
    return [[(t, v_threshold), (t, SPIKE_PEAK)] for t in times]


def membrane_trace(trace, i: int = 0, ax=None, color=None, label=None, show_threshold=True):
    """Plot the membrane potential of one neuron of a :class:`~nnlib.spiking.SpikeTrace`.

    Spikes are drawn as vertical lines of one fixed height, from the threshold up to
    :data:`SPIKE_PEAK`: a spike is all or nothing.

    Parameters
    ----------
    trace : nnlib.spiking.SpikeTrace
    i : int, default 0
        Which input's neuron to draw.
    ax : matplotlib.axes.Axes, optional
    color : colour, optional
        Default :data:`CURVE`.
    label : str, optional
        Legend label of the potential.
    show_threshold : bool, default True
        Draw the threshold as a dashed line.

    Returns
    -------
    dict with 'v' (Line2D), 'spikes' (LineCollection), 'threshold' (Line2D or None) and
    'threshold_label' (Text or None).
    """

    if ax is None:
        _, ax = new_figure()
    color = CURVE if color is None else color
    neuron = trace.neuron
    (v_line,) = ax.plot(trace.t, trace.v[i], color=color, lw=1.3, label=label)
    spikes = LineCollection(_spike_segments(trace.spike_times(i), neuron.v_threshold),
                            colors=color, linewidths=1.3)
    ax.add_collection(spikes)
    threshold = threshold_label = None
    if show_threshold:
        threshold = ax.axhline(neuron.v_threshold, color=BOUNDARY, ls="--", lw=1, zorder=3)
        threshold_label = ax.text(0.99, neuron.v_threshold, r"threshold $v_\theta$",
                                  transform=ax.get_yaxis_transform(), ha="right", va="bottom",
                                  fontsize=9, zorder=4,
                                  bbox={"facecolor": "white", "edgecolor": "none",
                                        "alpha": 0.85, "pad": 1})
    ax.set_xlim(0, trace.duration)
    ax.set_ylim(neuron.v_reset - 8, SPIKE_PEAK + 8)
    ax.set_xlabel("time $t$ (ms)")
    ax.set_ylabel("potential $v$ (mV)")
    return {"v": v_line, "spikes": spikes, "threshold": threshold,
            "threshold_label": threshold_label}


def set_membrane_trace(artists, trace, i: int = 0) -> None:
    """Update the artists of :func:`membrane_trace` in place to show another trace.

    Parameters
    ----------
    artists : dict
        What :func:`membrane_trace` returned.
    trace : nnlib.spiking.SpikeTrace
    i : int, default 0
    """
    v_threshold = trace.neuron.v_threshold
    artists["v"].set_data(trace.t, trace.v[i])
    artists["spikes"].set_segments(_spike_segments(trace.spike_times(i), v_threshold))
    if artists["threshold"] is not None:
        artists["threshold"].set_ydata([v_threshold, v_threshold])
        artists["threshold_label"].set_y(v_threshold)


def spike_raster(trace, ax=None, color=None):
    """One row of tick marks per input: the spike times of every simulated neuron.

    Parameters
    ----------
    trace : nnlib.spiking.SpikeTrace
    ax : matplotlib.axes.Axes, optional
    color : colour, optional

    Returns
    -------
    matplotlib.collections.EventCollection list (one per input, bottom to top).
    """
    if ax is None:
        _, ax = new_figure(height=2.5)
    color = CURVE if color is None else color
    positions = [trace.spike_times(i) for i in range(len(trace.current))]
    events = ax.eventplot(positions, colors=color, lineoffsets=range(len(positions)),
                          linelengths=0.7, linewidths=1.2)
    ax.set_yticks(range(len(positions)), [f"{c:g} nA" for c in trace.current])
    ax.set_xlim(0, trace.duration)
    ax.set_ylim(-0.6, len(positions) - 0.4)
    ax.set_xlabel("time $t$ (ms)")
    ax.set_ylabel("input current $I$")
    ax.grid(axis="y", visible=False)
    return events


def rate_curve(current, rate, ax=None, color=None, label=None, threshold_current=None, **kwargs):
    """Plot firing rate against input current.

    Parameters
    ----------
    current : array_like of shape (n,)
        Input currents I (nA).
    rate : array_like of shape (n,)
        Firing rates (Hz), e.g. from :func:`nnlib.spiking.lif_rate`.
    ax : matplotlib.axes.Axes, optional
    color : colour, optional
        Default :data:`CURVE`.
    label : str, optional
    threshold_current : float, optional
        If given, a dashed vertical line marks it.
    **kwargs
        Passed on to ``ax.plot``.

    Returns
    -------
    dict with 'curve' (Line2D) and 'threshold' (Line2D or None).
    """
    if ax is None:
        _, ax = new_figure()
    color = CURVE if color is None else color
    (curve,) = ax.plot(current, rate, color=color, lw=2, label=label, **kwargs)
    threshold = None
    if threshold_current is not None:
        threshold = ax.axvline(threshold_current, color=BOUNDARY, ls="--", lw=1,
                               label=r"threshold current $I_\theta$")
    ax.set_xlabel("input current $I$ (nA)")
    ax.set_ylabel("firing rate (Hz)")
    return {"curve": curve, "threshold": threshold}


def threshold_neuron_diagram(w=(4.0, 1.0, 2.0), theta=None, input_names=None, ax=None):
    """Draw a threshold neuron: inputs, weighted connections, the sum, the step, the output.

    Each connection is coloured by the sign of its weight (:data:`EXCITATORY` for
    positive, :data:`INHIBITORY` for negative) and drawn thicker the larger the weight.

    Parameters
    ----------
    w : sequence of float
        One weight per input (1 to 6 inputs).
    theta : float, optional
        Threshold written in the body; the symbol θ when None.
    input_names : sequence of str, optional
        Words written left of the inputs (e.g. "sight").
    ax : matplotlib Axes, optional

    Returns
    -------
    dict with lists of artists: ``"inputs"``, ``"weights"``, ``"body"``, ``"step"``,
    ``"output"``, ``"labels"``.
    """

    w = np.asarray(w, dtype=float)
    if w.ndim != 1 or not 1 <= w.size <= 6 or not np.all(np.isfinite(w)):
        raise ValueError(f"w must hold 1 to 6 finite weights; got {w.tolist()!r}.")
    if input_names is not None and len(input_names) != w.size:
        raise ValueError(f"input_names must name {w.size} inputs; got {len(input_names)}.")
    ax = _axes(ax)
    ax.set_axis_off()
    ax.set_aspect("equal")
    parts = {k: [] for k in ("inputs", "weights", "body", "step", "output", "labels")}
    n = w.size
    ys = [(n - 1) / 2 - i for i in range(n)]
    bx, by, br = 3.4, 0.0, 0.75
    scale = np.abs(w).max() or 1.0
    for i, (y, wi) in enumerate(zip(ys, w, strict=True), start=1):
        parts["inputs"].append(ax.add_patch(Circle((0, y), 0.28, fc="white", ec="0.3",
                                                   lw=1.5)))
        parts["labels"].append(ax.text(0, y, f"$x_{i}$", ha="center", va="center",
                                       fontsize=12))
        if input_names is not None:
            parts["labels"].append(ax.text(-0.45, y, input_names[i - 1], ha="right",
                                           va="center", fontsize=10))
        color = EXCITATORY if wi >= 0 else INHIBITORY
        # each connection ends where the line from its input meets the body's edge
        dx, dy = 0.3 - bx, y - by
        end = (bx + br * dx / np.hypot(dx, dy), by + br * dy / np.hypot(dx, dy))
        arrow = FancyArrowPatch((0.3, y), end, arrowstyle="-|>", mutation_scale=14,
                                color=color, lw=1.0 + 4.0 * abs(wi) / scale, shrinkB=1)
        parts["weights"].append(ax.add_patch(arrow))
        mx, my = 0.3 + 0.35 * (end[0] - 0.3), y + 0.35 * (end[1] - y)
        parts["labels"].append(ax.text(mx, my + 0.12, f"$w_{i} = {wi:g}$", ha="center",
                                       va="bottom", fontsize=10, color="0.15"))
    parts["body"].append(ax.add_patch(Circle((bx, by), br, fc=OKABE_ITO["sky_blue"],
                                             ec="0.2", lw=1.5, alpha=0.9)))
    parts["labels"].append(ax.text(bx, by, r"$\sum_i w_i x_i$", ha="center", va="center",
                                   fontsize=11))
    # the step: a small box with a step drawn in it
    sx, sw = bx + 1.3, 0.9
    parts["step"].append(ax.add_patch(FancyBboxPatch((sx, -sw / 2), sw, sw,
                                                     boxstyle="round,pad=0.05", fc="white",
                                                     ec="0.2", lw=1.5)))
    parts["step"].append(ax.plot([sx + 0.1, sx + sw / 2, sx + sw / 2, sx + sw - 0.1],
                                 [-0.25, -0.25, 0.25, 0.25], color=BOUNDARY, lw=2)[0])
    threshold = r"\theta" if theta is None else f"{float(theta):g}"
    parts["labels"].append(ax.text(sx + sw / 2, -sw / 2 - 0.15,
                                   f"fires if sum $\\geq {threshold}$", ha="center",
                                   va="top", fontsize=10))
    parts["output"].append(ax.add_patch(FancyArrowPatch((sx + sw + 0.05, 0),
                                                        (sx + sw + 1.1, 0),
                                                        arrowstyle="-|>", mutation_scale=14,
                                                        color="0.2", lw=2)))
    parts["output"].append(ax.add_patch(FancyArrowPatch((bx + br, 0), (sx - 0.05, 0),
                                                        arrowstyle="-|>", mutation_scale=12,
                                                        color="0.2", lw=1.5)))
    parts["labels"].append(ax.text(sx + sw + 1.2, 0, "$y \\in \\{0, 1\\}$", ha="left",
                                   va="center", fontsize=12))
    left = -0.5 - (1.3 if input_names is not None else 0.0)
    ax.set_xlim(left, sx + sw + 2.6)
    ax.set_ylim(min(min(ys) - 0.45, -1.1), max(max(ys) + 0.45, 0.8))
    return parts
