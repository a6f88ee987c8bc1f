"""Chapter 5's widget: a target curve drawn by one hidden layer of sigmoid bumps."""

from __future__ import annotations

import ipywidgets as widgets

from nnlib import plot
from nnlib._validation import check_choice, check_integer, check_positive
from nnlib.widgets.base import new_widget_figure
from nnlib.widgets.blit import BlitExplorer, artists_in


class BumpApproximator(BlitExplorer):
    """Approximate a target curve on [0, 1] with M bumps of steepness s.

    Each bump is two hidden sigmoid units with weight s; the network has 2M hidden
    units and a linear output unit. The figure shows the target (dashed), every bump
    (faint) and their sum, the network's output; the readout gives the largest and the
    mean error on [0, 1]. Built by :func:`bump_approximator`; all numbers come from
    :mod:`nnlib.universality`.
    """

    #: Targets offered, as (label, name in nnlib.universality.TARGETS).
    OPTIONS = (
        ("wiggle", "wiggle"),
        ("sine 2πx", "sine"),
        ("kink |x − 0.5|", "kink"),
        ("bell curve", "bell"),
    )
    #: Bumps slider: the number of bumps M, from 1 to 60.
    N_RANGE = (1, 60)
    #: Points of [0, 1] at which the curves are drawn (fewer points, faster redraws).
    N_POINTS = 501
    #: Steepness slider's positions: 1, 2, 3, 5 times every power of ten from 1 to 10 000,
    #: so that the book's values (300, 1000, 10 000, ...) are positions and the slider
    #: returns to its start exactly.
    STEEPNESSES = tuple(float(m * 10**e) for e in range(4) for m in (1, 2, 3, 5)) + (1e4,)
    #: Blank strip kept at the figure's right edge, as a fraction of its width, so that
    #: the tick label at x = 1 is not cut off.
    RIGHT_MARGIN = 0.05

    def __init__(self, controls, fig, ax, readout):
        self.ax = ax
        self.readout = readout
        v = {name: control.value for name, control in controls.items()}
        self.parts = plot.bump_plot(v["target"], v["n_bumps"], v["steepness"], ax=ax,
                                    legend=False, n_points=self.N_POINTS)
        fig.legend(handles=[self.parts["target"], self.parts["approximation"],
                            self.parts["bumps"]], loc="outside lower center", ncols=3,
                   fontsize=9)
        ax.set_title("one hidden layer of 2M sigmoid units", y=1.0)
        self.errors = (float("nan"), float("nan"))
        super().__init__(controls, fig, extra=[readout])
        # Lay the figure out once, with tick labels as wide as any target makes, then
        # freeze it: constrained layout would otherwise cost much of every redraw.
        ax.set_ylim(-1.25, 1.25)
        fig.get_layout_engine().set(rect=(0.0, 0.0, 1.0 - self.RIGHT_MARGIN, 1.0))
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")
        self.update()

    def dynamic_artists(self) -> list:
        """What a move changes: the target, the bumps and their sum, the title and the y
        axis (its limits follow the curves); and the frame over them."""
        return [*artists_in(self.parts), self.ax.title, self.ax.yaxis,
                *self.ax.spines.values()]

    def update(self) -> None:
        v = self.values
        name, m, s = v["target"], int(v["n_bumps"]), float(v["steepness"])
        self.errors = plot.set_bump_plot(self.parts, name, m, s)
        ys = [self.parts["target"].get_ydata(), self.parts["approximation"].get_ydata()]
        low = min(float(y.min()) for y in ys)
        high = max(float(y.max()) for y in ys)
        pad = 0.08 * (high - low) + 0.02
        self.ax.set_ylim(min(low - pad, -0.05), high + pad)
        label = dict((key, text) for text, key in self.OPTIONS)[name]
        max_error, mean_error = self.errors
        s_text = _steepness_label(s)
        self.ax.set_title(f"{m} bumps = {2 * m} hidden sigmoid units, s = {s_text}: "
                          f"largest error {max_error:.3f}", y=1.0, fontsize=11)
        self.readout.value = (
            f"<b>{label}</b>: M = {m} bumps = {2 * m} hidden sigmoid units with weight "
            f"s = {s_text}. Error on [0, 1]: largest {max_error:.3f}, "
            f"mean {mean_error:.3f}."
        )


def _steepness_label(s: float) -> str:
    """How the widget writes a steepness: ``300``, ``1,000``, ``10,000``."""
    return f"{s:.3g}" if s < 1000 else f"{s:,.0f}"


def bump_approximator(target: str = "wiggle", n_bumps: int = 10, steepness: float = 300.0):
    """Chapter 5: approximate a curve with bumps made of pairs of steep sigmoids.

    Parameters
    ----------
    target : str
        Starting target: 'wiggle', 'sine', 'kink' or 'bell'.
    n_bumps : int
        Starting number of bumps M, 1 to 60.
    steepness : float
        Starting weight s of the hidden units: one of the slider's positions
        :attr:`BumpApproximator.STEEPNESSES` (1, 2, 3, 5, 10, 20, ..., 5 000, 10 000).

    Returns
    -------
    BumpApproximator
        Controls ``target`` (dropdown), ``n_bumps`` and ``steepness`` (sliders; the
        steepness slider steps through 1, 2, 3, 5 times each power of ten); the readout
        is ``explorer.readout``.
    """
    names = [key for _, key in BumpApproximator.OPTIONS]
    target = check_choice("target", target, names)
    n_bumps = check_integer("n_bumps", n_bumps, minimum=BumpApproximator.N_RANGE[0],
                            maximum=BumpApproximator.N_RANGE[1])
    steepness = check_positive("steepness", steepness)
    if steepness not in BumpApproximator.STEEPNESSES:
        positions = ", ".join(f"{s:g}" for s in BumpApproximator.STEEPNESSES)
        raise ValueError(f"steepness must be one of the slider's positions {positions}; "
                         f"got {steepness:g}.")
    controls = {
        "target": widgets.Dropdown(options=list(BumpApproximator.OPTIONS), value=target,
                                   description="target"),
        "n_bumps": widgets.IntSlider(value=n_bumps, min=BumpApproximator.N_RANGE[0],
                                     max=BumpApproximator.N_RANGE[1], step=1,
                                     description="bumps M",
                                     style={"description_width": "initial"}),
        "steepness": widgets.SelectionSlider(
            options=[(_steepness_label(s), s) for s in BumpApproximator.STEEPNESSES],
            value=steepness, description="steepness s",
            style={"description_width": "initial"}),
    }
    fig, ax = new_widget_figure(ncols=1, height=3.4)
    return BumpApproximator(controls, fig, ax, widgets.HTML())
