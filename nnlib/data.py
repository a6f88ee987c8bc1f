"""The book's small data sets.

- :func:`logic_gate`: the truth tables of AND, OR, NAND, NOR, XOR (two inputs) and NOT.
- :func:`three_classes`: two features, three classes, for softmax regression.
- :func:`three_arm_spiral`: three curved arms that no straight lines separate (chapter 6).
- :func:`moons`: scikit-learn's two interleaving half-moons.

Each returns ``(X, y)`` with ``X`` of shape ``(n_samples, n_features)`` and ``y`` of
shape ``(n_samples,)``; the random ones are reproducible through ``random_state``.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_moons

from nnlib._validation import check_choice, check_integer, check_positive
from nnlib.neuron import binary_inputs

__all__ = ["GATES", "logic_gate", "moons", "three_arm_spiral", "three_classes"]

#: Each gate's output as a function of its input columns (0/1 int arrays).
GATES = {
    "AND": lambda x1, x2: x1 & x2,
    "OR": lambda x1, x2: x1 | x2,
    "NAND": lambda x1, x2: 1 - (x1 & x2),
    "NOR": lambda x1, x2: 1 - (x1 | x2),
    "XOR": lambda x1, x2: x1 ^ x2,
    "NOT": lambda x1: 1 - x1,
}


def logic_gate(name):
    """Truth table of a logic gate as a small data set.

    Parameters
    ----------
    name : str
        'AND', 'OR', 'NAND', 'NOR', 'XOR' (two inputs) or 'NOT' (one input);
        lower case is accepted too.

    Returns
    -------
    X : ndarray of int, shape (4, 2) or, for NOT, (2, 1)
        Every 0/1 input, in the order of :func:`nnlib.neuron.binary_inputs`:
        (0, 0), (0, 1), (1, 0), (1, 1).
    y : ndarray of int, shape (4,) or (2,)
        The gate's output for each row.

    Examples
    --------
    >>> logic_gate("XOR")[1]
    array([0, 1, 1, 0])
    """
    key = name.upper() if isinstance(name, str) and name.upper() in GATES else name
    gate = GATES[check_choice("gate", key, GATES)]
    n_inputs = 1 if key == "NOT" else 2
    X = binary_inputs(n_inputs)
    y = gate(*X.T)
    return X, y


def _blobs(n_per_class: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three round clouds around the corners of a triangle."""
    centres = np.array([[-2.0, -1.0], [2.0, -1.0], [0.0, 2.0]])
    y = np.repeat(np.arange(3), n_per_class)
    X = centres[y] + rng.normal(scale=0.8, size=(len(y), 2))
    return X, y


def _spiral(n_per_class: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three interleaved spiral arms: no straight lines can separate them."""
    y = np.repeat(np.arange(3), n_per_class)
    radius = np.tile(np.linspace(0.0, 1.0, n_per_class), 3)
    angle = np.tile(np.linspace(0.0, 4.0, n_per_class), 3) + 4.0 * y  # each arm turns 4 rad
    angle = angle + rng.normal(scale=0.2, size=len(y))
    X = radius[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
    return X, y


_THREE_CLASS_KINDS = {"blobs": _blobs, "spiral": _spiral}


def three_classes(n_per_class=50, random_state=0, *, kind="blobs"):
    """Two features, three classes: the data set for softmax regression.

    Parameters
    ----------
    n_per_class : int, default 50
        Samples in each class.
    random_state : int, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same data.
    kind : {'blobs', 'spiral'}, default 'blobs'
        'blobs': three Gaussian clouds (standard deviation 0.8) around (-2, -1),
        (2, -1) and (0, 2), which straight lines separate well.
        'spiral': three interleaved spiral arms, which they do not.

    Returns
    -------
    X : ndarray of float, shape (3 * n_per_class, 2)
        Features x1, x2.
    y : ndarray of int, shape (3 * n_per_class,)
        Classes 0, 1, 2, in blocks of `n_per_class`.
    """
    n_per_class = check_integer("n_per_class", n_per_class, minimum=1)
    random_state = check_integer("random_state", random_state, minimum=0)
    make = _THREE_CLASS_KINDS[check_choice("kind", kind, _THREE_CLASS_KINDS)]
    return make(n_per_class, np.random.default_rng(random_state))


def three_arm_spiral(n_per_class=100, turn=2.4, noise=0.05, random_state=0):
    """Three spiral arms around the origin, 120 degrees apart: chapter 6's untangling example.

    Arm c starts at radius 0.2 and angle 2 pi c / 3 and winds outwards to radius 1,
    turning by `turn` radians; Gaussian noise is added to each point's angle.

    Parameters
    ----------
    n_per_class : int, default 100
        Points on each arm.
    turn : float, default 2.4
        How far each arm winds, in radians (>= 0). With 0 the arms are straight rays,
        which softmax regression separates; with 2.4 it cannot, but a network with two
        tanh hidden units can.
    noise : float, default 0.05
        Standard deviation of the noise on the angle, in radians (>= 0).
    random_state : int, default 0
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of float, shape (3 * n_per_class, 2)
    y : ndarray of int, shape (3 * n_per_class,)
        Arms 0, 1, 2, in blocks of `n_per_class`.
    """
    n_per_class = check_integer("n_per_class", n_per_class, minimum=1)
    turn = check_positive("turn", turn, allow_zero=True)
    noise = check_positive("noise", noise, allow_zero=True)
    random_state = check_integer("random_state", random_state, minimum=0)
    rng = np.random.default_rng(random_state)
    y = np.repeat(np.arange(3), n_per_class)
    t = np.tile(np.linspace(0.0, 1.0, n_per_class), 3)  # 0 at the centre, 1 at the tip
    radius = 0.2 + 0.8 * t
    angle = turn * t + 2 * np.pi / 3 * y + rng.normal(scale=noise, size=len(y))
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X, y


def moons(n_samples=300, noise=0.1, random_state=42):
    """Two interleaving half-moons: ``sklearn.datasets.make_moons``, checked inputs.

    Parameters
    ----------
    n_samples : int, default 300
        Total number of samples (split between the two moons).
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each point (>= 0).
    random_state : int or None, default 42
        Seed; the same seed gives the same data.

    Returns
    -------
    X : ndarray of float, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        Moon 0 or 1.
    """
    n_samples = check_integer("n_samples", n_samples, minimum=2)
    noise = check_positive("noise", noise, allow_zero=True)
    if random_state is not None:
        random_state = check_integer("random_state", random_state, minimum=0)
    return make_moons(n_samples=n_samples, noise=noise, random_state=random_state)
