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


def gate_name(y) -> str:
    """The name of the two-input Boolean function whose output column is ``y``.

    Parameters
    ----------
    y : sequence of 4 ints in {0, 1}
        Outputs for the inputs (0,0), (0,1), (1,0), (1,1), in that order.

    Returns
    -------
    str, e.g. ``"AND"``, ``"y = x1"``, ``"always fires"``.
    """
    try:
        key = tuple(int(v) for v in y)
    except (TypeError, ValueError):
        raise TypeError(f"y must be a sequence of four 0/1 values; got {y!r}.") from None
    if key not in GATE_NAMES:
        raise ValueError(f"y must hold four values, each 0 or 1; got {key!r}.")
    return GATE_NAMES[key]


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
    from matplotlib.colors import ListedColormap

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
    from nnlib import neuron

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
        artists["note"].set_text(f"$w = 0$: no line; the neuron {verdict}")
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
        for x1, x2 in X:
            artists["labels"].append(ax.annotate("", (x1, x2), xytext=(9, -14),
                                                 textcoords="offset points", fontsize=9,
                                                 zorder=5))
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
