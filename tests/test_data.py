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


@pytest.mark.parametrize("kind", ["blobs", "spiral"])
def test_three_classes_shape_labels_and_seed(kind):
    X, y = three_classes(40, random_state=3, kind=kind)
    assert X.shape == (120, 2) and y.shape == (120,)
    np.testing.assert_array_equal(np.bincount(y), [40, 40, 40])
    X2, y2 = three_classes(40, random_state=3, kind=kind)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = three_classes(40, random_state=4, kind=kind)
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


def test_blobs_are_nearly_linearly_separable_and_the_spiral_is_not():
    X, y = three_classes()
    assert LogisticRegression().fit(X, y).score(X, y) > 0.95
    X, y = three_classes(kind="spiral")
    assert LogisticRegression().fit(X, y).score(X, y) < 0.7


def test_moons_is_sklearn_make_moons():
    X, y = moons()
    X_sk, y_sk = make_moons(n_samples=300, noise=0.1, random_state=42)
    np.testing.assert_array_equal(X, X_sk)
    np.testing.assert_array_equal(y, y_sk)
    X, y = moons(50, noise=0.3, random_state=1)
    X_sk, y_sk = make_moons(n_samples=50, noise=0.3, random_state=1)
    np.testing.assert_array_equal(X, X_sk)
    assert X.shape == (50, 2)
