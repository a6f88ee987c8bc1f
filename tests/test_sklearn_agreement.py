"""nnlib's estimators against scikit-learn's: with the same random_state and settings
each solver fits the same model (weights, loss curve, stopping epoch, predictions)."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.datasets import make_blobs, make_moons, make_multilabel_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier as SkMLPClassifier
from sklearn.neural_network import MLPRegressor as SkMLPRegressor
from sklearn.preprocessing import StandardScaler

from nnlib import MLPClassifier, MLPRegressor
from nnlib.network import MLP

# Agreement is to rounding: the two libraries add the same numbers in slightly different
# orders, and a long fit amplifies the last bits. L-BFGS amplifies them fastest (its line
# searches and curvature pairs feed on differences of gradients). nnlib's L-BFGS computes
# the loss and gradient in scikit-learn's order, so with the identity, exp and softmax
# outputs and relu/tanh/identity hidden units it follows scikit-learn's path to the bit, to
# convergence (the "to convergence" cases). Where a LOGISTIC unit is involved (the output
# of a binary or multilabel classifier, or activation='logistic') nnlib's σ(z) rounds
# differently from scikit-learn's expit for z < 0 (e^z / (1 + e^z) against
# 1 / (1 + e^-z)); measured: the weights differ from
# iteration 1-2 by ~1e-15 (relative), ~3e-13 at iteration 25, ~1e-6 at 50, and n_iter_ can
# differ after ~90 (92 vs 95, 138 vs 136). So those L-BFGS cases run 25 iterations.
LOSS = dict(rtol=1e-9, atol=1e-12)
WEIGHTS = dict(rtol=1e-7, atol=1e-9)


def _quiet_fit(est, X, y, **fit_params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return est.fit(X, y, **fit_params)


def _moons():
    """Chapter 8's data: make_moons(300, noise 0.1), a 70/30 split, standard scaling."""
    X, y = make_moons(n_samples=300, noise=0.1, random_state=42)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), y_train, scaler.transform(X_test)


def _blobs():
    X, y = make_blobs(n_samples=150, centers=3, cluster_std=2.0, random_state=1)
    X = StandardScaler().fit_transform(X)
    return X, y, X[::7]


def _multilabel():
    X, Y = make_multilabel_classification(n_samples=120, n_features=4, n_classes=3,
                                          random_state=0)
    X = StandardScaler().fit_transform(X)
    return X, Y, X[::5]


def _curve(n_outputs=1):
    """A 1-D curve as chapter 7 fits it (two curves for n_outputs=2)."""
    rng = np.random.RandomState(0)
    x = np.sort(rng.uniform(-3, 3, 160))
    y = np.sin(x) + 0.1 * rng.normal(size=160)
    if n_outputs == 2:
        y = np.c_[y, np.cos(x) + 0.1 * rng.normal(size=160)]
    X = x[:, None]
    return X, y, np.linspace(-3, 3, 25)[:, None]


