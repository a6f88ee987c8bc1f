"""Chapter 1's widget: the firing-rate explorer of the leaky integrate-and-fire neuron."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from nnlib import plot, spiking
from nnlib._validation import check_in_range
from nnlib.widgets.base import new_widget_figure
from nnlib.widgets.blit import BlitExplorer, artists_in


class FiringRateExplorer(BlitExplorer):
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
        self.ax_trace, self.ax_rate = ax_trace, ax_rate
        super().__init__(controls, fig, extra=[self.readout])
        # The axes never move: lay the figure out once, then freeze it (much faster redraws).
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")

    def dynamic_artists(self) -> list:
        """What a move changes: the trace, its spikes and threshold, the rate curve and
        the point on it, the trace's title; and what lies over them (legend, frames)."""
        return [*artists_in(self.lines, self.curve), self.point, self.ax_trace.title,
                self.ax_rate.get_legend(), *self.ax_trace.spines.values(),
                *self.ax_rate.spines.values()]

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
            + ("the input is <b>at or below</b> it, so the neuron stays silent."
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
                                           description="threshold vθ (mV)",
                                           readout_format=".1f",
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width="48%")),
    }
    fig, (ax_trace, ax_rate) = new_widget_figure(ncols=2, height=3.4,
                                                 gridspec_kw={"width_ratios": [1.4, 1]})
    return FiringRateExplorer(sliders, fig, ax_trace, ax_rate)
