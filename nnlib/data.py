"""The book's small data sets.

- :func:`logic_gate`: the truth tables of AND, OR, NAND, NOR, XOR (two inputs) and NOT.
- :func:`three_classes`: two features, three classes, for softmax regression.
- :func:`three_arm_spiral`: three curved arms that no straight lines separate (chapter 6).
- :func:`moons`: scikit-learn's two interleaving half-moons.
- :func:`iris`: Fisher's 150 iris flowers, as scikit-learn ships them.
- :func:`iris_two_species`: two species of Fisher's iris, two measurements, standardised.
- :func:`circles`, :func:`xor_quadrants`, :func:`spiral`: the playground's other
  two-class sets; :func:`playground_data` picks one of the four by name and
  :func:`playground_split` splits it 70/30 and standardises it, as chapter 8 does.

Each returns ``(X, y)`` with ``X`` of shape ``(n_samples, n_features)`` and ``y`` of
shape ``(n_samples,)``; the random ones are reproducible through ``random_state``.
"""

from __future__ import annotations

import importlib.util
import io
import os

import numpy as np

from nnlib._validation import check_choice, check_integer, check_positive
from nnlib.neuron import binary_inputs

__all__ = [
    "GATES",
    "IRIS_FEATURES",
    "IRIS_SPECIES",
    "PLAYGROUND_DATA",
    "circles",
    "iris",
    "iris_two_species",
    "logic_gate",
    "moons",
    "playground_data",
    "playground_split",
    "spiral",
    "three_arm_spiral",
    "three_classes",
    "xor_quadrants",
]

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


def three_classes(n_per_class=50, random_state=0):
    """Two features, three classes: the data set for softmax regression (chapter 7).

    Three Gaussian clouds (standard deviation 0.8) around (-2, -1), (2, -1) and (0, 2),
    which straight lines separate well. For three classes that straight lines cannot
    separate, see :func:`three_arm_spiral`.

    Parameters
    ----------
    n_per_class : int, default 50
        Samples in each class.
    random_state : int, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    X : ndarray of float, shape (3 * n_per_class, 2)
        Features x1, x2.
    y : ndarray of int, shape (3 * n_per_class,)
        Classes 0, 1, 2, in blocks of `n_per_class`.
    """
    n_per_class = check_integer("n_per_class", n_per_class, minimum=1)
    random_state = check_integer("random_state", random_state, minimum=0)
    rng = np.random.default_rng(random_state)
    centres = np.array([[-2.0, -1.0], [2.0, -1.0], [0.0, 2.0]])
    y = np.repeat(np.arange(3), n_per_class)
    X = centres[y] + rng.normal(scale=0.8, size=(len(y), 2))
    return X, y


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
    from sklearn.datasets import make_moons  # on first use: chapters 1-3 need no sklearn

    return make_moons(n_samples=n_samples, noise=noise, random_state=random_state)


#: The three species of scikit-learn's iris data, in the order of its labels 0, 1, 2.
IRIS_SPECIES = ("setosa", "versicolor", "virginica")

#: The four measurements (cm) of scikit-learn's iris data, in column order.
IRIS_FEATURES = ("sepal length", "sepal width", "petal length", "petal width")


def iris():
    """Fisher's iris data: 150 flowers, 4 measurements (cm), 3 species.

    The same numbers as ``sklearn.datasets.load_iris()``: its file
    (``sklearn/datasets/data/iris.csv``) read with numpy. Importing
    ``sklearn.datasets`` takes about a second (several in a live page's Python in the
    browser) for a file of 151 lines; where scikit-learn's files cannot be read so,
    ``load_iris`` is called.

    Returns
    -------
    data : ndarray of float, shape (150, 4)
        Columns as :data:`IRIS_FEATURES`.
    target : ndarray of int, shape (150,)
        0, 1, 2 for the species of :data:`IRIS_SPECIES`, 50 flowers each.

    Examples
    --------
    >>> data, target = iris()
    >>> data.shape, np.bincount(target).tolist()
    ((150, 4), [50, 50, 50])
    """
    spec = importlib.util.find_spec("sklearn")
    try:
        path = os.path.join(spec.submodule_search_locations[0], "datasets", "data",
                            "iris.csv")
        text = spec.loader.get_data(path).decode("ascii")  # a folder or a zip archive
    except (AttributeError, OSError, TypeError, IndexError):
        from sklearn.datasets import load_iris

        bunch = load_iris()
        return bunch.data, bunch.target
    raw = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1)
    return raw[:, :4], raw[:, 4].astype(int)


def iris_two_species(species=("versicolor", "virginica"),
                     features=("petal length", "petal width"), standardize=True):
    """Two species of Fisher's iris flowers as a two-class data set.

    :func:`iris` (scikit-learn's copy, no download): 50 flowers per species. The first
    species named gets label 0, the second label 1. With ``standardize`` each feature is
    shifted and scaled to mean 0 and standard deviation 1, so that one learning rate
    suits both (what ``sklearn.preprocessing.StandardScaler`` computes, to the bit:
    tested).

    Parameters
    ----------
    species : (str, str), default ('versicolor', 'virginica')
        Two of 'setosa', 'versicolor', 'virginica'.
    features : (str, str), default ('petal length', 'petal width')
        Two of 'sepal length', 'sepal width', 'petal length', 'petal width'.
    standardize : bool, default True

    Returns
    -------
    X : ndarray of float, shape (100, 2)
    y : ndarray of int, shape (100,)
        0 for the first species, 1 for the second.
    """
    species = tuple(species)
    features = tuple(features)
    if len(species) != 2 or species[0] == species[1]:
        raise ValueError(f"species must name two different species; got {species!r}.")
    if len(features) != 2 or features[0] == features[1]:
        raise ValueError(f"features must name two different measurements; got {features!r}.")
    labels = [IRIS_SPECIES.index(check_choice("species", s, IRIS_SPECIES)) for s in species]
    columns = [IRIS_FEATURES.index(check_choice("features", f, IRIS_FEATURES))
               for f in features]
    data, target = iris()
    keep = np.isin(target, labels)
    X = data[keep][:, columns]
    y = (target[keep] == labels[1]).astype(int)
    if standardize:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X, y


