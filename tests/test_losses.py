"""Tests of nnlib.losses: values, gradients (against numerical ones), stability, sklearn."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss as sklearn_log_loss

from nnlib import losses
from nnlib.activations import logistic, softmax
from nnlib.gradcheck import numerical_gradient, relative_error


@pytest.fixture
def rng():
    return np.random.default_rng(2024)


def call_strictly(f, *args):
    """Call f with every floating-point warning (except underflow to 0) as an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            return f(*args)


def check_gradient(loss, y, prediction):
    """The loss's gradient agrees with central differences to a relative error < 1e-7."""
    value, gradient = loss(y, prediction)
    assert isinstance(value, float)
    assert gradient.shape == np.shape(prediction)
    numerical = numerical_gradient(lambda p: loss(y, p)[0], prediction)
    assert relative_error(gradient, numerical) < 1e-7


# ------------------------------------------------------------------- gradients


@pytest.mark.parametrize("shape", [(8,), (8, 1)])
def test_binary_cross_entropy_gradient(shape, rng):
    y = rng.integers(0, 2, size=shape)
    z = rng.normal(scale=2.0, size=shape)
    check_gradient(losses.binary_cross_entropy, y, z)


def test_binary_cross_entropy_gradient_formula(rng):
    y = rng.integers(0, 2, size=10)
    z = rng.normal(size=10)
    _, gradient = losses.binary_cross_entropy(y, z)
    np.testing.assert_allclose(gradient, (logistic(z) - y) / 10, rtol=1e-14)


@pytest.mark.parametrize("one_hot", [False, True])
def test_categorical_cross_entropy_gradient(one_hot, rng):
    labels = rng.integers(0, 4, size=9)
    y = np.eye(4)[labels] if one_hot else labels
    Z = rng.normal(scale=2.0, size=(9, 4))
    check_gradient(losses.categorical_cross_entropy, y, Z)
    _, gradient = losses.categorical_cross_entropy(y, Z)
    np.testing.assert_allclose(gradient, (softmax(Z) - np.eye(4)[labels]) / 9, rtol=1e-14)


@pytest.mark.parametrize("labels", [(-1, 1), (0, 1)])
def test_hinge_gradient(labels, rng):
    y = rng.choice(labels, size=12)
    s = rng.normal(scale=2.0, size=12)
    signed = np.where(y == 1, 1, -1)
    s = np.where(np.abs(1 - signed * s) < 0.05, s + 0.2, s)  # keep away from the kink
    check_gradient(losses.hinge, y, s)


@pytest.mark.parametrize("shape", [(7,), (7, 1), (7, 3)])
def test_squared_error_gradient(shape, rng):
    y = rng.normal(size=shape)
    y_hat = rng.normal(size=shape)
    check_gradient(losses.squared_error, y, y_hat)


def test_log_loss_gradient_binary(rng):
    y = rng.integers(0, 2, size=10)
    p = rng.uniform(0.05, 0.95, size=10)
    check_gradient(losses.log_loss, y, p)


def test_log_loss_gradient_multiclass(rng):
    y = rng.integers(0, 3, size=10)
    P = softmax(rng.normal(size=(10, 3)))
    check_gradient(losses.log_loss, y, P)


def test_a_wrong_gradient_is_caught(rng):
    """The check above can fail: a gradient without the 1/n fails it."""
    y = rng.integers(0, 2, size=8)
    z = rng.normal(size=8)
    numerical = numerical_gradient(lambda t: losses.binary_cross_entropy(y, t)[0], z)
    assert relative_error(logistic(z) - y, numerical) > 0.5


# --------------------------------------------------------------------- values


def test_binary_cross_entropy_equals_the_textbook_formula(rng):
    y = rng.integers(0, 2, size=20)
    z = rng.normal(scale=3.0, size=20)
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert losses.binary_cross_entropy(y, z)[0] == pytest.approx(expected, rel=1e-12)
    assert losses.binary_cross_entropy(y, z)[0] == pytest.approx(
        sklearn_log_loss(y, p), rel=1e-12)


def test_binary_cross_entropy_mixed_shapes(rng):
    y = rng.integers(0, 2, size=6)
    z = rng.normal(size=(6, 1))
    loss, gradient = losses.binary_cross_entropy(y, z)
    assert gradient.shape == (6, 1)
    assert loss == losses.binary_cross_entropy(y[:, None], z[:, 0])[0]


def test_categorical_cross_entropy_equals_sklearn(rng):
    y = rng.integers(0, 3, size=30)
    Z = rng.normal(scale=2.0, size=(30, 3))
    loss, _ = losses.categorical_cross_entropy(y, Z)
    assert loss == pytest.approx(sklearn_log_loss(y, softmax(Z), labels=[0, 1, 2]), rel=1e-12)


