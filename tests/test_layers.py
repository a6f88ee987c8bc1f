"""Dense and Dropout: forward values, gradients against central differences, initialisers,
and bad input."""

import numpy as np
import pytest

from nnlib import activations
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.layers import INITIALIZERS, Dense, Dropout, as_rng

HIDDEN = ["identity", "logistic", "tanh", "relu", "leaky_relu"]


def _data(n=6, n_in=4, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n_in))


# --- Dense: forward ----------------------------------------------------------------------

@pytest.mark.parametrize("activation", HIDDEN)
def test_dense_forward_is_aw_plus_b_then_f(activation):
    A = _data()
    layer = Dense(4, 3, activation, random_state=1)
    out = layer.forward(A)
    W, b = layer.W, layer.b
    f = activations.ACTIVATIONS[activation]
    for i in range(A.shape[0]):          # one sample at a time, one unit at a time
        for j in range(3):
            z = sum(A[i, k] * W[k, j] for k in range(4)) + b[j]
            assert layer.Z[i, j] == pytest.approx(z, rel=1e-12, abs=1e-12)
            assert out[i, j] == pytest.approx(f(z), rel=1e-12, abs=1e-12)
    assert layer.A is out and layer.A_in.shape == (6, 4)


def test_dense_shapes_and_params():
    layer = Dense(5, 2, "relu", random_state=0)
    assert layer.params["W"].shape == (5, 2) and layer.params["b"].shape == (2,)
    assert set(layer.grads) == {"W", "b"}
    assert layer.n_params == 12
    assert repr(layer) == "Dense(5 → 2, activation='relu')"


# --- Dense: backward against numerical gradients ----------------------------------------

@pytest.mark.parametrize("activation", HIDDEN)
def test_dense_gradients_match_central_differences(activation):
    A = _data(seed=2)
    layer = Dense(4, 3, activation, random_state=3)
    G = np.random.default_rng(4).normal(size=(6, 3))   # loss = sum(G * layer(A))

    def loss_of_A(A_):
        return float(np.sum(G * layer.forward(A_)))

    def loss_of(key):
        def f(value):
            saved = layer.params[key].copy()
            layer.params[key][...] = value
            out = float(np.sum(G * layer.forward(A)))
            layer.params[key][...] = saved
            return out
        return f

    layer.forward(A)
    dA = layer.backward(G)
    assert relative_error(dA, numerical_gradient(loss_of_A, A)) < 1e-6
    for key in ("W", "b"):
        num = numerical_gradient(loss_of(key), layer.params[key])
        assert relative_error(layer.grads[key], num) < 1e-6, key


def test_dense_backward_formulas():
    A = _data()
    layer = Dense(4, 3, "identity", random_state=0)
    layer.forward(A)
    G = np.ones((6, 3))
    dA = layer.backward(G)
    np.testing.assert_allclose(layer.grads["W"], A.T @ G)
    np.testing.assert_allclose(layer.grads["b"], np.full(3, 6.0))
    np.testing.assert_allclose(dA, G @ layer.W.T)


# --- initialisers ------------------------------------------------------------------------

def test_initializer_table_has_the_four_schemes():
    assert set(INITIALIZERS) == {"zeros", "normal", "glorot", "he"}


def test_zeros_init_is_all_zero():
    layer = Dense(3, 4, init="zeros")
    assert not layer.W.any() and not layer.b.any()


def test_normal_init_is_small():
    layer = Dense(200, 300, init="normal", random_state=0)
    assert layer.W.std() == pytest.approx(0.01, rel=0.02)
    assert abs(layer.W.mean()) < 1e-3
    assert not layer.b.any()


@pytest.mark.parametrize(("activation", "factor"), [("relu", 6.0), ("tanh", 6.0),
                                                    ("logistic", 2.0)])
def test_glorot_init_is_sklearns_uniform(activation, factor):
    layer = Dense(30, 20, activation, init="glorot", random_state=0)
    bound = np.sqrt(factor / 50)
    assert np.abs(layer.W).max() <= bound
    assert np.abs(layer.W).max() > 0.95 * bound      # fills the interval
    assert np.abs(layer.b).max() <= bound and layer.b.any()
    # uniform on [-r, r] has variance r²/3
    assert layer.W.var() == pytest.approx(bound**2 / 3, rel=0.1)


def test_glorot_with_a_randomstate_draws_like_sklearn():
    rs = np.random.RandomState(7)
    layer = Dense(3, 5, "relu", random_state=rs)
    ref = np.random.RandomState(7)
    bound = np.sqrt(6 / 8)
    np.testing.assert_array_equal(layer.W, ref.uniform(-bound, bound, (3, 5)))
    np.testing.assert_array_equal(layer.b, ref.uniform(-bound, bound, 5))


def test_he_init_variance():
    layer = Dense(100, 400, "relu", init="he", random_state=0)
    assert layer.W.var() == pytest.approx(2 / 100, rel=0.05)
    assert not layer.b.any()


