"""Tests of nnlib.activations: values, derivatives (against numerical ones), stability."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from nnlib import activations as act
from nnlib.gradcheck import numerical_gradient, relative_error

NAMES = ("identity", "step", "logistic", "tanh", "relu", "leaky_relu", "exp", "softmax")
ELEMENTWISE = ("identity", "step", "logistic", "tanh", "relu", "leaky_relu", "exp")
FINITE_EVERYWHERE = tuple(name for name in NAMES if name != "exp")  # e^1e300 is inf
KINKED = ("step", "relu", "leaky_relu")  # not differentiable at z = 0


def away_from_zero(z, gap=0.05):
    """Move entries of z that are near 0 out to +-gap, so no finite difference straddles a kink."""
    z = np.array(z, dtype=float)
    near = np.abs(z) < gap
    z[near] = np.where(z[near] >= 0, gap, -gap)
    return z


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


# ------------------------------------------------------------------ values


def test_tables_have_every_name_and_match_the_functions():
    assert set(act.ACTIVATIONS) == set(NAMES)
    assert set(act.DERIVATIVES) == set(NAMES)
    assert act.DERIVATIVES["softmax"] is act.softmax_jacobian
    assert act.ACTIVATIONS["logistic"] is act.logistic
    assert act.sigmoid is act.logistic


@pytest.mark.parametrize("name", NAMES)
def test_get_activation_returns_function_and_derivative(name):
    f, df = act.get_activation(name)
    assert f is act.ACTIVATIONS[name]
    assert df is act.DERIVATIVES[name]


@pytest.mark.parametrize(("alias", "name"), [("sigmoid", "logistic"), ("linear", "identity")])
def test_aliases(alias, name):
    assert act.get_activation(alias) == act.get_activation(name)


def test_values_against_textbook_formulas(rng):
    z = rng.normal(scale=3.0, size=50)
    np.testing.assert_allclose(act.identity(z), z)
    np.testing.assert_array_equal(act.step(z), (z >= 0).astype(float))
    np.testing.assert_allclose(act.logistic(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(act.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)),
                               rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(act.relu(z), np.where(z > 0, z, 0.0))
    np.testing.assert_array_equal(act.leaky_relu(z, negative_slope=0.1),
                                  np.where(z > 0, z, 0.1 * z))
    expected = np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(act.softmax(z), expected, rtol=1e-12)


def test_values_at_zero():
    assert act.step(0.0) == 1.0  # fires at z = 0: w·x >= θ
    assert act.logistic(0.0) == 0.5
    assert act.relu(0.0) == 0.0
    assert act.relu_derivative(0.0) == 0.0  # as scikit-learn
    assert act.leaky_relu_derivative(0.0, negative_slope=0.2) == 0.2
    assert act.logistic_derivative(0.0) == 0.25
    assert act.tanh_derivative(0.0) == 1.0


def test_the_source_softmax_example():
    """z = [1, 2] gives probabilities 0.27 and 0.73."""
    a = act.softmax([1.0, 2.0])
    np.testing.assert_allclose(a, [1 / (1 + np.e), np.e / (1 + np.e)], rtol=1e-15)
    np.testing.assert_array_equal(a.round(2), [0.27, 0.73])


def test_a_single_number_gives_a_plain_float():
    for name in ELEMENTWISE:
        f, df = act.get_activation(name)
        assert type(f(0.5)) is float
        assert type(df(0.5)) is float


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise_functions_keep_the_shape(name, rng):
    z = rng.normal(size=(3, 4, 2))
    f, df = act.get_activation(name)
    assert f(z).shape == z.shape
    assert df(z).shape == z.shape


def test_inputs_are_not_modified(rng):
    z = rng.normal(size=5)
    before = z.copy()
    for name in NAMES:
        act.ACTIVATIONS[name](z)
        act.DERIVATIVES[name](z)
    np.testing.assert_array_equal(z, before)
    out = act.identity(z)
    out[0] = 99.0
    assert z[0] == before[0]


def test_softmax_axis(rng):
    Z = rng.normal(size=(4, 3))
    np.testing.assert_allclose(act.softmax(Z, axis=0).sum(axis=0), np.ones(3))
    np.testing.assert_allclose(act.softmax(Z, axis=1).sum(axis=1), np.ones(4))
    np.testing.assert_allclose(act.softmax(Z, axis=0), act.softmax(Z.T, axis=1).T)


def test_logistic_derivative_is_at_most_a_quarter(rng):
    z = rng.normal(scale=5.0, size=1000)
    assert act.logistic_derivative(z).max() <= 0.25
    np.testing.assert_allclose(act.logistic_derivative(z),
                               act.logistic(z) * (1 - act.logistic(z)), atol=1e-16)


def test_step_derivative_is_zero_everywhere(rng):
    z = rng.normal(size=20)
    np.testing.assert_array_equal(act.step_derivative(z), np.zeros(20))


# ------------------------------------------------------- numerical checks


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_numerical_gradient(name, rng):
    f, df = act.get_activation(name)
    z = rng.uniform(-4.0, 4.0, size=30)
    if name in KINKED:
        z = away_from_zero(z)
    v = rng.normal(size=z.shape)  # random weights, so each entry's derivative matters
    numerical = numerical_gradient(lambda t: float(np.sum(v * f(t))), z)
    analytic = v * df(z)
    if name == "step":  # both are exactly 0 away from the jump
        np.testing.assert_array_equal(numerical, 0.0)
        np.testing.assert_array_equal(analytic, 0.0)
    else:
        assert relative_error(analytic, numerical) < 1e-7


def test_leaky_relu_derivative_with_other_negative_slope(rng):
    z = away_from_zero(rng.uniform(-3, 3, size=20))
    numerical = numerical_gradient(
        lambda t: float(np.sum(act.leaky_relu(t, negative_slope=0.3))), z)
    assert relative_error(act.leaky_relu_derivative(z, negative_slope=0.3), numerical) < 1e-7


def test_softmax_jacobian_matches_numerical(rng):
    z = rng.normal(size=5)
    J = act.softmax_jacobian(z)
    assert J.shape == (5, 5)
    numerical = np.array(
        [numerical_gradient(lambda t, i=i: float(act.softmax(t)[i]), z) for i in range(5)]
    )
    assert relative_error(J, numerical) < 1e-7
    np.testing.assert_allclose(J, J.T, atol=1e-17)  # symmetric
    np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-16)  # probabilities sum to 1


def test_softmax_jacobian_of_a_batch(rng):
    Z = rng.normal(size=(3, 4))
    J = act.softmax_jacobian(Z)
    assert J.shape == (3, 4, 4)
    for n in range(3):
        np.testing.assert_allclose(J[n], act.softmax_jacobian(Z[n]), rtol=1e-14)


# ----------------------------------------------------------------- stability

EXTREMES = [1e4, -1e4, 1e300, -1e300, 1.7e308, -1.7e308]


def call_strictly(f, *args, **kwargs):
    """Call f with every floating-point warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            return f(*args, **kwargs)


