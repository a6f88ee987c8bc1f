"""Chapter 1's figures of the spiking neuron: membrane traces, rasters, rate curves."""

from __future__ import annotations

from matplotlib.collections import LineCollection

from nnlib.plot.style import (
    BOUNDARY,
    CURVE,
    new_figure,
)

SPIKE_PEAK = 20.0


def _spike_segments(times, v_threshold):
    return [[(t, v_threshold), (t, SPIKE_PEAK)] for t in times]


def membrane_trace(trace, i: int = 0, ax=None, color=None, label=None, show_threshold=True):
    """Plot the membrane potential of one neuron of a :class:`~nnlib.spiking.SpikeTrace`.

    Spikes are drawn as vertical lines of one fixed height, from the threshold up to
    :data:`SPIKE_PEAK`: a spike is all or nothing.

    Parameters
    ----------
    trace : nnlib.spiking.SpikeTrace
    i : int, default 0
        Which input's neuron to draw.
    ax : matplotlib.axes.Axes, optional
    color : colour, optional
        Default :data:`CURVE`.
    label : str, optional
        Legend label of the potential.
    show_threshold : bool, default True
        Draw the threshold as a dashed line.

    Returns
    -------
    dict with 'v' (Line2D), 'spikes' (LineCollection), 'threshold' (Line2D or None) and
    'threshold_label' (Text or None).
    """

    if ax is None:
        _, ax = new_figure()
    color = CURVE if color is None else color
    neuron = trace.neuron
    (v_line,) = ax.plot(trace.t, trace.v[i], color=color, lw=1.3, label=label)
    spikes = LineCollection(_spike_segments(trace.spike_times(i), neuron.v_threshold),
                            colors=color, linewidths=1.3)
    ax.add_collection(spikes)
    threshold = threshold_label = None
    if show_threshold:
        threshold = ax.axhline(neuron.v_threshold, color=BOUNDARY, ls="--", lw=1, zorder=3)
        threshold_label = ax.text(0.99, neuron.v_threshold, r"threshold $v_\theta$",
                                  transform=ax.get_yaxis_transform(), ha="right", va="bottom",
                                  fontsize=9, zorder=4,
                                  bbox={"facecolor": "white", "edgecolor": "none",
                                        "alpha": 0.85, "pad": 1})
    ax.set_xlim(0, trace.duration)
    ax.set_ylim(neuron.v_reset - 8, SPIKE_PEAK + 8)
    ax.set_xlabel("time $t$ (ms)")
    ax.set_ylabel("potential $v$ (mV)")
    return {"v": v_line, "spikes": spikes, "threshold": threshold,
            "threshold_label": threshold_label}


def set_membrane_trace(artists, trace, i: int = 0) -> None:
    """Update the artists of :func:`membrane_trace` in place to show another trace.

    Parameters
    ----------
    artists : dict
        What :func:`membrane_trace` returned.
    trace : nnlib.spiking.SpikeTrace
    i : int, default 0
    """
    v_threshold = trace.neuron.v_threshold
    artists["v"].set_data(trace.t, trace.v[i])
    artists["spikes"].set_segments(_spike_segments(trace.spike_times(i), v_threshold))
    if artists["threshold"] is not None:
        artists["threshold"].set_ydata([v_threshold, v_threshold])
        artists["threshold_label"].set_y(v_threshold)


def spike_raster(trace, ax=None, color=None):
    """One row of tick marks per input: the spike times of every simulated neuron.

    Parameters
    ----------
    trace : nnlib.spiking.SpikeTrace
    ax : matplotlib.axes.Axes, optional
    color : colour, optional

    Returns
    -------
    matplotlib.collections.EventCollection list (one per input, bottom to top).
    """
    if ax is None:
        _, ax = new_figure(height=2.5)
    color = CURVE if color is None else color
    positions = [trace.spike_times(i) for i in range(len(trace.current))]
    events = ax.eventplot(positions, colors=color, lineoffsets=range(len(positions)),
                          linelengths=0.7, linewidths=1.2)
    ax.set_yticks(range(len(positions)), [f"{c:g} nA" for c in trace.current])
    ax.set_xlim(0, trace.duration)
    ax.set_ylim(-0.6, len(positions) - 0.4)
    ax.set_xlabel("time $t$ (ms)")
    ax.set_ylabel("input current $I$")
    ax.grid(axis="y", visible=False)
    return events


def rate_curve(current, rate, ax=None, color=None, label=None, threshold_current=None, **kwargs):
    """Plot firing rate against input current.

    Parameters
    ----------
    current : array_like of shape (n,)
        Input currents I (nA).
    rate : array_like of shape (n,)
        Firing rates (Hz), e.g. from :func:`nnlib.spiking.lif_rate`.
    ax : matplotlib.axes.Axes, optional
    color : colour, optional
        Default :data:`CURVE`.
    label : str, optional
    threshold_current : float, optional
        If given, a dashed vertical line marks it.
    **kwargs
        Passed on to ``ax.plot``.

    Returns
    -------
    dict with 'curve' (Line2D) and 'threshold' (Line2D or None).
    """
    if ax is None:
        _, ax = new_figure()
    color = CURVE if color is None else color
    (curve,) = ax.plot(current, rate, color=color, lw=2, label=label, **kwargs)
    threshold = None
    if threshold_current is not None:
        threshold = ax.axvline(threshold_current, color=BOUNDARY, ls="--", lw=1,
                               label=r"threshold current $I_\theta$")
    ax.set_xlabel("input current $I$ (nA)")
    ax.set_ylabel("firing rate (Hz)")
    return {"curve": curve, "threshold": threshold}