# --- the playground's two-class data sets -------------------------------------------------
# Each takes (n_samples, noise, rng) after checking; class 0 gets n_samples // 2 points.


def _check_two_class_args(n_samples, noise, random_state):
    n_samples = check_integer("n_samples", n_samples, minimum=2)
    noise = check_positive("noise", noise, allow_zero=True)
    if random_state is not None:
        random_state = check_integer("random_state", random_state, minimum=0)
    return n_samples, noise, np.random.default_rng(random_state)


def _labels(n_samples):
    n0 = n_samples // 2
    return np.repeat([0, 1], [n0, n_samples - n0])


def circles(n_samples=300, noise=0.1, random_state=0):
    """A disc inside a ring: class 0 within radius 0.5, class 1 on the ring 0.7 to 1.

    Parameters
    ----------
    n_samples : int, default 300
        Total number of samples; class 0 gets ``n_samples // 2``.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).
    random_state : int or None, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    X : ndarray of float, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        0 inside, 1 on the ring.
    """
    n_samples, noise, rng = _check_two_class_args(n_samples, noise, random_state)
    y = _labels(n_samples)
    # radius uniform over the area of the disc (sqrt) and of the ring
    u = rng.uniform(size=n_samples)
    radius = np.where(y == 0, 0.5 * np.sqrt(u), np.sqrt(0.49 + 0.51 * u))
    angle = rng.uniform(0.0, 2 * np.pi, size=n_samples)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + rng.normal(scale=noise, size=X.shape), y


def xor_quadrants(n_samples=300, noise=0.1, random_state=0):
    """XOR in the plane: class 1 where exactly one coordinate is positive.

    Points are uniform on the square [-1, 1]², kept 0.05 away from the axes, labelled
    by the signs of x1 and x2 (XOR of "x1 > 0" and "x2 > 0"), then moved by noise.

    Parameters
    ----------
    n_samples : int, default 300
        Total number of samples; class 0 gets ``n_samples // 2``.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added after labelling (>= 0).
    random_state : int or None, default 0
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of float, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        1 in the second and fourth quadrants, 0 in the first and third.
    """
    n_samples, noise, rng = _check_two_class_args(n_samples, noise, random_state)
    y = _labels(n_samples)
    magnitude = rng.uniform(0.05, 1.0, size=(n_samples, 2))
    sign_x1 = rng.choice([-1.0, 1.0], size=n_samples)
    sign_x2 = np.where(y == 1, -sign_x1, sign_x1)  # opposite signs for class 1
    X = magnitude * np.column_stack([sign_x1, sign_x2])
    return X + rng.normal(scale=noise, size=X.shape), y


def spiral(n_samples=300, noise=0.1, random_state=0):
    """Two interleaved spiral arms, each turning 1.5 times around the origin.

    Parameters
    ----------
    n_samples : int, default 300
        Total number of samples; class 0 gets ``n_samples // 2``.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).
    random_state : int or None, default 0
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of float, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        The arm: arm 1 is arm 0 turned by half a turn.
    """
    n_samples, noise, rng = _check_two_class_args(n_samples, noise, random_state)
    y = _labels(n_samples)
    t = rng.uniform(0.0, 1.0, size=n_samples)
    radius = 0.05 + 0.95 * t
    angle = 3 * np.pi * t + np.pi * y
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + rng.normal(scale=noise, size=X.shape), y


#: The playground's data sets by name; each is called as f(n_samples, noise, random_state).
PLAYGROUND_DATA = {"moons": moons, "circles": circles, "xor": xor_quadrants, "spiral": spiral}


def playground_data(name="moons", n_samples=300, noise=0.1, random_state=42):
    """One of the playground's two-class data sets, by name.

    Parameters
    ----------
    name : {'moons', 'circles', 'xor', 'spiral'}, default 'moons'
    n_samples : int, default 300
    noise : float, default 0.1
    random_state : int or None, default 42

    Returns
    -------
    X : ndarray of float, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
    """
    make = PLAYGROUND_DATA[check_choice("name", name, PLAYGROUND_DATA)]
    return make(n_samples, noise, random_state)


def playground_split(name="moons", n_samples=300, noise=0.1, random_state=42, test_size=0.3):
    """A playground data set, split into training and test sets and standardised.

    The steps of chapter 8's pipeline: ``train_test_split`` (30 % for testing), then a
    ``StandardScaler`` fitted on the training set only and applied to both sets.

    Parameters
    ----------
    name : {'moons', 'circles', 'xor', 'spiral'}, default 'moons'
    n_samples : int, default 300
    noise : float, default 0.1
    random_state : int, default 42
        Seeds the data and the split.
    test_size : float, default 0.3
        Fraction of the samples kept for testing.

    Returns
    -------
    X_train : ndarray of shape (n_train, 2)
    X_test : ndarray of shape (n_test, 2)
    y_train : ndarray of shape (n_train,)
    y_test : ndarray of shape (n_test,)
    """
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    X, y = playground_data(name, n_samples, noise, random_state)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size,
                                                        random_state=random_state)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test
