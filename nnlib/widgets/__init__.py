"""Each chapter's interactive widgets.

A widget here holds no maths of its own: it reads its controls, calls nnlib, and
updates what the reader sees. Every public function builds one widget, takes no
required arguments (its defaults are the book's example) and returns an
:class:`Explorer`.

How an explorer shows itself
----------------------------
An :class:`Explorer` displays its controls (ipywidgets) and then its matplotlib figure,
rendered to PNG, through a display handle: ``display(image, display_id=True)``. When a
control moves, the explorer updates the figure's artists in place and calls
``handle.update(image)`` with a fresh rendering. This

* updates live in JupyterLab,
* leaves a plain image of the default state in the rendered (static) book, and
* passes ``pytest --nbval`` in strict mode, because no ``Output`` widget is cleared
  while the cell runs.

The figure is a bare :class:`matplotlib.figure.Figure`, not a pyplot figure, so the
inline backend never shows it a second time and nothing leaks between redraws.

Tests drive an explorer headless: set ``explorer.controls["w1"].value`` and read back
the artists and HTML it updated.
"""

from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import AutoLocator
from PIL import Image as PILImage

from nnlib import activations, neuron, plot, spiking
from nnlib._validation import check_in_range


class Explorer:
    """Controls plus a figure that redraws when a control moves.

    Parameters
    ----------
    controls : dict of str to ipywidgets.ValueWidget
        The sliders, dropdowns, ... by name, in display order.
    fig : matplotlib.figure.Figure
        The figure whose artists :meth:`update` changes.
    extra : list of ipywidgets.Widget, optional
        Widgets shown below the controls (a table, a readout).

    Subclasses implement :meth:`update`, which reads ``self.values`` and changes the
    figure's artists and the extra widgets. It is called once on construction and
    after every change of a control.
    """

    def __init__(self, controls, fig: Figure, extra=None):
        self.controls = dict(controls)
        self.fig = fig
        self.extra = list(extra or [])
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")
                ),
                *self.extra,
            ]
        )
        self._handle = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def render(self) -> Image:
        """The figure as a PNG image, ready to display.

        The figure is drawn once by its own Agg canvas and the pixels are encoded with
        light compression. IPython's figure formatter would instead build a new canvas
        and draw twice (its ``bbox_inches="tight"`` pass), which more than doubles the
        time a slider takes to redraw. The layout is the figure's own (constrained).
        """
        canvas = self.fig.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            canvas = FigureCanvasAgg(self.fig)
        canvas.draw()
        pixels = PILImage.fromarray(np.asarray(canvas.buffer_rgba()))
        buffer = io.BytesIO()
        pixels.save(buffer, format="png", compress_level=1)
        return Image(data=buffer.getvalue(), format="png")

    def _on_change(self, change) -> None:
        self.update()
        if self._handle is not None:
            self._handle.update(self.render())

    def _ipython_display_(self) -> None:
        display(self.widget)
        self._handle = display(self.render(), display_id=True)

    def __repr__(self) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"{type(self).__name__}({settings})"


def new_widget_figure(
    ncols: int = 1, width: float = plot.BOOK_WIDTH, height: float = 3.6, **kwargs
):
    """A bare figure (not managed by pyplot) in the book's style, for an explorer.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes or ndarray of Axes
    """
    plot.use_style()
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)  # a canvas of its own, so that redraws reuse it
    axes = fig.subplots(1, ncols, **kwargs)
    return fig, axes


# --- Chapter 2: the threshold neuron -------------------------------------------------------

