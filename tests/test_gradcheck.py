"""Tests of nnlib.gradcheck: numerical gradients and the relative error."""

import numpy as np
import pytest

from nnlib.gradcheck import numerical_gradient, relative_error


@pytest.fixture
def rng():
    return np.random.default_rng(99)


def test_gradient_of_a_cubic(rng):
    x = rng.normal(size=6)
    numerical = numerical_gradient(lambda t: float(np.sum(t**3)), x)
    assert relative_error(3 * x**2, numerical) < 1e-8


def test_gradient_of_a_matrix_function_keeps_the_shape(rng):
    A = rng.normal(size=(3, 4))
    W = rng.normal(size=(4, 2))
    # f(W) = sum(A W) has gradient A^T 1 (each W[i, j] is multiplied by the column sum of A).
    numerical = numerical_gradient(lambda t: float(np.sum(A @ t)), W)
    assert numerical.shape == (4, 2)
    expected = np.repeat(A.sum(axis=0)[:, None], 2, axis=1)
    assert relative_error(expected, numerical) < 1e-8


def test_gradient_of_a_scalar_is_a_float():
    g = numerical_gradient(lambda t: float(np.sin(t)), 0.3)
    assert type(g) is float
    assert g == pytest.approx(np.cos(0.3), rel=1e-9)


def test_gradient_does_not_change_x_and_accepts_lists():
    x = np.array([1.0, 2.0])
    numerical_gradient(lambda t: float(t @ t), x)
    np.testing.assert_array_equal(x, [1.0, 2.0])
    np.testing.assert_allclose(numerical_gradient(lambda t: float(t @ t), [1, 2]), [2.0, 4.0])


def test_f_that_modifies_its_argument_does_not_disturb_the_result():
    def f(t):
        value = float(np.sum(t**2))
        t[:] = 100.0  # a careless f
        return value

    np.testing.assert_allclose(numerical_gradient(f, [1.0, -1.0]), [2.0, -2.0], rtol=1e-8)


def test_smaller_step_is_used(rng):
    x = rng.normal(size=3)
    coarse = numerical_gradient(lambda t: float(np.sum(np.exp(t))), x, h=1e-1)
    fine = numerical_gradient(lambda t: float(np.sum(np.exp(t))), x, h=1e-5)
    assert relative_error(np.exp(x), fine) < relative_error(np.exp(x), coarse)


def test_relative_error_values():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0, 2.0], [1.0, 2.1]) == pytest.approx(0.1 / 4.1)
    assert relative_error([1.0], [-1.0]) == 1.0  # opposite signs: as wrong as can be
    a, b = [3.0, -1.0, 0.5], [2.9, -1.2, 0.5]
    assert relative_error(a, b) == relative_error(b, a)


def test_relative_error_of_a_scalar_and_of_matrices(rng):
    assert relative_error(2.0, 2.0) == 0.0
    A = rng.normal(size=(3, 3))
    expected = np.max(1e-9 / (2 * np.abs(A) + 1e-9))  # entry by entry: the smallest |A| wins
    assert relative_error(A, A + 1e-9) == pytest.approx(expected, rel=1e-5)


def test_relative_error_is_entry_by_entry():
    """Issue 9, item 5: a wrong sign in a small entry is not hidden by a large one."""
    assert relative_error([1000.0, 1e-6], [1000.0, -1e-6]) == 1.0
    # below eps in size, entries are compared absolutely: noise around 0 is not an error
    assert relative_error([1.0, 0.0], [1.0, 1e-12]) == pytest.approx(1e-4)
    assert relative_error([1.0, 0.0], [1.0, 1e-12], eps=1e-20) == 1.0
    with pytest.raises(ValueError, match="eps must be a positive number"):
        relative_error([1.0], [1.0], eps=0)


def test_step_is_relative_to_the_size_of_x():
    """Issue 9, item 5: f = x² at x = 1e10 has slope 2e10 (a step of 1e-6 was lost there)."""
    assert numerical_gradient(lambda t: t**2, 1e10) == pytest.approx(2e10, rel=1e-6)
    scale = np.array([1e-20, 1.0, 1.0])  # so that no term drowns the others
    g = numerical_gradient(lambda t: float(np.sum(scale * t**2)), [1e10, 3.0, -1e-3])
    np.testing.assert_allclose(g, [2e-10, 6.0, -2e-3], rtol=1e-6)
