"""nnlib.architecture: counting layers and parameters; linear layers collapse."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

from nnlib import architecture
from nnlib.network import MLP


@pytest.mark.parametrize("sizes", [(3, 4, 2), (3, 4, 4, 1), (2, 1), (5, 16, 8, 3, 2)])
def test_counts_match_mlp_and_its_weight_shapes(sizes):
    counts = architecture.parameter_counts(sizes)
    net = MLP(sizes, random_state=0)
    assert [(c.n_in, c.n_out) for c in counts] == [layer.W.shape for layer in net.dense]
    assert [c.weights for c in counts] == [layer.W.size for layer in net.dense]
    assert [c.biases for c in counts] == [layer.b.size for layer in net.dense]
    assert sum(c.total for c in counts) == net.n_params
    assert [c.layer for c in counts] == list(range(1, len(sizes)))
    assert architecture.parameter_counts(net) == counts  # an MLP gives its own sizes


def test_counts_match_scikit_learn_coefs_shapes():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a few steps are enough here
        clf = MLPClassifier(hidden_layer_sizes=(4, 4), activation="logistic",
                            solver="lbfgs", max_iter=5, random_state=0)
        clf.fit(X, (X[:, 0] > 0).astype(int))
        reg = MLPRegressor(hidden_layer_sizes=(4,), activation="logistic",
                           solver="lbfgs", max_iter=5, random_state=0).fit(X, X[:, :2])
    for model, sizes in [(clf, (3, 4, 4, 1)), (reg, (3, 4, 2))]:
        counts = architecture.parameter_counts(sizes)
        assert [W.shape for W in model.coefs_] == [(c.n_in, c.n_out) for c in counts]
        assert [b.shape for b in model.intercepts_] == [(c.n_out,) for c in counts]
        total = sum(W.size for W in model.coefs_) + sum(b.size for b in model.intercepts_)
        assert architecture.architecture(sizes).n_params == total


def test_the_input_layer_is_not_counted():
    two = architecture.architecture((3, 4, 2))
    assert (two.n_layers, two.n_hidden, two.widths, two.n_params) == (2, 1, (4,), 26)
    assert not two.deep
    assert "a 2-layer network" in str(two)
    three = architecture.architecture((3, 4, 4, 1))
    assert (three.n_layers, three.n_hidden, three.widths, three.n_params) == (3, 2, (4, 4), 41)
    assert three.deep
    flat = architecture.architecture((2, 1))
    assert (flat.n_layers, flat.n_hidden, flat.widths) == (1, 0, ())
    assert "no hidden layer" in str(flat)


def test_the_description_names_the_depth_and_fits_the_column():
    text = str(architecture.architecture((4, 8, 8, 8, 3)))
    assert "depth L = 4" in text and "211 parameters" in text
    assert all(len(line) <= 79 for line in text.splitlines())


@pytest.mark.parametrize("sizes", [(3, 4, 4, 1), (2, 5, 3, 7, 2), (4, 2)])
def test_linear_layers_collapse_into_one(sizes):
    net = MLP(sizes, activation="identity", output="identity", random_state=1)
    W, b = architecture.collapse_linear(*net.get_weights())
    assert W.shape == (sizes[0], sizes[-1]) and b.shape == (sizes[-1],)
    X = np.random.default_rng(2).normal(size=(20, sizes[0]))
    np.testing.assert_allclose(X @ W + b, net.forward(X), rtol=1e-12, atol=1e-12)
    coefs, _ = net.get_weights()
    np.testing.assert_allclose(W, np.linalg.multi_dot(coefs) if len(coefs) > 2
                               else coefs[0] @ coefs[1] if len(coefs) == 2 else coefs[0])


def test_a_bending_activation_does_not_collapse():
    net = MLP((3, 4, 4, 1), activation="logistic", output="identity", random_state=1)
    W, b = architecture.collapse_linear(*net.get_weights())
    X = np.random.default_rng(2).normal(size=(20, 3))
    assert np.max(np.abs(X @ W + b - net.forward(X))) > 0.01


def test_bad_input_gets_clear_errors():
    with pytest.raises(ValueError, match="at least an input and an output size"):
        architecture.parameter_counts((3,))
    with pytest.raises(TypeError, match="layer_sizes must be a sequence"):
        architecture.architecture("3-4-2")
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be an integer >= 1; got 0"):
        architecture.parameter_counts((3, 0, 2))
    with pytest.raises(ValueError, match=r"coefs\[1\] must have 4 rows"):
        architecture.collapse_linear([np.ones((3, 4)), np.ones((3, 2))],
                                     [np.ones(4), np.ones(2)])
    with pytest.raises(ValueError, match="intercepts must be a list of 2 bias vectors"):
        architecture.collapse_linear([np.ones((3, 4)), np.ones((4, 2))], [np.ones(4)])
    with pytest.raises(ValueError, match=r"intercepts\[0\] must have shape \(4,\)"):
        architecture.collapse_linear([np.ones((3, 4))], [np.ones(3)])
    with pytest.raises(TypeError, match="coefs must be a list of weight matrices"):
        architecture.collapse_linear(np.ones((3, 4)), [np.ones(4)])
