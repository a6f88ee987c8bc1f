"""MLPClassifier and MLPRegressor: scikit-learn's conventions, errors and checks, fitted
attributes, training behaviour, and the regression tests of issue 9."""

import inspect
import io
import subprocess
import sys
import warnings
from collections import Counter
from contextlib import redirect_stdout

import numpy as np
import pytest
import sklearn.neural_network as skn
from sklearn.base import clone
from sklearn.datasets import make_blobs, make_moons, make_multilabel_classification
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import InvalidParameterError

import nnlib
from nnlib import MLPClassifier, MLPRegressor
from nnlib.layers import Dropout

PAIRS = [(MLPClassifier, skn.MLPClassifier), (MLPRegressor, skn.MLPRegressor)]


@pytest.fixture(scope="module")
def moons():
    return make_moons(n_samples=200, noise=0.1, random_state=0)


@pytest.fixture(scope="module")
def blobs():
    return make_blobs(n_samples=150, centers=3, random_state=0)


def _fit_quietly(est, X, y, **fit_params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return est.fit(X, y, **fit_params)


# --- import and conventions ------------------------------------------------------------------

def test_import_nnlib_needs_neither_sklearn_nor_scipy():
    code = ("import sys, nnlib, nnlib.network, nnlib.optim, nnlib.losses, nnlib.layers, "
            "nnlib.activations, nnlib.gradcheck, nnlib.neuron, nnlib.spiking; "
            "assert 'sklearn' not in sys.modules and 'scipy' not in sys.modules, "
            "sorted(m for m in sys.modules if m.startswith(('sklearn', 'scipy')))[:5]; "
            "nnlib.MLPRegressor; assert 'sklearn' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_estimators_are_in_the_package():
    from nnlib import estimators

    assert nnlib.MLPClassifier is estimators.MLPClassifier
    assert nnlib.MLPRegressor is estimators.MLPRegressor
    assert {"MLPClassifier", "MLPRegressor"} <= set(nnlib.__all__) & set(dir(nnlib))
    with pytest.raises(AttributeError, match="has no attribute 'MLPRegresor'"):
        nnlib.MLPRegresor  # noqa: B018


@pytest.mark.parametrize(("ours", "theirs"), PAIRS)
def test_every_parameter_of_sklearns_with_its_default(ours, theirs):
    """The same signature (names, order, keyword-only marker, defaults), plus dropout."""
    mine = list(inspect.signature(ours).parameters.values())
    sks = list(inspect.signature(theirs).parameters.values())
    assert [(p.name, p.kind, p.default) for p in mine[:-1]] == \
           [(p.name, p.kind, p.default) for p in sks]
    assert (mine[-1].name, mine[-1].default) == ("dropout", 0.0)
    assert ours().get_params()["solver"] == "adam"


@pytest.mark.parametrize(("ours", "theirs"), PAIRS)
def test_parameter_constraints_are_sklearns(ours, theirs):
    mine, sks = ours._parameter_constraints, theirs._parameter_constraints
    assert set(mine) == set(sks) | {"dropout"}
    for name in set(sks) - {"activation"}:
        assert mine[name] is sks[name], name      # the same objects: the same messages
    assert mine["activation"][0].options == sks["activation"][0].options | {"leaky_relu"}


def _error(est, X, y):
    try:
        est.fit(X, y)
    except Exception as exc:  # noqa: BLE001 - the test compares whatever comes
        return type(exc), str(exc)
    return None


@pytest.mark.parametrize("params", [
    {"alpha": -1.0},
    {"solver": "newton"},
    {"learning_rate": "cyclic"},
    {"learning_rate_init": 0.0},
    {"hidden_layer_sizes": "3,3"},
    {"hidden_layer_sizes": (3, 0)},
    {"hidden_layer_sizes": -2},
    {"batch_size": 0},
    {"momentum": 1.5},
    {"max_iter": 0},
    {"shuffle": "yes"},
    {"n_iter_no_change": 0},
    {"validation_fraction": 1.0},
    {"beta_1": 1.0},
    {"epsilon": 0.0},
    {"max_fun": 0},
])
@pytest.mark.parametrize(("ours", "theirs"), PAIRS)
def test_bad_parameters_give_sklearns_errors(moons, ours, theirs, params):
    X, y = moons
    mine, sks = _error(ours(**params), X, y), _error(theirs(**params), X, y)
    assert mine is not None and mine == sks


def test_an_unknown_activation_lists_the_five(moons):
    with pytest.raises(InvalidParameterError, match="'activation' parameter of MLPClassifier "
                                                    "must be a str among") as info:
        MLPClassifier(activation="rleu").fit(*moons)
    for name in ("identity", "logistic", "tanh", "relu", "leaky_relu"):
        assert repr(name) in str(info.value)


def test_a_generator_for_hidden_layer_sizes_is_rejected(moons):
    """Issue 9, item 4: a generator is used up by the first fit; the second used to train
    a network without hidden layers. Rejected, as scikit-learn rejects it."""
    clf = MLPClassifier(hidden_layer_sizes=(n for n in (5, 3)))
    with pytest.raises(InvalidParameterError, match="'hidden_layer_sizes' parameter of "
                                                    "MLPClassifier must be an array-like"):
        clf.fit(*moons)


@pytest.mark.parametrize("params", [{"dropout": 1.0}, {"dropout": -0.1}, {"dropout": "0.5"}])
def test_bad_dropout(moons, params):
    with pytest.raises(InvalidParameterError, match=r"'dropout' parameter of MLPClassifier "
                                                    r"must be a float in the range \[0.0, 1.0\)"):
        MLPClassifier(**params).fit(*moons)


def test_dropout_needs_a_stochastic_solver(moons):
    with pytest.raises(ValueError, match=r"dropout needs a stochastic solver \('sgd' or "
                                         r"'adam'\); got solver='lbfgs' with dropout=0.2"):
        MLPClassifier(solver="lbfgs", dropout=0.2).fit(*moons)


def _check_estimator_results(est):
    """(check name, status) of every check check_estimator runs (some run twice)."""
    from sklearn.utils.estimator_checks import check_estimator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(est, on_fail=None)
    return Counter((r["check_name"], r["status"]) for r in results)


@pytest.mark.parametrize(("ours", "theirs"), PAIRS)
def test_passes_every_check_estimator_check_sklearns_mlp_passes(ours, theirs):
    mine = _check_estimator_results(ours(max_iter=100, random_state=0))
    sks = _check_estimator_results(theirs(max_iter=100, random_state=0))
    passed_by_sklearn = Counter({name: n for (name, status), n in sks.items()
                                 if status == "passed"})
    passed_by_us = Counter({name: n for (name, status), n in mine.items()
                            if status == "passed"})
    assert passed_by_sklearn.total() > 50
    assert passed_by_us >= passed_by_sklearn
    assert not any(status == "failed" for _, status in mine)


def test_get_set_params_clone_and_repr(moons):
    clf = MLPClassifier(hidden_layer_sizes=(3, 3), alpha=0.01, random_state=3, dropout=0.1)
    assert MLPClassifier().set_params(**clf.get_params()).get_params() == clf.get_params()
    fitted = _fit_quietly(MLPClassifier((4,), max_iter=5, random_state=0), *moons)
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params() and not hasattr(copy, "coefs_")
    assert " ".join(repr(clf).split()) == ("MLPClassifier(alpha=0.01, dropout=0.1, "
                                           "hidden_layer_sizes=(3, 3), random_state=3)")


# --- fitted attributes -----------------------------------------------------------------------

@pytest.mark.parametrize("solver", ["sgd", "adam"])
def test_fitted_attributes_binary(moons, solver):
    X, y = moons
    clf = _fit_quietly(MLPClassifier((5, 4), solver=solver, max_iter=30, random_state=0), X, y)
    assert [c.shape for c in clf.coefs_] == [(2, 5), (5, 4), (4, 1)]
    assert [b.shape for b in clf.intercepts_] == [(5,), (4,), (1,)]
    assert clf.n_outputs_ == 1 and clf.out_activation_ == "logistic"
    assert clf.n_layers_ == 4 and clf.n_features_in_ == 2
    np.testing.assert_array_equal(clf.classes_, [0, 1])
    assert clf.n_iter_ == 30 == len(clf.loss_curve_)
    assert clf.best_loss_ == min(clf.loss_curve_) and clf.loss_ == clf.loss_curve_[-1]
    assert type(clf.loss_) is type(clf.best_loss_) is np.float64      # as scikit-learn's
    assert all(isinstance(v, np.floating) for v in clf.loss_curve_)
    assert clf.validation_scores_ is None and clf.best_validation_score_ is None
    assert clf.t_ == 30 * len(X)


def test_fitted_attributes_multiclass_and_no_hidden_layer(blobs):
    X, y = blobs
    clf = _fit_quietly(MLPClassifier((), max_iter=20, random_state=0), X, y)
    assert clf.n_outputs_ == 3 and clf.out_activation_ == "softmax" and clf.n_layers_ == 2
    assert [c.shape for c in clf.coefs_] == [(2, 3)]
    np.testing.assert_allclose(clf.predict_proba(X).sum(axis=1), 1.0)


def test_multilabel_targets_get_one_logistic_unit_per_label():
    X, Y = make_multilabel_classification(n_samples=80, n_features=5, n_classes=4,
                                          random_state=0)
    clf = _fit_quietly(MLPClassifier((10,), max_iter=50, random_state=0), X, Y)
    assert clf.out_activation_ == "logistic" and clf.n_outputs_ == 4
    np.testing.assert_array_equal(clf.classes_, [0, 1, 2, 3])
    P = clf.predict_proba(X)
    assert P.shape == (80, 4) and not np.allclose(P.sum(axis=1), 1.0)
    np.testing.assert_array_equal(clf.predict(X), (P > 0.5).astype(int))
    # partial_fit learns the labels from y itself
    online = MLPClassifier((10,), random_state=0).partial_fit(X, Y, classes=[0, 1, 2, 3])
    assert online.n_outputs_ == 4


def test_early_stopping_attributes(moons):
    X, y = moons
    clf = _fit_quietly(MLPClassifier((8,), early_stopping=True, random_state=0), X, y)
    assert clf.best_loss_ is None
    assert len(clf.validation_scores_) == clf.n_iter_ == len(clf.loss_curve_)
    assert clf.best_validation_score_ == max(clf.validation_scores_)
    with pytest.raises(ValueError, match="partial_fit does not support early_stopping=True"):
        clf.partial_fit(X, y)
    with pytest.raises(ValueError, match="The validation set is too small"):
        MLPClassifier(early_stopping=True, validation_fraction=0.001).fit(X, y)


def test_regressor_attributes_and_predictions():
    X = np.linspace(-2, 2, 60)[:, None]
    Y = np.c_[X[:, 0] ** 2, np.sin(X[:, 0])]
    reg = _fit_quietly(MLPRegressor(hidden_layer_sizes=(20,), solver="lbfgs",
                                    random_state=0), X, Y)
    assert reg.out_activation_ == "identity" and reg.n_outputs_ == 2
    assert reg.predict(X).shape == (60, 2) and reg.score(X, Y) > 0.99
    assert type(reg.loss_) is np.float64
    assert not hasattr(reg, "loss_curve_") and not hasattr(reg, "partial_fit")
    one = _fit_quietly(MLPRegressor(hidden_layer_sizes=(20,), max_iter=20, random_state=0),
                       X, Y[:, 0])
    assert one.predict(X).shape == (60,) and len(one.loss_curve_) == 20


def test_the_poisson_loss_fits_counts_and_rejects_negative_targets():
    """loss='poisson': an exp output (positive predictions); y < 0 is a clear ValueError,
    raised before anything changes."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(80, 2))
    y = rng.poisson(np.exp(0.8 * X[:, 0]))
    reg = _fit_quietly(MLPRegressor(loss="poisson", hidden_layer_sizes=(6,), solver="lbfgs",
                                    random_state=0), X, y)
    assert reg.out_activation_ == "exp" and np.all(reg.predict(X) > 0)
    before = reg.predict(X)
    bad = y.astype(float)
    bad[5] = -1.0
    with pytest.raises(ValueError, match=r"y must be >= 0 for the Poisson loss .*got -1 in "
                                         r"row 5\."):
        reg.fit(X, bad)
    np.testing.assert_array_equal(reg.predict(X), before)
    with pytest.raises(ValueError, match="y must be >= 0"):
        MLPRegressor(loss="poisson", solver="sgd").partial_fit(X, bad)
    _fit_quietly(MLPRegressor(max_iter=5), X, bad)  # squared error: any real y


def test_sample_weights_of_zero_drop_samples(blobs):
    """L-BFGS sees the whole (weighted) mean loss: weight 0 is the same as no sample."""
    X, y = blobs
    keep = np.arange(len(X)) % 3 != 0
    kw = dict(hidden_layer_sizes=(5,), solver="lbfgs", max_iter=50, random_state=0)
    weighted = _fit_quietly(MLPClassifier(**kw), X, y, sample_weight=keep.astype(float))
    dropped = _fit_quietly(MLPClassifier(**kw), X[keep], y[keep])
    assert weighted.n_iter_ == dropped.n_iter_
    for a, b in zip(weighted.coefs_, dropped.coefs_, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9)


# --- training behaviour ------------------------------------------------------------------------

def test_predict_methods_agree(moons):
    X, y = moons
    clf = _fit_quietly(MLPClassifier((16, 16), learning_rate_init=0.01, max_iter=300,
                                     random_state=0), X, y)
    P = clf.predict_proba(X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_array_equal(clf.predict(X), clf.classes_[(P[:, 1] > 0.5).astype(int)])
    np.testing.assert_allclose(clf.predict_log_proba(X), np.log(P))
    assert clf.score(X, y) == np.mean(clf.predict(X) == y) > 0.95


def test_string_labels(blobs):
    X, y = blobs
    names = np.array(["cat", "dog", "eel"])[y]
    clf = _fit_quietly(MLPClassifier((6,), learning_rate_init=0.05, max_iter=100,
                                     random_state=0), X, names)
    np.testing.assert_array_equal(clf.classes_, ["cat", "dog", "eel"])
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


@pytest.mark.parametrize("solver", ["sgd", "adam"])
def test_a_loss_that_stays_equal_is_not_a_failure_to_improve(moons, solver):
    """The stopping rule counts an epoch as no progress when loss > best − tol, strictly.
    With a step so small that no weight changes, the loss repeats exactly; with tol = 0
    that is not "worse", so training runs to max_iter, as in scikit-learn (``>=`` in the
    rule would stop after n_iter_no_change + 2 epochs)."""
    X, y = moons
    kw = dict(hidden_layer_sizes=(4,), solver=solver, learning_rate_init=1e-300, tol=0.0,
              shuffle=False, batch_size=len(X), n_iter_no_change=2, max_iter=8,
              random_state=0)
    ours = _fit_quietly(MLPClassifier(**kw), X, y)
    theirs = _fit_quietly(skn.MLPClassifier(**kw), X, y)
    assert len(set(ours.loss_curve_)) == 1
    assert ours.n_iter_ == theirs.n_iter_ == 8


def test_t_counts_samples_not_batches(moons):
    """t_ (samples seen; the clock of 'invscaling') grows by n_samples per epoch, also
    when an epoch has several mini-batches."""
    X, y = moons
    kw = dict(hidden_layer_sizes=(3,), solver="sgd", batch_size=16, max_iter=7,
              random_state=0)
    clf = _fit_quietly(MLPClassifier(**kw), X, y)
    assert clf.t_ == 7 * len(X) == _fit_quietly(skn.MLPClassifier(**kw), X, y).t_
    clf.partial_fit(X[:50], y[:50])
    assert clf.t_ == 7 * len(X) + 50


def test_partial_fit(moons):
    X, y = moons
    clf = MLPClassifier((4,), random_state=0)
    with pytest.raises(ValueError, match="classes must be passed on the first call"):
        clf.partial_fit(X, y)
    clf.partial_fit(X, y, classes=[0, 1])
    clf.partial_fit(X, y, sample_weight=np.ones(len(y)))
    assert clf.n_iter_ == 1 and len(clf.loss_curve_) == 2
    with pytest.raises(ValueError, match="`y` has classes not in `self.classes_`"):
        clf.partial_fit(X, y + 5)
    for cls in (MLPClassifier, MLPRegressor):
        assert not hasattr(cls(solver="lbfgs"), "partial_fit")
        assert hasattr(cls(solver="sgd"), "partial_fit")


def test_partial_fit_seeds_once(moons, monkeypatch):
    """Issue 9, item 3: with an int random_state every partial_fit call used to re-seed,
    so each call drew the same dropout masks: one fixed thinned network. Now the first
    call seeds and later calls continue the stream; the same seed still gives the same
    masks from one estimator to the next."""
    masks = []
    forward = Dropout.forward

    def spy(self, A, training=False, mask=None):
        out = forward(self, A, training, mask)
        if training:
            masks.append(self.mask.copy())
        return out

    monkeypatch.setattr(Dropout, "forward", spy)
    X, y = moons
    runs = []
    for _ in range(2):
        masks.clear()
        clf = MLPClassifier((6,), dropout=0.5, batch_size=len(X), shuffle=False,
                            random_state=0)
        clf.partial_fit(X, y, classes=[0, 1])   # draws the weights, then masks
        clf.partial_fit(X, y)
        clf.partial_fit(X, y)
        assert len(masks) == 3
        runs.append(list(masks))
    first, second, third = runs[0]
    assert not np.array_equal(first, second)
    assert not np.array_equal(second, third)   # re-seeding made these two the same
    for a, b in zip(runs[0], runs[1], strict=True):
        np.testing.assert_array_equal(a, b)    # and the same seed, the same masks


def test_warm_start_continues(moons):
    X, y = moons
    clf = _fit_quietly(MLPClassifier((4,), max_iter=10, warm_start=True, random_state=0), X, y)
    W = clf.coefs_[0].copy()
    _fit_quietly(clf, X, y)
    assert len(clf.loss_curve_) == 20 and not np.array_equal(W, clf.coefs_[0])
    cold = _fit_quietly(MLPClassifier((4,), max_iter=10, random_state=0), X, y)
    _fit_quietly(cold, X, y)
    assert len(cold.loss_curve_) == 10      # a fresh start


@pytest.mark.parametrize("cls", [MLPClassifier, MLPRegressor])
def test_a_rejected_warm_start_refit_changes_nothing(moons, cls):
    """Issue 9, item 2: a warm-start refit with other hidden_layer_sizes is rejected, and
    the fitted estimator stays as it was: it predicts, and it trains again once the
    parameter is set back."""
    X, y = moons
    est = _fit_quietly(cls(hidden_layer_sizes=(5,), max_iter=20, warm_start=True,
                           random_state=0), X, y)
    before = est.predict(X)
    state = {k: v for k, v in vars(est).items() if k.endswith("_") and not k.startswith("_")}
    est.set_params(hidden_layer_sizes=(7,))
    with pytest.raises(ValueError, match=r"must keep its layer sizes \[2, 5, 1\]; "
                                         r"hidden_layer_sizes and the data now give "
                                         r"\[2, 7, 1\]"):
        est.fit(X, y)
    np.testing.assert_array_equal(est.predict(X), before)
    assert {k: v for k, v in vars(est).items() if k in state}.keys() == state.keys()
    assert est.n_outputs_ == state["n_outputs_"] and est.n_iter_ == state["n_iter_"]
    est.set_params(hidden_layer_sizes=(5,))
    _fit_quietly(est, X, y)
    assert len(est.loss_curve_) == 40


def test_random_state_makes_fits_reproducible(moons):
    X, y = moons
    a, b, c = (_fit_quietly(MLPClassifier((5,), max_iter=20, random_state=s), X, y)
               for s in (1, 1, 2))
    np.testing.assert_array_equal(a.coefs_[0], b.coefs_[0])
    assert not np.array_equal(a.coefs_[0], c.coefs_[0])


def test_dropout_changes_training_but_not_prediction_rule(moons):
    X, y = moons
    kw = dict(hidden_layer_sizes=(16,), learning_rate_init=0.01, max_iter=100, random_state=0)
    plain = _fit_quietly(MLPClassifier(**kw), X, y)
    dropped = _fit_quietly(MLPClassifier(dropout=0.3, **kw), X, y)
    again = _fit_quietly(MLPClassifier(dropout=0.3, **kw), X, y)
    assert not np.allclose(plain.coefs_[0], dropped.coefs_[0])
    np.testing.assert_array_equal(dropped.coefs_[0], again.coefs_[0])
    np.testing.assert_array_equal(dropped.predict_proba(X), dropped.predict_proba(X))
    assert dropped.score(X, y) > 0.8


def test_verbose_prints_sklearns_lines(moons):
    X, y = moons
    for cls in (MLPClassifier, skn.MLPClassifier):
        out = io.StringIO()
        with redirect_stdout(out):
            _fit_quietly(cls((3,), max_iter=2, verbose=True, random_state=0), X, y)
        lines = out.getvalue().splitlines()
        assert len(lines) == 2 and lines[0].startswith("Iteration 1, loss = ")
        if cls is MLPClassifier:
            ours = lines
    assert ours == lines


def test_chapter_8_pipeline_runs_with_only_the_import_changed():
    from sklearn.model_selection import train_test_split

    X, y = make_moons(n_samples=300, noise=0.1, random_state=42)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    clf = MLPClassifier(hidden_layer_sizes=(2,), activation="relu", solver="sgd",
                        max_iter=2000, random_state=0)
    clf.fit(X_train, y_train)
    assert 0.85 < clf.score(X_test, y_test) <= 1.0
    assert len(clf.loss_curve_) == clf.n_iter_ and clf.loss_curve_[-1] < clf.loss_curve_[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        scores = cross_val_score(make_pipeline(StandardScaler(), MLPRegressor(
            hidden_layer_sizes=(8,), solver="lbfgs", random_state=0)), X, X[:, 0] ** 2, cv=3)
    assert scores.shape == (3,) and scores.min() > 0.9


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["predict", "predict_proba", "predict_log_proba", "score"])
def test_not_fitted(method):
    args = (np.ones((2, 2)), [0, 1]) if method == "score" else (np.ones((2, 2)),)
    with pytest.raises(NotFittedError, match="This MLPClassifier instance is not fitted yet"):
        getattr(MLPClassifier(), method)(*args)


def test_bad_data_gets_sklearns_messages(moons):
    X, y = moons
    fitted = _fit_quietly(MLPClassifier((3,), max_iter=3, random_state=0), X, y)
    with pytest.raises(ValueError, match=r"^X has 3 features, but MLPClassifier is expecting "
                                         r"2 features as input\.$"):
        fitted.predict(np.ones((4, 3)))
    with pytest.raises(ValueError, match="Input X contains NaN"):
        fitted.predict_proba(np.array([[0.0, np.nan]]))
    clf = MLPClassifier((3,), max_iter=2)
    with pytest.raises(ValueError, match=r"Found input variables with inconsistent numbers of "
                                         r"samples: \[200, 199\]"):
        clf.fit(X, y[:-1])
    with pytest.raises(ValueError, match="Unknown label type"):
        clf.fit(X, X[:, 0])
    with pytest.raises(ValueError, match="Expected 2D array, got 1D array instead"):
        clf.fit(X[:, 0], y)
    with pytest.raises(ValueError, match=r"sample_weight.shape == \(3,\), expected \(200,\)"):
        clf.fit(X, y, sample_weight=[1.0, 2.0, 3.0])


def test_diverging_fit_says_so(moons):
    X, y = moons
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)      # and no numpy overflow warnings
        warnings.simplefilter("ignore", ConvergenceWarning)
        with pytest.raises(ValueError, match="Solver produced non-finite parameter weights"):
            MLPClassifier((5,), solver="sgd", learning_rate_init=1.0, max_iter=20,
                          random_state=0).fit(X * 1e150, y)