def test_cross_entropies_at_large_logits_are_exact():
    # log(1 + e^z) - y z: for z = -1e4 and y = 1 that is 1e4; for a right answer 0.
    loss, gradient = losses.binary_cross_entropy([1, 0], [-1e4, -1e4])
    assert loss == pytest.approx(1e4 / 2)
    np.testing.assert_array_equal(gradient, [-0.5, 0.0])
    loss, _ = losses.categorical_cross_entropy([0], [[1e300, -1e300]])
    assert loss == 0.0
    loss, _ = losses.categorical_cross_entropy([1], [[1e300, -1e300]])
    assert loss == 2e300


def test_hinge_values(rng):
    y = rng.choice([-1, 1], size=15)
    s = rng.normal(scale=2.0, size=15)
    loss, _ = losses.hinge(y, s)
    assert loss == pytest.approx(np.mean(np.maximum(0, 1 - y * s)), rel=1e-14)
    assert losses.hinge((y + 1) // 2, s)[0] == loss  # 0/1 labels mean -1/+1
    # Right side with a margin costs nothing.
    assert losses.hinge([1, -1], [3.0, -1.0])[0] == 0.0


def test_squared_error_values(rng):
    y = rng.normal(size=(5, 2))
    y_hat = rng.normal(size=(5, 2))
    loss, gradient = losses.squared_error(y, y_hat)
    assert loss == pytest.approx(0.5 * np.sum((y_hat - y) ** 2) / 5, rel=1e-14)
    np.testing.assert_allclose(gradient, (y_hat - y) / 5)
    loss_1d, gradient_1d = losses.squared_error(y[:, 0], y_hat[:, :1])
    assert gradient_1d.shape == (5, 1)
    assert loss_1d == pytest.approx(0.5 * np.mean((y_hat[:, 0] - y[:, 0]) ** 2))


@pytest.mark.parametrize("shape", [(12,), (12, 1)])
def test_log_loss_equals_sklearn_binary(shape, rng):
    y = rng.integers(0, 2, size=12)
    p = rng.uniform(0, 1, size=shape)
    assert losses.log_loss(y, p)[0] == pytest.approx(sklearn_log_loss(y, p), rel=1e-12)


def test_log_loss_equals_sklearn_multiclass(rng):
    y = rng.integers(0, 4, size=25)
    P = softmax(rng.normal(scale=3.0, size=(25, 4)))
    expected = sklearn_log_loss(y, P, labels=[0, 1, 2, 3])
    assert losses.log_loss(y, P)[0] == pytest.approx(expected, rel=1e-12)
    assert losses.log_loss(np.eye(4)[y], P)[0] == pytest.approx(expected, rel=1e-12)


def test_log_loss_clips_like_sklearn():
    y = [0, 1, 1, 0]
    p = [0.0, 1.0, 0.0, 1.0]  # two perfect answers and two certain wrong ones
    loss, gradient = call_strictly(losses.log_loss, y, p)
    assert loss == pytest.approx(sklearn_log_loss(y, p), rel=1e-12)
    assert np.all(np.isfinite(gradient))


def test_losses_table_and_lookup():
    assert set(losses.LOSSES) == {"binary_cross_entropy", "categorical_cross_entropy", "hinge",
                                  "squared_error", "poisson", "log_loss"}
    for name, loss in losses.LOSSES.items():
        assert losses.get_loss(name) is loss


# ------------------------------------------------------------------- stability

big = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8).flatmap(
    lambda n: st.tuples(arrays(np.int64, n, elements=st.integers(0, 1)),
                        arrays(np.float64, n, elements=big))))
def test_binary_cross_entropy_is_stable(data):
    y, z = data
    loss, gradient = call_strictly(losses.binary_cross_entropy, y, z)
    assert np.isfinite(loss) and loss >= 0
    assert np.all(np.abs(gradient) <= 1 / len(z))


@settings(max_examples=200, deadline=None)
@given(st.tuples(st.integers(1, 6), st.integers(2, 5)).flatmap(
    lambda nk: st.tuples(arrays(np.int64, nk[0], elements=st.integers(0, nk[1] - 1)),
                         arrays(np.float64, nk, elements=big))))
def test_categorical_cross_entropy_is_stable(data):
    y, Z = data
    loss, gradient = call_strictly(losses.categorical_cross_entropy, y, Z)
    assert np.isfinite(loss) and loss >= 0
    assert np.all(np.isfinite(gradient))
    np.testing.assert_allclose(gradient.sum(axis=1), 0.0, atol=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8).flatmap(
    lambda n: st.tuples(arrays(np.int64, n, elements=st.sampled_from([-1, 1])),
                        arrays(np.float64, n, elements=big))))