@pytest.mark.parametrize("name", FINITE_EVERYWHERE)
def test_no_warning_and_finite_at_extremes(name):
    z = np.array(EXTREMES + [0.0])
    f, df = act.get_activation(name)
    a = call_strictly(f, z)
    d = call_strictly(df, z)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))


def test_exp_overflows_to_inf_without_a_warning():
    """The Poisson output: e^z, inf once beyond float64 (z > 709.78), 0 far below."""
    z = np.array(EXTREMES + [0.0, 709.0, 710.0])
    a, d = call_strictly(act.exp, z), call_strictly(act.exp_derivative, z)
    np.testing.assert_array_equal(a, np.exp(z, where=z < 710, out=np.full_like(z, np.inf)))
    np.testing.assert_array_equal(d, a)
    a32 = call_strictly(act.exp, np.float32([89.0]))  # beyond float32's range
    assert a32.dtype == np.float32 and np.isinf(a32[0])


def test_extreme_values_are_the_limits():
    z = np.array([1e300, -1e300])
    np.testing.assert_array_equal(act.logistic(z), [1.0, 0.0])
    np.testing.assert_array_equal(act.tanh(z), [1.0, -1.0])
    np.testing.assert_array_equal(act.softmax(z), [1.0, 0.0])
    np.testing.assert_array_equal(act.softmax([1.7e308, -1.7e308]), [1.0, 0.0])
    np.testing.assert_array_equal(act.logistic_derivative(z), [0.0, 0.0])
    np.testing.assert_array_equal(act.softmax([1e4, 1e4]), [0.5, 0.5])


