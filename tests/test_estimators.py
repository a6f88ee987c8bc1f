"""MLPClassifier: scikit-learn's estimator conventions, fitted attributes, training
behaviour, and bad input."""

import inspect
import io
import warnings
from contextlib import redirect_stdout

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_blobs, make_moons
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.neural_network import MLPClassifier as SkMLPClassifier

import nnlib
from nnlib import MLPClassifier


@pytest.fixture(scope="module")
def moons():
    X, y = make_moons(n_samples=200, noise=0.1, random_state=0)
    return X, y


@pytest.fixture(scope="module")
def blobs():
    X, y = make_blobs(n_samples=150, centers=3, random_state=0)
    return X, y


def _fit_quietly(clf, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return clf.fit(X, y)


# --- conventions -------------------------------------------------------------------------

def test_importable_from_the_package():
    assert nnlib.MLPClassifier is MLPClassifier
    assert "MLPClassifier" in nnlib.__all__


def test_defaults_are_sklearns_except_the_solver():
    ours = MLPClassifier().get_params()
    theirs = SkMLPClassifier().get_params()
    assert ours["solver"] == "sgd" and theirs["solver"] == "adam"
    shared = set(ours) & set(theirs) - {"solver"}
    assert shared == {"hidden_layer_sizes", "activation", "alpha", "batch_size",
                      "learning_rate_init", "max_iter", "shuffle", "random_state", "tol",
                      "verbose", "warm_start", "momentum", "nesterovs_momentum",
                      "n_iter_no_change"}
    for name in shared:
        assert ours[name] == theirs[name], name
    assert ours["dropout"] == 0.0
    assert "sgd" in inspect.getdoc(MLPClassifier).split("Parameters")[0]


def test_passes_sklearns_check_estimator():
    from sklearn.exceptions import SkipTestWarning
    from sklearn.utils.estimator_checks import check_estimator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", SkipTestWarning)  # array API, pandas: not installed
        results = check_estimator(MLPClassifier((10,), learning_rate_init=0.01, max_iter=100,
                                                random_state=0), on_fail=None)
    failed = [r["check_name"] for r in results if r["status"] == "failed"]
    assert len(results) > 40 and failed == []


def test_get_set_params_round_trip_and_clone(moons):
    clf = MLPClassifier(hidden_layer_sizes=(3, 3), alpha=0.01, random_state=3, dropout=0.1)
    params = clf.get_params()
    other = MLPClassifier().set_params(**params)
    assert other.get_params() == params
    fitted = _fit_quietly(MLPClassifier((4,), max_iter=5, random_state=0), *moons)
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "coefs_")
    assert " ".join(repr(clf).split()) == ("MLPClassifier(alpha=0.01, dropout=0.1, "
                                           "hidden_layer_sizes=(3, 3), random_state=3)")


def test_fitted_attributes_binary(moons):
    X, y = moons
    clf = _fit_quietly(MLPClassifier((5, 4), max_iter=30, random_state=0), X, y)
    assert [c.shape for c in clf.coefs_] == [(2, 5), (5, 4), (4, 1)]
    assert [b.shape for b in clf.intercepts_] == [(5,), (4,), (1,)]
    assert clf.n_outputs_ == 1 and clf.out_activation_ == "logistic"
    assert clf.n_layers_ == 4 and clf.n_features_in_ == 2
    np.testing.assert_array_equal(clf.classes_, [0, 1])
    assert clf.n_iter_ == 30 == len(clf.loss_curve_)
    assert clf.best_loss_ == min(clf.loss_curve_)
    assert clf.loss_ == clf.loss_curve_[-1]
    assert clf.t_ == 30 * len(X)


def test_fitted_attributes_multiclass(blobs):
    X, y = blobs
    clf = _fit_quietly(MLPClassifier((6,), max_iter=20, random_state=0), X, y)
    assert clf.n_outputs_ == 3 and clf.out_activation_ == "softmax"
    assert [c.shape for c in clf.coefs_] == [(2, 6), (6, 3)]
    P = clf.predict_proba(X)
    assert P.shape == (150, 3)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)


