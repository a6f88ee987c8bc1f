"""Drawings of whole networks: units in layers, connections coloured by their weights.

As in TensorFlow Playground and in the book's neuron drawings, a connection with a
positive weight (excitatory) is drawn in :data:`EXCITATORY`, one with a negative weight
(inhibitory) in :data:`INHIBITORY`, and its width grows with the size of the weight.
Arrows point the way a prediction flows: from the inputs to the outputs.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch

from nnlib._validation import as_float_array, check_choice, check_integer, describe
from nnlib.plot.style import EXCITATORY, INHIBITORY, OKABE_ITO, _axes

__all__ = ["NEUTRAL_EDGE", "UNIT_FILLS", "network_diagram", "network_weights",
           "weight_legend_handles"]

#: Colour of a connection whose weight is 0 or not given.
NEUTRAL_EDGE = "0.55"
#: Fill of input, hidden and output units.
UNIT_FILLS = {"input": "white", "hidden": "#CFE8F7", "output": "#FBE3B4"}

_ORIENTATIONS = ("left-to-right", "bottom-to-top")


def network_weights(net):
    """The layer sizes and weight matrices to draw, from whatever describes the network.

    Parameters
    ----------
    net : MLP, list of array_like, or sequence of int
        An ``nnlib.network.MLP`` (or anything with ``coefs_``, like a fitted
        scikit-learn MLP); a list of weight matrices, shapes (n_in, n_out), one per
        layer; or just the layer sizes, such as ``(3, 4, 2)``, for a drawing without
        weights.

    Returns
    -------
    layer_sizes : tuple of int
    coefs : list of ndarray of shape (n_in, n_out), or None when no weights were given
    """
    if hasattr(net, "dense"):  # nnlib MLP
        coefs = [layer.W for layer in net.dense]
    elif hasattr(net, "coefs_"):  # scikit-learn's fitted MLPs
        coefs = list(net.coefs_)
    else:
        coefs = net
    if isinstance(coefs, str | bytes) or not hasattr(coefs, "__len__") or len(coefs) == 0:
        raise TypeError("net must be an MLP, a list of weight matrices or a sequence of layer "
                        f"sizes; got {describe(net)}.")
    if all(isinstance(n, int | np.integer) and not isinstance(n, bool) for n in coefs):
        if len(coefs) < 2:
            raise ValueError("layer sizes must list at least an input and an output size; "
                             f"got {tuple(coefs)!r}.")
        sizes = tuple(check_integer(f"layer_sizes[{i}]", n, minimum=1)
                      for i, n in enumerate(coefs))
        return sizes, None
    mats = [as_float_array(W, f"coefs[{i}]", ndim=2) for i, W in enumerate(coefs)]
    for i in range(1, len(mats)):
        if mats[i].shape[0] != mats[i - 1].shape[1]:
            raise ValueError(f"coefs[{i}] must have {mats[i - 1].shape[1]} rows (the units of "
                             f"the layer before); got {describe(mats[i])}.")
    sizes = (mats[0].shape[0], *(W.shape[1] for W in mats))
    return sizes, mats


def _default_labels(sizes):
    labels = []
    last = len(sizes) - 1
    for k, n in enumerate(sizes):
        if k == 0:
            labels.append([f"$x_{i}$" for i in range(1, n + 1)])
        elif k == last:
            labels.append([r"$\hat{y}$"] if n == 1 else
                          [rf"$\hat{{y}}_{j}$" for j in range(1, n + 1)])
        else:
            labels.append([rf"$a^{{[{k}]}}_{j}$" for j in range(1, n + 1)])
    return labels


def _layer_names(sizes):
    last, n_hidden = len(sizes) - 1, len(sizes) - 2
    names = []
    for k in range(len(sizes)):
        if k == 0:
            names.append("input layer")
        elif k == last:
            names.append(f"output layer\n(layer {k})")
        else:
            names.append("hidden layer\n(layer 1)" if n_hidden == 1 else
                         f"hidden layer {k}\n(layer {k})")
    return names


def weight_legend_handles():
    """Legend entries for the colours of connections: positive and negative weights.

    Returns
    -------
    list of matplotlib.lines.Line2D
    """
    return [Line2D([], [], color=EXCITATORY, lw=3, label="positive weight (excitatory)"),
            Line2D([], [], color=INHIBITORY, lw=3, label="negative weight (inhibitory)")]


def network_diagram(net, ax=None, orientation="left-to-right", unit_labels=None,
                    layer_names=True, max_width=5.0, spacing=2.6, radius=0.3):
    """Draw a fully connected network: its units in layers and every connection.

    Each connection is an arrow from a unit to a unit of the next layer (the direction
    of prediction). With weights, its colour is the sign of the weight (:data:`EXCITATORY`
    orange for positive, :data:`INHIBITORY` blue for negative, :data:`NEUTRAL_EDGE` grey
    for 0) and its width grows with ``|w|``, the largest weight of the network drawn
    ``max_width`` points wide. Units within a layer are not connected.

    Parameters
    ----------
    net : MLP, list of array_like, or sequence of int
        What to draw (see :func:`network_weights`): an MLP, the weight matrices W of
        shape (n_in, n_out), one per layer, or only the layer sizes (grey connections).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    orientation : {'left-to-right', 'bottom-to-top'}
        Inputs on the left and outputs on the right (as Andrew Ng and LeCun draw), or
        inputs at the bottom and outputs at the top (as Caffe draws).
    unit_labels : list of list of str, optional
        Text inside each unit, one list per layer; default $x_i$, $a^{[l]}_j$ and
        $\\hat{y}$. An empty string leaves a unit blank.
    layer_names : bool, default True
        Name the layers ("input layer", "hidden layer", "output layer") beside them.
    max_width : float, default 5.0
        Line width, in points, of the largest weight.
    spacing : float, default 2.6
        Distance between layers, in units of the distance between two units of a layer.
    radius : float, default 0.3
        Radius of a unit's circle, in the same units (at most 0.5); larger circles
        leave room for words such as "NAND".

    Returns
    -------
    dict
        ``"units"``: one list of Circle patches per layer; ``"edges"``: one list per
        layer with weights, of its FancyArrowPatch connections in the order
        (i, j) = (0, 0), (0, 1), ..., so edge ``i * n_out + j`` carries ``W[i, j]``;
        ``"labels"`` and ``"layer_names"``: the Text artists; ``"positions"``: one
        (n_units, 2) array of unit centres per layer.
    """
    sizes, coefs = network_weights(net)
    orientation = check_choice("orientation", orientation, _ORIENTATIONS)
    max_width = float(max_width)
    if not max_width > 0:
        raise ValueError(f"max_width must be a positive number; got {max_width!r}.")
    radius = float(radius)
    if not 0 < radius <= 0.5:
        raise ValueError(f"radius must be a number in (0, 0.5]; got {radius!r}.")
    labels = _default_labels(sizes) if unit_labels is None else unit_labels
    if len(labels) != len(sizes) or any(len(row) != n for row, n in zip(labels, sizes,
                                                                          strict=True)):
        raise ValueError(f"unit_labels must hold one list of labels per layer with one label "
                         f"per unit, for layers of sizes {sizes}; got {unit_labels!r}.")
    ax = _axes(ax)
    ax.set_axis_off()
    ax.set_aspect("equal")
    biggest = max(len(sizes) and max(sizes), 1)

    def place(k, i, n):
        along, across = k * spacing, (n - 1) / 2 - i  # first unit at the top (or left)
        if orientation == "left-to-right":
            return np.array([along, across])
        return np.array([-across, along])

    positions = [np.array([place(k, i, n) for i in range(n)]) for k, n in enumerate(sizes)]
    scale = max((np.abs(W).max() for W in coefs), default=0.0) if coefs else 0.0
    parts = {"units": [], "edges": [], "labels": [], "layer_names": [],
             "positions": positions}
    for k in range(len(sizes) - 1):
        edges = []
        for i, start in enumerate(positions[k]):
            for j, end in enumerate(positions[k + 1]):
                if coefs is None:
                    color, width = NEUTRAL_EDGE, 1.0
                else:
                    w = coefs[k][i, j]
                    color = EXCITATORY if w > 0 else INHIBITORY if w < 0 else NEUTRAL_EDGE
                    width = 0.4 + (max_width - 0.4) * abs(w) / scale if scale else 0.4
                d = (end - start) / np.hypot(*(end - start))
                arrow = FancyArrowPatch(tuple(start + radius * d), tuple(end - radius * d),
                                        arrowstyle="-|>", mutation_scale=9, color=color,
                                        lw=width, shrinkA=0, shrinkB=1, zorder=2, alpha=0.85)
                edges.append(ax.add_patch(arrow))
        parts["edges"].append(edges)
    last = len(sizes) - 1
    for k, pos in enumerate(positions):
        kind = "input" if k == 0 else "output" if k == last else "hidden"
        units = []
        for (x, y), text in zip(pos, labels[k], strict=True):
            units.append(ax.add_patch(Circle((x, y), radius, fc=UNIT_FILLS[kind], ec="0.2",
                                             lw=1.4, zorder=3)))
            if text:
                words = len(text) if "$" not in text else 0  # plain words, not maths
                size = 10 if words <= 3 else 7.5
                parts["labels"].append(ax.text(x, y, text, ha="center", va="center",
                                               fontsize=size, zorder=4))
        parts["units"].append(units)
    half = (biggest - 1) / 2 + radius
    if layer_names:
        for k, name in enumerate(_layer_names(sizes)):
            if orientation == "left-to-right":
                parts["layer_names"].append(ax.text(k * spacing, -half - 0.25, name,
                                                    ha="center", va="top", fontsize=9,
                                                    color=OKABE_ITO["black"]))
            else:
                parts["layer_names"].append(ax.text(-half - 0.35, k * spacing,
                                                    name.replace("\n", " "), ha="right",
                                                    va="center", fontsize=9))
    length = (len(sizes) - 1) * spacing
    if orientation == "left-to-right":
        ax.set_xlim(-radius - 0.7, length + radius + 0.7)
        ax.set_ylim(-half - (1.1 if layer_names else 0.2), half + 0.2)
    else:
        ax.set_xlim(-half - (3.4 if layer_names else 0.2), half + 0.2)
        ax.set_ylim(-radius - 0.3, length + radius + 0.3)
    return parts
