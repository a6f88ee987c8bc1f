"""Chapter 2's widget: the threshold neuron with sliders for w1, w2 and theta."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from nnlib import neuron, plot
from nnlib.widgets.base import new_widget_figure
from nnlib.widgets.blit import BlitExplorer, artists_in


class ThresholdNeuronExplorer(BlitExplorer):
    """Sliders for w1, w2 and theta; the input plane, the step and the truth table follow.

    Left: the line w1 x1 + w2 x2 = theta, the side where the neuron fires (shaded) and the
    four inputs coloured by the output y. Right: the firing condition as a step in the
    weighted sum, with the four inputs' sums marked on it. Below: the truth table from
    :func:`nnlib.neuron.truth_table`.
    """

    def __init__(self, controls, fig, ax_plane, ax_step):
        # The step panel spans every weighted sum and threshold the sliders can make:
        # w1 x1 + w2 x2 reaches twice a slider's limit.
        limit = max(abs(c.max) for c in controls.values()) if controls else 6.0
        self.sum_limits = (-(2 * limit + 1), 2 * limit + 1)

        self.table = widgets.HTML()
        self.X = neuron.binary_inputs(2)
        self.plane = plot.decision_line((1.0, 1.0), 1.0, ax=ax_plane)
        self.points = plot.truth_points(self.X, np.zeros(4, dtype=int), ax=ax_plane)
        self.step = plot.step_function(ax_step, theta=0.0, zlim=self.sum_limits,
                                       xlabel=r"weighted sum $w_1x_1 + w_2x_2$",
                                       ylabel=r"output $y$", color=plot.BOUNDARY)
        ax_step.set_ylim(-0.25, 1.7)
        self.sums = {k: ax_step.plot([], [], plot.CLASS_MARKERS[k], ms=9,
                                     color=plot.CLASS_COLORS[k], mec="black", mew=0.8,
                                     zorder=4)[0] for k in (0, 1)}
        self.sum_labels = [ax_step.annotate("", (0, 0), xytext=(0, 0), ha="center",
                                            textcoords="offset points", fontsize=8)
                           for _ in range(len(self.X))]
        self.theta_label = ax_step.annotate("", (0, 0.5), xytext=(4, 0),
                                            textcoords="offset points", ha="left",
                                            va="center", fontsize=10)
        # Fixed ticks and titles at a fixed height spare matplotlib re-measuring them on
        # every redraw.
        ax_step.set_xticks(MaxNLocator(5, integer=True, symmetric=True)
                         .tick_values(*self.sum_limits))
        ax_step.set_xlim(*self.sum_limits)
        # The input plane keeps equal scales, so its box is shorter than its cell: pin it to
        # the top of the cell, where the step panel's box starts, and the titles align.
        ax_plane.set_anchor("N")
        ax_plane.set_title("input plane", y=1.0)
        ax_step.set_title("firing condition", y=1.0)
        self.panels = (ax_plane, ax_step)
        super().__init__(controls, fig, extra=[self.table])
        # The axes never move, so lay the figure out once and freeze it: constrained layout
        # would otherwise cost half of every redraw.
        fig.get_layout_engine().set(rect=(0.0, 0.0, 0.97, 1.0))  # air at the right edge
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")

    def dynamic_artists(self) -> list:
        """What a move changes: the plane's shading, line and points, the step and its
        marks and labels, the title; and what a full draw puts over them (the plane's
        grid lines, the frames)."""
        ax_plane, ax_step = self.panels
        # The grid lines come first: the render sorts by zorder, stably, and a grid line's
        # own zorder (2) is the boundary line's, which a full draw puts on top.
        grid = [tick.gridline for axis in (ax_plane.xaxis, ax_plane.yaxis)
                for tick in axis.get_major_ticks()]
        return [*grid, *artists_in(self.plane, self.points, self.step, self.sums,
                                   self.sum_labels),
                self.theta_label, self.title,
                *ax_plane.spines.values(), *ax_step.spines.values()]

    def update(self) -> None:
        v = self.values
        w, theta = (v["w1"], v["w2"]), v["theta"]
        table = neuron.truth_table(w, theta)
        y = np.asarray(table.y)
        plot.set_decision_line(self.plane, w, theta)
        plot.set_truth_points(self.points, y)
        plot.set_step_function(self.step, theta)
        self.theta_label.xy = (theta, 0.5)
        self.theta_label.set_text(rf"$\theta = {theta:g}$")
        # Near the right edge, write the label on the left of the jump.
        right = theta > 0.6 * self.sum_limits[1]
        self.theta_label.set_horizontalalignment("right" if right else "left")
        self.theta_label.set_position((-4 if right else 4, 0))
        sums = np.asarray(table.weighted_sum, dtype=float)
        for k in (0, 1):
            self.sums[k].set_data(sums[y == k], y[y == k])
        # Stack the labels of inputs whose sums lie close together so they never overlap,
        # and keep a label near the jump on its own side of the dotted line at theta.
        span = self.sum_limits[1] - self.sum_limits[0]
        near = 0.06 * span  # a label this close to theta is moved to its own side
        apart = 0.15 * span  # labels closer than this are stacked (a label is ~0.1 span)
        placed: list = []
        for i in np.argsort(sums, kind="stable"):
            s, yi = sums[i], y[i]
            rank = sum(1 for (s2, y2) in placed if y2 == yi and abs(s2 - s) < apart)
            placed.append((s, yi))
            x1, x2 = self.X[i]
            text = self.sum_labels[i]
            text.set_text(f"({x1},{x2})")
            text.xy = (s, yi)
            if abs(s - theta) >= near:
                text.set_horizontalalignment("center")
                text.set_position((0, 8 + 10 * rank))
            elif s < theta:  # silent: the label ends left of the jump
                text.set_horizontalalignment("right")
                text.set_position((0, 8 + 10 * rank))
            else:  # fires: the label starts right of the jump
                text.set_horizontalalignment("left")
                text.set_position((4, 8 + 10 * rank))
        gate = plot.gate_name(y)
        # Plain text (not mathtext): this title changes on every move and is cheaper so.
        w1, w2, t = (f"{v + 0.0:g}".replace("-", "\N{MINUS SIGN}") for v in (*w, theta))
        gate_text = gate.replace("x1", "x₁").replace("x2", "x₂")  # as w₁, w₂ are written
        self.title = self.fig.suptitle(
            f"w₁ = {w1},  w₂ = {w2},  θ = {t}   →   the neuron computes: {gate_text}",
            fontsize=11)
        self.table.value = (f"<b>Truth table</b> (the neuron computes <b>{gate}</b>)"
                            + table._repr_html_())


def threshold_neuron(w1: float = 5.0, w2: float = 3.0, theta: float = 4.0,
                     limit: float = 6.0, step: float = 0.5) -> ThresholdNeuronExplorer:
    """Chapter 2's widget: a threshold neuron with two inputs, weights and threshold on sliders.

    Parameters
    ----------
    w1, w2, theta : float
        Starting values (the book's example: 5, 3, 4).
    limit : float
        Each slider runs from ``-limit`` to ``limit``.
    step : float
        Slider step.

    Returns
    -------
    ThresholdNeuronExplorer
    """
    for name, value in {"w1": w1, "w2": w2, "theta": theta}.items():
        if not -limit <= value <= limit:
            raise ValueError(f"{name} must lie in [-{limit:g}, {limit:g}]; got {value!r}.")
    sliders = {
        name: widgets.FloatSlider(value=value, min=-limit, max=limit, step=step,
                                  description=label, readout_format=".1f",
                                  continuous_update=True,
                                  # one slider per row, full width: the track gets room
                                  # for its 24 steps (three in a row left ~44 px at 1280 px)
                                  style={"description_width": "2em"},
                                  layout=widgets.Layout(width="100%", max_width="640px"))
        for name, value, label in (("w1", w1, "w₁"), ("w2", w2, "w₂"),
                                   ("theta", theta, "θ"))
    }
    fig, (ax_plane, ax_step) = new_widget_figure(ncols=2, height=3.7,
                                                 gridspec_kw={"width_ratios": [1, 1.35]})
    return ThresholdNeuronExplorer(sliders, fig, ax_plane, ax_step)
