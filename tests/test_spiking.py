"""Tests of nnlib.spiking: the leaky integrate-and-fire neuron of chapter 1."""

import doctest
import math
import warnings

import numpy as np
import pytest

from nnlib import spiking
from nnlib.spiking import LIFNeuron, firing_rate, lif_rate, simulate

NEURON = LIFNeuron()


def analytic_period(current, neuron=NEURON):
    """Time between spikes (ms) from the closed form, written independently of nnlib."""
    v_inf = neuron.v_rest + neuron.resistance * current
    return neuron.t_ref + neuron.tau * math.log(
        (v_inf - neuron.v_reset) / (v_inf - neuron.v_threshold))


# --- the neuron's parameters -----------------------------------------------------------------

def test_default_neuron_threshold_current_and_max_rate():
    assert NEURON.threshold_current == pytest.approx((-55 - -70) / 10)  # 1.5 nA
    assert NEURON.max_rate == pytest.approx(500.0)
    assert "v_threshold=-55 mV" in repr(NEURON)


def test_v_inf_is_where_the_membrane_settles():
    # v_rest + R I: -70 + 10 * 1.2 = -58 mV; a scalar gives a float.
    assert NEURON.v_inf(1.2) == pytest.approx(-58.0)
    assert isinstance(NEURON.v_inf(1.2), float)
    np.testing.assert_allclose(NEURON.v_inf([0.0, 1.5, 2.0]), [-70.0, -55.0, -50.0])
    other = LIFNeuron(v_rest=-65.0, resistance=20.0)
    assert other.v_inf(0.5) == pytest.approx(-55.0)
    # A long subthreshold simulation ends at v_inf.
    trace = simulate(1.3, duration=300.0)
    assert trace.v[0, -1] == pytest.approx(NEURON.v_inf(1.3), abs=1e-6)
    with pytest.raises(ValueError, match="current"):
        NEURON.v_inf([1.0, float("inf")])


@pytest.mark.parametrize("kwargs, message", [
    ({"tau": 0.0}, "tau must be"),
    ({"tau": -1.0}, "tau must be"),
    ({"resistance": 0.0}, "resistance must be"),
    ({"t_ref": -0.5}, "t_ref must be"),
    ({"v_threshold": -70.0}, "v_threshold must lie above v_rest"),
    ({"v_reset": -50.0}, "v_threshold must lie above v_reset"),
    ({"v_rest": float("nan")}, "v_rest must be"),
])
def test_bad_neuron_parameters_raise_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LIFNeuron(**kwargs)


def test_non_number_parameter_raises_type_error():
    with pytest.raises(TypeError, match="tau"):
        LIFNeuron(tau="fast")


# --- simulate ---------------------------------------------------------------------------------

def test_simulate_shapes_and_start_at_rest():
    trace = simulate([0.0, 1.0, 2.0], duration=50.0, dt=0.5)
    assert trace.t.shape == (101,)
    assert trace.v.shape == trace.spikes.shape == (3, 101)
    assert trace.t[-1] == pytest.approx(50.0)
    np.testing.assert_array_equal(trace.v[:, 0], NEURON.v_rest)
    assert trace.spikes.dtype == bool
    assert "3 input(s)" in repr(trace)


def test_scalar_current_counts_as_one_input():
    trace = simulate(2.0, duration=100.0)
    assert trace.v.shape[0] == 1
    assert trace.current.tolist() == [2.0]


def test_no_current_stays_at_rest_and_subthreshold_settles_below_threshold():
    trace = simulate([0.0, 1.4], duration=200.0)
    np.testing.assert_allclose(trace.v[0], NEURON.v_rest)
    # 1.4 nA drives the membrane towards -70 + 14 = -56 mV, just under the threshold.
    assert trace.v[1, -1] == pytest.approx(-56.0, abs=1e-6)
    assert trace.v[1].max() < NEURON.v_threshold
    assert trace.spike_count.tolist() == [0, 0]


def test_potential_follows_exact_exponential_charging():
    """Before its first spike the membrane follows v_inf + (v_rest - v_inf) exp(-t / tau)."""
    current = 1.2
    trace = simulate(current, duration=60.0, dt=0.25)
    v_inf = NEURON.v_rest + NEURON.resistance * current
    expected = v_inf + (NEURON.v_rest - v_inf) * np.exp(-trace.t / NEURON.tau)
    np.testing.assert_allclose(trace.v[0], expected, rtol=0, atol=1e-9)


