"""The one backward pass: gradient checks of every piece, and agreement with scikit-learn.

Central differences in float64 (``nnlib.gradcheck``) referee every analytic gradient:
each activation's derivative, each loss (with sample weights, multilabel), Dense, Dropout
with a fixed mask, and whole networks (depths x activations x outputs, L2, sample weights,
dropout). Errors are measured entry by entry (``relative_error``) and as a whole (the
norm of the difference over the norm of the gradient).
"""

import numpy as np
import pytest

from nnlib import activations, losses
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.layers import Dense, Dropout
from nnlib.network import MLP

HIDDEN = ["identity", "logistic", "tanh", "relu", "leaky_relu"]
OUTPUTS = ["logistic", "softmax", "identity", "exp"]


def assert_gradients_agree(analytic, numerical, entrywise=1e-6, whole=1e-8):
    analytic, numerical = np.ravel(analytic), np.ravel(numerical)
    assert relative_error(analytic, numerical) < entrywise
    assert np.linalg.norm(analytic - numerical) <= whole * np.linalg.norm(analytic)


def _targets(output, n, k, rng):
    if output == "logistic":
        return rng.integers(0, 2, size=(n, k)).astype(float)
    if output == "softmax":
        return rng.integers(0, k, size=n)
    if output == "exp":  # counts, with zeros among them
        return rng.poisson(1.5, size=(n, k)).astype(float)
    return rng.normal(size=(n, k))


#: each loss of the network and the output it goes with
LOSS_OUTPUT = {"binary_cross_entropy": "logistic", "categorical_cross_entropy": "softmax",
               "squared_error": "identity", "poisson": "exp"}


# --- activations and losses ------------------------------------------------------------

@pytest.mark.parametrize("name", [n for n in activations.ACTIVATIONS if n != "softmax"])
def test_every_derivative_in_the_table_is_the_slope(name):
    f, df = activations.ACTIVATIONS[name], activations.DERIVATIVES[name]
    z = np.random.default_rng(0).normal(scale=2.0, size=30)
    z = z[np.abs(z) > 1e-3]  # away from the kinks of relu, leaky_relu and step
    numerical = numerical_gradient(lambda t: float(np.sum(f(t))), z)
    assert_gradients_agree(df(z), numerical) if name != "step" else \
        np.testing.assert_array_equal(numerical, 0.0)


def test_softmax_jacobian_in_the_table():
    z = np.random.default_rng(1).normal(size=4)
    J = activations.DERIVATIVES["softmax"](z)
    numerical = np.array([numerical_gradient(lambda t, i=i: activations.softmax(t)[i], z)
                          for i in range(4)])
    assert_gradients_agree(J, numerical)


@pytest.mark.parametrize("name", LOSS_OUTPUT)
@pytest.mark.parametrize("weighted", [False, True])
def test_the_network_losses_gradients(name, weighted):
    rng = np.random.default_rng(2)
    n, k = 7, 3
    Z = rng.normal(scale=2.0, size=(n, k))
    y = _targets(LOSS_OUTPUT[name], n, k, rng)
    w = rng.uniform(0.1, 3.0, size=n) if weighted else None
    loss = losses.LOSSES[name]
    value, gradient = loss(y, Z, sample_weight=w)
    assert gradient.shape == Z.shape
    assert_gradients_agree(gradient, numerical_gradient(lambda t: loss(y, t, w)[0], Z))


@pytest.mark.parametrize("name", LOSS_OUTPUT)
def test_sample_weights_are_repeated_samples(name):
    """Integer weights give the loss and gradient of the data with rows repeated."""
    rng = np.random.default_rng(3)
    n, k = 6, 3
    Z = rng.normal(size=(n, k))
    y = _targets(LOSS_OUTPUT[name], n, k, rng)
    w = np.array([1, 2, 0, 3, 1, 1])
    idx = np.repeat(np.arange(n), w)
    loss = losses.LOSSES[name]
    value, gradient = loss(y, Z, sample_weight=w)
    value_rep, gradient_rep = loss(y[idx], Z[idx])
    assert value == pytest.approx(value_rep, rel=1e-13)
    summed = np.zeros_like(Z)
    np.add.at(summed, idx, gradient_rep)
    np.testing.assert_allclose(gradient, summed, rtol=1e-12, atol=1e-16)


