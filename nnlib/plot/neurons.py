"""Drawings of neurons: the biological schematic, the model neuron, a threshold neuron."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch, Polygon

from nnlib.plot.style import (
    BOUNDARY,
    EXCITATORY,
    INHIBITORY,
    OKABE_ITO,
    _axes,
    new_figure,
)

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
    products are summed and the threshold subtracted (z), and the activation function g
    turns z into the output, the activation a = g(z), which stands for the firing rate.

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
    parts["labels"].append(ax.text(bx, 0, "$g(z)$", ha="center", va="center", fontsize=13))
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