def test_spikes_reset_and_refractory_period():
    trace = simulate(3.0, duration=100.0, dt=0.1)
    times = trace.spike_times(0)
    assert len(times) > 3
    v = trace.v[0]
    k = np.flatnonzero(trace.spikes[0])
    # At a spike the potential is reset, and stays there for t_ref = 2 ms (20 steps).
    np.testing.assert_array_equal(v[k], NEURON.v_reset)
    for j in k[:-1]:
        np.testing.assert_array_equal(v[j:j + 21], NEURON.v_reset)
        assert v[j + 21] > NEURON.v_reset
    # Never above threshold: the spike itself is drawn by nnlib.plot, not stored.
    assert v.max() < NEURON.v_threshold
    # A constant input gives perfectly regular spikes.
    np.testing.assert_allclose(np.diff(times), np.diff(times)[0], atol=1e-9)


def test_vectorised_equals_one_at_a_time():
    currents = [0.5, 1.6, 2.5, 4.0]
    together = simulate(currents, duration=120.0)
    for i, c in enumerate(currents):
        alone = simulate(c, duration=120.0)
        np.testing.assert_array_equal(together.v[i], alone.v[0])
        np.testing.assert_array_equal(together.spikes[i], alone.spikes[0])


def test_deterministic():
    a = simulate(np.linspace(0, 5, 11), duration=100.0)
    b = simulate(np.linspace(0, 5, 11), duration=100.0)
    np.testing.assert_array_equal(a.v, b.v)


def test_negative_current_hyperpolarises_and_never_fires():
    trace = simulate(-1.0, duration=100.0)
    assert trace.spike_count[0] == 0
    assert trace.v[0, -1] == pytest.approx(-80.0, abs=1e-3)


def test_large_dt_stays_stable():
    """The exact update cannot blow up, even with dt much larger than tau."""
    trace = simulate(1.0, duration=500.0, dt=50.0)
    assert np.all(np.isfinite(trace.v))
    assert trace.v[0, -1] == pytest.approx(-60.0, abs=1e-3)


# --- rates ----------------------------------------------------------------------------------

def test_rate_is_zero_below_threshold_current():
    below = np.linspace(-2.0, NEURON.threshold_current, 30)  # up to and including I_theta
    np.testing.assert_array_equal(firing_rate(below, duration=500.0), 0.0)
    np.testing.assert_array_equal(lif_rate(below), 0.0)


def test_rate_is_positive_and_increasing_above_threshold_current():
    above = np.linspace(NEURON.threshold_current + 0.05, 10.0, 60)
    exact = lif_rate(above)
    assert np.all(exact > 0)
    assert np.all(np.diff(exact) > 0)
    simulated = firing_rate(above, duration=2000.0, dt=0.05)
    assert np.all(simulated > 0)
    assert np.all(np.diff(simulated) >= 0)  # counts can tie, never fall


@pytest.mark.parametrize("current", [1.6, 2.0, 3.0, 5.0, 10.0])
def test_lif_rate_matches_closed_form(current):
    assert lif_rate(current) == pytest.approx(1000.0 / analytic_period(current), rel=1e-12)


@pytest.mark.parametrize("dt", [0.1, 0.02])
def test_simulated_rate_matches_analytic_rate_within_discretisation(dt):
    """Each simulated period P is the true period T rounded up to whole steps:
    T <= P <= T + 2 dt (one step for the charging, one for the refractory period). The
    first spike comes after the charging time alone, T - t_ref. Over a duration D the
    spike count n therefore obeys D / (T + 2 dt) - 1 <= n <= 1 + (D - T + t_ref) / T."""
    duration = 2000.0
    currents = np.array([1.55, 1.8, 2.2, 3.0, 4.5, 8.0])
    counts = simulate(currents, duration=duration, dt=dt).spike_count
    periods = np.array([analytic_period(c) for c in currents])
    assert np.all(counts <= 1 + (duration - periods + NEURON.t_ref) / periods)
    assert np.all(counts >= duration / (periods + 2 * dt) - 1)
    # And in relative terms, with a fine step the two rates agree closely.
    if dt <= 0.02:
        np.testing.assert_allclose(counts / (duration / 1000), lif_rate(currents), rtol=0.02)


