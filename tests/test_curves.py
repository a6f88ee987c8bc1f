"""nnlib.curves: per-epoch training and test curves, weight norms; plot.regularisation."""

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.metrics import accuracy_score, log_loss
from sklearn.neural_network import MLPClassifier as SkMLPClassifier

import nnlib
from nnlib import plot
from nnlib.curves import TrainTestCurves, train_test_curves, weight_norms


@pytest.fixture(scope="module")
def moons():
    X, y = make_moons(n_samples=140, noise=0.3, random_state=0)
    return X[:40], y[:40], X[40:], y[40:]


def test_curves_match_a_model_trained_by_hand(moons):
    X_tr, y_tr, X_te, y_te = moons
    clf = nnlib.MLPClassifier((20,), solver="adam", random_state=1)
    curves = train_test_curves(clf, X_tr, y_tr, X_te, y_te, n_epochs=7)
    assert isinstance(curves, TrainTestCurves)
    assert curves.train_loss.shape == (7,) and list(curves.epochs) == list(range(1, 8))
    # the same epochs by hand: 7 calls of partial_fit on a fresh estimator
    by_hand = nnlib.MLPClassifier((20,), solver="adam", random_state=1)
    for _ in range(7):
        by_hand.partial_fit(X_tr, y_tr, classes=[0, 1])
    np.testing.assert_allclose(curves.test_loss[-1], log_loss(y_te, by_hand.predict_proba(X_te)),
                               rtol=1e-12)
    assert curves.train_accuracy[-1] == accuracy_score(y_tr, by_hand.predict(X_tr))
    assert curves.test_accuracy[-1] == accuracy_score(y_te, by_hand.predict(X_te))
    for a, b in zip(curves.estimator.coefs_, by_hand.coefs_, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not hasattr(clf, "coefs_")  # the estimator passed in is left untouched


def test_a_large_network_on_few_points_overfits(moons):
    X_tr, y_tr, X_te, y_te = moons
    clf = nnlib.MLPClassifier((100, 100), solver="adam", alpha=0.0, learning_rate_init=0.01,
                              random_state=0)
    curves = train_test_curves(clf, X_tr, y_tr, X_te, y_te, n_epochs=300)
    assert curves.train_loss[-1] < 0.1 * curves.train_loss[0]
    assert curves.train_accuracy[-1] == 1.0
    # the test loss passes through a minimum and then rises: the curves part
    assert curves.test_loss[-1] > 1.5 * curves.test_loss.min()
    assert 1 < curves.best_test_epoch < 300


def test_works_with_scikit_learns_classifier(moons):
    X_tr, y_tr, X_te, y_te = moons
    curves = train_test_curves(SkMLPClassifier((5,), solver="sgd", random_state=0),
                               X_tr, y_tr, X_te, y_te, n_epochs=3)
    assert np.all(np.isfinite(curves.test_loss))


def test_bad_input_is_rejected(moons):
    X_tr, y_tr, X_te, y_te = moons
    with pytest.raises(ValueError, match="stochastic solver"):
        train_test_curves(nnlib.MLPClassifier(solver="lbfgs"), X_tr, y_tr, X_te, y_te)
    with pytest.raises(ValueError, match="n_epochs must be a positive integer"):
        train_test_curves(nnlib.MLPClassifier(solver="adam"), X_tr, y_tr, X_te, y_te, 0)
    with pytest.raises(TypeError, match="partial_fit"):
        train_test_curves(object(), X_tr, y_tr, X_te, y_te)
    with pytest.raises(ValueError, match="same number of rows"):
        train_test_curves(nnlib.MLPClassifier(solver="adam"), X_tr, y_tr[:-1], X_te, y_te)


def test_weight_norms_are_frobenius_norms_and_shrink_with_alpha(moons):
    X_tr, y_tr, _, _ = moons
    norms = []
    for alpha in (1e-4, 1.0):
        clf = nnlib.MLPClassifier((10,), solver="lbfgs", alpha=alpha, max_iter=500,
                                  random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(X_tr, y_tr)
        got = weight_norms(clf)
        np.testing.assert_allclose(got, [np.linalg.norm(W) for W in clf.coefs_], rtol=1e-12)
        norms.append(np.sqrt(np.sum(got ** 2)))
    assert norms[1] < 0.5 * norms[0]
    with pytest.raises(TypeError, match="fitted MLP"):
        weight_norms(nnlib.MLPClassifier())


def test_probability_panel_shows_the_models_probabilities(moons):
    X_tr, y_tr, X_te, y_te = moons
    clf = nnlib.MLPClassifier((10,), solver="lbfgs", random_state=0, max_iter=300).fit(X_tr, y_tr)
    extent, points = plot.plane_grid(X_tr, resolution=30)
    assert points.shape == (900, 2)
    assert extent[0] == pytest.approx(X_tr[:, 0].min() - 0.5)
    artists = plot.probability_panel(clf, X_tr, y_tr, extent=extent, points=points)
    P = np.asarray(artists["image"].get_array())
    np.testing.assert_allclose(P.ravel(), clf.predict_proba(points)[:, 1])
    assert artists["contour"] is not None
    other = nnlib.MLPClassifier((10,), solver="lbfgs", alpha=10.0, random_state=0).fit(X_tr, y_tr)
    plot.set_probability_panel(artists, other, X_te, y_te)
    np.testing.assert_allclose(np.asarray(artists["image"].get_array()).ravel(),
                               other.predict_proba(points)[:, 1])
    assert len(artists["points"][0].get_offsets()) == np.sum(y_te == 0)
    with pytest.raises(ValueError, match="shape"):
        plot.plane_grid(np.zeros((3, 3)))