finite = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False)
any_finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, array_shapes(min_dims=1, max_dims=2, max_side=6), elements=any_finite))
def test_softmax_is_a_probability_distribution_for_any_finite_input(z):
    a = call_strictly(act.softmax, z)
    assert np.all(np.isfinite(a))
    assert np.all((a >= 0) & (a <= 1))
    np.testing.assert_allclose(a.sum(axis=-1), 1.0, rtol=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float64, array_shapes(min_dims=1, max_dims=2, max_side=6),
           elements=st.floats(-1e3, 1e3)),
    st.floats(-1e3, 1e3),
)
def test_softmax_is_unchanged_by_adding_a_constant(z, c):
    np.testing.assert_allclose(act.softmax(z + c), act.softmax(z), atol=1e-9)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, array_shapes(max_dims=3, max_side=5), elements=any_finite))
def test_logistic_is_in_range_and_symmetric_for_any_finite_input(z):
    a = call_strictly(act.logistic, z)
    d = call_strictly(act.logistic_derivative, z)
    assert np.all((a >= 0) & (a <= 1))
    assert np.all((d >= 0) & (d <= 0.25))
    np.testing.assert_allclose(a + act.logistic(-z), 1.0, atol=1e-15)  # σ(-z) = 1 - σ(z)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, array_shapes(max_dims=2, max_side=5), elements=finite))
def test_every_elementwise_activation_is_warning_free(z):
    for name in ELEMENTWISE:
        if name not in FINITE_EVERYWHERE:
            continue
        f, df = act.get_activation(name)
        assert np.all(np.isfinite(call_strictly(f, z)))
        assert np.all(np.isfinite(call_strictly(df, z)))


# --------------------------------------------------------------- chain_derivative


@pytest.mark.parametrize("name", ["logistic", "tanh", "identity", "leaky_relu"])
@pytest.mark.parametrize("x", [-1.5, 0.3, 1.0])
def test_chain_derivative_is_the_measured_slope_of_the_chain(name, x):
    """Entry k-1 equals the slope of a_k(x), measured by central differences."""
    f, _ = act.get_activation(name)
    slopes = act.chain_derivative(name, x, 6)

    for k in range(1, 7):
        def chain(v, k=k):
            for _ in range(k):
                v = f(v)
            return v

        measured = float(numerical_gradient(chain, np.array(x)))
        # After six sigmoids the slope is about 1e-5, so the rounding error of the
        # difference quotient (about 1e-16 / h) is relatively larger than for one neuron.
        assert relative_error(slopes[k - 1], measured) < 1e-6, (name, x, k)


def test_chain_derivative_of_sigmoids_stays_below_a_quarter_to_the_n():
    slopes = act.chain_derivative("sigmoid", 1.0, 20)
    assert np.all(slopes <= 0.25 ** np.arange(1, 21))
    assert np.all(np.diff(slopes) < 0)


def test_chain_derivative_of_relu_is_one_for_positive_input_and_zero_for_negative():
    np.testing.assert_array_equal(act.chain_derivative("relu", 2.0, 10), np.ones(10))
    np.testing.assert_array_equal(act.chain_derivative("relu", -2.0, 3), np.zeros(3))


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("softmax", 1.0, 3), ValueError, "elementwise activation; got 'softmax'"),
        (("rleu", 1.0, 3), ValueError, "activation must be one of"),
        (("tanh", 1.0, 0), ValueError, "depth"),
        (("tanh", 1.0, 2.5), TypeError, "depth"),
        (("tanh", [1.0, 2.0], 3), ValueError, "x"),
        (("tanh", float("nan"), 3), ValueError, "x"),
    ],
)
def test_chain_derivative_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        act.chain_derivative(*args)
