"""MLP: forward pass, whole-network gradient checks, losses, weights, bad input."""

import numpy as np
import pytest

from nnlib import activations, losses
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.network import MLP

HIDDEN = ["identity", "logistic", "tanh", "relu", "leaky_relu"]
ARCHITECTURES = [(3, 2), (3, 4, 2), (3, 5, 4, 2), (3, 4, 3, 4, 2)]


def _targets(output, n, k, rng):
    if output == "logistic":
        return rng.integers(0, 2, size=(n, k)).astype(float)
    if output == "softmax":
        return rng.integers(0, k, size=n)
    return rng.normal(size=(n, k))


def test_repr_and_parameter_count():
    net = MLP((2, 3, 3, 1), activation="relu", output="logistic", random_state=0)
    assert repr(net) == "MLP(2 → 3 → 3 → 1, activation='relu', output='logistic')"
    assert net.n_params == (2 * 3 + 3) + (3 * 3 + 3) + (3 * 1 + 1) == 25
    net = MLP((3, 4, 4, 1), "logistic", "identity", init="he", dropout=0.25)
    assert repr(net) == ("MLP(3 → 4 → 4 → 1, activation='logistic', output='identity', "
                         "init='he', dropout=0.25)")
    assert net.n_params == 16 + 20 + 5


def test_layers_alternate_dense_and_dropout():
    net = MLP((2, 3, 3, 1), dropout=0.5, random_state=0)
    names = [type(layer).__name__ for layer in net.layers]
    assert names == ["Dense", "Dropout", "Dense", "Dropout", "Dense"]
    assert [d.W.shape for d in net.dense] == [(2, 3), (3, 3), (3, 1)]
    assert [d.activation for d in net.dense] == ["relu", "relu", "identity"]


@pytest.mark.parametrize("output", ["logistic", "softmax", "identity"])
def test_forward_composes_the_layers(output):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 3))
    net = MLP((3, 4, 5, 3), activation="tanh", output=output, random_state=1)
    out = net.forward(X)
    a = X
    for layer in net.dense[:-1]:
        a = np.tanh(a @ layer.W + layer.b)
    z = a @ net.dense[-1].W + net.dense[-1].b
    expected = {"logistic": 1 / (1 + np.exp(-z)),
                "softmax": np.exp(z) / np.exp(z).sum(axis=1, keepdims=True),
                "identity": z}[output]
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-15)
    # the last forward pass is kept, layer by layer
    assert len(net.pre_activations) == 3 and len(net.activations) == 4
    assert net.activations[0] is X or np.array_equal(net.activations[0], X)
    np.testing.assert_allclose(net.activations[1], np.tanh(net.pre_activations[0]))
    np.testing.assert_allclose(net.pre_activations[-1], z, rtol=1e-12)
    np.testing.assert_array_equal(net.activations[-1], out)


def test_predict():
    X = np.random.default_rng(0).normal(size=(20, 2))
    net = MLP((2, 4, 1), random_state=0)
    np.testing.assert_array_equal(net.predict(X), (net.forward(X)[:, 0] > 0.5).astype(int))
    net = MLP((2, 4, 3), output="softmax", random_state=0)
    np.testing.assert_array_equal(net.predict(X), net.forward(X).argmax(axis=1))


@pytest.mark.parametrize("sizes", ARCHITECTURES)
@pytest.mark.parametrize("activation", HIDDEN)
@pytest.mark.parametrize("output", ["logistic", "softmax", "identity"])
def test_whole_network_gradients_match_central_differences(sizes, activation, output):
    rng = np.random.default_rng(sum(sizes) + len(activation) + len(output))
    X = rng.normal(size=(8, sizes[0]))
    y = _targets(output, 8, sizes[-1], rng)
    net = MLP(sizes, activation=activation, output=output, init="glorot", random_state=2)
    alpha = 0.3
    loss, grads = net.loss_and_grads(X, y, alpha=alpha)
    assert loss == pytest.approx(net.loss(X, y, alpha=alpha), rel=1e-12)
    analytic, numeric = [], []
    for layer, grad in zip(net.dense, grads, strict=True):
        for key in ("W", "b"):
            param = layer.params[key]

            def f(value, param=param):
                saved = param.copy()
                param[...] = value
                out = net.loss(X, y, alpha=alpha)
                param[...] = saved
                return out

            analytic.append(grad[key].ravel().copy())
            numeric.append(numerical_gradient(f, param.copy()).ravel())
    analytic, numeric = np.concatenate(analytic), np.concatenate(numeric)
    # entry by entry (small entries carry the rounding of central differences) ...
    assert relative_error(analytic, numeric) < 1e-6
    # ... and as a whole
    assert np.linalg.norm(analytic - numeric) < 1e-8 * np.linalg.norm(analytic)


