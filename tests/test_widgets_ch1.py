"""Headless tests of chapter 1's widget, nnlib.widgets.firing_rate_explorer."""

import io
import itertools
import re
import warnings

import numpy as np
import pytest

from nnlib import plot, spiking, widgets


@pytest.fixture
def explorer():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return widgets.firing_rate_explorer()


def readout_numbers(explorer):
    """(spike count, rate in Hz) as printed in the readout."""
    text = explorer.readout.value
    count = int(re.search(r"<b>(\d+) spikes</b>", text).group(1))
    rate = float(re.search(r"<b>([\d.]+) Hz</b>", text).group(1))
    return count, rate


def expected(current, v_threshold):
    neuron = spiking.LIFNeuron(v_threshold=v_threshold)
    trace = spiking.simulate(current, duration=widgets.FiringRateExplorer.DURATION,
                             dt=widgets.FiringRateExplorer.DT, neuron=neuron)
    return trace, neuron


def test_default_state_is_the_books_example(explorer):
    assert explorer.values == {"current": 2.0, "v_threshold": -55.0}
    trace, _ = expected(2.0, -55.0)
    count, rate = readout_numbers(explorer)
    assert count == trace.spike_count[0] > 0
    assert rate == pytest.approx(trace.rate[0])
    assert "FiringRateExplorer(current=2.0, v_threshold=-55.0)" == repr(explorer)


def test_moving_current_changes_count_and_figure_as_nnlib_says(explorer):
    before = readout_numbers(explorer)
    explorer.controls["current"].value = 3.5
    trace, neuron = expected(3.5, -55.0)
    count, rate = readout_numbers(explorer)
    assert (count, rate) != before
    assert count == trace.spike_count[0]
    assert rate == pytest.approx(trace.rate[0])
    # The potential drawn is the simulated one, with one spike line per spike.
    x, y = explorer.lines["v"].get_data()
    np.testing.assert_array_equal(y, trace.v[0])
    segments = explorer.lines["spikes"].get_segments()
    assert len(segments) == count
    np.testing.assert_allclose([s[0][0] for s in segments], trace.spike_times(0))
    # The point sits at (current, simulated rate) next to the curve of lif_rate.
    px, py = explorer.point.get_data()
    assert (px[0], py[0]) == pytest.approx((3.5, trace.rate[0]))
    assert abs(py[0] - spiking.lif_rate(3.5, neuron)) < 10  # 200 ms counts to within 5 Hz
    assert f"{count} spikes" in explorer.ax_trace.get_title()


def test_below_threshold_current_the_neuron_is_silent(explorer):
    explorer.controls["current"].value = 1.45  # I_theta = 1.5 nA
    count, rate = readout_numbers(explorer)
    assert (count, rate) == (0, 0.0)
    assert "below" in explorer.readout.value
    assert len(explorer.lines["spikes"].get_segments()) == 0


def test_exactly_at_threshold_current_the_neuron_is_silent(explorer):
    """I_theta is the current *above* which the neuron fires: at it, no spike."""
    explorer.controls["current"].value = 1.5  # = I_theta at -55 mV
    assert readout_numbers(explorer) == (0, 0.0)
    assert "at or below" in explorer.readout.value
    explorer.controls["current"].value = 1.55
    assert readout_numbers(explorer)[0] > 0
    assert "above it, so the neuron fires" in explorer.readout.value


def test_lowering_threshold_makes_the_same_input_fire(explorer):
    explorer.controls["current"].value = 1.45
    assert readout_numbers(explorer)[0] == 0
    explorer.controls["v_threshold"].value = -58.0  # I_theta = 1.2 nA
    trace, neuron = expected(1.45, -58.0)
    assert readout_numbers(explorer)[0] == trace.spike_count[0] > 0
    # The threshold line, the I_theta marker and the rate curve all moved.
    assert explorer.lines["threshold"].get_ydata()[0] == -58.0
    assert explorer.curve["threshold"].get_xdata()[0] == pytest.approx(1.2)
    np.testing.assert_allclose(explorer.curve["curve"].get_ydata(),
                               spiking.lif_rate(explorer.CURVE_CURRENTS, neuron))