def test_same_seed_same_weights_and_other_seed_other_weights():
    a, b, c = (Dense(3, 4, random_state=s) for s in (1, 1, 2))
    np.testing.assert_array_equal(a.W, b.W)
    assert not np.array_equal(a.W, c.W)


def test_as_rng_accepts_generators_and_rejects_junk():
    g = np.random.default_rng(0)
    assert as_rng(g) is g
    assert isinstance(as_rng(3), np.random.Generator)
    with pytest.raises(TypeError, match="random_state must be None, a non-negative int"):
        as_rng("seed")
    with pytest.raises(ValueError, match="got -1"):
        as_rng(-1)


# --- Dropout -----------------------------------------------------------------------------

def test_dropout_is_identity_at_inference():
    A = _data()
    layer = Dropout(0.5, random_state=0)
    np.testing.assert_array_equal(layer.forward(A), A)
    np.testing.assert_array_equal(layer.forward(A, training=False), A)
    np.testing.assert_array_equal(layer.backward(np.ones_like(A)), np.ones_like(A))


def test_dropout_inverted_scaling_in_training():
    A = np.ones((400, 50))
    p = 0.2
    out = Dropout(p, random_state=0).forward(A, training=True)
    kept = out != 0
    assert kept.mean() == pytest.approx(1 - p, abs=0.01)
    np.testing.assert_allclose(out[kept], 1 / (1 - p))
    assert out.mean() == pytest.approx(1.0, abs=0.02)      # expectation preserved


def test_dropout_zero_rate_changes_nothing():
    A = _data()
    np.testing.assert_array_equal(Dropout(0.0).forward(A, training=True), A)


def test_dropout_gradient_with_fixed_mask():
    A = _data(seed=5)
    mask = np.random.default_rng(6).random(A.shape) > 0.3
    layer = Dropout(0.3, random_state=0)
    G = np.random.default_rng(7).normal(size=A.shape)

    def f(A_):
        return float(np.sum(G * layer.forward(A_, training=True, mask=mask)))

    layer.forward(A, training=True, mask=mask)
    dA = layer.backward(G)
    assert relative_error(dA, numerical_gradient(f, A)) < 1e-7
    np.testing.assert_allclose(dA, G * mask / 0.7)


def test_dropout_has_no_params():
    layer = Dropout(0.1)
    assert layer.params == {} and layer.grads == {} and layer.n_params == 0
    assert repr(layer) == "Dropout(p=0.1)"


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize("p", [1.0, -0.1, 1.5])
def test_dropout_rate_outside_range(p):
    with pytest.raises(ValueError, match=r"p \(the dropout rate\) must be in \[0, 1\); got"):
        Dropout(p)


def test_dropout_bad_mask():
    with pytest.raises(ValueError, match="mask must be booleans of the shape of A"):
        Dropout(0.5).forward(np.ones((2, 3)), training=True, mask=np.ones((3, 2), bool))


def test_dense_unknown_activation():
    with pytest.raises(ValueError, match=r"activation must be one of 'identity', 'leaky_relu', "
                                         r"'logistic', 'relu', 'step', 'tanh'; got 'rleu'\."):
        Dense(2, 3, "rleu")


def test_dense_unknown_init():
    with pytest.raises(ValueError, match=r"init must be one of 'glorot', 'he', 'normal', "
                                         r"'zeros'; got 'xavier'\."):
        Dense(2, 3, init="xavier")


@pytest.mark.parametrize(("n_in", "n_out", "exc", "msg"), [
    (0, 3, ValueError, "n_in must be an integer >= 1; got 0"),
    (2, -1, ValueError, "n_out must be an integer >= 1; got -1"),
    (2.5, 3, TypeError, "n_in must be an integer; got float 2.5"),
])
def test_dense_bad_sizes(n_in, n_out, exc, msg):
    with pytest.raises(exc, match=msg):
        Dense(n_in, n_out)


def test_dense_bad_inputs():
    layer = Dense(2, 3)
    with pytest.raises(ValueError, match=r"A has 3 features \(columns\), but this layer "
                                         r"expects 2"):
        layer.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match="A must be a 2-D array; got a 1-D array of shape"):
        layer.forward(np.ones(2))
    # NaN is not an input error inside a network (a diverging fit shows NaN): it propagates
    assert np.isnan(layer.forward([[1.0, np.nan]])).all()
    with pytest.raises(TypeError, match="A must be an array of numbers; got str 'a'"):
        layer.forward([["a", "b"]])


def test_dense_backward_errors():
    layer = Dense(2, 3)
    with pytest.raises(ValueError, match="backward needs a forward pass first"):
        layer.backward(np.ones((1, 3)))
    layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"dA must have the shape of the layer's output "
                                         r"\(4, 3\); got a 2-D array of shape \(4, 2\)"):
        layer.backward(np.ones((4, 2)))