def test_gradient_with_respect_to_the_input():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(5, 3))
    y = rng.integers(0, 3, size=5)
    net = MLP((3, 4, 3), "tanh", "softmax", random_state=0)
    net.forward(X)
    _, dZ = losses.categorical_cross_entropy(y, net.pre_activations[-1])
    net.backward(dZ)
    layer0 = net.dense[0]
    # dA_in of the first layer, recomputed by hand from the stored gradients
    dA1 = dZ @ net.dense[1].W.T
    dZ1 = dA1 * activations.tanh_derivative(layer0.Z)
    np.testing.assert_allclose(layer0.grads["W"], X.T @ dZ1, rtol=1e-12)


@pytest.mark.parametrize("output", ["logistic", "softmax", "identity"])
def test_backward_from_the_loss_gradient_equals_loss_and_grads(output):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(9, 3))
    y = _targets(output, 9, 2, rng)
    net = MLP((3, 5, 2), "relu", output, random_state=0)
    _, grads = net.loss_and_grads(X, y)
    expected = [{k: v.copy() for k, v in g.items()} for g in grads]
    net.forward(X)
    Z = net.pre_activations[-1]
    loss_fn = {"logistic": losses.binary_cross_entropy,
               "softmax": losses.categorical_cross_entropy,
               "identity": losses.squared_error}[output]
    dZ = loss_fn(y, Z)[1]
    for got, want in zip(net.backward(dZ), expected, strict=True):
        for key in ("W", "b"):
            np.testing.assert_allclose(got[key], want[key], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("output", ["logistic", "softmax", "identity"])
def test_loss_is_the_matching_nnlib_loss(output):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(12, 2))
    k = 1 if output != "softmax" else 3
    y = _targets(output, 12, k, rng)
    y = y.ravel() if output != "softmax" else y
    net = MLP((2, 6, k), "relu", output, random_state=0)
    net.forward(X)
    Z = net.pre_activations[-1]
    expected = {"logistic": lambda: losses.binary_cross_entropy(y, Z[:, 0])[0],
                "softmax": lambda: losses.categorical_cross_entropy(y, Z)[0],
                "identity": lambda: losses.squared_error(y, Z[:, 0])[0]}[output]()
    assert net.loss(X, y) == pytest.approx(expected, rel=1e-12)
    W2 = sum(float(np.sum(d.W ** 2)) for d in net.dense)
    assert net.loss(X, y, alpha=0.5) == pytest.approx(expected + 0.5 * 0.5 * W2 / 12,
                                                       rel=1e-12)


def test_loss_is_stable_for_huge_logits():
    net = MLP((1, 1), output="logistic", init="zeros")
    net.set_weights([np.array([[1000.0]])], [np.array([0.0])])
    X = np.array([[1.0], [-1.0]])
    loss, grads = net.loss_and_grads(X, [0, 1])     # both confidently wrong
    assert loss == pytest.approx(1000.0)
    assert np.isfinite(grads[0]["W"]).all()


def test_softmax_accepts_one_hot_targets():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(6, 2))
    labels = np.array([0, 1, 2, 2, 1, 0])
    net = MLP((2, 3, 3), output="softmax", random_state=0)
    assert net.loss(X, labels) == net.loss(X, np.eye(3)[labels])


def test_zero_initialisation_never_breaks_symmetry():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    net = MLP((2, 4, 1), activation="tanh", init="zeros")
    for _ in range(50):
        _, grads = net.loss_and_grads(X, y)
        for p, g in zip(net.params, grads, strict=True):
            p["W"] -= 0.5 * g["W"]
            p["b"] -= 0.5 * g["b"]
    W1 = net.dense[0].W
    assert np.ptp(W1, axis=1).max() == 0.0       # all hidden units identical (here: zero)


def test_weights_round_trip():
    net = MLP((2, 3, 1), random_state=0)
    coefs, intercepts = net.get_weights()
    other = MLP((2, 3, 1), random_state=1)
    other.set_weights(coefs, intercepts)
    X = np.random.default_rng(0).normal(size=(4, 2))
    np.testing.assert_array_equal(net.forward(X), other.forward(X))
    coefs[0][0, 0] = 99.0          # a copy: the network is unchanged
    assert net.dense[0].W[0, 0] != 99.0


def test_dropout_only_while_training():
    X = np.random.default_rng(0).normal(size=(50, 2))
    net = MLP((2, 30, 1), dropout=0.5, random_state=0)
    plain = MLP((2, 30, 1), random_state=0)
    np.testing.assert_array_equal(net.forward(X), plain.forward(X))
    assert not np.allclose(net.forward(X, training=True), plain.forward(X))
    y = (X[:, 0] > 0).astype(float)
    assert net.loss_and_grads(X, y, training=False)[0] == plain.loss_and_grads(X, y)[0]


# --- bad input ---------------------------------------------------------------------------