def test_rate_approaches_max_rate_for_strong_input():
    assert lif_rate(1e6) == pytest.approx(NEURON.max_rate, rel=1e-3)
    assert lif_rate(1e6) < NEURON.max_rate


def test_lif_rate_other_neuron_and_scalar_type():
    neuron = LIFNeuron(v_threshold=-60.0, t_ref=0.0)
    assert neuron.threshold_current == pytest.approx(1.0)
    assert lif_rate(0.99, neuron) == 0.0
    assert isinstance(lif_rate(2.0, neuron), float)
    assert lif_rate(2.0, neuron) == pytest.approx(1000.0 / (10.0 * math.log(20.0 / 10.0)))


def test_lif_rate_is_warning_free_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rates = lif_rate(np.array([-1e300, -1.0, 0.0, 1.5, 1.5 + 1e-12, 1e30, 1e300]))
        assert np.all(np.isfinite(rates))
        assert lif_rate(1e300, LIFNeuron(t_ref=0.0)) > 0


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, message", [
    ({"current": float("nan")}, ValueError, "current must contain only finite"),
    ({"current": [1.0, float("inf")]}, ValueError, "current must contain only finite"),
    ({"current": [[1.0, 2.0]]}, ValueError, "current must be a 0-D or 1-D"),
    ({"current": "strong"}, TypeError, "current"),
    ({"current": [1.0, None]}, TypeError, "current"),
    ({"current": 1e308}, ValueError, "current is too large"),
    ({"current": 1.0, "duration": -10.0}, ValueError, "duration must be"),
    ({"current": 1.0, "duration": 0.0}, ValueError, "duration must be"),
    ({"current": 1.0, "duration": float("nan")}, ValueError, "duration must be"),
    ({"current": 1.0, "dt": 0.0}, ValueError, "dt must be"),
    ({"current": 1.0, "dt": -0.1}, ValueError, "dt must be"),
    ({"current": 1.0, "dt": float("nan")}, ValueError, "dt must be"),
    ({"current": 1.0, "dt": 500.0}, ValueError, "dt must not exceed duration"),
    # issue 9, item 7: this silently simulated 0.9 ms
    ({"current": 2.0, "duration": 1.0, "dt": 0.3}, ValueError,
     r"^duration must be a whole number of time steps dt; got duration=1 ms and dt=0.3 ms "
     r"\(3.333 steps\). Choose a dt that divides duration, such as 0.25 ms.$"),
    ({"current": 1.0, "duration": 1e9, "dt": 1e-3}, ValueError, "stored potentials"),
    ({"current": 1.0, "neuron": "lif"}, TypeError, "neuron must be a LIFNeuron"),
])
def test_simulate_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        simulate(**kwargs)


@pytest.mark.parametrize(("duration", "dt"), [(200.0, 0.1), (100.0, 0.1), (2000.0, 0.05),
                                              (1.0, 0.25), (500.0, 50.0)])
def test_simulate_covers_exactly_the_duration(duration, dt):
    """A duration that is a whole number of steps (to rounding) is simulated to its end."""
    trace = simulate(2.0, duration=duration, dt=dt)
    assert trace.t[-1] == pytest.approx(duration, rel=1e-12)


def test_lif_rate_rejects_bad_input():
    with pytest.raises(ValueError, match="current"):
        lif_rate([1.0, float("nan")])
    with pytest.raises(TypeError, match="neuron must be a LIFNeuron"):
        lif_rate(1.0, neuron={"tau": 10})


def test_docstring_examples():
    result = doctest.testmod(spiking)
    assert result.attempted > 0
    assert result.failed == 0


# --- input noise ----------------------------------------------------------------------------

def test_zero_noise_is_the_deterministic_neuron():
    currents = [1.2, 2.0, 3.5]
    plain = simulate(currents, duration=150.0)
    for seed in (0, 7):
        quiet = simulate(currents, duration=150.0, noise=0.0, random_state=seed)
        np.testing.assert_array_equal(quiet.v, plain.v)
        np.testing.assert_array_equal(quiet.spikes, plain.spikes)


