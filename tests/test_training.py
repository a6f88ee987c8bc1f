"""Tests of nnlib.training: one epoch against scikit-learn's and nnlib's estimators, and
the TrainingRun the playground steps."""

import warnings

import numpy as np
import pytest
from sklearn.neural_network import MLPClassifier as SkMLPClassifier

from nnlib import MLPClassifier, optim
from nnlib.data import playground_split
from nnlib.network import MLP
from nnlib.training import SOLVERS, TrainingRun, make_optimizer, train_epoch


@pytest.fixture(scope="module")
def split():
    return playground_split("moons", 300, 0.1, random_state=42)


@pytest.mark.parametrize("estimator", [SkMLPClassifier, MLPClassifier])
def test_one_epoch_matches_an_estimators_partial_fit(split, estimator):
    """Plain SGD, no shuffling: train_epoch takes the estimator's steps exactly."""
    X_train, _, y_train, _ = split
    clf = estimator(hidden_layer_sizes=(5, 3), activation="tanh", solver="sgd",
                    learning_rate_init=0.1, momentum=0.0, batch_size=16, shuffle=False,
                    alpha=0.01, random_state=3)
    clf.partial_fit(X_train, y_train, classes=[0, 1])
    net = MLP((2, 5, 3, 1), "tanh")
    net.set_weights(clf.coefs_, clf.intercepts_)
    clf.partial_fit(X_train, y_train)
    loss = train_epoch(net, optim.SGD(0.1), X_train, y_train, batch_size=16, alpha=0.01)
    coefs, intercepts = net.get_weights()
    for ours, theirs in zip(coefs + intercepts, clf.coefs_ + clf.intercepts_, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)
    assert loss == pytest.approx(clf.loss_curve_[-1], rel=1e-10)


def test_train_epoch_shuffles_with_the_generator(split):
    X_train, _, y_train, _ = split
    nets = [MLP((2, 4, 1), random_state=0) for _ in range(3)]
    for net, seed in zip(nets, (1, 1, 2), strict=True):
        train_epoch(net, optim.SGD(0.1), X_train, y_train, batch_size=8,
                    rng=np.random.default_rng(seed))
    w = [net.get_weights()[0][0] for net in nets]
    np.testing.assert_array_equal(w[0], w[1])
    assert not np.allclose(w[0], w[2])


def test_train_epoch_checks_its_input(split):
    X_train, _, y_train, _ = split
    with pytest.raises(TypeError, match="nnlib MLP"):
        train_epoch("net", optim.SGD(0.1), X_train, y_train)
    with pytest.raises(ValueError, match="batch_size"):
        train_epoch(MLP((2, 1)), optim.SGD(0.1), X_train, y_train, batch_size=0)


def test_make_optimizer():
    opt = make_optimizer("sgd", 0.5)
    assert isinstance(opt, optim.SGD) and opt.momentum == 0.9 and opt.nesterov
    assert make_optimizer("sgd, no momentum", 0.5).momentum == 0.0
    adam = make_optimizer("adam", 0.5)
    assert isinstance(adam, optim.Adam) and adam.learning_rate == 0.5
    with pytest.raises(ValueError, match="solver"):
        make_optimizer("rmsprop")
    with pytest.raises(ValueError, match="learning_rate"):
        make_optimizer("sgd", 0.0)


@pytest.mark.parametrize("solver", list(SOLVERS))
def test_a_run_learns_the_moons(split, solver):
    run = TrainingRun(*split[::2], *split[1::2], hidden_layer_sizes=(3, 3), solver=solver,
                      learning_rate=0.03 if solver != "sgd, no momentum" else 0.3)
    assert run.epoch == 0 and len(run.train_loss) == 1
    run.step(60)
    assert run.epoch == 60 and len(run.train_loss) == len(run.test_loss) == 61
    assert run.train_loss[-1] < 0.5 * run.train_loss[0]
    assert run.accuracy("test") > 0.85
    # the recorded losses are the network's own losses on the whole sets
    assert run.test_loss[-1] == pytest.approx(run.net.loss(run.X_test, run.y_test))


def test_reset_restores_epoch_zero(split):
    run = TrainingRun(*split[::2], *split[1::2])
    first = run.net.get_weights()[0][0].copy()
    loss0 = run.train_loss[0]
    run.step(5)
    assert not np.array_equal(run.net.get_weights()[0][0], first)
    run.reset()
    assert run.epoch == 0 and run.train_loss == [loss0]
    np.testing.assert_array_equal(run.net.get_weights()[0][0], first)


def test_set_mid_run_keeps_weights_and_epoch(split):
    run = TrainingRun(*split[::2], *split[1::2]).step(3)
    weights = run.net.get_weights()
    run.set(learning_rate=0.3, alpha=0.1, batch_size=50, dropout=0.5, solver="sgd, no momentum")
    assert run.epoch == 3
    assert run.optimizer.learning_rate == 0.3 and run.optimizer.momentum == 0.0
    assert run.net.dropout == 0.5
    for a, b in zip(run.net.get_weights()[0], weights[0], strict=True):
        np.testing.assert_array_equal(a, b)
    run.step(2)
    assert run.epoch == 5
    with pytest.raises(ValueError, match="setting"):
        run.set(depth=3)


def test_a_diverging_run_says_so_without_warnings(split):
    run = TrainingRun(*split[::2], *split[1::2], hidden_layer_sizes=(8, 8, 8),
                      activation="identity", learning_rate=3.0, batch_size=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run.step(3)
        assert run.diverged
        run.predict_proba(run.X_test)
        run.accuracy("test")


def test_no_hidden_layer_is_logistic_regression(split):
    run = TrainingRun(*split[::2], *split[1::2], hidden_layer_sizes=())
    assert run.net.layer_sizes == (2, 1)
    run.step(20)
    assert 0.75 < run.accuracy("test") < 0.95  # a straight line does well, not perfectly