def test_hinge_is_stable(data):
    y, s = data
    loss, gradient = call_strictly(losses.hinge, y, s)
    assert np.isfinite(loss) and loss >= 0
    assert np.all(np.abs(gradient) <= 1 / len(s))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8).flatmap(
    lambda n: st.tuples(arrays(np.float64, n, elements=st.floats(-1e150, 1e150)),
                        arrays(np.float64, n, elements=st.floats(-1e150, 1e150)))))
def test_squared_error_is_stable(data):
    y, y_hat = data
    loss, gradient = call_strictly(losses.squared_error, y, y_hat)
    assert np.isfinite(loss) and loss >= 0
    assert np.all(np.isfinite(gradient))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8).flatmap(
    lambda n: st.tuples(arrays(np.int64, n, elements=st.integers(0, 1)),
                        arrays(np.float64, n, elements=st.floats(0, 1)))))
def test_log_loss_is_stable_and_equals_sklearn(data):
    y, p = data
    loss, gradient = call_strictly(losses.log_loss, y, p)
    assert 0 <= loss <= -np.log(np.finfo(float).eps) + 1e-9
    assert np.all(np.isfinite(gradient))
    expected = sklearn_log_loss(y, p, labels=[0, 1])
    assert loss == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_hinge_subgradient_is_zero_at_the_kink():
    """Exactly on the margin (y s = 1) the sample costs 0 and, as documented, pushes no more."""
    loss, gradient = losses.hinge([1, -1, 1], [1.0, -1.0, 0.5])
    assert loss == pytest.approx(0.5 / 3)
    np.testing.assert_array_equal(gradient, [0.0, 0.0, -1 / 3])


# ------------------------------------------------------------------- Poisson


def test_poisson_is_sklearns_half_deviance():
    """The value of scikit-learn's MLPRegressor(loss='poisson') (summed over outputs) both
    ways; the gradient (e^z - y) / n."""
    from sklearn.neural_network._base import poisson_loss

    rng = np.random.default_rng(5)
    z = rng.normal(size=(9, 2))
    y = rng.poisson(2.0, size=(9, 2)).astype(float)  # with zeros
    w = rng.uniform(0.2, 3.0, size=9)
    for sample_weight in (None, w):
        expected = poisson_loss(y, np.exp(z), sample_weight)
        exact, gradient = losses.poisson(y, z, sample_weight)
        compatible, gradient_c = losses.poisson(y, z, sample_weight, sklearn_compatible=True)
        assert exact == pytest.approx(expected, rel=1e-13)
        assert compatible == pytest.approx(expected, rel=1e-15)
        np.testing.assert_array_equal(gradient, gradient_c)
    np.testing.assert_allclose(losses.poisson(y, z)[1], (np.exp(z) - y) / 9, rtol=1e-15)
    # a perfect prediction costs nothing, also for y = 0 (z -> -inf)
    assert losses.poisson([2.0, 0.0], [np.log(2.0), -800.0])[0] == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("y", [[1.0, -0.5, 2.0], [[1.0], [2.0], [-3.0]]])
def test_poisson_rejects_negative_targets(y):
    with pytest.raises(ValueError, match=r"y must be >= 0 for the Poisson loss .*got -\S+ in "
                                         r"row [12]\."):
        losses.poisson(y, np.zeros(3))
    with pytest.raises(ValueError, match="y must be >= 0"):
        losses.check_targets(y, "non_negative", 3, 1)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("n_outputs", [1, 3])
def test_sklearn_compatible_log_losses_are_scikit_learns_bit_for_bit(rng, weighted, n_outputs):
    """The reported loss is scikit-learn's own (clipped p, its averaging), computed with
    fewer operations: it must equal binary_log_loss / log_loss of the same p exactly."""
    from sklearn.neural_network._base import binary_log_loss
    from sklearn.neural_network._base import log_loss as sk_log_loss

    n = 57
    w = rng.uniform(0.1, 2.0, n) if weighted else None
    Y = (rng.random((n, n_outputs)) > 0.5).astype(float)
    Z = rng.normal(scale=3.0, size=(n, n_outputs))
    Z[0] = 60.0    # saturated: p rounds to 1, clipped to 1 - eps
    Z[1] = -800.0  # p = 0, clipped to eps
    loss, _ = losses.binary_cross_entropy(Y, Z, w, sklearn_compatible=True)
    assert loss == binary_log_loss(Y, logistic(Z), sample_weight=w)
    labels = rng.integers(0, 4, n)
    Zs = rng.normal(scale=3.0, size=(n, 4))
    loss, _ = losses.categorical_cross_entropy(labels, Zs, w, sklearn_compatible=True)
    assert loss == sk_log_loss(np.eye(4)[labels], softmax(Zs, axis=1), sample_weight=w)