class ThresholdNeuronExplorer(Explorer):
    """Sliders for w1, w2 and theta; the input plane, the step and the truth table follow.

    Left: the line w1 x1 + w2 x2 = theta, the side where the neuron fires (shaded) and the
    four inputs coloured by the output y. Right: the firing condition as a step in the
    weighted sum, with the four inputs' sums marked on it. Below: the truth table from
    :func:`nnlib.neuron.truth_table`.
    """

    #: Horizontal range of the step panel: every weighted sum the sliders can make.
    SUM_LIMITS = (-13.0, 13.0)

    #: Spacing for the truth table, which JupyterLab would otherwise draw cramped.
    TABLE_STYLE = ("<style>.nnlib-truth-table th, .nnlib-truth-table td "
                   "{padding: 2px 12px; text-align: right;}</style>")

    def __init__(self, controls, fig, ax_plane, ax_step):

        self.table = widgets.HTML()
        self.X = neuron.binary_inputs(2)
        self.plane = plot.decision_line((1.0, 1.0), 1.0, ax=ax_plane)
        self.points = plot.truth_points(self.X, np.zeros(4, dtype=int), ax=ax_plane)
        self.step = plot.step_function(ax_step, theta=0.0, zlim=self.SUM_LIMITS,
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
        ax_step.set_xticks([-10, -5, 0, 5, 10])
        ax_plane.set_title("input plane", y=1.0)
        ax_step.set_title("firing condition", y=1.0)
        super().__init__(controls, fig, extra=[self.table])
        # The axes never move, so lay the figure out once and freeze it: constrained layout
        # would otherwise cost half of every redraw.
        fig.get_layout_engine().set(rect=(0.0, 0.0, 0.97, 1.0))  # air at the right edge
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")

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
        right = theta > 0.6 * self.SUM_LIMITS[1]
        self.theta_label.set_horizontalalignment("right" if right else "left")
        self.theta_label.set_position((-4 if right else 4, 0))
        sums = np.asarray(table.weighted_sum, dtype=float)
        for k in (0, 1):
            self.sums[k].set_data(sums[y == k], y[y == k])
        # Stack the labels of inputs whose sums lie close together so they never overlap.
        placed: list = []
        for i in np.argsort(sums, kind="stable"):
            s, yi = sums[i], y[i]
            rank = sum(1 for (s2, y2) in placed if y2 == yi and abs(s2 - s) < 2.5)
            placed.append((s, yi))
            x1, x2 = self.X[i]
            text = self.sum_labels[i]
            text.set_text(f"({x1},{x2})")
            text.xy = (s, yi)
            text.set_position((0, 8 + 10 * rank))
        gate = plot.gate_name(y)
        # Plain text (not mathtext): this title changes on every move and is cheaper so.
        w1, w2, t = (f"{v + 0.0:g}".replace("-", "\N{MINUS SIGN}") for v in (*w, theta))
        gate_text = gate.replace("x1", "x₁").replace("x2", "x₂")  # as w₁, w₂ are written
        self.fig.suptitle(f"w₁ = {w1},  w₂ = {w2},  θ = {t}   →   the neuron computes: "
                          f"{gate_text}", fontsize=11)
        self.table.value = (self.TABLE_STYLE
                            + f"<b>Truth table</b> (the neuron computes <b>{gate}</b>)"
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
                                  layout=widgets.Layout(width="32%"))
        for name, value, label in (("w1", w1, "w₁"), ("w2", w2, "w₂"),
                                   ("theta", theta, "θ"))
    }
    fig, (ax_plane, ax_step) = new_widget_figure(ncols=2, height=3.7,
                                                 gridspec_kw={"width_ratios": [1, 1.35]})
    return ThresholdNeuronExplorer(sliders, fig, ax_plane, ax_step)


# --- Chapter 3: the activation explorer ----------------------------------------------------