def test_noise_is_reproducible_by_seed_and_independent_per_neuron():
    a = simulate([2.0] * 3, duration=300.0, noise=2.0, random_state=3)
    b = simulate([2.0] * 3, duration=300.0, noise=2.0, random_state=3)
    c = simulate([2.0] * 3, duration=300.0, noise=2.0, random_state=4)
    np.testing.assert_array_equal(a.v, b.v)
    assert not np.array_equal(a.v, c.v)
    # Three neurons with the same input get different kicks, so different spike trains.
    assert not np.array_equal(a.spikes[0], a.spikes[1])
    assert not np.array_equal(a.spikes[1], a.spikes[2])


@pytest.mark.parametrize("dt", [0.1, 1.0])
def test_noise_sets_the_standard_deviation_of_the_free_membrane(dt):
    """Without a reachable threshold the potential is an Ornstein-Uhlenbeck process: it
    fluctuates around v_inf with standard deviation `noise`, whatever the time step."""
    silent = LIFNeuron(v_threshold=1000.0)  # never reached
    trace = simulate(np.full(20, 0.5), duration=2000.0, dt=dt, neuron=silent, noise=3.0,
                     random_state=0)
    settled = trace.v[:, trace.t > 5 * silent.tau]  # after the start-up
    assert settled.mean() == pytest.approx(silent.v_inf(0.5), abs=0.1)
    assert settled.std() == pytest.approx(3.0, rel=0.05)
    assert trace.spike_count.sum() == 0


def test_noise_keeps_reset_and_refractory_period():
    trace = simulate(2.5, duration=500.0, dt=0.1, noise=2.0, random_state=1)
    v, k = trace.v[0], np.flatnonzero(trace.spikes[0])
    assert len(k) > 10
    np.testing.assert_array_equal(v[k], NEURON.v_reset)
    for j in k[:-1]:
        np.testing.assert_array_equal(v[j:j + 21], NEURON.v_reset)
    assert v.max() < NEURON.v_threshold
    # The intervals between spikes now vary; without noise they are all equal.
    assert np.std(np.diff(trace.spike_times(0))) > 0.5


def test_noise_lets_a_subthreshold_input_fire():
    below = 0.9 * NEURON.threshold_current
    assert firing_rate(below, duration=2000.0)[0] == 0
    assert firing_rate(below, duration=2000.0, noise=2.0, random_state=0)[0] > 0


def test_noise_turns_the_corner_of_the_rate_curve_into_an_s():
    """Noise-free, the rate is 0 up to I_theta, then jumps up and is concave (its slopes
    only fall). With noise it is already positive below I_theta and rises smoothly:
    convex at first (slopes grow), then concave, the shape of an S."""
    currents = np.round(np.arange(0.6, 4.01, 0.2), 1)
    clean = lif_rate(currents)
    assert np.all(clean[currents <= NEURON.threshold_current] == 0)
    on = clean > 0
    assert np.all(np.diff(np.diff(clean[on])) < 0)
    # Four noisy neurons per current, averaged, five seconds each.
    noisy = firing_rate(np.repeat(currents, 4), duration=5000.0, noise=2.0,
                        random_state=0).reshape(-1, 4).mean(axis=1)
    foot = (currents >= 0.8) & (currents < NEURON.threshold_current)  # 0.8 ... 1.4 nA
    assert np.all(noisy[foot] > 0)
    assert np.all(np.diff(np.diff(noisy[foot])) > 0)           # convex foot
    slopes = np.diff(noisy)
    steepest = int(np.argmax(slopes))
    assert 0.8 < currents[steepest] < 2.0                      # steepest near I_theta
    at = dict(zip(currents.tolist(), noisy, strict=True))
    assert at[3.0] > (at[2.2] + at[3.8]) / 2                   # concave further up
    assert np.all(slopes[steepest:] <= slopes[steepest])


@pytest.mark.parametrize("kwargs, error, message", [
    ({"noise": -1.0}, ValueError, "noise must be a non-negative number"),
    ({"noise": float("nan")}, ValueError, "noise must be"),
    ({"noise": "loud"}, TypeError, "noise"),
    ({"noise": 1.0, "random_state": -1}, ValueError, "random_state"),
    ({"noise": 1.0, "random_state": 1.5}, TypeError, "random_state"),
])
def test_noise_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        simulate(1.0, duration=10.0, **kwargs)