def test_sklearn_compatible_loss_values():
    """Clipped where outputs saturate, averaged over regression outputs; same gradients."""
    z = np.array([[50.0], [-1.0]])
    y = np.array([[0.0], [0.0]])
    exact, g_exact = losses.binary_cross_entropy(y, z)
    clipped, g_clipped = losses.binary_cross_entropy(y, z, sklearn_compatible=True)
    assert exact == pytest.approx((50.0 + np.log1p(np.exp(-50.0)) + np.log1p(np.exp(-1.0)))
                                  / 2, rel=1e-12)
    assert clipped == pytest.approx((-np.log(np.finfo(float).eps)
                                     + np.log1p(np.exp(-1.0))) / 2, rel=1e-12)
    np.testing.assert_array_equal(g_exact, g_clipped)
    Y, H = np.zeros((4, 3)), np.arange(12.0).reshape(4, 3)
    total, _ = losses.squared_error(Y, H)
    mean, _ = losses.squared_error(Y, H, sklearn_compatible=True)
    assert mean == pytest.approx(total / 3, rel=1e-15)


# --- layers ----------------------------------------------------------------------------

@pytest.mark.parametrize("activation", HIDDEN)
def test_dense_backward_is_the_true_gradient(activation):
    rng = np.random.default_rng(4)
    A = rng.normal(size=(5, 4))
    G = rng.normal(size=(5, 3))   # loss = sum(G * forward(A)), so ∂loss/∂out = G
    layer = Dense(4, 3, activation, random_state=5)
    layer.forward(A)
    dA = layer.backward(G)

    def loss_with(key):
        def f(value):
            saved = layer.params[key].copy()
            layer.params[key][...] = value
            out = float(np.sum(G * layer.forward(A)))
            layer.params[key][...] = saved
            return out
        return f

    assert_gradients_agree(dA, numerical_gradient(lambda t: float(np.sum(G * layer.forward(t))),
                                                  A))
    for key in ("W", "b"):
        assert_gradients_agree(layer.grads[key],
                               numerical_gradient(loss_with(key), layer.params[key].copy()))


def test_dropout_backward_with_a_fixed_mask():
    rng = np.random.default_rng(6)
    A = rng.normal(size=(5, 4))
    G = rng.normal(size=(5, 4))
    mask = rng.random((5, 4)) > 0.4
    drop = Dropout(0.4)
    drop.forward(A, training=True, mask=mask)
    dA = drop.backward(G)
    numerical = numerical_gradient(
        lambda t: float(np.sum(G * drop.forward(t, training=True, mask=mask))), A)
    assert_gradients_agree(dA, numerical)


# --- whole networks --------------------------------------------------------------------

def _network_gradient_errors(net, X, y, alpha=0.0, sample_weight=None, seed=None):
    """Analytic and numerical gradients of every weight and bias, concatenated.

    With dropout, every evaluation re-seeds the dropout layers (``seed``), so the loss is
    a fixed function of the weights: the same masks every time.
    """
    def reseed():
        if seed is not None:
            for layer in net.layers:
                if isinstance(layer, Dropout):
                    layer.rng = np.random.default_rng(seed)

    def loss():
        reseed()
        return net.loss_and_grads(X, y, alpha, sample_weight, training=seed is not None)[0]

    reseed()
    _, grads = net.loss_and_grads(X, y, alpha, sample_weight, training=seed is not None)
    # copies: the next call of loss_and_grads puts new arrays into the same dicts
    analytic = [grad[key].ravel().copy() for grad in grads for key in ("W", "b")]
    numerical = []
    for layer in net.dense:
        for key in ("W", "b"):
            param = layer.params[key]

            def f(value, param=param):
                saved = param.copy()
                param[...] = value
                out = loss()
                param[...] = saved
                return out

            numerical.append(numerical_gradient(f, param.copy()).ravel())
    return np.concatenate(analytic), np.concatenate(numerical)


@pytest.mark.parametrize("sizes", [(3, 2), (3, 5, 2), (3, 4, 5, 2)])
@pytest.mark.parametrize("activation", HIDDEN)
@pytest.mark.parametrize("output", OUTPUTS)
def test_network_gradients_with_l2_and_sample_weights(sizes, activation, output):
    rng = np.random.default_rng(len(sizes) * 7 + len(activation) + len(output))
    X = rng.normal(size=(9, sizes[0]))
    y = _targets(output, 9, sizes[-1], rng)
    w = rng.uniform(0.0, 2.0, size=9)
    net = MLP(sizes, activation=activation, output=output, random_state=3)
    analytic, numerical = _network_gradient_errors(net, X, y, alpha=0.7, sample_weight=w)
    assert_gradients_agree(analytic, numerical)