class ActivationExplorer(Explorer):
    """A one-input neuron :math:`a(wx + b)`: choose the activation, move w and b.

    Left panel: the output :math:`a(wx + b)` over the input :math:`x`. Right panel: the
    slope :math:`a'(z)` at :math:`z = wx + b`, the factor that learning multiplies by.
    A dotted line marks :math:`x = -b/w`, where :math:`z = 0`. Built by
    :func:`activation_explorer`.
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
    #: Fixed y-range of the slope, so that sigmoid's 1/4 is seen next to ReLU's 1.
    SLOPE_LIMITS = (-0.05, 1.1)
    SLOPE_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
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
        (self.curve,) = ax_a.plot(self.x, self.x, color=plot.CURVE, lw=2, label="$a(wx + b)$")
        (self.slope,) = ax_d.plot(self.x, self.x, color=plot.DERIVATIVE, lw=2, ls="--",
                                  label="$a'(z)$")
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
        ax_a.set_title("output $a(wx + b)$", y=1.0)
        ax_d.set_ylabel("slope $a'(z)$")
        ax_d.set_ylim(*self.SLOPE_LIMITS)
        ax_d.set_yticks(self.SLOPE_TICKS)
        ax_d.set_title("slope $a'(z)$ at $z = wx + b$", y=1.0)
        super().__init__(controls, fig, extra=[readout])
        # Lay the figure out once, with the widest tick labels the sliders can make, and
        # freeze it: constrained layout would otherwise cost half of every redraw.
        ax_a.set_ylim(-10.75, -9.25)
        ax_a.yaxis.set_major_locator(AutoLocator())
        # No tick label sits at the right end (x = 5), so leave a margin there by hand:
        # otherwise the right panel's curve runs into the image's edge.
        fig.get_layout_engine().set(rect=(0.0, 0.0, 1.0 - self.RIGHT_MARGIN, 1.0))
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")
        self.update()

    def update(self) -> None:


        v = self.values
        name, w, b = v["activation"], float(v["w"]), float(v["b"])
        f, df = activations.get_activation(name)
        cell = neuron.Neuron([w], b=b, activation=name)
        X = self.x[:, None]
        z = cell.z(X)
        a = cell.forward(X)
        self.curve.set_ydata(a)
        self.slope.set_ydata(df(z))
        ax_a = self.axes[0]
        if name in self.OUTPUT_LIMITS:
            ax_a.set_ylim(*self.OUTPUT_LIMITS[name])
            ax_a.set_yticks(self.OUTPUT_TICKS[name])
        else:
            low, high = float(a.min()), float(a.max())
            pad = max(0.1 * (high - low), 0.5)
            ax_a.set_ylim(low - pad, high + pad)
            ax_a.yaxis.set_major_locator(AutoLocator())
        label = dict((key, text) for text, key in self.OPTIONS).get(name, name)
        x0 = neuron.half_point(w, b)
        if x0 is None:
            for line in self.crossings:
                line.set_visible(False)
            where = (f"With w = 0 the input has no effect: z = b = {b:.2f} for every x, "
                     f"so the output is flat at a = {float(f(b)):.3f}.")
        else:
            visible = self.X_RANGE[0] <= x0 <= self.X_RANGE[1]
            for line in self.crossings:
                line.set_xdata([x0, x0])
                line.set_visible(visible)
            where = (f"z = 0 at x = −b/w = {x0:.2f}"
                     + ("" if visible else " (off the plot)")
                     + f", where a(0) = {float(f(0.0)):.3f}.")
        self.readout.value = (
            f"<b>{label}</b>, w = {w:.2f}, b = {b:.2f}. {where} "
            f"On this range a runs from {float(a.min()):.3f} to {float(a.max()):.3f}; "
            f"the largest slope is a'(z) = {float(df(z).max()):.3f}."
        )


def activation_explorer(activation: str = "logistic", w: float = 1.0, b: float = 0.0):
    """Chapter 3: a one-input neuron :math:`a(wx + b)` with a choice of activation.

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
    return ActivationExplorer(controls, fig, axes, widgets.HTMLMath())


# --- Chapter 1: the biological neuron ------------------------------------------------------

