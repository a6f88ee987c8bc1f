"""A spiking neuron: the leaky integrate-and-fire model.

Chapter 1 uses this module to show where the artificial neuron comes from. A real neuron
does not output a number. It fires spikes: brief pulses of a fixed size. What changes
with the strength of its input is how *often* it fires. The leaky integrate-and-fire
(LIF) model of Lapicque (1907) is the simplest neuron that behaves like this.

The model
---------
The membrane potential ``v`` (in mV) leaks back towards its resting value ``v_rest`` and
is pushed up by the input current ``I`` (in nA) through the membrane resistance ``R``
(in MΩ, so that ``R I`` is in mV)::

    tau dv/dt = -(v - v_rest) + R I

When ``v`` reaches the threshold ``v_threshold`` the neuron fires a spike, ``v`` is reset
to ``v_reset``, and it stays there for a refractory period ``t_ref``. Then it charges up
again. Time is in milliseconds, rates are in spikes per second (Hz).

For a constant input the potential approaches ``v_inf = v_rest + R I``. If ``v_inf`` stays
below the threshold the neuron never fires. The current above which it fires is the
**threshold current** (rheobase) ``I_theta = (v_threshold - v_rest) / R``. Above it
the time between spikes, and so the rate, has a closed form (:func:`lif_rate`).

Real inputs are never perfectly constant. :func:`simulate` can add input noise
(``noise``, in mV): random fluctuations of the membrane potential, drawn from a seeded
``np.random.default_rng(random_state)``. Noise lets an input just below ``I_theta`` fire
now and then, and turns the sharp corner of the rate curve into a smooth S-shaped foot.

The default parameters are standard textbook values for a LIF neuron (Dayan & Abbott
2001, ch. 5; Gerstner et al. 2014, ch. 1), not measurements of one particular cell.

Units: time in ms, potential in mV, current in nA, resistance in MΩ, rate in Hz.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnlib._validation import as_float_array, check_integer, check_positive, check_scalar

__all__ = [
    "LIFNeuron",
    "SpikeTrace",
    "simulate",
    "firing_rate",
    "lif_rate",
]


#: Largest number of potentials (n_inputs * (n_steps + 1)) one simulation may store.
MAX_VALUES = 50_000_000


# --- validation of user input ------------------------------------------------------------

def _currents(current) -> np.ndarray:
    """Input currents as a finite float64 array of shape () or (n_inputs,)."""
    return as_float_array(current, "current", ndim=(0, 1))


def _v_inf(currents: np.ndarray, neuron: LIFNeuron) -> np.ndarray:
    """The potential ``v_rest + R I`` that each input drives the membrane towards."""
    with np.errstate(over="ignore"):
        v_inf = neuron.v_rest + neuron.resistance * currents
    if not np.all(np.isfinite(v_inf)):
        raise ValueError(
            f"current is too large: R * current must be a finite potential (mV); got up to "
            f"{np.max(np.abs(currents)):g} nA."
        )
    return v_inf


# --- the neuron ---------------------------------------------------------------------------

@dataclass(frozen=True)
class LIFNeuron:
    """Parameters of a leaky integrate-and-fire neuron.

    The defaults are standard textbook values (Dayan & Abbott 2001; Gerstner et al.
    2014): it rests at -70 mV, fires at -55 mV, and its threshold current is 1.5 nA.

    Parameters
    ----------
    tau : float, default 10.0
        Membrane time constant in ms: how quickly the potential leaks back to rest.
    v_rest : float, default -70.0
        Resting potential in mV.
    v_threshold : float, default -55.0
        Firing threshold in mV; must lie above ``v_rest`` and ``v_reset``.
    v_reset : float, default -70.0
        Potential right after a spike, in mV.
    resistance : float, default 10.0
        Membrane resistance in MΩ (1 nA through 10 MΩ raises the potential by 10 mV).
    t_ref : float, default 2.0
        Refractory period in ms: how long the neuron stays silent after a spike (>= 0).
    """

    tau: float = 10.0
    v_rest: float = -70.0
    v_threshold: float = -55.0
    v_reset: float = -70.0
    resistance: float = 10.0
    t_ref: float = 2.0

    def __post_init__(self):
        for name in ("tau", "resistance"):
            object.__setattr__(self, name, check_positive(name, getattr(self, name)))
        for name in ("v_rest", "v_threshold", "v_reset"):
            object.__setattr__(self, name, check_scalar(name, getattr(self, name)))
        object.__setattr__(self, "t_ref", check_positive("t_ref", self.t_ref, allow_zero=True))
        if self.v_threshold <= self.v_rest:
            raise ValueError(
                f"v_threshold must lie above v_rest ({self.v_rest} mV); "
                f"got {self.v_threshold} mV."
            )
        if self.v_threshold <= self.v_reset:
            raise ValueError(
                f"v_threshold must lie above v_reset ({self.v_reset} mV); "
                f"got {self.v_threshold} mV."
            )

    @property
    def threshold_current(self) -> float:
        """The threshold current (rheobase) ``I_theta = (v_threshold - v_rest) / R`` in nA.

        The noise-free neuron fires for a constant input above it; at or below it, never.
        """
        return (self.v_threshold - self.v_rest) / self.resistance

    def v_inf(self, current):
        """The potential ``v_inf = v_rest + R I`` (mV) that a constant input drives towards.

        Where ``dv/dt = 0``: leak and input balance. The neuron fires only if ``v_inf``
        lies above ``v_threshold``.

        Parameters
        ----------
        current : float or array_like of shape (n_inputs,)
            Input currents in nA.

        Returns
        -------
        float or ndarray of shape (n_inputs,)
            A float for a scalar ``current``.

        Examples
        --------
        >>> LIFNeuron().v_inf([1.2, 2.0])
        array([-58., -50.])
        """
        v_inf = _v_inf(_currents(current), self)
        return float(v_inf) if v_inf.ndim == 0 else v_inf

    @property
    def max_rate(self) -> float:
        """The rate (Hz) that an infinitely strong input approaches: ``1000 / t_ref``."""
        return math.inf if self.t_ref == 0 else 1000.0 / self.t_ref

    def __repr__(self) -> str:
        return (
            f"LIFNeuron(tau={self.tau:g} ms, v_rest={self.v_rest:g} mV, "
            f"v_threshold={self.v_threshold:g} mV, v_reset={self.v_reset:g} mV, "
            f"R={self.resistance:g} MΩ, t_ref={self.t_ref:g} ms)"
        )


@dataclass(frozen=True, repr=False, eq=False)
class SpikeTrace:
    """The result of :func:`simulate`: potentials and spikes over time.

    Attributes
    ----------
    t : ndarray of shape (n_steps + 1,)
        Times in ms, from 0 to ``duration``.
    current : ndarray of shape (n_inputs,)
        The constant input current I of each simulated neuron, in nA.
    v : ndarray of shape (n_inputs, n_steps + 1)
        Membrane potential in mV. At a spike it is already reset.
    spikes : ndarray of bool, shape (n_inputs, n_steps + 1)
        True at the time steps where the neuron fired.
    neuron : LIFNeuron
        The parameters used.
    duration, dt : float
        Length of the simulation and time step, in ms.
    """

    t: np.ndarray
    current: np.ndarray
    v: np.ndarray
    spikes: np.ndarray
    neuron: LIFNeuron
    duration: float
    dt: float

    @property
    def spike_count(self) -> np.ndarray:
        """Number of spikes of each neuron, shape (n_inputs,)."""
        return self.spikes.sum(axis=1)

    @property
    def rate(self) -> np.ndarray:
        """Firing rate in Hz: spikes per second, ``spike_count / (duration / 1000)``."""
        return self.spike_count / (self.duration / 1000.0)

    def spike_times(self, i: int = 0) -> np.ndarray:
        """Times (ms) at which neuron ``i`` fired."""
        return self.t[self.spikes[i]]

    def __repr__(self) -> str:
        counts = ", ".join(str(c) for c in self.spike_count[:6])
        more = ", ..." if len(self.current) > 6 else ""
        return (
            f"SpikeTrace({len(self.current)} input(s), {self.duration:g} ms in steps of "
            f"{self.dt:g} ms; spike counts [{counts}{more}])"
        )


def simulate(current, duration: float = 200.0, dt: float = 0.1, neuron: LIFNeuron | None = None,
             *, noise: float = 0.0, random_state: int = 0) -> SpikeTrace:
    """Simulate LIF neurons, one per input current, all at once.

    Every neuron starts at rest and receives its own constant current for the whole
    simulation. Between spikes the potential relaxes towards ``v_inf = v_rest + R I``;
    each step uses the exact solution of the model for a constant input::

        v(t + dt) = v_inf + (v(t) - v_inf) * exp(-dt / tau)

    so the result does not blow up for large ``dt``. A step that reaches ``v_threshold``
    is a spike: ``v`` is reset to ``v_reset`` and held there for ``t_ref`` ms. Without
    noise nothing is random: the same call always gives the same spikes.

    With ``noise`` > 0 every step also adds a random kick, so that the potential of a
    neuron with no threshold would fluctuate around its noise-free course with standard
    deviation ``noise`` (mV). This is the exact update of the model with white-noise
    input (an Ornstein-Uhlenbeck process; Gerstner et al. 2014, ch. 8)::

        v(t + dt) = v_inf + (v(t) - v_inf) * exp(-dt / tau)
                    + noise * sqrt(1 - exp(-2 dt / tau)) * N(0, 1)

    so the size of the fluctuations does not depend on ``dt``. Each neuron gets its own
    kicks, drawn from ``np.random.default_rng(random_state)``: the same ``random_state``
    gives the same spikes.

    Parameters
    ----------
    current : float or array_like of shape (n_inputs,)
        Input currents in nA (any sign: a negative current is inhibition).
    duration : float, default 200.0
        Simulated time in ms (> 0).
    dt : float, default 0.1
        Time step in ms (> 0, at most ``duration``). ``duration`` must be a whole number
        of steps (to rounding): ``duration=1.0, dt=0.3`` is rejected rather than
        silently simulating 0.9 ms.
    neuron : LIFNeuron, optional
        Parameters; ``LIFNeuron()`` by default.
    noise : float, default 0.0
        Standard deviation (mV, >= 0) of the input noise's fluctuations of the membrane
        potential; 0 gives the deterministic neuron.
    random_state : int, default 0
        Seed (>= 0) of the random numbers of the noise; unused when ``noise`` is 0.

    Returns
    -------
    SpikeTrace
        ``t`` of shape (n_steps + 1,), ``v`` and ``spikes`` of shape
        (n_inputs, n_steps + 1); a scalar ``current`` counts as one input.

    Examples
    --------
    >>> trace = simulate([1.0, 2.0, 3.0], duration=1000.0)
    >>> trace.spike_count.tolist()
    [0, 63, 111]

    With noise, an input just below the threshold current fires now and then:

    >>> int(simulate(1.4, duration=1000.0).spike_count[0])
    0
    >>> int(simulate(1.4, duration=1000.0, noise=2.0, random_state=1).spike_count[0]) > 0
    True
    """
    neuron = LIFNeuron() if neuron is None else neuron
    if not isinstance(neuron, LIFNeuron):
        raise TypeError(f"neuron must be a LIFNeuron; got {type(neuron).__name__}.")
    currents = np.atleast_1d(_currents(current))
    duration = check_positive("duration", duration)
    dt = check_positive("dt", dt)
    if dt > duration:
        raise ValueError(f"dt must not exceed duration ({duration} ms); got {dt} ms.")

    n_steps = int(round(duration / dt))
    if abs(duration / dt - n_steps) > 1e-9 * n_steps:
        raise ValueError(
            f"duration must be a whole number of time steps dt; got duration={duration:g} ms "
            f"and dt={dt:g} ms ({duration / dt:.4g} steps). Choose a dt that divides "
            f"duration, such as {duration / math.ceil(duration / dt):.4g} ms."
        )
    if currents.size * (n_steps + 1) > MAX_VALUES:
        raise ValueError(
            f"duration / dt * n_inputs must stay below {MAX_VALUES:,} stored potentials; got "
            f"{n_steps + 1:,} steps for {currents.size} input(s). Use a larger dt, a shorter "
            "duration or fewer inputs."
        )
    noise = check_positive("noise", noise, allow_zero=True)
    random_state = check_integer("random_state", random_state, minimum=0)
    t = np.arange(n_steps + 1) * dt
    # Steps spent at v_reset after a spike; the tiny margin stops 2.0 / 0.1 = 19.999...
    # from losing a step.
    ref_steps = int(math.ceil(neuron.t_ref / dt - 1e-9))
    decay = math.exp(-dt / neuron.tau)
    v_inf = _v_inf(currents, neuron)

    # While simulating, time runs along the first axis, so each step fills one row.
    v = np.empty((n_steps + 1, currents.size))
    spikes = np.zeros((n_steps + 1, currents.size), dtype=bool)
    v[0] = neuron.v_rest
    now = v[0].copy()                                # the potential of every neuron
    silent = np.zeros(currents.size, dtype=np.int64)  # > 0: steps of refractory period left
    drive = v_inf * (1.0 - decay)  # v_inf + (v - v_inf) * decay = v * decay + drive
    rng = np.random.default_rng(random_state) if noise > 0 else None
    kick = noise * math.sqrt(1.0 - decay**2)  # standard deviation of one step's noise
    for k in range(1, n_steps + 1):
        refractory = silent > 0
        now *= decay                      # leak and charge ...
        now += drive
        if rng is not None:               # ... with input noise, if any ...
            now += kick * rng.standard_normal(currents.size)
        now[refractory] = neuron.v_reset  # ... except during the refractory period
        fired = now >= neuron.v_threshold
        now[fired] = neuron.v_reset       # a spike: reset and fall silent for t_ref
        silent -= 1
        silent[fired] = ref_steps
        v[k] = now
        spikes[k] = fired
    return SpikeTrace(t=t, current=currents, v=v.T, spikes=spikes.T, neuron=neuron,
                      duration=n_steps * dt, dt=dt)


def firing_rate(current, duration: float = 1000.0, dt: float = 0.1,
                neuron: LIFNeuron | None = None, *, noise: float = 0.0,
                random_state: int = 0) -> np.ndarray:
    """Simulated firing rate (Hz) for each input current: spikes per second.

    A thin wrapper: ``simulate(current, duration, dt, neuron, noise=noise,
    random_state=random_state).rate``. Without noise, the longer the simulation, the
    closer this comes to :func:`lif_rate`.

    Parameters
    ----------
    current : float or array_like of shape (n_inputs,)
        Input currents in nA.
    duration, dt : float
        Simulated time and time step in ms.
    neuron : LIFNeuron, optional
    noise : float, default 0.0
        Input noise (mV), as in :func:`simulate`.
    random_state : int, default 0
        Seed of the noise, as in :func:`simulate`.

    Returns
    -------
    ndarray of shape (n_inputs,)
    """
    return simulate(current, duration=duration, dt=dt, neuron=neuron, noise=noise,
                    random_state=random_state).rate


def lif_rate(current, neuron: LIFNeuron | None = None):
    """The exact firing rate (Hz) of a LIF neuron for a constant input current.

    Below the threshold current the potential settles under the threshold and the rate
    is 0. Above it, charging from ``v_reset`` to ``v_threshold`` takes

        T_charge = tau * ln((v_inf - v_reset) / (v_inf - v_threshold)),

    with ``v_inf = v_rest + R I``, and the rate is ``1000 / (t_ref + T_charge)``.

    Parameters
    ----------
    current : float or array_like of shape (n_inputs,)
        Input currents in nA.
    neuron : LIFNeuron, optional

    Returns
    -------
    float or ndarray of shape (n_inputs,)
        A float for a scalar ``current``.
    """
    neuron = LIFNeuron() if neuron is None else neuron
    if not isinstance(neuron, LIFNeuron):
        raise TypeError(f"neuron must be a LIFNeuron; got {type(neuron).__name__}.")
    v_inf = _v_inf(_currents(current), neuron)
    fires = v_inf > neuron.v_threshold
    # Evaluate the logarithm only where the neuron fires, so nothing warns below threshold.
    # ln((v_inf - v_reset) / (v_inf - v_th)) = log1p((v_th - v_reset) / (v_inf - v_th)).
    above = np.where(fires, v_inf - neuron.v_threshold, 1.0)
    t_charge = neuron.tau * np.log1p((neuron.v_threshold - neuron.v_reset) / above)
    period = neuron.t_ref + t_charge
    with np.errstate(divide="ignore"):  # t_ref = 0 and an enormous input: rate -> inf
        rate = np.where(fires, 1000.0 / np.where(fires, period, 1.0), 0.0)
    return float(rate) if rate.ndim == 0 else rate
