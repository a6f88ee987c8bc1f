"""Chapter 3's widget: the activation explorer."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import AutoLocator

from nnlib import activations, neuron, plot
from nnlib._validation import check_in_range
from nnlib.widgets.base import new_widget_figure
from nnlib.widgets.blit import BlitExplorer


class ActivationExplorer(BlitExplorer):
    """A one-input neuron :math:`a = g(wx + b)`: choose the activation, move w and b.

    Left panel: the output :math:`a = g(wx + b)` over the input :math:`x`. Right panel:
    the slope of that curve, :math:`da/dx = w\\,g'(wx + b)` (the chain rule: the
    activation's own slope :math:`g'(z)` times the weight). A dotted line marks
    :math:`x = -b/w`, where :math:`z = 0`. Built by :func:`activation_explorer`.
    """

    #: Activations offered, as (label, name in nnlib.activations).
    OPTIONS = (
        ("sigmoid", "logistic"),
        ("unit step", "step"),
        ("identity (linear)", "identity"),
        ("tanh", "tanh"),
        ("ReLU", "relu"),
        ("leaky ReLU", "leaky_relu"),
    )
    #: Fixed y-range of the output for bounded activations; the others follow the data.
    OUTPUT_LIMITS = {"logistic": (-0.05, 1.05), "step": (-0.05, 1.05), "tanh": (-1.05, 1.05)}
    OUTPUT_TICKS = {"logistic": (0.0, 0.5, 1.0), "step": (0.0, 0.5, 1.0),
                    "tanh": (-1.0, -0.5, 0.0, 0.5, 1.0)}
    #: Smallest half-height of the slope panel, so that a tiny slope is not blown up.
    SLOPE_MIN_RANGE = 0.3
    #: The inputs on the x-axis.
    X_RANGE = (-5.0, 5.0)
    X_TICKS = (-4.0, -2.0, 0.0, 2.0, 4.0)
    #: Blank strip kept at the figure's right edge, as a fraction of its width.
    RIGHT_MARGIN = 0.03

    def __init__(self, controls, fig, axes, readout):

        self.axes = axes
        self.readout = readout
        self.x = np.linspace(*self.X_RANGE, 401)
        ax_a, ax_d = axes
        (self.curve,) = ax_a.plot(self.x, self.x, color=plot.CURVE, lw=2,
                                  label="output $a = g(wx + b)$")
        (self.slope,) = ax_d.plot(self.x, self.x, color=plot.DERIVATIVE, lw=2, ls="--",
                                  label="its slope $da/dx = w\\,g'(z)$")
        self.crossings = [ax.axvline(0.0, color=plot.BOUNDARY, lw=1, ls=":",
                                     label="$z = 0$, at $x = -b/w$") for ax in axes]
        # Fixed ticks and titles at a fixed height: matplotlib then need not measure the
        # tick labels on every redraw to place them.
        for ax in axes:
            ax.set_xlim(*self.X_RANGE)
            ax.set_xticks(self.X_TICKS)
            ax.set_xlabel("input $x$")
        fig.legend(handles=[self.curve, self.slope, self.crossings[0]], loc="outside lower center",
                   ncols=3, fontsize=9)
        ax_a.set_ylabel("output $a$")
        ax_a.set_title("output $a = g(wx + b)$", y=1.0)
        ax_d.set_ylabel("slope $da/dx$")
        ax_d.set_title("slope of the curve: $w\\,g'(wx + b)$", y=1.0)
        super().__init__(controls, fig, extra=[readout])
        # Lay the figure out once, with the widest tick labels the sliders can make, and
        # freeze it: constrained layout would otherwise cost half of every redraw.
        for ax in axes:
            ax.set_ylim(-10.75, -9.25)
            ax.yaxis.set_major_locator(AutoLocator())
        # No tick label sits at the right end (x = 5), so leave a margin there by hand:
        # otherwise the right panel's curve runs into the image's edge.
        fig.get_layout_engine().set(rect=(0.0, 0.0, 1.0 - self.RIGHT_MARGIN, 1.0))
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")
        self.update()

    def dynamic_artists(self) -> list:
        """What a move changes: both curves, the dotted lines at z = 0, the y axes (their
        limits follow the curves); and the frames over them."""
        return [self.curve, self.slope, *self.crossings,
                *(artist for ax in self.axes for artist in (ax.yaxis, *ax.spines.values()))]

    def update(self) -> None:
        v = self.values
        name, w, b = v["activation"], float(v["w"]), float(v["b"])
        f, df = activations.get_activation(name)
        cell = neuron.Neuron([w], b=b, activation=name)
        X = self.x[:, None]
        z = cell.z(X)
        a = cell.forward(X)
        slope = w * df(z)  # chain rule: da/dx = g'(z) dz/dx = g'(z) w
        self.curve.set_ydata(a)
        self.slope.set_ydata(slope)
        ax_a, ax_d = self.axes
        reach = max(float(np.abs(slope).max()), self.SLOPE_MIN_RANGE)
        falls, rises = bool(slope.min() < 0), bool(slope.max() > 0)
        ax_d.set_ylim(-1.1 * reach if falls else -0.05 * reach,
                      1.1 * reach if rises or not falls else 0.05 * reach)
        if name in self.OUTPUT_LIMITS:
            ax_a.set_ylim(*self.OUTPUT_LIMITS[name])
            ax_a.set_yticks(self.OUTPUT_TICKS[name])
        else:
            low, high = float(a.min()), float(a.max())
            pad = max(0.1 * (high - low), 0.5)
            ax_a.set_ylim(low - pad, high + pad)
            ax_a.yaxis.set_major_locator(AutoLocator())
        label = dict((key, text) for text, key in self.OPTIONS).get(name, name)
        if w == 0.0:
            for line in self.crossings:
                line.set_visible(False)
            where = (f"With w = 0 the input has no effect: z = b = {b:.2f} for every x, "
                     f"so the output is flat at a = {float(f(b)):.3f}.")
        else:
            x0 = 0.0 - b / w  # where z = wx + b = 0 (0.0 - keeps -0.0 away)
            visible = self.X_RANGE[0] <= x0 <= self.X_RANGE[1]
            for line in self.crossings:
                line.set_xdata([x0, x0])
                line.set_visible(visible)
            where = (f"z = 0 at x = −b/w = {x0:.2f}"
                     + ("" if visible else " (off the plot)")
                     + f"; there a = g(0) = {float(f(0.0)):.3f}.")
        self.readout.value = (
            f"<b>{label}</b>, w = {w:.2f}, b = {b:.2f}. {where} "
            f"For x from {self.X_RANGE[0]:g} to {self.X_RANGE[1]:g}, a runs from "
            f"{float(a.min()):.3f} to {float(a.max()):.3f}. "
            f"The steepest slope of the curve is w·g'(z) = {w:.2f} × "
            f"{float(df(z).max()):.3f} = {float(w * df(z).max()) + 0.0:.3f}."
        )


def activation_explorer(activation: str = "logistic", w: float = 1.0, b: float = 0.0):
    """Chapter 3: a one-input neuron :math:`a = g(wx + b)` with a choice of activation.

    Parameters
    ----------
    activation : str
        Starting activation: one of 'logistic', 'step', 'identity', 'tanh', 'relu',
        'leaky_relu' (or the alias 'sigmoid').
    w, b : float
        Starting weight and bias, each in [-10, 10].

    Returns
    -------
    ActivationExplorer
        Controls ``activation`` (dropdown), ``w`` and ``b`` (sliders); the readout is
        ``explorer.readout``.
    """

    f, _ = activations.get_activation(activation)
    names = [key for _, key in ActivationExplorer.OPTIONS]
    name = next((key for key in names if activations.ACTIVATIONS[key] is f), None)
    if name is None:
        raise ValueError(f"activation must be one of {', '.join(map(repr, names))}; "
                         f"got {activation!r}.")
    w = check_in_range("w", w, -10.0, 10.0)
    b = check_in_range("b", b, -10.0, 10.0)
    controls = {
        "activation": widgets.Dropdown(options=list(ActivationExplorer.OPTIONS), value=name,
                                       description="activation"),
        "w": widgets.FloatSlider(value=float(w), min=-10.0, max=10.0, step=0.1,
                                 description="weight w", readout_format=".1f",
                                 style={"description_width": "initial"}),
        "b": widgets.FloatSlider(value=float(b), min=-10.0, max=10.0, step=0.1,
                                 description="bias b", readout_format=".1f",
                                 style={"description_width": "initial"}),
    }
    fig, axes = new_widget_figure(ncols=2, height=3.2)
    # An HTML readout (not HTMLMath): the Explorer base typesets its minus signs as "−".
    return ActivationExplorer(controls, fig, axes, widgets.HTML())