@pytest.mark.parametrize("output", OUTPUTS)
def test_network_gradients_with_dropout(output):
    """Kills the fault 'MLP.backward skips the Dropout layers' (masks fixed by a seed)."""
    rng = np.random.default_rng(8)
    X = rng.normal(size=(10, 3))
    y = _targets(output, 10, 2, rng)
    net = MLP((3, 6, 5, 2), activation="tanh", output=output, dropout=0.5, random_state=0)
    analytic, numerical = _network_gradient_errors(net, X, y, alpha=0.1, seed=11)
    assert_gradients_agree(analytic, numerical)


def test_dropout_network_by_hand():
    """One hidden layer with dropout: the gradients written out in full."""
    rng = np.random.default_rng(9)
    X = rng.normal(size=(4, 2))
    y = np.array([[1.0], [0.0], [1.0], [1.0]])
    net = MLP((2, 3, 1), activation="relu", dropout=0.5, random_state=1)
    _, grads = net.loss_and_grads(X, y)
    hidden, drop, out = net.layers
    mask = drop.mask
    H = np.maximum(X @ hidden.W + hidden.b, 0) * mask / 0.5
    P = activations.logistic(H @ out.W + out.b)
    dZ2 = (P - y) / 4
    dH = (dZ2 @ out.W.T) * mask / 0.5
    dZ1 = dH * (X @ hidden.W + hidden.b > 0)
    np.testing.assert_allclose(grads[1]["W"], H.T @ dZ2, rtol=1e-13)
    np.testing.assert_allclose(grads[0]["W"], X.T @ dZ1, rtol=1e-13, atol=1e-17)
    np.testing.assert_allclose(grads[0]["b"], dZ1.sum(axis=0), rtol=1e-13, atol=1e-17)


# --- agreement with scikit-learn's backpropagation -------------------------------------

@pytest.mark.parametrize(("task", "activation"), [("binary", "relu"), ("multiclass", "tanh"),
                                                  ("multilabel", "logistic"),
                                                  ("regression", "relu"),
                                                  ("regression2", "identity")])
@pytest.mark.parametrize("weighted", [False, True])
def test_loss_and_grads_equal_sklearn_backprop(task, activation, weighted):
    from sklearn.neural_network import MLPClassifier, MLPRegressor

    rng = np.random.default_rng(10)
    n = 30
    X = rng.normal(size=(n, 4)) * 3
    if task == "binary":
        Y, output, est = rng.integers(0, 2, (n, 1)).astype(float), "logistic", MLPClassifier
    elif task == "multiclass":
        Y, output, est = np.eye(3)[rng.integers(0, 3, n)], "softmax", MLPClassifier
    elif task == "multilabel":
        Y, output, est = rng.integers(0, 2, (n, 3)).astype(float), "logistic", MLPClassifier
    else:
        k = 1 if task == "regression" else 2
        Y, output, est = rng.normal(size=(n, k)), "identity", MLPRegressor
    w = rng.uniform(0.2, 2.0, n) if weighted else None
    alpha = 0.3
    net = MLP((4, 6, 5, Y.shape[1]), activation=activation, output=output, random_state=0)
    sk = est(hidden_layer_sizes=(6, 5), activation=activation, alpha=alpha)
    sk.coefs_, sk.intercepts_ = net.get_weights()
    sk.n_layers_, sk.out_activation_ = 4, output
    layers = len(sk.coefs_)
    sk_loss, coef_grads, intercept_grads = sk._backprop(
        X, Y, w, [X] + [None] * layers, [None] * layers,
        [np.empty_like(c) for c in sk.coefs_], [np.empty_like(b) for b in sk.intercepts_])
    loss, grads = net.loss_and_grads(X, Y, alpha, sample_weight=w, sklearn_compatible=True)
    assert loss == pytest.approx(sk_loss, rel=1e-13)
    for g, cg, ig in zip(grads, coef_grads, intercept_grads, strict=True):
        np.testing.assert_allclose(g["W"], cg, rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(g["b"], ig, rtol=1e-10, atol=1e-15)


# --- float32 and sparse input ----------------------------------------------------------

def test_float32_network_computes_in_float32():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(8, 3))
    y = rng.integers(0, 2, 8)
    net64 = MLP((3, 4, 1), random_state=0)
    net32 = MLP((3, 4, 1), random_state=0, dtype=np.float32)
    assert net32.dense[0].W.dtype == np.float32
    P = net32.forward(X)
    assert P.dtype == np.float32
    loss32, grads32 = net32.loss_and_grads(X, y, alpha=0.1)
    loss64, grads64 = net64.loss_and_grads(X, y, alpha=0.1)
    assert grads32[0]["W"].dtype == np.float32
    assert loss32 == pytest.approx(loss64, rel=1e-5)
    np.testing.assert_allclose(grads32[0]["W"], grads64[0]["W"], rtol=1e-4, atol=1e-6)


