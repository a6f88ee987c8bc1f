"""Chapter 6's widget: logits in, probabilities out (the softmax explorer)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from nnlib import plot
from nnlib.losses import categorical_cross_entropy
from nnlib.softmax_regression import softmax_with_temperature
from nnlib.widgets.base import Explorer, new_widget_figure


class SoftmaxExplorer(Explorer):
    """Three logits and a temperature T: a bar chart of softmax(z / T).

    The readout gives every probability and the cross-entropy -ln p_y for the chosen
    true class y. Built by :func:`softmax_explorer`.
    """

    CLASSES = ("class 0", "class 1", "class 2")

    def __init__(self, controls, fig, ax, readout):
        self.ax = ax
        self.readout = readout
        self.bars = plot.probability_bars(np.full(3, 1 / 3), ax=ax, labels=self.CLASSES)
        self.texts = [ax.text(c, 0.0, "", ha="center", va="bottom", fontsize=10)
                      for c in range(3)]
        ax.set_title("softmax turns the logits into probabilities", y=1.0)
        ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0])
        ax.set_ylim(0, 1.12)
        super().__init__(controls, fig, extra=[readout])
        fig.get_layout_engine().execute(fig)  # lay out once, then keep it: faster redraws
        fig.set_layout_engine("none")

    def logits(self) -> np.ndarray:
        """The logits z set by the sliders, shape (3,)."""
        v = self.values
        return np.array([v["z0"], v["z1"], v["z2"]], dtype=float)

    def probabilities(self) -> np.ndarray:
        """softmax(z / T), shape (3,)."""
        return softmax_with_temperature(self.logits(), self.values["T"])

    def update(self) -> None:
        z, T, y = self.logits(), float(self.values["T"]), int(self.values["true_class"])
        p = self.probabilities()
        loss, _ = categorical_cross_entropy([y], (z / T)[None, :])
        for c, (bar, text) in enumerate(zip(self.bars, self.texts, strict=True)):
            bar.set_height(p[c])
            bar.set_edgecolor(plot.BOUNDARY if c == y else "none")
            bar.set_linewidth(2.5 if c == y else 0.0)
            text.set_position((c, p[c] + 0.01))
            text.set_text(f"{p[c]:.3f}")
        zs = ", ".join(f"{v:.1f}" for v in z)
        ps = ", ".join(f"{v:.3f}" for v in p)
        self.readout.value = (
            f"logits z = ({zs}), temperature T = {T:.2f}: probabilities softmax(z/T) = "
            f"({ps}), sum {p.sum():.3f}. True class {y} (outlined): cross-entropy "
            f"−ln p<sub>{y}</sub> = {loss:.3f}."
        )


def softmax_explorer():
    """Chapter 6: move three logits and a temperature, see softmax's probabilities.

    Starts at z = (1, 2, 0), T = 1, true class 1.

    Returns
    -------
    SoftmaxExplorer
        Controls ``z0``, ``z1``, ``z2`` (sliders, -10 to 10), ``T`` (slider, 0.1 to 10)
        and ``true_class`` (dropdown); the readout is ``explorer.readout``.
    """
    style = {"description_width": "initial"}

    def logit(c, value):
        return widgets.FloatSlider(value=value, min=-10.0, max=10.0, step=0.1,
                                   description=f"logit z{c}", style=style,
                                   continuous_update=True)

    controls = {
        "z0": logit(0, 1.0),
        "z1": logit(1, 2.0),
        "z2": logit(2, 0.0),
        "T": widgets.FloatSlider(value=1.0, min=0.1, max=10.0, step=0.1,
                                 description="temperature T", style=style),
        "true_class": widgets.Dropdown(options=[("class 0", 0), ("class 1", 1),
                                                ("class 2", 2)], value=1,
                                       description="true class", style=style),
    }
    fig, ax = new_widget_figure(width=5.5, height=3.2)
    return SoftmaxExplorer(controls, fig, ax, widgets.HTML())