def test_every_extreme_survives_without_warnings(explorer):
    current = explorer.controls["current"]
    threshold = explorer.controls["v_threshold"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for c, th in itertools.product((current.min, current.max, 1.5),
                                       (threshold.min, threshold.max)):
            current.value, threshold.value = c, th
            trace, _ = expected(c, th)
            assert readout_numbers(explorer)[0] == trace.spike_count[0]
            explorer.fig.savefig(io.BytesIO(), format="png")
    # The strongest input at the lowest threshold still fits in the rate panel.
    current.value, threshold.value = current.max, threshold.min
    ymax = explorer.point.axes.get_ylim()[1]
    assert explorer.point.get_data()[1][0] < ymax


def test_out_of_range_start_values_raise():
    with pytest.raises(ValueError, match="current must be between 0.0 and 5.0; got 9.0"):
        widgets.firing_rate_explorer(current=9.0)
    with pytest.raises(ValueError, match="v_threshold must be between -60.0 and -45.0"):
        widgets.firing_rate_explorer(v_threshold=-80.0)
    with pytest.raises(TypeError, match="current must be a single real number"):
        widgets.firing_rate_explorer(current="strong")


def test_neuron_schematic_draws_and_labels_every_part():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    parts = plot.neuron_schematic(ax=ax)
    for part in ("dendrites", "soma", "axon", "myelin", "terminals", "neighbour", "arrows",
                 "labels"):
        assert parts[part], part
    text = " ".join(label.get_text() for label in parts["labels"])
    for word in ("dendrites", "soma", "axon", "axon terminals", "synapse",
                 "direction of signal flow"):
        assert word in text
    # Signals flow left to right: the dendrites lie left of the soma, the terminals right.
    soma_x = parts["soma"][0].center[0]
    assert max(line.get_xdata().max() for line in parts["dendrites"]) < soma_x
    assert min(line.get_xdata().min() for line in parts["terminals"][::2]) > soma_x
    # Every label lies inside the visible box.
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    for label in parts["labels"]:
        x, y = label.get_position()
        assert x0 <= x <= x1 and y0 <= y <= y1, label.get_text()


def test_neuron_model_diagram_shows_inputs_weights_sum_and_activation():
    from matplotlib.figure import Figure

    parts = plot.neuron_model_diagram(ax=Figure().subplots(), n_inputs=4)
    assert len(parts["inputs"]) == len(parts["weights"]) == 4
    text = " ".join(label.get_text() for label in parts["labels"])
    for symbol in ("$x_1$", "$x_4$", "$w_1$", "$w_4$", r"$\Sigma$", "$g(z)$", r"\theta"):
        assert symbol in text


def test_membrane_trace_draws_one_fixed_size_line_per_spike():
    from matplotlib.figure import Figure

    trace = spiking.simulate([1.0, 3.0], duration=100.0)
    ax = Figure().subplots()
    artists = plot.membrane_trace(trace, 1, ax=ax)
    np.testing.assert_array_equal(artists["v"].get_ydata(), trace.v[1])
    segments = artists["spikes"].get_segments()
    assert len(segments) == trace.spike_count[1] > 0
    heights = {(s[0][1], s[1][1]) for s in segments}
    assert heights == {(trace.neuron.v_threshold, plot.SPIKE_PEAK)}  # all or nothing
    assert artists["threshold"].get_ydata()[0] == trace.neuron.v_threshold
    # set_membrane_trace switches the same artists to another neuron and threshold.
    other = spiking.simulate(1.0, duration=100.0,
                             neuron=spiking.LIFNeuron(v_threshold=-60.0))
    plot.set_membrane_trace(artists, other)
    assert len(artists["spikes"].get_segments()) == other.spike_count[0]
    assert artists["threshold"].get_ydata()[0] == -60.0
    assert artists["threshold_label"].get_position()[1] == -60.0


def test_spike_raster_and_rate_curve():
    from matplotlib.figure import Figure

    trace = spiking.simulate([0.0, 2.0, 4.0], duration=100.0)
    ax = Figure().subplots()
    events = plot.spike_raster(trace, ax=ax)
    assert [len(e.get_positions()) for e in events] == trace.spike_count.tolist()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0 nA", "2 nA", "4 nA"]

    currents = np.linspace(0, 5, 11)
    artists = plot.rate_curve(currents, spiking.lif_rate(currents), ax=ax,
                              threshold_current=1.5)
    np.testing.assert_array_equal(artists["curve"].get_ydata(), spiking.lif_rate(currents))
    assert artists["threshold"].get_xdata()[0] == 1.5
    assert plot.rate_curve(currents, currents, ax=ax)["threshold"] is None


def test_slider_labels_are_plain_text():
    # Issue 10 item 15: a raw underscore ("v_θ") showed in the label.
    explorer = widgets.firing_rate_explorer()
    for control in explorer.controls.values():
        assert "_" not in control.description and "$" not in control.description
