"""Chapter 2's figures: the threshold neuron, its step, its decision line, logic gates."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Circle, FancyArrowPatch

from nnlib import neuron
from nnlib.plot.style import (
    BOUNDARY,
    CLASS_COLORS,
    CLASS_MARKERS,
    CURVE,
    EXCITATORY,
    INHIBITORY,
    OKABE_ITO,
    _axes,
)

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
        values = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.ndim != 1:
        raise TypeError(f"y must be a sequence of four 0/1 values; got {y!r}.")
    if values.shape != (4,) or not np.all((values == 0) | (values == 1)):
        # No rounding: 1.9 is not an output a threshold neuron can give.
        raise ValueError(f"y must hold four values, each 0 or 1; got {y!r}.")
    key = tuple(int(v) for v in values)
    name = GATE_NAMES[key]
    if math:
        import re

        name = re.sub(r"x([12])", r"$x_\1$", name).replace("y = $", "$y = ")
    return name




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
    # in the middle of the view, between the rows of the four 0/1 inputs, so it hides none
    artists["note"] = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
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


def weight_vector(w, theta: float, ax=None, length: float = 0.45, label: bool = True):
    """Draw the geometry of w in the input plane: w is perpendicular to the decision line,
    points to the side where the neuron fires, and the line lies at distance |θ|/‖w‖ from
    the origin.

    A dashed segment runs from the origin to the nearest point of the line
    (:func:`nnlib.neuron.perpendicular_foot`); from that point an arrow of the given length
    points along w, with a right-angle mark where it meets the line.

    Parameters
    ----------
    w : array-like of shape (2,)
        Weights, not both zero.
    theta : float
    ax : matplotlib Axes, optional
    length : float
        Length of the drawn arrow in input-plane units (w itself may be much longer).
    label : bool
        Write the distance and "w" beside the segment and the arrow.

    Returns
    -------
    dict with ``"distance"`` (Line2D, origin to foot), ``"arrow"`` (FancyArrowPatch),
    ``"corner"`` (Line2D, the right-angle mark), ``"foot"`` (ndarray (2,)), ``"direction"``
    (unit vector along w) and ``"labels"`` (list of Text).
    """
    ax = _axes(ax)
    foot = neuron.perpendicular_foot(w, theta)
    w = np.asarray(w, dtype=float)
    if w.shape != (2,):
        raise ValueError(f"w must hold 2 weights (w1, w2); got shape {w.shape}.")
    length = float(length)
    if not length > 0:
        raise ValueError(f"length must be a number > 0; got {length!r}.")
    unit = w / np.linalg.norm(w)
    along = np.array([-unit[1], unit[0]])  # along the line
    distance = abs(neuron.signed_distance([0.0, 0.0], w, theta))
    artists = {"foot": foot, "direction": unit, "labels": []}
    artists["distance"] = ax.plot([0, foot[0]], [0, foot[1]], ls="--", lw=1.5,
                                  color=OKABE_ITO["vermillion"], zorder=3)[0]
    tip = foot + length * unit
    artists["arrow"] = ax.add_patch(FancyArrowPatch(
        tuple(foot), tuple(tip), arrowstyle="-|>", mutation_scale=16, lw=2.2,
        color=OKABE_ITO["bluish_green"], zorder=6, shrinkA=0, shrinkB=0))
    c = 0.07  # size of the right-angle mark
    corner = np.array([foot + c * along, foot + c * along + c * unit, foot + c * unit])
    artists["corner"] = ax.plot(corner[:, 0], corner[:, 1], color="0.2", lw=1, zorder=6)[0]
    ax.plot([0], [0], "+", color="0.2", ms=8, mew=1.5, zorder=6)
    if label:
        mid = foot / 2
        artists["labels"].append(ax.annotate(
            rf"$|\theta|/\|\mathbf{{w}}\| = {distance:.2f}$", tuple(mid), xytext=(6, -6),
            textcoords="offset points", ha="left", va="top", fontsize=9,
            color=OKABE_ITO["vermillion"], zorder=7,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8}))
        artists["labels"].append(ax.annotate(
            r"$\mathbf{w}$", tuple(tip), xytext=(4, 4), textcoords="offset points",
            fontsize=12, color=OKABE_ITO["bluish_green"], zorder=7))
    return artists


def threshold_circuit(hidden, output, ax=None, input_names=("$x_1$", "$x_2$")):
    """Draw a two-layer circuit of threshold neurons: inputs, a hidden layer, one output.

    Each neuron is a circle with its name and threshold; each connection is an arrow
    labelled with its weight, coloured by sign (:data:`EXCITATORY` positive,
    :data:`INHIBITORY` negative).

    Parameters
    ----------
    hidden : sequence of (name, w, theta)
        The hidden neurons; each ``w`` has one weight per input.
    output : (name, w, theta)
        The output neuron; ``w`` has one weight per hidden neuron.
    ax : matplotlib Axes, optional
    input_names : sequence of str
        Labels of the inputs.

    Returns
    -------
    dict with ``"neurons"`` (list of Circle), ``"edges"`` (list of (start, end, weight,
    FancyArrowPatch)) and ``"labels"`` (list of Text).
    """
    n_in = len(input_names)
    hidden = [(str(name), np.asarray(w, dtype=float), float(t)) for name, w, t in hidden]
    out_name, out_w, out_t = output[0], np.asarray(output[1], dtype=float), float(output[2])
    for name, w, _ in hidden:
        if w.shape != (n_in,):
            raise ValueError(f"hidden neuron {name!r} needs {n_in} weights; got {w.tolist()}.")
    if out_w.shape != (len(hidden),):
        raise ValueError(f"the output neuron needs {len(hidden)} weights (one per hidden "
                         f"neuron); got {out_w.tolist()}.")
    ax = _axes(ax)
    ax.set_axis_off()
    ax.set_aspect("equal")
    r_in, r = 0.42, 0.62  # room for "x1" at 12 pt and "NAND" at 9 pt inside the circles

    def column(n, gap):
        return [gap * ((n - 1) / 2 - i) for i in range(n)]

    pos_in = [(0.0, y) for y in column(n_in, 2.0)]
    pos_hid = [(3.4, y) for y in column(len(hidden), 2.0)]
    pos_out = (6.6, 0.0)
    out = {"neurons": [], "edges": [], "labels": []}

    def edge(a, ra, b, rb, weight, frac):
        d = np.subtract(b, a)
        d = d / np.hypot(*d)
        start, end = np.add(a, ra * d), np.subtract(b, rb * d)
        color = EXCITATORY if weight >= 0 else INHIBITORY
        arrow = ax.add_patch(FancyArrowPatch(tuple(start), tuple(end), arrowstyle="-|>",
                                             mutation_scale=13, lw=1.8, color=color,
                                             shrinkA=0, shrinkB=1))
        out["edges"].append((tuple(a), tuple(b), weight, arrow))
        m = start + frac * (end - start)
        out["labels"].append(ax.text(m[0], m[1], f"{weight:g}".replace("-", "\N{MINUS SIGN}"),
                                     ha="center", va="center", fontsize=9, color="0.1", zorder=5,
                                     bbox={"boxstyle": "round,pad=0.15", "fc": "white",
                                           "ec": color, "lw": 0.8}))

    for p, name in zip(pos_in, input_names, strict=True):
        out["neurons"].append(ax.add_patch(Circle(p, r_in, fc="white", ec="0.3", lw=1.5)))
        out["labels"].append(ax.text(*p, name, ha="center", va="center", fontsize=12))
    for (_, w, _), p in zip(hidden, pos_hid, strict=True):
        for q, wi in zip(pos_in, w, strict=True):
            # labels near the start of each arrow, where crossing arrows are still apart
            edge(q, r_in, p, r, wi, 0.3)
    for (name, _, t), p in zip([*hidden, (out_name, out_w, out_t)], [*pos_hid, pos_out],
                               strict=True):
        out["neurons"].append(ax.add_patch(Circle(p, r, fc=OKABE_ITO["sky_blue"], ec="0.2",
                                                  lw=1.5, alpha=0.9)))
        out["labels"].append(ax.text(*p, name, ha="center", va="center", fontsize=9,
                                     fontweight="bold"))
        out["labels"].append(ax.text(p[0], p[1] - r - 0.12, rf"$\theta = {t:g}$",
                                     ha="center", va="top", fontsize=10))
    for p, wi in zip(pos_hid, out_w, strict=True):
        edge(p, r, pos_out, r, wi, 0.4)
    ax.add_patch(FancyArrowPatch((pos_out[0] + r, 0), (pos_out[0] + r + 0.7, 0),
                                 arrowstyle="-|>", mutation_scale=14, lw=2, color="0.2"))
    out["labels"].append(ax.text(pos_out[0] + r + 0.8, 0, "$y$", ha="left", va="center",
                                 fontsize=12))
    top = max(max(y for _, y in pos_in), max(y for _, y in pos_hid))
    ax.set_xlim(-0.5, pos_out[0] + r + 1.3)
    ax.set_ylim(-top - r - 0.6, top + r + 0.2)
    return out