class FiringRateExplorer(Explorer):
    """Sliders for the input current and the threshold; a spike train and the rate curve.

    Left: the membrane potential of a leaky integrate-and-fire neuron
    (:func:`nnlib.spiking.simulate`) with its spikes. Right: the firing rate against the
    input current (:func:`nnlib.spiking.lif_rate`) with the current input marked at its
    simulated rate. Below: the spike count and the rate it gives.
    """

    #: Simulated time (ms) and time step (ms) of every redraw.
    DURATION = 200.0
    DT = 0.1
    #: Currents (nA) at which the rate curve is drawn.
    CURVE_CURRENTS = np.linspace(0.0, 5.0, 201)

    def __init__(self, controls, fig, ax_trace, ax_rate):

        self.readout = widgets.HTML()
        self.trace = spiking.simulate(0.0, duration=self.DURATION, dt=self.DT)
        self.lines = plot.membrane_trace(self.trace, ax=ax_trace)
        self.curve = plot.rate_curve(self.CURVE_CURRENTS, np.zeros_like(self.CURVE_CURRENTS),
                                     ax=ax_rate, threshold_current=1.5, label="LIF rate")
        (self.point,) = ax_rate.plot([], [], "o", ms=9, color=plot.EXCITATORY, mec="black",
                                     mew=0.8, zorder=4, label="this input (simulated)")
        ax_rate.set_xlim(self.CURVE_CURRENTS[0] - 0.1, self.CURVE_CURRENTS[-1] + 0.15)
        highest = spiking.lif_rate(self.CURVE_CURRENTS[-1],
                                   spiking.LIFNeuron(v_threshold=controls["v_threshold"].min))
        ax_rate.set_ylim(-0.04 * highest, 1.1 * highest)
        ax_rate.legend(loc="upper left", fontsize=8)
        # Titles at a fixed height and fixed ticks: matplotlib then need not measure the
        # tick labels on every redraw to place them.
        ax_rate.set_title("firing rate vs input", y=1.0)
        ax_trace.set_title(" ", y=1.0)
        for ax in (ax_trace, ax_rate):
            ax.set_xticks(ax.get_xticks()[(ax.get_xticks() >= ax.get_xlim()[0])
                                          & (ax.get_xticks() <= ax.get_xlim()[1])])
            ax.set_yticks(ax.get_yticks()[(ax.get_yticks() >= ax.get_ylim()[0])
                                          & (ax.get_yticks() <= ax.get_ylim()[1])])
        self.ax_trace = ax_trace
        super().__init__(controls, fig, extra=[self.readout])
        # The axes never move: lay the figure out once, then freeze it (much faster redraws).
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")

    def update(self) -> None:

        v = self.values
        neuron = spiking.LIFNeuron(v_threshold=v["v_threshold"])
        trace = spiking.simulate(v["current"], duration=self.DURATION, dt=self.DT, neuron=neuron)
        self.trace = trace
        count, rate = int(trace.spike_count[0]), float(trace.rate[0])
        exact = spiking.lif_rate(v["current"], neuron)

        plot.set_membrane_trace(self.lines, trace)
        self.curve["curve"].set_ydata(spiking.lif_rate(self.CURVE_CURRENTS, neuron))
        self.curve["threshold"].set_xdata([neuron.threshold_current] * 2)
        self.point.set_data([v["current"]], [rate])
        # Plain text, not mathtext: a new mathtext title on every move costs redraw time.
        self.ax_trace.set_title(f"I = {v['current']:.2f} nA: {count} spikes in "
                                f"{self.DURATION:g} ms")
        seconds = self.DURATION / 1000
        self.readout.value = (
            f"<b>{count} spikes</b> in {self.DURATION:g} ms → firing rate = {count} / "
            f"{seconds:g} s = <b>{rate:g} Hz</b> (the formula gives {exact:.1f} Hz). "
            f"Threshold current I<sub>θ</sub> = {neuron.threshold_current:.2f} nA: "
            + ("the input is <b>below</b> it, so the neuron stays silent."
               if count == 0 else "the input is above it, so the neuron fires.")
        )


def firing_rate_explorer(current: float = 2.0, v_threshold: float = -55.0) -> FiringRateExplorer:
    """Chapter 1's widget: a spiking neuron's input current and threshold on sliders.

    Parameters
    ----------
    current : float, default 2.0
        Starting input current I in nA (0 to 5).
    v_threshold : float, default -55.0
        Starting firing threshold in mV (-60 to -45; the neuron rests at -70 mV).

    Returns
    -------
    FiringRateExplorer
    """

    current = check_in_range("current", current, 0.0, 5.0)
    v_threshold = check_in_range("v_threshold", v_threshold, -60.0, -45.0)
    sliders = {
        "current": widgets.FloatSlider(value=current, min=0.0, max=5.0, step=0.05,
                                 description="input I (nA)", readout_format=".2f",
                                 style={"description_width": "initial"},
                                 layout=widgets.Layout(width="48%")),
        "v_threshold": widgets.FloatSlider(value=v_threshold, min=-60.0, max=-45.0, step=0.5,
                                           description="threshold v_θ (mV)",
                                           readout_format=".1f",
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width="48%")),
    }
    fig, (ax_trace, ax_rate) = new_widget_figure(ncols=2, height=3.4,
                                                 gridspec_kw={"width_ratios": [1.4, 1]})
    return FiringRateExplorer(sliders, fig, ax_trace, ax_rate)
