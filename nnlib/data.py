"""The book's small data sets.

- :func:`logic_gate`: the truth tables of AND, OR, NAND, NOR, XOR (two inputs) and NOT.
- :func:`three_classes`: two features, three classes, for softmax regression.
- :func:`moons`: scikit-learn's two interleaving half-moons.
- :func:`iris_two_species`: two species of Fisher's iris, two measurements, standardised.

Each returns ``(X, y)`` with ``X`` of shape ``(n_samples, n_features)`` and ``y`` of
shape ``(n_samples,)``; the random ones are reproducible through ``random_state``.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_moons

from nnlib._validation import check_choice, check_integer, check_positive
from nnlib.neuron import binary_inputs

__all__ = ["GATES", "IRIS_SPECIES", "iris_two_species", "logic_gate", "moons", "three_classes"]

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


#: The three species of scikit-learn's iris data, in the order of its labels 0, 1, 2.
IRIS_SPECIES = ("setosa", "versicolor", "virginica")

#: The four measurements (cm) of scikit-learn's iris data, in column order.
IRIS_FEATURES = ("sepal length", "sepal width", "petal length", "petal width")


def iris_two_species(species=("versicolor", "virginica"),
                     features=("petal length", "petal width"), standardize=True):
    """Two species of Fisher's iris flowers as a two-class data set.

    ``sklearn.datasets.load_iris`` (shipped with scikit-learn, no download): 50 flowers
    per species. The first species named gets label 0, the second label 1. With
    ``standardize`` each feature is shifted and scaled to mean 0 and standard deviation 1
    (``sklearn.preprocessing.StandardScaler``), so that one learning rate suits both.

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
    from sklearn.datasets import load_iris
    from sklearn.preprocessing import StandardScaler

    species = tuple(species)
    features = tuple(features)
    if len(species) != 2 or species[0] == species[1]:
        raise ValueError(f"species must name two different species; got {species!r}.")
    if len(features) != 2 or features[0] == features[1]:
        raise ValueError(f"features must name two different measurements; got {features!r}.")
    labels = [IRIS_SPECIES.index(check_choice("species", s, IRIS_SPECIES)) for s in species]
    columns = [IRIS_FEATURES.index(check_choice("features", f, IRIS_FEATURES))
               for f in features]
    iris = load_iris()
    keep = np.isin(iris.target, labels)
    X = iris.data[keep][:, columns]
    y = (iris.target[keep] == labels[1]).astype(int)
    if standardize:
        X = StandardScaler().fit_transform(X)
    return X, y