def test_predict_methods_agree(moons):
    X, y = moons
    clf = _fit_quietly(MLPClassifier((16, 16), learning_rate_init=0.1, max_iter=300,
                                     random_state=0), X, y)
    P = clf.predict_proba(X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_array_equal(clf.predict(X), clf.classes_[(P[:, 1] > 0.5).astype(int)])
    np.testing.assert_allclose(clf.predict_log_proba(X), np.log(P))
    assert clf.score(X, y) == np.mean(clf.predict(X) == y)
    assert clf.score(X, y) > 0.95


def test_string_labels(blobs):
    X, y = blobs
    names = np.array(["cat", "dog", "eel"])[y]
    clf = _fit_quietly(MLPClassifier((6,), learning_rate_init=0.05, max_iter=100,
                                     random_state=0), X, names)
    np.testing.assert_array_equal(clf.classes_, ["cat", "dog", "eel"])
    assert set(clf.predict(X)) <= {"cat", "dog", "eel"}
    assert clf.score(X, names) > 0.8


def test_convergence_warning_and_stopping(moons):
    X, y = moons
    with pytest.warns(ConvergenceWarning, match=r"Stochastic Optimizer: Maximum iterations "
                                                r"\(5\) reached and the optimization hasn't "
                                                r"converged yet\."):
        MLPClassifier((3,), max_iter=5, random_state=0).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        clf = MLPClassifier((3,), max_iter=500, tol=10.0, n_iter_no_change=2,
                            random_state=0).fit(X, y)
    # with a huge tol only the first epoch (best loss inf before it) counts as an
    # improvement; the count then exceeds n_iter_no_change = 2 after three more epochs
    assert clf.n_iter_ == 4


def test_partial_fit(moons):
    X, y = moons
    clf = MLPClassifier((4,), random_state=0)
    with pytest.raises(ValueError, match="classes must be passed on the first call"):
        clf.partial_fit(X, y)
    clf.partial_fit(X, y, classes=[0, 1])
    clf.partial_fit(X, y)
    assert clf.n_iter_ == 1 and len(clf.loss_curve_) == 2
    with pytest.raises(ValueError, match="`y` has classes not in `self.classes_`"):
        clf.partial_fit(X, y + 5)


def test_warm_start_continues(moons):
    X, y = moons
    clf = _fit_quietly(MLPClassifier((4,), max_iter=10, warm_start=True, random_state=0), X, y)
    W = clf.coefs_[0].copy()
    _fit_quietly(clf, X, y)
    assert len(clf.loss_curve_) == 20 and not np.array_equal(W, clf.coefs_[0])
    cold = _fit_quietly(MLPClassifier((4,), max_iter=10, random_state=0), X, y)
    _fit_quietly(cold, X, y)
    assert len(cold.loss_curve_) == 10      # a fresh start


def test_random_state_makes_fits_reproducible(moons):
    X, y = moons
    a, b, c = (_fit_quietly(MLPClassifier((5,), max_iter=20, random_state=s), X, y)
               for s in (1, 1, 2))
    np.testing.assert_array_equal(a.coefs_[0], b.coefs_[0])
    assert not np.array_equal(a.coefs_[0], c.coefs_[0])


def test_dropout_changes_training_but_not_prediction_rule(moons):
    X, y = moons
    kw = dict(hidden_layer_sizes=(16,), learning_rate_init=0.05, max_iter=100, random_state=0)
    plain = _fit_quietly(MLPClassifier(**kw), X, y)
    dropped = _fit_quietly(MLPClassifier(dropout=0.3, **kw), X, y)
    again = _fit_quietly(MLPClassifier(dropout=0.3, **kw), X, y)
    assert not np.allclose(plain.coefs_[0], dropped.coefs_[0])
    np.testing.assert_array_equal(dropped.coefs_[0], again.coefs_[0])
    # predictions are deterministic (no dropout at inference)
    np.testing.assert_array_equal(dropped.predict_proba(X), dropped.predict_proba(X))
    assert dropped.score(X, y) > 0.8


def test_verbose_prints_the_loss(moons):
    X, y = moons
    out = io.StringIO()
    with redirect_stdout(out):
        _fit_quietly(MLPClassifier((3,), max_iter=2, verbose=True, random_state=0), X, y)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Iteration 1, loss = ") and len(lines) == 2


def test_chapter_8_pipeline_runs_with_only_the_import_changed():
    from sklearn.datasets import make_moons
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    X, y = make_moons(n_samples=300, noise=0.1, random_state=42)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    clf = MLPClassifier(hidden_layer_sizes=(2,), activation="relu", solver="sgd",
                        max_iter=2000, random_state=0)
    clf.fit(X_train, y_train)
    accuracy = clf.score(X_test, y_test)
    assert 0.85 < accuracy <= 1.0
    assert len(clf.loss_curve_) == clf.n_iter_ and clf.loss_curve_[-1] < clf.loss_curve_[0]
    xx, yy = np.meshgrid(np.linspace(-2, 2, 30), np.linspace(-2, 2, 20))
    grid = np.c_[xx.ravel(), yy.ravel()]
    proba = clf.predict_proba(grid)[:, 1].reshape(xx.shape)
    assert proba.shape == (20, 30) and ((proba >= 0) & (proba <= 1)).all()


# --- bad input ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fitted(moons):
    return _fit_quietly(MLPClassifier((3,), max_iter=3, random_state=0), *moons)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "predict_log_proba", "score"])
def test_not_fitted(method):
    args = (np.ones((2, 2)), [0, 1]) if method == "score" else (np.ones((2, 2)),)
    with pytest.raises(NotFittedError, match="This MLPClassifier instance is not fitted yet"):
        getattr(MLPClassifier(), method)(*args)