def _counts():
    """Counts whose log-mean is linear in two features (a Poisson regression)."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(150, 2))
    y = rng.poisson(np.exp(0.6 * X[:, 0] - 0.4 * X[:, 1]))
    return X, y, X[::6]


def _weights(n):
    return np.random.RandomState(7).uniform(0.2, 3.0, n)


def assert_same_fit(nn, sk, X_test):
    """The same fitted model: stopping epoch, losses, weights and predictions."""
    assert nn.n_iter_ == sk.n_iter_
    assert nn.out_activation_ == sk.out_activation_
    np.testing.assert_allclose(nn.loss_, sk.loss_, **LOSS)
    if hasattr(sk, "loss_curve_"):
        np.testing.assert_allclose(nn.loss_curve_, sk.loss_curve_, **LOSS)
        assert nn.t_ == sk.t_
        if sk.best_loss_ is None:
            assert nn.best_loss_ is None
        else:
            np.testing.assert_allclose(nn.best_loss_, sk.best_loss_, **LOSS)
        if sk.validation_scores_ is None:
            assert nn.validation_scores_ is None and nn.best_validation_score_ is None
        else:
            np.testing.assert_allclose(nn.validation_scores_, sk.validation_scores_, **LOSS)
            np.testing.assert_allclose(nn.best_validation_score_, sk.best_validation_score_,
                                       **LOSS)
    else:
        assert not hasattr(nn, "loss_curve_")
    for ours, theirs in zip(nn.coefs_ + nn.intercepts_, sk.coefs_ + sk.intercepts_,
                            strict=True):
        np.testing.assert_allclose(ours, theirs, **WEIGHTS)
    if hasattr(sk, "predict_proba"):
        np.testing.assert_array_equal(nn.predict(X_test), sk.predict(X_test))
        np.testing.assert_allclose(nn.predict_proba(X_test), sk.predict_proba(X_test),
                                   **WEIGHTS)
    else:
        np.testing.assert_allclose(nn.predict(X_test), sk.predict(X_test), **WEIGHTS)


SGD = dict(solver="sgd", learning_rate_init=0.1)
CLASSIFIER_CASES = {
    # name: (data, parameters, with sample weights)
    "sgd nesterov": (_moons, dict(SGD, hidden_layer_sizes=(2,), max_iter=2000), False),
    "sgd classical momentum": (_moons, dict(SGD, nesterovs_momentum=False, max_iter=300),
                               False),
    "sgd no momentum, batch 32, no shuffle": (
        _moons, dict(SGD, momentum=0.0, batch_size=32, shuffle=False, max_iter=100), False),
    "sgd invscaling": (_moons, dict(SGD, learning_rate="invscaling", learning_rate_init=0.5,
                                    max_iter=300), False),
    "sgd adaptive": (_moons, dict(SGD, learning_rate="adaptive", tol=1e-2, max_iter=300),
                     False),
    "sgd early stopping": (_moons, dict(SGD, early_stopping=True, max_iter=300), False),
    "sgd sample weights": (_moons, dict(SGD, max_iter=300), True),
    "adam": (_moons, dict(hidden_layer_sizes=(8, 8), max_iter=300), False),
    "adam tanh, batch 50": (_moons, dict(activation="tanh", batch_size=50, max_iter=150),
                            False),
    "adam early stopping": (_moons, dict(early_stopping=True, validation_fraction=0.2,
                                         learning_rate_init=0.01, max_iter=300), False),
    "adam early stopping, sample weights": (
        _moons, dict(early_stopping=True, learning_rate_init=0.01, max_iter=300), True),
    "adam sample weights": (_moons, dict(alpha=0.01, max_iter=300), True),
    "lbfgs": (_moons, dict(solver="lbfgs", hidden_layer_sizes=(5,), max_iter=25), False),
    "lbfgs logistic, sample weights": (
        _moons, dict(solver="lbfgs", activation="logistic", max_iter=25), True),
    "multiclass sgd": (_blobs, dict(SGD, hidden_layer_sizes=(5, 4), max_iter=300), False),
    "multiclass adam": (_blobs, dict(learning_rate_init=0.01, max_iter=300), False),
    "multiclass adam early stopping, weights": (
        _blobs, dict(early_stopping=True, learning_rate_init=0.01, max_iter=300), True),
    "multiclass lbfgs": (_blobs, dict(solver="lbfgs", activation="tanh", max_iter=25), False),
    "multiclass lbfgs, 200 iterations": (_blobs, dict(solver="lbfgs", activation="tanh",
                                                      max_iter=200), False),
    "multilabel adam": (_multilabel, dict(hidden_layer_sizes=(10,), learning_rate_init=0.01,
                                          max_iter=200), False),
    "multilabel sgd early stopping": (
        _multilabel, dict(SGD, early_stopping=True, max_iter=200), False),
    "multilabel lbfgs": (_multilabel, dict(solver="lbfgs", max_iter=25), True),
}

POISSON = dict(loss="poisson", hidden_layer_sizes=(8,), learning_rate_init=0.01)
REGRESSOR_CASES = {
    "sgd nesterov": (_curve, dict(solver="sgd", learning_rate_init=0.01, max_iter=500), False),
    "sgd classical momentum": (_curve, dict(solver="sgd", learning_rate_init=0.01,
                                            nesterovs_momentum=False, max_iter=300), False),
    "sgd invscaling": (_curve, dict(solver="sgd", learning_rate="invscaling",
                                    learning_rate_init=0.1, max_iter=300), False),
    "sgd adaptive": (_curve, dict(solver="sgd", learning_rate="adaptive",
                                  learning_rate_init=0.01, tol=1e-3, max_iter=500), False),
    "sgd early stopping": (_curve, dict(solver="sgd", learning_rate_init=0.01,
                                        early_stopping=True, max_iter=500), False),
    "sgd sample weights": (_curve, dict(solver="sgd", learning_rate_init=0.01, max_iter=300),
                           True),
    "adam": (_curve, dict(hidden_layer_sizes=(20, 20), learning_rate_init=0.01,
                          max_iter=300), False),
    "adam early stopping": (_curve, dict(learning_rate_init=0.01, early_stopping=True,
                                         max_iter=300), False),
    "adam sample weights": (_curve, dict(learning_rate_init=0.01, max_iter=300), True),
    "adam two outputs": (lambda: _curve(2), dict(learning_rate_init=0.01, max_iter=200),
                         False),
    "lbfgs": (_curve, dict(solver="lbfgs", hidden_layer_sizes=(20,), max_iter=25), False),
    "lbfgs to convergence (186 iterations)": (
        _curve, dict(solver="lbfgs", hidden_layer_sizes=(20,), max_iter=300), False),
    "lbfgs two outputs, sample weights, to convergence": (
        lambda: _curve(2), dict(solver="lbfgs", activation="tanh", hidden_layer_sizes=(10,),
                                max_iter=300), True),
    "lbfgs tanh, sample weights": (_curve, dict(solver="lbfgs", activation="tanh",
                                                max_iter=25), True),
    "poisson sgd": (_counts, dict(POISSON, solver="sgd", max_iter=300), False),
    "poisson sgd invscaling, sample weights": (
        _counts, dict(POISSON, solver="sgd", learning_rate="invscaling",
                      learning_rate_init=0.05, max_iter=200), True),
    "poisson adam": (_counts, dict(POISSON, max_iter=300), False),
    "poisson adam early stopping": (_counts, dict(POISSON, early_stopping=True,
                                                  max_iter=300), False),
    "poisson lbfgs to convergence": (_counts, dict(POISSON, solver="lbfgs", max_iter=300),
                                     False),
    "poisson lbfgs, sample weights, to convergence": (
        _counts, dict(POISSON, solver="lbfgs", max_iter=300), True),
}


@pytest.mark.parametrize("case", CLASSIFIER_CASES)
def test_classifier_fit_is_sklearns(case):
    data, params, weighted = CLASSIFIER_CASES[case]
    X, y, X_test = data()
    fit_params = {"sample_weight": _weights(len(X))} if weighted else {}
    params = dict(params, random_state=params.get("random_state", 0))
    sk = _quiet_fit(SkMLPClassifier(**params), X, y, **fit_params)
    nn = _quiet_fit(MLPClassifier(**params), X, y, **fit_params)
    assert_same_fit(nn, sk, X_test)


@pytest.mark.parametrize("case", REGRESSOR_CASES)
def test_regressor_fit_is_sklearns(case):
    data, params, weighted = REGRESSOR_CASES[case]
    X, y, X_test = data()
    fit_params = {"sample_weight": _weights(len(X))} if weighted else {}
    params = dict(params, random_state=3)
    sk = _quiet_fit(SkMLPRegressor(**params), X, y, **fit_params)
    nn = _quiet_fit(MLPRegressor(**params), X, y, **fit_params)
    assert_same_fit(nn, sk, X_test)


def test_the_schedules_changed_the_learning_rate_as_sklearns():
    X, y, _ = _moons()
    for schedule, params in (("invscaling", CLASSIFIER_CASES["sgd invscaling"][1]),
                             ("adaptive", CLASSIFIER_CASES["sgd adaptive"][1])):
        sk = _quiet_fit(SkMLPClassifier(random_state=0, **params), X, y)
        nn = _quiet_fit(MLPClassifier(random_state=0, **params), X, y)
        assert sk._optimizer.learning_rate < params["learning_rate_init"], schedule
        assert nn._optimizer.learning_rate == pytest.approx(sk._optimizer.learning_rate,
                                                            rel=1e-12)


@pytest.mark.parametrize(("hidden", "seed"), [((2,), 0), ((3, 3), 42)])
def test_chapter8_fit_is_sklearns(hidden, seed):
    """The book's pipeline: the same stopping epoch and model, for a few seeds."""
    X, y, X_test = _moons()
    kw = dict(hidden_layer_sizes=hidden, activation="relu", solver="sgd", max_iter=2000,
              random_state=seed)
    assert_same_fit(_quiet_fit(MLPClassifier(**kw), X, y),
                    _quiet_fit(SkMLPClassifier(**kw), X, y), X_test)


