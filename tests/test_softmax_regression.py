"""Softmax regression (nnlib.softmax_regression) and chapter 6's spiral and plots."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler

from nnlib import data, gradcheck, plot
from nnlib import softmax_regression as sr
from nnlib.activations import logistic, softmax
from nnlib.network import MLP


def iris_petals():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X[:, 2:]), y


def test_softmax_of_example_and_shift_invariance():
    assert np.allclose(softmax([1.0, 2.0]), [0.2689414213699951, 0.7310585786300049])
    z = np.array([0.3, -1.2, 2.0])
    assert np.allclose(softmax(z + 1000.0), softmax(z))


def test_two_class_softmax_is_sigmoid_of_difference():
    z = np.random.default_rng(0).normal(size=(50, 2)) * 5
    assert np.allclose(softmax(z, axis=1)[:, 1], logistic(z[:, 1] - z[:, 0]))


def test_temperature():
    z = np.array([1.0, 2.0, 0.0])
    assert np.allclose(sr.softmax_with_temperature(z, 1.0), softmax(z))
    assert np.allclose(sr.softmax_with_temperature(z, 1e6), 1 / 3, atol=1e-5)
    assert np.argmax(sr.softmax_with_temperature(z, 0.01)) == 1
    assert sr.softmax_with_temperature(z, 0.01)[1] > 0.999
    with pytest.raises(ValueError, match="T"):
        sr.softmax_with_temperature(z, 0.0)


def test_one_hot_and_errors():
    assert np.array_equal(sr.one_hot([1, 0]), [[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="class labels"):
        sr.one_hot([0.5, 1.0])
    with pytest.raises(ValueError, match="one row per feature"):
        sr.predict_proba(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="one entry per class"):
        sr.predict_proba(np.zeros((2, 2)), np.zeros((2, 3)), np.zeros(2))


def test_gradient_is_P_minus_Y_and_matches_finite_differences():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 3, 20)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=3)
    J, dW, db = sr.cost_and_gradients(X, y, W, b, alpha=0.1)
    P, Y = sr.predict_proba(X, W, b), sr.one_hot(y, 3)
    assert np.allclose(dW, X.T @ (P - Y) / 20 + 0.1 * W)
    num_W = gradcheck.numerical_gradient(lambda V: sr.cost_and_gradients(X, y, V, b, 0.1)[0], W)
    num_b = gradcheck.numerical_gradient(lambda v: sr.cost_and_gradients(X, y, W, v, 0.1)[0], b)
    assert gradcheck.relative_error(num_W, dW) < 1e-7
    assert gradcheck.relative_error(num_b, db) < 1e-7
    assert np.isclose(J - 0.05 * np.sum(W**2), log_loss(y, P))


def test_fit_matches_sklearn_multinomial_on_iris():
    X, y = iris_petals()
    alpha = 0.01
    fit = sr.fit(X, y, alpha=alpha, learning_rate=1.0, n_iter=5000)
    assert np.all(np.diff(fit.loss_curve) <= 1e-12)  # the cost never rises
    sk = LogisticRegression(C=1 / (len(y) * alpha), tol=1e-12, max_iter=10_000).fit(X, y)
    assert np.max(np.abs(fit.predict_proba(X) - sk.predict_proba(X))) < 1e-6
    W, b = sr.centre(fit.W, fit.b)
    W_sk, b_sk = sr.centre(sk.coef_.T, sk.intercept_)
    assert np.max(np.abs(W - W_sk)) < 1e-5
    assert np.max(np.abs(b - b_sk)) < 1e-5


def test_centre_keeps_probabilities_and_zero_start_stays_centred():
    X, y = iris_petals()
    fit = sr.fit(X, y, n_iter=50)
    W, b = sr.centre(fit.W + 3.0, fit.b - 2.0)
    assert np.allclose(sr.predict_proba(X, W, b), fit.predict_proba(X))
    assert np.allclose(fit.W.sum(axis=1), 0) and np.isclose(fit.b.sum(), 0)


def test_mlp_without_hidden_layer_is_softmax_regression():
    X, y = iris_petals()
    fit = sr.fit(X, y, alpha=0.01, n_iter=200)
    net = MLP((2, 3), output="softmax")
    net.set_weights([fit.W], [fit.b])
    assert np.allclose(net.forward(X), fit.predict_proba(X))


def test_three_arm_spiral():
    X, y = data.three_arm_spiral(n_per_class=40, random_state=3)
    X2, _ = data.three_arm_spiral(n_per_class=40, random_state=3)
    assert X.shape == (120, 2) and np.array_equal(np.bincount(y), [40, 40, 40])
    assert np.array_equal(X, X2)
    r = np.hypot(*X.T)
    assert np.allclose(r.min(), 0.2) and np.allclose(r.max(), 1.0)
    # straight arms (turn 0) are separable by straight lines; curled ones are not
    Xs, ys = data.three_arm_spiral(turn=0.0, noise=0.0)
    assert LogisticRegression(C=1e4, max_iter=5000).fit(Xs, ys).score(Xs, ys) == 1.0
    Xc, yc = data.three_arm_spiral()
    assert LogisticRegression(C=1e4, max_iter=5000).fit(Xc, yc).score(Xc, yc) < 0.95
    with pytest.raises(ValueError, match="noise"):
        data.three_arm_spiral(noise=-1.0)


def test_plots():
    X, y = iris_petals()
    fit = sr.fit(X, y, n_iter=100)
    fig, ax = plot.new_figure()
    grid = plot.class_regions(fit.predict_proba, X, y, ax=ax, resolution=50)
    assert set(np.unique(grid)) == {0, 1, 2}
    bars = plot.probability_bars([0.2, 0.5, 0.3], ax=ax, true_class=1)
    assert [bar.get_height() for bar in bars] == [0.2, 0.5, 0.3]
    assert bars[1].get_linewidth() == 2.5
    with pytest.raises(ValueError, match="probabilities"):
        plot.probability_bars(np.ones(9))
    matplotlib.pyplot.close("all")