def test_sparse_input_gives_the_dense_results():
    sparse = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(13)
    X = rng.normal(size=(10, 6)) * (rng.random((10, 6)) < 0.3)
    y = rng.integers(0, 3, 10)
    net = MLP((6, 5, 3), output="softmax", random_state=0)
    loss, grads = net.loss_and_grads(X, y)
    dense_grads = [{k: v.copy() for k, v in g.items()} for g in grads]
    for fmt in (sparse.csr_matrix, sparse.csc_array):
        loss_s, grads_s = net.loss_and_grads(fmt(X), y)
        assert loss_s == pytest.approx(loss, rel=1e-14)
        for gs, gd in zip(grads_s, dense_grads, strict=True):
            np.testing.assert_allclose(np.asarray(gs["W"]), gd["W"], rtol=1e-13, atol=1e-16)


# --- issue 9: regression tests -----------------------------------------------------------

@pytest.mark.parametrize("row", [[1, 1, 0], [0, 0, 0], [0.5, 0.5, 0]])
def test_softmax_network_rejects_rows_that_are_not_one_hot(row):
    """Issue 9, item 1: these gave a loss and gradients without complaint."""
    net = MLP((2, 3), output="softmax", random_state=0)
    Y = np.array([[1, 0, 0], row], dtype=float)
    message = r"y one-hot rows must hold a single 1 and 0 elsewhere; got row 1"
    with pytest.raises(ValueError, match=message):
        net.loss_and_grads(np.ones((2, 2)), Y)
    with pytest.raises(ValueError, match=message):
        net.loss(np.ones((2, 2)), Y)
    with pytest.raises(ValueError, match=message):   # the same validator in nnlib.losses
        losses.categorical_cross_entropy(Y, np.zeros((2, 3)))


def test_softmax_needs_two_outputs():
    """Issue 9, item 1: MLP((2, 1), output='softmax') had loss and gradients always 0."""
    with pytest.raises(ValueError, match=r"^output='softmax' needs at least 2 output units "
                                         r"\(one per class\); got layer_sizes=\(2, 1\)\. For two "
                                         r"classes with one unit, use output='logistic'\.$"):
        MLP((2, 1), output="softmax")
    with pytest.raises(ValueError, match="one-hot targets need at least 2 classes"):
        losses.categorical_cross_entropy([0, 0], np.zeros((2, 1)))


@pytest.mark.parametrize("call", ["loss", "loss_and_grads"])
def test_no_samples_is_a_clear_error(call):
    """Issue 9, item 7: 0 samples raised ZeroDivisionError."""
    net = MLP((2, 3, 1), random_state=0)
    with pytest.raises(ValueError, match=r"^X must hold at least one sample; got a 2-D array "
                                         r"of shape \(0, 2\)\.$"):
        getattr(net, call)(np.zeros((0, 2)), np.zeros(0))


def test_bad_sample_weights():
    net = MLP((2, 1), random_state=0)
    X, y = np.ones((3, 2)), [0, 1, 1]
    with pytest.raises(ValueError, match=r"sample_weight must hold one weight per sample \(3\)"):
        net.loss_and_grads(X, y, sample_weight=[1.0, 2.0])
    with pytest.raises(ValueError, match="sample_weight must be >= 0; got -1"):
        net.loss_and_grads(X, y, sample_weight=[1.0, -1.0, 1.0])
    with pytest.raises(ValueError, match="sample_weight must have a positive sum"):
        net.loss_and_grads(X, y, sample_weight=[0.0, 0.0, 0.0])
