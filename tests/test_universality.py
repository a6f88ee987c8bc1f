"""nnlib.universality: bumps from pairs of sigmoids, and a curve from bumps."""

import numpy as np
import pytest

from nnlib import activations, universality
from nnlib.network import MLP


def test_bump_is_the_difference_of_two_sigmoids():
    x = np.linspace(-1.0, 2.0, 301)
    got = universality.bump(x, 0.3, 0.7, steepness=50.0, height=2.0)
    want = 2.0 * (activations.logistic(50 * (x - 0.3)) - activations.logistic(50 * (x - 0.7)))
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-15)


def test_a_steep_bump_is_a_box():
    x = np.array([0.0, 0.29, 0.31, 0.5, 0.69, 0.71, 1.0])
    got = universality.bump(x, 0.3, 0.7, steepness=5000.0)
    np.testing.assert_allclose(got, [0, 0, 1, 1, 1, 0, 0], atol=1e-10)
    # half risen exactly at the edges
    np.testing.assert_allclose(universality.bump([0.3, 0.7], 0.3, 0.7, 5000.0), [0.5, 0.5])


def test_edges_tile_a_widened_interval_and_centres_lie_inside():
    for m in [1, 2, 7, 50]:
        edges, centres = universality.bump_edges(m, (-2.0, 3.0))
        width = 5.0 / m
        assert edges.shape == (m + 1,) and centres.shape == (m,)
        np.testing.assert_allclose(np.diff(edges), np.full(m, 5.0 * (m + 1) / m**2))
        np.testing.assert_allclose([edges[0], edges[-1]], [-2.0 - width / 2, 3.0 + width / 2])
        assert np.all((centres >= -2.0) & (centres <= 3.0))


@pytest.mark.parametrize("target", sorted(universality.TARGETS))
@pytest.mark.parametrize(("m", "s"), [(1, 5.0), (4, 80.0), (25, 700.0)])
def test_weights_define_an_mlp_whose_forward_pass_is_the_approximation(target, m, s):
    coefs, intercepts = universality.bump_weights(target, m, s)
    assert [W.shape for W in coefs] == [(1, 2 * m), (2 * m, 1)]
    assert [b.shape for b in intercepts] == [(2 * m,), (1,)]
    net = MLP((1, 2 * m, 1), activation="logistic", output="identity", random_state=0)
    net.set_weights(coefs, intercepts)
    x = np.linspace(-0.2, 1.2, 141)
    y_hat, bumps = universality.bump_approximation(target, x, m, s, return_bumps=True)
    np.testing.assert_allclose(net.forward(x[:, None])[:, 0], y_hat, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(bumps.sum(axis=1), y_hat, rtol=1e-12, atol=1e-12)


def test_each_bump_has_the_target_height_at_its_centre():
    f = universality.get_target("sine")
    edges, centres = universality.bump_edges(8)
    coefs, _ = universality.bump_weights("sine", 8, 100.0)
    np.testing.assert_allclose(coefs[1][0::2, 0], f(centres))
    np.testing.assert_allclose(coefs[1][1::2, 0], -f(centres))
    _, bumps = universality.bump_approximation("sine", centres, 8, 100.0, return_bumps=True)
    for i, left in enumerate(edges[:-1]):
        expected = universality.bump(centres, left, edges[i + 1], 100.0, f(centres[i]))
        np.testing.assert_allclose(bumps[:, i], expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("target", sorted(universality.TARGETS))
def test_error_falls_as_the_number_of_bumps_grows(target):
    # steep enough for the narrowest bump: s times the bump width stays >= 50
    errors = [universality.approximation_error(target, m, steepness=60.0 * m)
              for m in [10, 20, 40, 80, 160]]
    maxima, means = np.array(errors).T
    assert np.all(np.diff(maxima) < 0), maxima
    assert np.all(np.diff(means) < 0), means
    assert maxima[-1] < 0.05


def test_error_is_measured_against_the_target_on_the_whole_interval():
    # a constant target is drawn by one steep bump that covers [a, b] with its flat top
    max_error, mean_error = universality.approximation_error(lambda x: np.full_like(x, 2.0),
                                                             1, 1000.0, (-1.0, 1.0))
    assert max_error < 1e-12 and mean_error < 1e-12
    # a flat bump (s small) falls far short of the target
    assert universality.approximation_error(lambda x: np.full_like(x, 2.0), 1, 0.1)[0] > 1.9


def test_a_callable_target_is_used_as_given():
    x = np.linspace(0, 1, 11)
    a = universality.bump_approximation(lambda t: np.sin(2 * np.pi * t), x, 6, 200.0)
    b = universality.bump_approximation("sine", x, 6, 200.0)
    np.testing.assert_array_equal(a, b)


def test_bad_input_gets_clear_errors():
    with pytest.raises(ValueError, match="target must be one of"):
        universality.bump_weights("sin", 3, 10.0)
    with pytest.raises(ValueError, match="n_bumps must be an integer >= 1; got 0"):
        universality.bump_weights("sine", 0, 10.0)
    with pytest.raises(TypeError, match="n_bumps must be an integer"):
        universality.bump_weights("sine", 2.5, 10.0)
    with pytest.raises(ValueError, match="steepness must be a positive number"):
        universality.bump_weights("sine", 3, -1.0)
    with pytest.raises(ValueError, match="interval must be two numbers"):
        universality.bump_weights("sine", 3, 10.0, interval=(1.0, 0.0))
    with pytest.raises(ValueError, match="left must be smaller than right"):
        universality.bump(0.5, 0.7, 0.3, 10.0)
    with pytest.raises(ValueError, match="f must return one value per x"):
        universality.bump_weights(lambda x: 1.0 + 0 * x[:1], 3, 10.0)
    with pytest.raises(ValueError, match="x must be a 1-D array"):
        universality.bump_approximation("sine", [[0.1]], 3, 10.0)