@pytest.mark.parametrize("solver", ["sgd", "adam"])
def test_saturated_outputs_stop_at_sklearns_epoch(solver):
    """Issue 9, item 8: with X scaled by 100 the outputs saturate; scikit-learn clips the
    probabilities in its loss, and nnlib's estimators report that loss, so the loss curve
    and the stopping epoch are scikit-learn's (nnlib once stopped at 22, not 23)."""
    X, y = make_moons(200, noise=0.5, random_state=4)
    X = X * 100
    kw = dict(hidden_layer_sizes=(8,), solver=solver, random_state=4)
    sk = _quiet_fit(SkMLPClassifier(**kw), X, y)
    nn = _quiet_fit(MLPClassifier(**kw), X, y)
    assert nn.n_iter_ == sk.n_iter_
    if solver == "sgd":
        assert sk.n_iter_ == 23
    np.testing.assert_allclose(nn.loss_curve_, sk.loss_curve_, **LOSS)
    # the exact loss of nnlib.losses is larger: a saturated wrong output is not capped
    net = MLP([2, 8, 1], output="logistic")
    net.set_weights(nn.coefs_, nn.intercepts_)
    exact, capped = net.loss(X, y), net.loss(X, y, sklearn_compatible=True)
    assert exact > capped


def test_sparse_X_fits_the_same_model():
    X, y, X_test = _blobs()
    params = dict(hidden_layer_sizes=(6,), max_iter=50, random_state=0)
    dense = _quiet_fit(MLPClassifier(**params), X, y)
    for to_sparse in (sp.csr_matrix, sp.csc_matrix, sp.csr_array):
        sparse = _quiet_fit(MLPClassifier(**params), to_sparse(X), y)
        assert_same_fit(sparse, dense, X_test)
        np.testing.assert_array_equal(sparse.predict(to_sparse(X_test)), dense.predict(X_test))
    assert_same_fit(dense, _quiet_fit(SkMLPClassifier(**params), sp.csr_matrix(X), y), X_test)


