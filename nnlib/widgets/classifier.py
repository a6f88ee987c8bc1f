"""Chapter 4's widget: a two-input neuron over iris data, learning by hand."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from nnlib import data, linear, plot
from nnlib.plot.classifiers import MARGIN
from nnlib.widgets.base import new_widget_figure, one_at_a_time
from nnlib.widgets.blit import BlitExplorer


class NeuronClassifierExplorer(BlitExplorer):
    """Sliders for w₁, w₂, b and α over a two-class data set; a button for one gradient step.

    Left: the data, P(y = 1 | x) = σ(z) shaded, the decision line z = 0 and the margin
    lines z = ±1. Right: the two costs (cross-entropy and hinge, each the mean loss plus
    (α/2)‖w‖²) as bars. The readout gives the costs, the margin 2/‖w‖ and the accuracy,
    all computed by :mod:`nnlib.linear`. The button takes one step of
    :func:`nnlib.linear.gradient_step` on the chosen cost from where the sliders are and
    moves the sliders there.
    """

    #: The costs the step button can follow: (label, loss name in nnlib.linear).
    LOSSES = (("cross-entropy", "cross_entropy"), ("hinge", "hinge"))
    #: Fixed height of the cost bars' axis (costs above it are drawn clipped, with a label).
    COST_LIMIT = 3.0

    def __init__(self, controls, fig, ax_plane, ax_cost, X, y, xlim, ylim):
        self.X = np.asarray(X, dtype=float)
        self.y = np.asarray(y)
        self.readout = widgets.HTML()
        self.step_button = widgets.Button(description="gradient step",
                                          tooltip="one step of gradient descent on the "
                                                  "chosen cost, from the sliders' w and b")
        self.step_button.on_click(self._on_step)
        self.last_step = None  # (cost before, cost after, loss name)
        self._holding = False
        self.plane = plot.classifier_plane(self.X, self.y, (1.0, 1.0), 0.0, ax=ax_plane,
                                           xlim=xlim, ylim=ylim, resolution=81,
                                           labels=("versicolor (y = 0)", "virginica (y = 1)"),
                                           xlabel=r"petal length $x_1$ (standardised)",
                                           ylabel=r"petal width $x_2$ (standardised)")
        self.legend = ax_plane.legend(loc="upper left", fontsize=8, framealpha=0.9)
        ax_plane.set_aspect("equal")  # so that distances, and the margin, look true
        # Fixed ticks: matplotlib then need not choose them again on every redraw.
        ticks = np.arange(np.ceil(xlim[0]), np.floor(xlim[1]) + 1)
        ax_plane.set_xticks(ticks)
        ax_plane.set_yticks(np.arange(np.ceil(ylim[0]), np.floor(ylim[1]) + 1))
        ax_plane.set_title("the neuron over the data", y=1.0)
        self.bars = ax_cost.bar([0, 1], [0.0, 0.0], width=0.6,
                                color=[plot.CURVE, MARGIN])
        self.bar_labels = [ax_cost.text(i, 0.0, "", ha="center", va="bottom", fontsize=9)
                           for i in (0, 1)]
        ax_cost.set_xticks([0, 1], ["cross-\nentropy", "hinge"])
        ax_cost.set_ylim(0, self.COST_LIMIT)
        ax_cost.set_yticks(np.arange(0.0, self.COST_LIMIT + 0.1, 1.0))
        ax_cost.set_ylabel("cost $J$")
        ax_cost.set_title("costs", y=1.0)
        ax_cost.grid(axis="x", visible=False)
        controls_box = [self.step_button]
        super().__init__(controls, fig, extra=[widgets.HBox(controls_box), self.readout])
        # The axes never move: lay the figure out once and freeze it.
        fig.get_layout_engine().set(rect=(0.0, 0.0, 0.98, 1.0))
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")

    def dynamic_artists(self) -> list:
        """What a move changes: the shading, the lines, the points, the bars and their
        labels; and what a full draw puts over them (grid lines, legend, frames)."""
        ax_plane, ax_cost = self.legend.axes, self.bars[0].axes
        # The grid lines come first: the render sorts by zorder, stably, and a grid line's
        # own zorder (2) is the decision line's, which a full draw puts on top.
        grid = [tick.gridline for axis in (ax_plane.xaxis, ax_plane.yaxis, ax_cost.yaxis)
                for tick in axis.get_major_ticks()]
        return [*grid, self.plane["shade"], self.plane["line"], *self.plane["margins"],
                *self.plane["points"], self.legend, *self.bars, *self.bar_labels,
                *ax_plane.spines.values(), *ax_cost.spines.values()]

    @property
    def w(self) -> np.ndarray:
        """The weights (w₁, w₂) the sliders hold."""
        return np.array([self.controls["w1"].value, self.controls["w2"].value], dtype=float)

    @property
    def b(self) -> float:
        """The bias the slider holds."""
        return float(self.controls["b"].value)

    def costs(self) -> dict:
        """The cross-entropy and hinge costs at the sliders' w, b and α, from nnlib.linear."""
        alpha = float(self.controls["alpha"].value)
        return {name: linear.cost_and_gradients(self.X, self.y, self.w, self.b, loss=name,
                                                alpha=alpha)[0]
                for _, name in self.LOSSES}

    def update(self) -> None:
        if self._holding:
            return
        w, b = self.w, self.b
        plot.set_classifier_plane(self.plane, w, b)
        costs = self.costs()
        for i, (_, name) in enumerate(self.LOSSES):
            value = costs[name]
            self.bars[i].set_height(min(value, self.COST_LIMIT))
            self.bar_labels[i].set_position((i, min(value, self.COST_LIMIT * 0.9)))
            self.bar_labels[i].set_text(f"{value:.3f}")
        accuracy = float(np.mean(linear.predict(self.X, w, b) == self.y))
        margin = linear.margin_width(w)
        margin_text = "∞ (w = 0: no line)" if np.isinf(margin) else f"{margin:.3f}"
        step_text = ""
        if self.last_step is not None:
            before, after, name = self.last_step
            label = dict((key, text) for text, key in self.LOSSES)[name]
            step_text = (f"<br>Last gradient step ({label}): cost {before:.4f} → "
                         f"{after:.4f}.")
        self.readout.value = (
            f"w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}, α = "
            f"{float(self.controls['alpha'].value):.2f}: "
            f"cross-entropy cost <b>{costs['cross_entropy']:.4f}</b>, "
            f"hinge cost <b>{costs['hinge']:.4f}</b>, margin 2/‖w‖ = {margin_text}, "
            f"accuracy {accuracy:.0%} ({int(round(accuracy * len(self.y)))} of "
            f"{len(self.y)} flowers on the right side)." + step_text)

    def gradient_step(self) -> None:
        """One step of gradient descent on the chosen cost; the sliders move there."""
        v = self.values
        name = v["loss"]
        alpha, eta = float(v["alpha"]), float(v["learning_rate"])
        before = linear.cost_and_gradients(self.X, self.y, self.w, self.b, loss=name,
                                           alpha=alpha)[0]
        w, b = linear.gradient_step(self.X, self.y, self.w, self.b, loss=name, alpha=alpha,
                                    learning_rate=eta)
        self._holding = True  # one redraw for three slider moves
        try:
            for key, value in (("w1", w[0]), ("w2", w[1]), ("b", b)):
                slider = self.controls[key]
                slider.value = float(np.clip(value, slider.min, slider.max))
        finally:
            self._holding = False
        after = linear.cost_and_gradients(self.X, self.y, self.w, self.b, loss=name,
                                          alpha=alpha)[0]
        self.last_step = (before, after, name)
        self._refresh()  # update, then typeset the readout's minus signs

    def _on_change(self, change) -> None:
        if change["owner"] is not self.controls["loss"]:
            self.last_step = None
        super()._on_change(change)

    @one_at_a_time
    def _on_step(self, _button) -> None:
        self.gradient_step()
        if self._handle is not None:
            self._handle.update(self.render())


