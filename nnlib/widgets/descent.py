"""Chapter 7's widget: the learning-rate explorer."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator, NullLocator

from nnlib import descent
from nnlib.plot import descent as descent_plot
from nnlib.plot.style import BOUNDARY
from nnlib.widgets.base import new_widget_figure
from nnlib.widgets.blit import BlitExplorer


class LearningRateExplorer(BlitExplorer):
    """Gradient descent on the iris line fit J(w, b): choose η, momentum, steps, optimiser.

    Left: the cost as contour lines over (w, b) (drawn once), the lowest point (star),
    the start (square) and the optimiser's path. Right: the cost J after each step, on a
    log scale. A path that runs away is stopped when it leaves a large box
    (:func:`nnlib.descent.descend`) and the readout says so. Built by
    :func:`learning_rate_explorer`.
    """

    START = (-0.4, 1.6)
    W_RANGE = (-0.6, 1.4)
    B_RANGE = (-2.0, 2.0)
    OPTIONS = (("gradient descent", "sgd"), ("momentum", "momentum"), ("Adam", "adam"))

    def __init__(self, controls, fig, axes, readout, problem):
        self.problem = problem
        self.axes = axes
        self.readout = readout
        ax_p, ax_c = axes
        descent_plot.cost_contours(problem, ax_p, self.W_RANGE, self.B_RANGE, num=101)
        start_path = descent.Path(np.array([self.START]), np.array([0.0]), False, 0)
        self.line, _ = descent_plot.descent_path(start_path, ax_p)
        # the marks drawn over the path (the lowest point, the start): redrawn with it
        self.marks = [line for line in ax_p.lines if line.get_zorder() > self.line.get_zorder()]
        ax_p.set_title("the path down the valley", y=1.0)
        ax_p.set_xticks([-0.5, 0.0, 0.5, 1.0])
        ax_p.set_yticks([-2.0, -1.0, 0.0, 1.0, 2.0])
        self.j_min = problem.cost(*problem.minimum)
        j_start = problem.cost(*self.START)
        (self.curve,) = ax_c.plot([], [], "-", color=descent_plot.PATH_COLORS["sgd"], lw=1.5)
        self.floor = ax_c.axhline(self.j_min, color=BOUNDARY, lw=0.8, ls=":")
        ax_c.set_yscale("log")
        ax_c.set_ylim(0.5 * self.j_min, 30 * j_start)
        ax_c.set_xlabel("step $t$")
        ax_c.set_ylabel("cost $J$")
        ax_c.set_title("the cost after each step", y=1.0)
        # fixed ticks, no minor ticks: matplotlib need not measure labels at every redraw
        ax_c.set_yticks([0.01, 0.1, 1.0, 10.0], ["0.01", "0.1", "1", "10"])
        ax_c.yaxis.set_minor_locator(NullLocator())
        ax_c.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        self.note = ax_c.text(0.97, 0.95, "", transform=ax_c.transAxes, ha="right",
                              va="top", fontsize=9)
        super().__init__(controls, fig, extra=[readout])
        ax_c.set_xlim(0, 200)
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")
        self.update()

    def dynamic_artists(self) -> list:
        """What a move changes: the path, the cost curve and its note, the step axis (its
        limit is the number of steps) and its grid; and what lies over them (the lowest
        point and the start, the dotted lowest cost, the frames)."""
        ax_p, ax_c = self.axes
        # both axes of the cost panel: its vertical grid lines move, and a full draw puts
        # the horizontal ones (of the y axis, drawn after the x axis) over them
        return [self.line, *self.marks, self.curve, self.floor, self.note, ax_c.xaxis,
                ax_c.yaxis,
                *ax_p.spines.values(), *ax_c.spines.values()]

    def update(self) -> None:
        v = self.values
        name, eta, mu, n_steps = v["optimizer"], float(v["eta"]), float(v["momentum"]), \
            int(v["steps"])
        optimizer = descent.make_optimizer(name, eta, mu)
        path = descent.descend(self.problem, self.START, optimizer, n_steps)
        color = descent_plot.PATH_COLORS[name]
        descent_plot.set_descent_path(self.line, path)
        self.line.set_color(color)
        self.line.set_markersize(3 if n_steps <= 60 else 1.5)
        # the cost curve, clipped to the panel (a runaway cost is cut at its top)
        j = np.minimum(path.cost, 1e30)
        self.curve.set_data(np.arange(len(j)), j)
        self.curve.set_color(color)
        self.axes[1].set_xlim(0, max(n_steps, 1))
        critical = self.problem.critical_learning_rate
        if path.diverged:
            self.note.set_text(f"diverged after {len(path.theta) - 1} steps")
            outcome = (f"The path <b>diverged</b>: it left the picture and was stopped "
                       f"after {len(path.theta) - 1} steps.")
        else:
            self.note.set_text(f"J = {path.cost[-1]:.4f}")
            distance = float(np.linalg.norm(path.theta[-1] - self.problem.minimum))
            outcome = (f"After {n_steps} steps J = {path.cost[-1]:.4f} (lowest possible "
                       f"{self.j_min:.4f}); the path ends {distance:.3f} from the lowest "
                       f"point.")
        label = dict((key, text) for text, key in self.OPTIONS)[name]
        setting = f"<b>{label}</b>, η = {eta:.3g}"
        if name != "sgd":
            setting += f", {'β₁' if name == 'adam' else 'momentum μ'} = {mu:.2f}"
        self.readout.value = (f"{setting}. {outcome} Plain gradient descent diverges for "
                              f"η above 2/λ<sub>max</sub> = {critical:.3f}.")


def learning_rate_explorer():
    """Chapter 7: gradient descent, momentum and Adam on the iris line fit J(w, b).

    Returns
    -------
    LearningRateExplorer
        Controls ``optimizer`` (dropdown: 'sgd', 'momentum', 'adam'), ``eta`` (log
        slider, 0.001 to 1), ``momentum`` (μ, or Adam's β₁; 0 to 0.99) and ``steps``
        (1 to 200); the readout is ``explorer.readout``.
    """
    style = {"description_width": "initial"}
    controls = {
        "optimizer": widgets.Dropdown(options=list(LearningRateExplorer.OPTIONS),
                                      value="sgd", description="optimiser"),
        "eta": widgets.FloatLogSlider(value=0.05, base=10, min=-3, max=0, step=0.05,
                                      description="learning rate η", readout_format=".3f",
                                      style=style),
        "momentum": widgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01,
                                        description="momentum μ (Adam: β₁)",
                                        readout_format=".2f", style=style),
        "steps": widgets.IntSlider(value=50, min=1, max=200, step=1, description="steps",
                                   style=style),
    }
    fig, axes = new_widget_figure(ncols=2, height=3.4)
    return LearningRateExplorer(controls, fig, axes, widgets.HTML(), descent.iris_petals())
