"""Tests of nnlib.data: the logic gates, the three-class data and moons."""

import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression

from nnlib.data import logic_gate, moons, three_classes
from nnlib.neuron import binary_inputs

TRUTH = {
    "AND": lambda a, b: a and b,
    "OR": lambda a, b: a or b,
    "NAND": lambda a, b: not (a and b),
    "NOR": lambda a, b: not (a or b),
    "XOR": lambda a, b: a != b,
}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_two_input_gates(name):
    X, y = logic_gate(name)
    np.testing.assert_array_equal(X, binary_inputs(2))
    assert y.shape == (4,)
    assert y.dtype.kind == "i" and X.dtype.kind == "i"
    expected = [int(TRUTH[name](bool(a), bool(b))) for a, b in X]
    np.testing.assert_array_equal(y, expected)


def test_not_gate():
    X, y = logic_gate("NOT")
    np.testing.assert_array_equal(X, [[0], [1]])
    np.testing.assert_array_equal(y, [1, 0])


def test_lower_case_names():
    for name in ["and", "xor", "Not"]:
        X, y = logic_gate(name)
        X_upper, y_upper = logic_gate(name.upper())
        np.testing.assert_array_equal(X, X_upper)
        np.testing.assert_array_equal(y, y_upper)


def test_three_classes_shape_labels_and_seed():
    X, y = three_classes(40, random_state=3)
    assert X.shape == (120, 2) and y.shape == (120,)
    np.testing.assert_array_equal(np.bincount(y), [40, 40, 40])
    X2, y2 = three_classes(40, random_state=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = three_classes(40, random_state=4)
    assert not np.allclose(X, X3)


def test_three_classes_defaults():
    X, y = three_classes()
    assert X.shape == (150, 2)
    np.testing.assert_array_equal(np.unique(y), [0, 1, 2])


def test_blobs_sit_around_their_centres():
    X, y = three_classes(500, random_state=0)
    centres = np.array([[-2.0, -1.0], [2.0, -1.0], [0.0, 2.0]])
    for k in range(3):
        np.testing.assert_allclose(X[y == k].mean(axis=0), centres[k], atol=0.15)
        np.testing.assert_allclose(X[y == k].std(axis=0), 0.8, atol=0.1)


def test_blobs_are_nearly_linearly_separable():
    X, y = three_classes()
    assert LogisticRegression().fit(X, y).score(X, y) > 0.95


def test_moons_is_sklearn_make_moons():
    X, y = moons()
    X_sk, y_sk = make_moons(n_samples=300, noise=0.1, random_state=42)
    np.testing.assert_array_equal(X, X_sk)
    np.testing.assert_array_equal(y, y_sk)
    X, y = moons(50, noise=0.3, random_state=1)
    X_sk, y_sk = make_moons(n_samples=50, noise=0.3, random_state=1)
    np.testing.assert_array_equal(X, X_sk)
    assert X.shape == (50, 2)


# --- the playground's data sets -----------------------------------------------------------
from nnlib.data import (  # noqa: E402
    PLAYGROUND_DATA,
    circles,
    playground_data,
    playground_split,
    spiral,
    xor_quadrants,
)


@pytest.mark.parametrize("name", sorted(PLAYGROUND_DATA))
@pytest.mark.parametrize("n_samples", [2, 7, 300])
def test_playground_sets_shapes_and_balance(name, n_samples):
    X, y = playground_data(name, n_samples, noise=0.2, random_state=1)
    assert X.shape == (n_samples, 2) and y.shape == (n_samples,)
    assert np.isfinite(X).all()
    assert set(np.unique(y)) <= {0, 1}
    assert np.sum(y == 0) == n_samples // 2


@pytest.mark.parametrize("name", sorted(PLAYGROUND_DATA))
def test_playground_sets_are_seeded(name):
    X1, y1 = playground_data(name, 100, 0.1, random_state=5)
    X2, y2 = playground_data(name, 100, 0.1, random_state=5)
    X3, _ = playground_data(name, 100, 0.1, random_state=6)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


def test_playground_moons_are_sklearns():
    X, y = playground_data("moons", 300, 0.1, 42)
    X_ref, y_ref = make_moons(n_samples=300, noise=0.1, random_state=42)
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(y, y_ref)


def test_circles_geometry_without_noise():
    X, y = circles(400, noise=0.0, random_state=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 0].max() <= 0.5
    assert r[y == 1].min() >= 0.7 and r[y == 1].max() <= 1.0


def test_xor_labels_without_noise():
    X, y = xor_quadrants(400, noise=0.0, random_state=0)
    np.testing.assert_array_equal(y, ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(int))
    assert np.abs(X).min() >= 0.05


def test_spiral_arms_are_half_a_turn_apart():
    X, y = spiral(400, noise=0.0, random_state=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r.min() >= 0.05 - 1e-12 and r.max() <= 1.0 + 1e-12
    # every point of arm 1, turned by half a turn, lies on arm 0's curve: same r, angle
    angle0 = np.mod(np.arctan2(X[y == 0, 1], X[y == 0, 0]) - 3 * np.pi * (r[y == 0] - 0.05)
                    / 0.95, 2 * np.pi)
    np.testing.assert_allclose(np.minimum(angle0, 2 * np.pi - angle0), 0.0, atol=1e-9)


@pytest.mark.parametrize("name", sorted(PLAYGROUND_DATA))
def test_two_class_sets_are_not_linearly_separable(name):
    X, y = playground_data(name, 300, 0.05, 0)
    acc = LogisticRegression().fit(X, y).score(X, y)
    assert acc < 0.92


def test_playground_split_scales_with_the_training_set_only():
    X_train, X_test, y_train, y_test = playground_split("circles", 200, 0.1, 3)
    assert X_train.shape == (140, 2) and X_test.shape == (60, 2)
    np.testing.assert_allclose(X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_train.std(axis=0), 1.0)
    assert np.abs(X_test.mean(axis=0)).max() > 1e-6  # the test set is not re-centred


def test_playground_data_checks_its_input():
    with pytest.raises(ValueError, match="name"):
        playground_data("swiss roll")
    with pytest.raises(ValueError, match="noise"):
        playground_data("circles", noise=-0.1)
    with pytest.raises(ValueError, match="n_samples"):
        playground_data("spiral", n_samples=1)
    with pytest.raises(TypeError, match="n_samples"):
        xor_quadrants(n_samples=10.5)


# --- Fisher's iris: scikit-learn's numbers without importing scikit-learn ----------------

def test_iris_is_sklearns_load_iris():
    from sklearn.datasets import load_iris

    from nnlib.data import iris

    data, target = iris()
    bunch = load_iris()
    np.testing.assert_array_equal(data, bunch.data)
    np.testing.assert_array_equal(target, bunch.target)
    assert data.dtype == np.float64 and target.dtype.kind == "i"


@pytest.mark.parametrize("species", [("setosa", "versicolor"), ("versicolor", "virginica"),
                                     ("virginica", "setosa")])
@pytest.mark.parametrize("features", [("petal length", "petal width"),
                                      ("sepal width", "sepal length"),
                                      ("sepal length", "petal width")])
def test_iris_two_species_standardises_as_standard_scaler(species, features):
    """Bit for bit what load_iris + StandardScaler give (chapter 4's printed numbers)."""
    from sklearn.datasets import load_iris
    from sklearn.preprocessing import StandardScaler

    from nnlib.data import IRIS_FEATURES, IRIS_SPECIES, iris_two_species

    X, y = iris_two_species(species, features)
    bunch = load_iris()
    labels = [IRIS_SPECIES.index(s) for s in species]
    keep = np.isin(bunch.target, labels)
    raw = bunch.data[keep][:, [IRIS_FEATURES.index(f) for f in features]]
    np.testing.assert_array_equal(X, StandardScaler().fit_transform(raw))
    np.testing.assert_array_equal(y, bunch.target[keep] == labels[1])
    raw_X, _ = iris_two_species(species, features, standardize=False)
    np.testing.assert_array_equal(raw_X, raw)


def test_iris_falls_back_to_load_iris_where_the_file_cannot_be_read(monkeypatch):
    import importlib.util

    from nnlib import data

    class NoFiles:
        submodule_search_locations = None  # a spec whose files cannot be listed

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: NoFiles())
    X, y = data.iris()
    assert X.shape == (150, 4) and np.bincount(y).tolist() == [50, 50, 50]


def test_iris_needs_no_sklearn_import():
    """Chapter 4's data set in a live page: reading the file must not import scikit-learn
    (or SciPy, which it imports)."""
    import subprocess
    import sys

    code = ("import sys; from nnlib.data import iris, iris_two_species; iris(); "
            "iris_two_species(); from nnlib import descent; descent.iris_petals(); "
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')); "
            "assert not loaded, loaded[:5]")
    subprocess.run([sys.executable, "-c", code], check=True)
