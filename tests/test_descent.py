"""nnlib.descent: the two-parameter valley, its gradient, and the optimisers' paths."""

import warnings

import numpy as np
import pytest

from nnlib import descent, losses
from nnlib.network import MLP
from nnlib.optim import SGD, Adam

RNG = np.random.default_rng(3)
X = RNG.uniform(1.0, 7.0, 40)
Y = 0.4 * X - 0.3 + RNG.normal(0.0, 0.2, 40)


@pytest.fixture
def fit():
    return descent.LineFit(X, Y)


def test_cost_is_half_the_mean_squared_error_on_a_grid(fit):
    W, B = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-3, 3, 5))
    J = fit.cost(W, B)
    for w, b, j in zip(W.ravel(), B.ravel(), J.ravel(), strict=True):
        expected, _ = losses.squared_error(Y, w * X + b)
        assert j == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_gradient_is_the_one_layer_networks_gradient(fit):
    net = MLP((1, 1), output="identity")
    for w, b in [(0.0, 0.0), (1.5, -2.0), (-0.3, 0.7)]:
        net.set_weights([np.array([[w]])], [np.array([b])])
        _, grads = net.loss_and_grads(X[:, None], Y)
        np.testing.assert_allclose(fit.gradient(w, b),
                                   [grads[0]["W"][0, 0], grads[0]["b"][0]], rtol=1e-12)
        rows = np.array([3, 7, 11])
        _, grads = net.loss_and_grads(X[rows, None], Y[rows])
        np.testing.assert_allclose(fit.gradient(w, b, rows),
                                   [grads[0]["W"][0, 0], grads[0]["b"][0]], rtol=1e-12)


def test_minimum_is_least_squares_and_gradient_vanishes_there(fit):
    w, b = np.polyfit(X, Y, 1)
    np.testing.assert_allclose(fit.minimum, [w, b], rtol=1e-10)
    np.testing.assert_allclose(fit.gradient(*fit.minimum), [0.0, 0.0], atol=1e-12)


def test_critical_learning_rate_separates_convergence_from_divergence(fit):
    eta = fit.critical_learning_rate
    below = descent.descend(fit, (0.0, 0.0), SGD(learning_rate=0.95 * eta), 2000)
    above = descent.descend(fit, (0.0, 0.0), SGD(learning_rate=1.05 * eta), 2000)
    assert not below.diverged and np.allclose(below.theta[-1], fit.minimum, atol=1e-3)
    assert above.diverged and len(above.theta) < 2001


def test_divergence_is_stopped_without_warnings(fit):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = descent.descend(fit, (0.0, 0.0), SGD(learning_rate=1.0), 200)
    assert path.diverged
    assert np.all(np.isfinite(path.theta)) and np.all(np.isfinite(path.cost))
    assert np.max(np.abs(path.theta[:-1])) <= 1e6 < np.max(np.abs(path.theta[-1]))


def test_path_follows_the_optimiser_step_by_step(fit):
    opt = SGD(learning_rate=0.01, momentum=0.9)
    path = descent.descend(fit, (0.5, 0.5), opt, 5)
    theta, v = np.array([0.5, 0.5]), np.zeros(2)
    for t in range(1, 6):
        v = 0.9 * v - 0.01 * fit.gradient(*theta)
        theta = theta + v
        np.testing.assert_allclose(path.theta[t], theta, rtol=1e-12)
    np.testing.assert_allclose(path.cost, fit.cost(path.theta[:, 0], path.theta[:, 1]))


def test_minibatches_use_each_sample_once_per_epoch(fit):
    seen = []

    class Recorder(descent.LineFit):
        def gradient(self, w, b, rows=None):
            seen.append(np.array(rows))
            return super().gradient(w, b, rows)

    rec = Recorder(X, Y)
    descent.descend(rec, (0.0, 0.0), SGD(learning_rate=0.01), 8, batch_size=10)
    assert sorted(np.concatenate(seen[:4])) == list(range(40))
    assert sorted(np.concatenate(seen[4:])) == list(range(40))
    assert not np.array_equal(np.concatenate(seen[:4]), np.concatenate(seen[4:]))


def test_minibatch_paths_are_noisy_but_seeded(fit):
    a = descent.descend(fit, (0.0, 0.0), SGD(learning_rate=0.02), 50, batch_size=4)
    b = descent.descend(fit, (0.0, 0.0), SGD(learning_rate=0.02), 50, batch_size=4)
    full = descent.descend(fit, (0.0, 0.0), SGD(learning_rate=0.02), 50)
    np.testing.assert_array_equal(a.theta, b.theta)
    assert not np.allclose(a.theta, full.theta)


def test_momentum_and_adam_beat_plain_descent_on_the_long_valley(fit):
    eta = 0.5 * fit.critical_learning_rate
    plain = descent.descend(fit, (-0.4, 1.6), descent.make_optimizer("sgd", eta), 100)
    heavy = descent.descend(fit, (-0.4, 1.6), descent.make_optimizer("momentum", eta), 100)
    assert heavy.cost[-1] < plain.cost[-1]
    adam = descent.descend(fit, (-0.4, 1.6), descent.make_optimizer("adam", 0.1), 100)
    assert isinstance(descent.make_optimizer("adam", 0.1), Adam)
    assert adam.cost[-1] < plain.cost[0]


def test_make_optimizer_names():
    assert descent.make_optimizer("nesterov", 0.1).nesterov
    with pytest.raises(ValueError, match="optimizer must be one of"):
        descent.make_optimizer("rmsprop", 0.1)


def test_bad_input_is_reported():
    with pytest.raises(ValueError, match="same length"):
        descent.LineFit([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="two different values"):
        descent.LineFit([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="one feature"):
        descent.LineFit(np.ones((3, 2)), [1.0, 2.0, 3.0])
    fit = descent.LineFit(X, Y)
    with pytest.raises(TypeError, match="LineFit"):
        descent.descend("valley", (0, 0), SGD())
    with pytest.raises(TypeError, match="optimizer"):
        descent.descend(fit, (0, 0), "sgd")
    with pytest.raises(ValueError, match="pair"):
        descent.descend(fit, (0, 0, 0), SGD())


def test_iris_petals_is_chapter_4s_line():
    fit = descent.iris_petals()
    assert fit.n_samples == 150
    assert fit.minimum[0] == pytest.approx(0.4158, abs=1e-4)
    assert "LineFit(n=150" in repr(fit)
