"""nnlib against scikit-learn: the same weights give the same probabilities, the same
SGD steps, the same losses; the same random_state fits the same model."""

import warnings

import numpy as np
import pytest
from sklearn.datasets import make_blobs, make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier as SkMLPClassifier
from sklearn.preprocessing import StandardScaler

from nnlib import MLPClassifier
from nnlib.network import MLP

TIGHT = dict(rtol=1e-12, atol=1e-12)


def _quiet_fit(clf, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return clf.fit(X, y)


def _chapter8_data():
    X, y = make_moons(n_samples=300, noise=0.1, random_state=42)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def _three_classes():
    X, y = make_blobs(n_samples=90, centers=3, cluster_std=2.0, random_state=1)
    return StandardScaler().fit_transform(X), y


def _assert_same_weights(a, b, **tol):
    for ca, cb in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_, strict=True):
        np.testing.assert_allclose(ca, cb, **tol)


# --- the same random_state: the same initial weights, shuffles, and fitted model ---------

@pytest.mark.parametrize("random_state", [0, 42])
@pytest.mark.parametrize("hidden", [(2,), (3, 3)])
def test_chapter8_fit_is_sklearns_fit(random_state, hidden):
    X_train, X_test, y_train, y_test = _chapter8_data()
    kw = dict(hidden_layer_sizes=hidden, activation="relu", solver="sgd", max_iter=2000,
              random_state=random_state)
    sk = _quiet_fit(SkMLPClassifier(**kw), X_train, y_train)
    nn = _quiet_fit(MLPClassifier(**kw), X_train, y_train)
    assert nn.n_iter_ == sk.n_iter_                      # the same stopping epoch
    np.testing.assert_allclose(nn.loss_curve_, sk.loss_curve_, rtol=1e-10, atol=1e-12)
    assert nn.best_loss_ == pytest.approx(sk.best_loss_, rel=1e-10)
    _assert_same_weights(nn, sk, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(nn.predict(X_test), sk.predict(X_test))
    assert nn.score(X_test, y_test) == sk.score(X_test, y_test)


@pytest.mark.parametrize(("activation", "kw"), [
    ("tanh", dict(alpha=0.01, batch_size=32, nesterovs_momentum=False)),
    ("logistic", dict(alpha=0.1, learning_rate_init=0.05, momentum=0.5)),
    ("identity", dict(batch_size=16, shuffle=False)),
    ("relu", dict(alpha=0.0, momentum=0.0, learning_rate_init=0.1, n_iter_no_change=3,
                  tol=1e-3)),
])
def test_multiclass_fit_is_sklearns_fit(activation, kw):
    X, y = _three_classes()
    params = dict(hidden_layer_sizes=(5, 4), activation=activation, solver="sgd",
                  max_iter=60, random_state=3, **kw)
    sk = _quiet_fit(SkMLPClassifier(**params), X, y)
    nn = _quiet_fit(MLPClassifier(**params), X, y)
    assert nn.out_activation_ == sk.out_activation_ == "softmax"
    assert nn.n_iter_ == sk.n_iter_
    np.testing.assert_allclose(nn.loss_curve_, sk.loss_curve_, rtol=1e-10)
    _assert_same_weights(nn, sk, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(nn.predict_proba(X), sk.predict_proba(X), rtol=1e-9,
                               atol=1e-12)


def test_initial_weights_are_sklearns():
    X, y = _three_classes()
    for activation in ("relu", "logistic"):         # logistic uses a smaller Glorot bound
        kw = dict(hidden_layer_sizes=(4, 6), activation=activation, random_state=11)
        sk = SkMLPClassifier(solver="sgd", **kw)
        nn = MLPClassifier(**kw)
        sk.partial_fit(X[:1], y[:1], classes=[0, 1, 2])   # initialise, one step
        nn.partial_fit(X[:1], y[:1], classes=[0, 1, 2])
        _assert_same_weights(nn, sk, **TIGHT)


# --- the same weights: the same probabilities ---------------------------------------------

@pytest.mark.parametrize("activation", ["identity", "logistic", "tanh", "relu"])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_predict_proba_equal_for_copied_weights(activation, n_classes):
    X, y = _three_classes()
    if n_classes == 2:
        y = (y == 0).astype(int)
    kw = dict(hidden_layer_sizes=(6, 3), activation=activation, solver="sgd", max_iter=5)
    sk = _quiet_fit(SkMLPClassifier(random_state=0, **kw), X, y)
    nn = _quiet_fit(MLPClassifier(random_state=1, **kw), X, y)
    assert not np.allclose(sk.predict_proba(X), nn.predict_proba(X))
    # scikit-learn's weights into nnlib
    nn.coefs_ = [c.copy() for c in sk.coefs_]
    nn.intercepts_ = [b.copy() for b in sk.intercepts_]
    np.testing.assert_allclose(nn.predict_proba(X), sk.predict_proba(X), **TIGHT)
    np.testing.assert_array_equal(nn.predict(X), sk.predict(X))
    # nnlib's weights (from another fit) into scikit-learn
    other = _quiet_fit(MLPClassifier(random_state=2, **kw), X, y)
    sk.coefs_ = [c.copy() for c in other.coefs_]
    sk.intercepts_ = [b.copy() for b in other.intercepts_]
    np.testing.assert_allclose(sk.predict_proba(X), other.predict_proba(X), **TIGHT)
    np.testing.assert_allclose(sk.predict_log_proba(X), other.predict_log_proba(X), **TIGHT)


def test_mlp_forward_equals_sklearn_with_copied_weights():
    X, y = _three_classes()
    sk = _quiet_fit(SkMLPClassifier((4, 4), activation="tanh", solver="sgd", max_iter=5,
                                    random_state=0), X, y)
    net = MLP((2, 4, 4, 3), activation="tanh", output="softmax")
    net.set_weights(sk.coefs_, sk.intercepts_)
    np.testing.assert_allclose(net.forward(X), sk.predict_proba(X), **TIGHT)


# --- the same weights: the same SGD steps ---------------------------------------------------

@pytest.mark.parametrize(("momentum", "nesterov"), [(0.0, False), (0.9, False), (0.9, True)])
@pytest.mark.parametrize(("n_classes", "batch_size"), [(2, 60), (2, 25), (3, 90), (3, 32)])
def test_sgd_steps_equal_sklearns_from_copied_weights(momentum, nesterov, n_classes,
                                                      batch_size):
    X, y = _three_classes()                               # 90 samples
    if n_classes == 2:
        X, y = X[y != 2], y[y != 2]                       # 60 samples
    classes = np.unique(y)
    kw = dict(hidden_layer_sizes=(5, 3), activation="relu", solver="sgd", alpha=1e-3,
              learning_rate_init=0.1, momentum=momentum, nesterovs_momentum=nesterov,
              batch_size=batch_size, shuffle=False)
    sk = SkMLPClassifier(random_state=0, **kw).partial_fit(X, y, classes=classes)
    nn = MLPClassifier(random_state=5, **kw).partial_fit(X, y, classes=classes)
    start = MLPClassifier(random_state=9, **kw).partial_fit(X, y, classes=classes)
    for clf in (sk, nn):                   # the same starting weights, zero velocities
        clf.coefs_ = [c.copy() for c in start.coefs_]
        clf.intercepts_ = [b.copy() for b in start.intercepts_]
        del clf._optimizer
    for _ in range(3):                     # one epoch each: one or more SGD steps
        sk.partial_fit(X, y)
        nn.partial_fit(X, y)
        _assert_same_weights(nn, sk, **TIGHT)
        assert nn.loss_curve_[-1] == pytest.approx(sk.loss_curve_[-1], rel=1e-12)
    assert not np.allclose(nn.coefs_[0], start.coefs_[0])   # the weights did move


# --- losses ------------------------------------------------------------------------------

@pytest.mark.parametrize("n_classes", [2, 3])
def test_loss_equals_sklearn_log_loss(n_classes):
    X, y = _three_classes()
    if n_classes == 2:
        y = (y == 1).astype(int)
    clf = _quiet_fit(MLPClassifier((5,), max_iter=20, random_state=0), X, y)
    net = MLP((2, 5, 1 if n_classes == 2 else 3), output="logistic" if n_classes == 2
              else "softmax")
    net.set_weights(clf.coefs_, clf.intercepts_)
    assert net.loss(X, y) == pytest.approx(log_loss(y, clf.predict_proba(X)), rel=1e-12)
    W2 = sum(float(np.sum(c**2)) for c in clf.coefs_)
    assert net.loss(X, y, alpha=0.5) == pytest.approx(
        log_loss(y, clf.predict_proba(X)) + 0.25 * W2 / len(X), rel=1e-12)


def test_loss_curve_entry_is_the_penalised_log_loss():
    X, y = _three_classes()
    kw = dict(hidden_layer_sizes=(4,), alpha=0.3, batch_size=90, shuffle=False,
              random_state=0)
    clf = MLPClassifier(**kw).partial_fit(X, y, classes=[0, 1, 2])
    before = ([c.copy() for c in clf.coefs_], [b.copy() for b in clf.intercepts_])
    net = MLP((2, 4, 3), output="softmax")
    net.set_weights(*before)
    clf.partial_fit(X, y)                       # one full-batch step from `before`
    W2 = sum(float(np.sum(c**2)) for c in before[0])
    expected = log_loss(y, net.forward(X)) + 0.5 * 0.3 * W2 / 90
    assert clf.loss_curve_[-1] == pytest.approx(expected, rel=1e-12)


# --- accuracy on make_moons ------------------------------------------------------------

def test_moons_accuracy_not_below_sklearns():
    X_train, X_test, y_train, y_test = _chapter8_data()
    ours, theirs = [], []
    for seed in range(5):
        kw = dict(hidden_layer_sizes=(2,), activation="relu", solver="sgd", max_iter=2000,
                  random_state=seed)
        theirs.append(_quiet_fit(SkMLPClassifier(**kw), X_train, y_train)
                      .score(X_test, y_test))
        ours.append(_quiet_fit(MLPClassifier(**kw), X_train, y_train).score(X_test, y_test))
    assert all(a >= b for a, b in zip(ours, theirs, strict=True)), (ours, theirs)
    assert np.mean(ours) > 0.6