def test_float32_is_kept_and_fits_close_to_sklearn():
    X, y, X_test = _moons()
    X32 = X.astype(np.float32)
    params = dict(hidden_layer_sizes=(8,), max_iter=100, random_state=0)
    nn = _quiet_fit(MLPClassifier(**params), X32, y)
    sk = _quiet_fit(SkMLPClassifier(**params), X32, y)
    assert all(c.dtype == np.float32 for c in nn.coefs_ + nn.intercepts_)
    assert nn.predict_proba(X32).dtype == np.float32
    assert type(nn.loss_) is type(sk.loss_) is np.float64
    assert nn.n_iter_ == sk.n_iter_
    np.testing.assert_allclose(nn.loss_curve_, sk.loss_curve_, rtol=1e-4)
    np.testing.assert_allclose(nn.predict_proba(X_test), sk.predict_proba(X_test), atol=1e-4)


def test_partial_fit_first_call_is_sklearns():
    X, y, X_test = _blobs()
    for solver in ("sgd", "adam"):
        kw = dict(hidden_layer_sizes=(4, 6), solver=solver, batch_size=40, random_state=11)
        sk = SkMLPClassifier(**kw).partial_fit(X, y, classes=[0, 1, 2])
        nn = MLPClassifier(**kw).partial_fit(X, y, classes=[0, 1, 2])
        assert_same_fit(nn, sk, X_test)
        # with shuffle=False every later call is scikit-learn's too
        kw["shuffle"] = False
        sk = SkMLPClassifier(**kw).partial_fit(X, y, classes=[0, 1, 2])
        nn = MLPClassifier(**kw).partial_fit(X, y, classes=[0, 1, 2])
        for _ in range(3):
            sk.partial_fit(X, y)
            nn.partial_fit(X, y)
        assert_same_fit(nn, sk, X_test)


def test_copied_weights_give_sklearns_probabilities():
    X, y, _ = _blobs()
    sk = _quiet_fit(SkMLPClassifier((6, 3), activation="tanh", max_iter=5, random_state=0),
                    X, y)
    nn = _quiet_fit(MLPClassifier((6, 3), activation="tanh", max_iter=5, random_state=1),
                    X, y)
    assert not np.allclose(sk.predict_proba(X), nn.predict_proba(X))
    nn.coefs_ = [c.copy() for c in sk.coefs_]
    nn.intercepts_ = [b.copy() for b in sk.intercepts_]
    np.testing.assert_allclose(nn.predict_proba(X), sk.predict_proba(X), rtol=1e-12,
                               atol=1e-15)
    np.testing.assert_array_equal(nn.predict(X), sk.predict(X))
