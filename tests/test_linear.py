"""nnlib.linear: the perceptron rule, the costs' gradients (checked numerically), gradient
descent, the SVM's geometry, and agreement with scikit-learn on the chapter's iris data."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.svm import SVC

from nnlib import activations, data, gradcheck, linear, losses


@pytest.fixture(scope="module")
def iris():
    return data.iris_two_species()


@pytest.fixture(scope="module")
def separable():
    return data.iris_two_species(species=("setosa", "versicolor"))


# ------------------------------------------------------------------------- predictions


def test_scores_probabilities_and_predictions():
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0]])
    w, b = np.array([0.5, -1.0]), 0.25
    z = linear.scores(X, w, b)
    np.testing.assert_allclose(z, [-1.25, -0.75, 0.25])
    np.testing.assert_allclose(linear.predict_proba(X, w, b), activations.logistic(z))
    np.testing.assert_array_equal(linear.predict(X, w, b), [0, 0, 1])


def test_predict_is_probability_above_one_half(iris):
    X, _ = iris
    w, b = np.array([1.3, -0.4]), 0.2
    np.testing.assert_array_equal(linear.predict(X, w, b),
                                  (linear.predict_proba(X, w, b) > 0.5).astype(int))


def test_signed_labels():
    np.testing.assert_array_equal(linear.signed_labels([0, 1, 1]), [-1, 1, 1])
    np.testing.assert_array_equal(linear.signed_labels([-1, 1]), [-1, 1])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        linear.signed_labels([0, 2])


# -------------------------------------------------------------------------- perceptron


def test_perceptron_update_moves_only_on_a_mistake():
    w, b, error = linear.perceptron_update([1.0, 2.0], 1, [0.0, 0.0], 0.0)
    np.testing.assert_array_equal(w, [1.0, 2.0])  # predicted 0 (z = 0 is not > 0), was 1
    assert (b, error) == (1.0, 1)
    w2, b2, error2 = linear.perceptron_update([1.0, 2.0], 1, w, b)
    np.testing.assert_array_equal(w2, w)
    assert (b2, error2) == (b, 0)
    w3, b3, error3 = linear.perceptron_update([1.0, 2.0], 0, w, b, learning_rate=0.5)
    np.testing.assert_array_equal(w3, [0.5, 1.0])
    assert (b3, error3) == (0.5, -1)


def test_perceptron_converges_on_separable_data(separable):
    X, y = separable
    result = linear.perceptron(X, y)
    assert result.converged
    assert result.mistakes[-1] == 0
    assert result.n_updates == sum(result.mistakes) == len(result.history) - 1
    np.testing.assert_array_equal(linear.predict(X, result.w, result.b), y)


def test_perceptron_never_settles_on_overlapping_data(iris):
    X, y = iris  # versicolor and virginica overlap
    result = linear.perceptron(X, y, max_epochs=20)
    assert not result.converged
    assert result.n_epochs == 20
    assert min(result.mistakes) > 0


def test_perceptron_on_and_gate():
    X, y = data.logic_gate("AND")
    result = linear.perceptron(X, y)
    assert result.converged
    np.testing.assert_array_equal(linear.predict(X, result.w, result.b), y)


# --------------------------------------------------------------------- costs, gradients


@pytest.mark.parametrize("loss", ["cross_entropy", "hinge", "squared_error"])
@pytest.mark.parametrize("alpha", [0.0, 0.3])
def test_gradients_match_central_differences(iris, loss, alpha):
    X, y = iris
    rng = np.random.default_rng(0)
    w, b = rng.normal(size=2), 0.3
    y = y.astype(float) if loss != "squared_error" else X @ [1.0, -2.0] + rng.normal(size=len(X))
    _, grad_w, grad_b = linear.cost_and_gradients(X, y, w, b, loss=loss, alpha=alpha)
    theta = np.append(w, b)

    def cost(t):
        return linear.cost_and_gradients(X, y, t[:2], t[2], loss=loss, alpha=alpha)[0]

    numerical = gradcheck.numerical_gradient(cost, theta)
    # entry by entry; the hinge's bias gradient can be 0 (then only an absolute check)
    np.testing.assert_allclose(np.append(grad_w, grad_b), numerical, rtol=1e-6, atol=1e-9)


def test_cross_entropy_gradient_is_mean_of_error_times_input(iris):
    X, y = iris
    w, b = np.array([0.7, -0.2]), 0.1
    y_hat = activations.logistic(X @ w + b)
    _, grad_w, grad_b = linear.cost_and_gradients(X, y, w, b, loss="cross_entropy")
    np.testing.assert_allclose(grad_w, np.mean((y_hat - y)[:, None] * X, axis=0), rtol=1e-12)
    np.testing.assert_allclose(grad_b, np.mean(y_hat - y), rtol=1e-12)


def test_cost_is_mean_loss_plus_half_alpha_norm_squared(iris):
    X, y = iris
    w, b = np.array([0.7, -0.2]), 0.1
    ce, _ = losses.binary_cross_entropy(y, X @ w + b)
    hinge, _ = losses.hinge(2 * y - 1, X @ w + b)
    J_ce = linear.cost_and_gradients(X, y, w, b, "cross_entropy", alpha=0.4)[0]
    J_h = linear.cost_and_gradients(X, y, w, b, "hinge", alpha=0.4)[0]
    assert J_ce == pytest.approx(ce + 0.2 * (w @ w), rel=1e-14)
    assert J_h == pytest.approx(hinge + 0.2 * (w @ w), rel=1e-14)


def test_gradient_step_is_shrink_then_push(iris):
    X, y = iris
    w, b, eta, alpha = np.array([0.7, -0.2]), 0.1, 0.3, 0.5
    _, g_w, g_b = linear.cost_and_gradients(X, y, w, b, alpha=0.0)
    w_new, b_new = linear.gradient_step(X, y, w, b, alpha=alpha, learning_rate=eta)
    np.testing.assert_allclose(w_new, (1 - eta * alpha) * w - eta * g_w, rtol=1e-13)
    assert b_new == pytest.approx(b - eta * g_b, rel=1e-13)


def test_l2_alone_decays_weights_geometrically():
    X = np.zeros((4, 2))  # no data push: every gradient of the loss w.r.t. w is 0
    y = np.array([0, 1, 0, 1])
    fit = linear.gradient_descent(X, y, alpha=0.5, learning_rate=0.2, n_iter=10,
                                  w=[2.0, -1.0])
    expected = np.outer(0.9 ** np.arange(11), [2.0, -1.0])
    np.testing.assert_allclose(fit.weights, expected, rtol=1e-12)


def test_gradient_descent_lowers_the_cross_entropy(iris):
    X, y = iris
    fit = linear.gradient_descent(X, y, learning_rate=0.5, n_iter=200)
    assert fit.loss_curve.shape == (201,)
    assert np.all(np.diff(fit.loss_curve) <= 1e-15)  # smooth and convex: every step goes down
    assert fit.loss_curve[0] == pytest.approx(np.log(2))
    assert np.mean(linear.predict(X, fit.w, fit.b) == y) >= 0.9


# ----------------------------------------------------------------- scikit-learn agrees


@pytest.mark.parametrize("alpha", [0.01, 0.1, 1.0])
def test_logistic_regression_matches_sklearn(iris, alpha):
    X, y = iris
    fit = linear.gradient_descent(X, y, "cross_entropy", alpha=alpha, learning_rate=1.0,
                                  n_iter=3000)
    sk = LogisticRegression(C=linear.sklearn_C(alpha, len(y)), tol=1e-12,
                            max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(fit.w, sk.coef_[0], atol=1e-8)
    assert fit.b == pytest.approx(sk.intercept_[0], abs=1e-8)


def test_linear_regression_matches_sklearn():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(80, 2))
    y = X @ [2.0, -1.0] + 0.5 + 0.1 * rng.normal(size=80)
    fit = linear.gradient_descent(X, y, "squared_error", learning_rate=0.5, n_iter=500)
    sk = LinearRegression().fit(X, y)
    np.testing.assert_allclose(fit.w, sk.coef_, atol=1e-10)
    assert fit.b == pytest.approx(sk.intercept_, abs=1e-10)


@pytest.mark.parametrize("alpha", [0.02, 0.2])
def test_hinge_subgradient_descent_approaches_sklearn_svc(iris, alpha):
    X, y = iris
    sk = SVC(kernel="linear", C=linear.sklearn_C(alpha, len(y)), tol=1e-10).fit(X, y)
    fit = linear.gradient_descent(X, y, "hinge", alpha=alpha, learning_rate=1.0,
                                  n_iter=5000, decay=0.01)
    J_ours = linear.cost_and_gradients(X, y, fit.best_w, fit.best_b, "hinge", alpha)[0]
    J_sk = linear.cost_and_gradients(X, y, sk.coef_[0], sk.intercept_[0], "hinge", alpha)[0]
    assert J_sk <= J_ours + 1e-9          # sklearn's exact solver is the minimum
    assert J_ours - J_sk < 1e-3           # subgradient descent comes close in cost
    np.testing.assert_allclose(fit.best_w, sk.coef_[0], atol=0.05)
    assert linear.margin_width(fit.best_w) == pytest.approx(
        linear.margin_width(sk.coef_[0]), rel=0.03)


def test_sklearn_support_vectors_are_on_or_inside_the_margin(iris):
    X, y = iris
    alpha = 0.1
    sk = SVC(kernel="linear", C=linear.sklearn_C(alpha, len(y)), tol=1e-10).fit(X, y)
    mask = linear.support_vectors(X, y, sk.coef_[0], sk.intercept_[0], tol=1e-3)
    np.testing.assert_array_equal(np.flatnonzero(mask), np.sort(sk.support_))


def test_sklearn_c_maps_alpha():
    assert linear.sklearn_C(0.1, 100) == pytest.approx(0.1)
    with pytest.raises(ValueError, match="alpha"):
        linear.sklearn_C(0.0, 100)


# ---------------------------------------------------------------------------- geometry


def test_margin_and_distance():
    assert linear.margin_width([3.0, 4.0]) == pytest.approx(0.4)
    assert linear.margin_width([0.0, 0.0]) == np.inf
    d = linear.distance_to_boundary([[1.0, 1.0], [0.0, 0.0]], [3.0, 4.0], -2.0)
    np.testing.assert_allclose(d, [1.0, -0.4])
    with pytest.raises(ValueError, match="w must not be all zero"):
        linear.distance_to_boundary([[1.0, 1.0]], [0.0, 0.0], 1.0)


def test_points_on_the_margin_lines_are_one_over_norm_away():
    w, b = np.array([2.0, -1.0]), 0.5
    on_plus = np.array([[0.25, 0.0]])  # 2 * 0.25 + 0.5 = 1
    assert linear.scores(on_plus, w, b)[0] == pytest.approx(1.0)
    assert linear.distance_to_boundary(on_plus, w, b)[0] == pytest.approx(
        linear.margin_width(w) / 2)


# --------------------------------------------------------------------------- bad input


def test_bad_input_gets_clear_errors(iris):
    X, y = iris
    with pytest.raises(ValueError, match="X has 2 features but w has 3"):
        linear.scores(X, [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="loss must be one of"):
        linear.cost_and_gradients(X, y, [1.0, 1.0], 0.0, loss="log")
    with pytest.raises(ValueError, match="alpha must be a non-negative"):
        linear.cost_and_gradients(X, y, [1.0, 1.0], 0.0, alpha=-1.0)
    with pytest.raises(ValueError, match="same number of samples"):
        linear.gradient_descent(X, y[:-1])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        linear.perceptron(X, y + 2)
    with pytest.raises(ValueError, match="learning_rate must be a positive"):
        linear.gradient_step(X, y, [1.0, 1.0], 0.0, learning_rate=0.0)
    with pytest.raises(TypeError, match="n_iter must be an integer"):
        linear.gradient_descent(X, y, n_iter=10.5)
    with pytest.raises(ValueError, match="species must be one of"):
        data.iris_two_species(species=("setosa", "rose"))


def test_no_warnings_for_extreme_weights(iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for w in ([1e6, -1e6], [0.0, 0.0], [-300.0, 500.0]):
            for loss in ("cross_entropy", "hinge"):
                J, g_w, g_b = linear.cost_and_gradients(X, y, w, 1e3, loss=loss, alpha=1.0)
                assert np.isfinite(J) and np.all(np.isfinite(g_w)) and np.isfinite(g_b)