def neuron_classifier(w1: float = -1.0, w2: float = 2.0, b: float = 1.0,
                      alpha: float = 0.0) -> NeuronClassifierExplorer:
    """Chapter 4's widget: a two-input neuron over two iris species, trained by hand.

    The data are :func:`nnlib.data.iris_two_species` (versicolor y = 0, virginica y = 1;
    petal length and width, standardised).

    Parameters
    ----------
    w1, w2, b : float
        Starting weights and bias, each in [-6, 6].
    alpha : float
        Starting L2 strength α in [0, 1].

    Returns
    -------
    NeuronClassifierExplorer
        Controls ``w1``, ``w2``, ``b``, ``alpha``, ``learning_rate`` (sliders) and
        ``loss`` (the cost the step button follows); ``explorer.step_button`` takes a
        step, ``explorer.readout`` shows the numbers.
    """
    for name, value, low, high in (("w1", w1, -6, 6), ("w2", w2, -6, 6), ("b", b, -6, 6),
                                   ("alpha", alpha, 0, 1)):
        if not low <= value <= high:
            raise ValueError(f"{name} must lie in [{low}, {high}]; got {value!r}.")
    X, y = data.iris_two_species()
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="32%")
    controls = {
        key: widgets.FloatSlider(value=float(value), min=-6.0, max=6.0, step=0.01,
                                 description=label, readout_format=".2f", layout=layout,
                                 style=style)
        for key, value, label in (("w1", w1, "w₁"), ("w2", w2, "w₂"), ("b", b, "b"))
    }
    controls["alpha"] = widgets.FloatSlider(value=float(alpha), min=0.0, max=1.0, step=0.01,
                                            description="L2 α", readout_format=".2f",
                                            layout=layout, style=style)
    controls["learning_rate"] = widgets.FloatSlider(value=0.5, min=0.05, max=2.0, step=0.05,
                                                    description="step size η",
                                                    readout_format=".2f", layout=layout,
                                                    style=style)
    controls["loss"] = widgets.Dropdown(options=list(NeuronClassifierExplorer.LOSSES),
                                        value="cross_entropy", description="step on",
                                        layout=layout, style=style)
    fig, (ax_plane, ax_cost) = new_widget_figure(ncols=2, width=6.0, height=4.2,
                                                 gridspec_kw={"width_ratios": [3.0, 1]})
    return NeuronClassifierExplorer(controls, fig, ax_plane, ax_cost, X, y,
                                    xlim=(-2.6, 2.6), ylim=(-2.6, 2.6))