def test_unknown_activation_message():
    with pytest.raises(ValueError, match=r"^activation must be one of 'identity', "
                                         r"'leaky_relu', 'logistic', 'relu', 'step', 'tanh'; "
                                         r"got 'rleu'\.$"):
        MLP((2, 3, 1), activation="rleu")


@pytest.mark.parametrize(("kwargs", "exc", "msg"), [
    ({"layer_sizes": (2, 0, 1)}, ValueError, r"layer_sizes\[1\] must be an integer >= 1; got 0"),
    ({"layer_sizes": (2, -3, 1)}, ValueError, r"layer_sizes\[1\] must be an integer >= 1"),
    ({"layer_sizes": (2,)}, ValueError, "layer_sizes must list at least an input and an output"),
    ({"layer_sizes": "2-3-1"}, TypeError, "layer_sizes must be a sequence of layer widths"),
    ({"layer_sizes": (2, 3.5, 1)}, TypeError, r"layer_sizes\[1\] must be an integer"),
    ({"output": "sigmoid"}, ValueError, r"output must be one of 'exp', 'identity', "
                                        r"'logistic', 'softmax'; got 'sigmoid'"),
    ({"init": "xavier"}, ValueError, "init must be one of"),
    ({"dropout": 1.0}, ValueError, r"dropout must be in \[0, 1\); got 1.0"),
    ({"dropout": -0.2}, ValueError, r"dropout must be in \[0, 1\); got -0.2"),
])
def test_bad_construction(kwargs, exc, msg):
    args = {"layer_sizes": (2, 3, 1), **kwargs}
    with pytest.raises(exc, match=msg):
        MLP(**args)


def test_bad_X_and_y():
    net = MLP((2, 3, 1), random_state=0)
    with pytest.raises(ValueError, match=r"^X has 3 features \(columns\), but this network's "
                                         r"input layer expects 2; got a 2-D array of shape"):
        net.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match="X must be a 2-D array; got a 1-D array"):
        net.forward(np.ones(2))
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        net.forward([[np.inf, 1.0]])
    with pytest.raises(TypeError, match="X must be an array of numbers"):
        net.forward([["x", "y"]])
    X = np.ones((4, 2))
    with pytest.raises(ValueError, match="y must contain only the labels 0 and 1; got 2"):
        net.loss_and_grads(X, [0, 1, 2, 0])
    with pytest.raises(ValueError, match=r"y must have one row per sample \(4\); got 3\."):
        net.loss_and_grads(X, [0, 1, 1])
    with pytest.raises(ValueError, match=r"alpha must be a non-negative number \(>= 0\); "
                                         r"got -1"):
        net.loss_and_grads(X, [0, 1, 1, 0], alpha=-1)
    soft = MLP((2, 3, 3), output="softmax")
    with pytest.raises(ValueError, match=r"y must hold class labels 0 to 2 \(3 classes\); "
                                         r"got 3"):
        soft.loss_and_grads(X, [0, 1, 3, 0])
    with pytest.raises(ValueError, match=r"y must have 3 columns \(one per class\)"):
        soft.loss_and_grads(X, np.eye(2)[[0, 1, 1, 0]])


def test_bad_backward_and_weights():
    net = MLP((2, 3, 1), random_state=0)
    with pytest.raises(ValueError, match="backward needs a forward pass first"):
        net.backward(np.ones((4, 1)))
    net.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"dZ must have the shape of the last forward "
                                         r"pass's output \(4, 1\)"):
        net.backward(np.ones((4, 2)))
    coefs, intercepts = net.get_weights()
    with pytest.raises(ValueError, match=r"coefs\[1\] must have shape \(3, 1\); got a 2-D "
                                         r"array of shape \(1, 3\)"):
        net.set_weights([coefs[0], coefs[1].T], intercepts)
    with pytest.raises(ValueError, match="intercepts must be a list of 2 arrays"):
        net.set_weights(coefs, intercepts[:1])


def test_theta_and_gradient_are_the_layers_arrays_end_to_end():
    net = MLP((2, 3, 1), random_state=0)
    assert net.theta.shape == net.gradient.shape == (net.n_params,)
    np.testing.assert_array_equal(
        net.theta, np.concatenate([a.ravel() for p in net.params for a in (p["W"], p["b"])]))
    net.theta[0] = 5.0                        # a view: the layer sees the change
    assert net.dense[0].W[0, 0] == 5.0
    net.dense[1].b[...] = -1.0                # and the other way round
    assert net.theta[-1] == -1.0
    _, grads = net.loss_and_grads([[0.0, 1.0], [1.0, 0.0]], [0, 1])
    np.testing.assert_array_equal(
        net.gradient, np.concatenate([a.ravel() for g in grads for a in (g["W"], g["b"])]))
    first = grads[0]["W"]
    net.loss_and_grads([[1.0, 1.0]], [1])     # the same arrays, new numbers
    assert net.grads[0]["W"] is first