@pytest.mark.parametrize(("params", "exc", "msg"), [
    ({"solver": "adam"}, ValueError, r"solver must be 'sgd' \(nnlib's MLPClassifier "
                                     r"implements stochastic gradient descent only\); "
                                     r"got 'adam'\."),
    ({"activation": "rleu"}, ValueError, r"^activation must be one of 'identity', "
                                         r"'leaky_relu', 'logistic', 'relu', 'tanh'; "
                                         r"got 'rleu'\.$"),
    ({"learning_rate_init": 0.0}, ValueError, r"learning_rate_init must be a positive number "
                                              r"\(> 0\); got 0.0\."),
    ({"learning_rate_init": -0.1}, ValueError, "learning_rate_init must be a positive number"),
    ({"hidden_layer_sizes": (3, 0)}, ValueError, "hidden_layer_sizes must be an integer >= 1; "
                                                 "got 0"),
    ({"hidden_layer_sizes": -2}, ValueError, "hidden_layer_sizes must be an integer >= 1; "
                                             "got -2"),
    ({"hidden_layer_sizes": "3,3"}, TypeError, "hidden_layer_sizes must be an int or a tuple"),
    ({"hidden_layer_sizes": (2.5,)}, TypeError, "hidden_layer_sizes must be an integer"),
    ({"dropout": 1.0}, ValueError, r"dropout must be in \[0, 1\); got 1.0"),
    ({"dropout": -0.1}, ValueError, r"dropout must be in \[0, 1\); got -0.1"),
    ({"alpha": -1.0}, ValueError, "alpha must be a non-negative number"),
    ({"batch_size": 0}, ValueError, "batch_size must be an integer >= 1; got 0"),
    ({"batch_size": "all"}, ValueError, "batch_size must be 'auto' or a positive int"),
    ({"momentum": 1.5}, ValueError, "momentum must be between 0.0 and 1.0; got 1.5"),
    ({"max_iter": 0}, ValueError, "max_iter must be an integer >= 1; got 0"),
    ({"shuffle": "yes"}, TypeError, "shuffle must be True or False"),
    ({"n_iter_no_change": 0}, ValueError, "n_iter_no_change must be an integer >= 1"),
])
def test_bad_hyperparameters(moons, params, exc, msg):
    with pytest.raises(exc, match=msg):
        MLPClassifier(**params).fit(*moons)


def test_wrong_number_of_features(fitted):
    with pytest.raises(ValueError, match=r"^X has 3 features, but MLPClassifier is expecting "
                                         r"2 features as input\.$"):
        fitted.predict(np.ones((4, 3)))


@pytest.mark.parametrize(("X", "exc", "msg"), [
    (np.ones(2), ValueError, "Expected 2D array, got 1D array instead"),
    (np.array([[0.0, np.nan]]), ValueError, "Input X contains NaN"),
    (np.array([[0.0, np.inf]]), ValueError, "Input X contains infinity"),
    (np.array([["a", "b"]]), ValueError, "could not convert string to float"),
])
def test_bad_X_at_predict(fitted, X, exc, msg):
    with pytest.raises(exc, match=msg):
        fitted.predict_proba(X)


def test_bad_fit_data(moons):
    X, y = moons
    clf = MLPClassifier((3,), max_iter=2)
    with pytest.raises(ValueError, match=r"Found input variables with inconsistent numbers of "
                                         r"samples: \[200, 199\]"):
        clf.fit(X, y[:-1])
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        clf.fit(X, X[:, 0])
    with pytest.raises(ValueError, match="Input X contains NaN"):
        clf.fit(np.where(X > 1.5, np.nan, X), y)
    with pytest.raises(ValueError, match="y should be a 1d array, got an array of shape"):
        clf.fit(X, np.c_[y, y])
    with pytest.raises(ValueError, match="Expected 2D array, got 1D array instead"):
        clf.fit(X[:, 0], y)


def test_diverging_fit_says_so(moons):
    X, y = moons
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)      # and no numpy overflow warnings
        warnings.simplefilter("ignore", ConvergenceWarning)
        with pytest.raises(ValueError, match="Solver produced non-finite parameter weights"):
            MLPClassifier((5,), learning_rate_init=1.0, max_iter=20,
                          random_state=0).fit(X * 1e150, y)


def test_copied_weights_of_the_wrong_shape(fitted):
    clf = clone(fitted).set_params(max_iter=3)
    _fit_quietly(clf, np.zeros((4, 2)), [0, 1, 0, 1])
    clf.coefs_[0] = np.ones((3, 3))
    with pytest.raises(ValueError, match=r"coefs_\[0\] must have shape \(2, 3\); got a 2-D "
                                         r"array of shape \(3, 3\)"):
        clf.predict(np.zeros((1, 2)))
