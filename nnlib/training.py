"""Training a network one epoch at a time: what the playground runs on every tick.

:func:`train_epoch` is one pass of mini-batch training over the data, written with the
public pieces of nnlib only: :meth:`nnlib.network.MLP.loss_and_grads` computes the loss
and its gradients on a mini-batch, an optimiser from :mod:`nnlib.optim` takes the step.

:class:`TrainingRun` holds everything a run needs (data, network, optimiser, epoch count
and loss curves) so that a widget can advance it a few epochs per frame, change the
learning rate, α, the batch size, dropout or the solver in the middle of a run, and start
again from epoch 0. It computes nothing itself: every number comes from the network.
"""

from __future__ import annotations

import numpy as np

from nnlib import optim
from nnlib._validation import (
    as_float_array,
    check_choice,
    check_integer,
    check_positive,
    describe,
)
from nnlib.network import MLP

__all__ = ["SOLVERS", "TrainingRun", "make_optimizer", "train_epoch"]


#: Optimisers by name: each builds one from a learning rate η.
SOLVERS = {
    # scikit-learn's solver='sgd' defaults: momentum 0.9, Nesterov's look-ahead
    "sgd": lambda lr: optim.SGD(lr, momentum=0.9, nesterov=True),
    "sgd, no momentum": lambda lr: optim.SGD(lr),
    # scikit-learn's solver='adam' defaults: β1 = 0.9, β2 = 0.999, ε = 1e-8
    "adam": lambda lr: optim.Adam(lr),
}


def make_optimizer(solver="sgd", learning_rate=0.03):
    """An optimiser from :mod:`nnlib.optim` by name.

    Parameters
    ----------
    solver : str, default 'sgd'
        A key of :data:`SOLVERS`: 'sgd' (momentum 0.9, Nesterov: scikit-learn's
        ``solver='sgd'``), 'sgd, no momentum', and 'adam' (scikit-learn's ``solver='adam'``).
    learning_rate : float, default 0.03
        The step size η > 0.

    Returns
    -------
    optimiser with a ``step(params, grads)`` method and a ``learning_rate`` attribute
    """
    make = SOLVERS[check_choice("solver", solver, SOLVERS)]
    return make(check_positive("learning_rate", learning_rate))


def train_epoch(net, optimizer, X, y, *, batch_size=10, alpha=0.0, rng=None):
    """One epoch: shuffle, then one optimiser step per mini-batch.

    Parameters
    ----------
    net : nnlib.network.MLP
    optimizer : an optimiser of :mod:`nnlib.optim`
    X : ndarray of shape (n_samples, n_inputs)
    y : ndarray of shape (n_samples,)
    batch_size : int, default 10
        Samples per mini-batch (clipped to n_samples); the last batch may be smaller.
    alpha : float, default 0.0
        L2 strength, as scikit-learn's ``alpha``.
    rng : numpy.random.Generator or None
        Shuffles the samples; ``None`` keeps their order.

    Returns
    -------
    float
        Mean mini-batch loss over the epoch, weighted by batch size (as scikit-learn's
        ``loss_curve_``).
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an nnlib MLP; got {describe(net)}.")
    X = as_float_array(X, "X", ndim=2)
    n = X.shape[0]
    batch_size = min(check_integer("batch_size", batch_size, minimum=1), n)
    order = np.arange(n) if rng is None else rng.permutation(n)
    total = 0.0
    for start in range(0, n, batch_size):
        idx = order[start:start + batch_size]
        loss, grads = net.loss_and_grads(X[idx], y[idx], alpha=alpha)
        optimizer.step(net.params, grads)
        total += loss * len(idx)
    return total / n


class TrainingRun:
    """A network training on a two-class train/test split, one epoch at a time.

    Parameters
    ----------
    X_train, y_train, X_test, y_test : ndarray
        Shapes (n_train, 2), (n_train,), (n_test, 2), (n_test,); labels 0/1.
    hidden_layer_sizes : tuple of int, default (4, 4)
        Units of each hidden layer; ``()`` is no hidden layer (logistic regression).
    activation : str, default 'relu'
        Hidden activation, as for :class:`nnlib.network.MLP`.
    solver : str, default 'sgd'
        A key of :data:`SOLVERS`.
    learning_rate : float, default 0.03
    alpha : float, default 0.0
        L2 strength.
    dropout : float, default 0.0
        Dropout rate p after every hidden layer while training, in [0, 1).
    batch_size : int, default 30
    random_state : int, default 0
        Seeds the initial weights, the shuffles and the dropout masks.

    Attributes
    ----------
    net : nnlib.network.MLP
    epoch : int
        Epochs trained since the start.
    train_loss, test_loss : list of float
        Cross-entropy on the whole training and test sets (no L2 term, no dropout) at
        epoch 0, 1, 2, ...; ``len(train_loss) == epoch + 1``.
    """

    def __init__(self, X_train, y_train, X_test, y_test, hidden_layer_sizes=(4, 4),
                 activation="relu", solver="sgd", learning_rate=0.03, alpha=0.0,
                 dropout=0.0, batch_size=30, random_state=0):
        self.X_train = as_float_array(X_train, "X_train", ndim=2)
        self.X_test = as_float_array(X_test, "X_test", ndim=2)
        self.y_train = np.asarray(y_train)
        self.y_test = np.asarray(y_test)
        self.hidden_layer_sizes = tuple(
            check_integer("hidden_layer_sizes", n, minimum=1) for n in hidden_layer_sizes)
        self.activation = activation
        self.solver = solver
        self.learning_rate = check_positive("learning_rate", learning_rate)
        self.alpha = check_positive("alpha", alpha, allow_zero=True)
        self.dropout = dropout
        self.batch_size = check_integer("batch_size", batch_size, minimum=1)
        self.random_state = check_integer("random_state", random_state, minimum=0)
        self.reset()

    def __repr__(self):
        return (f"TrainingRun({self.net!r}, solver={self.solver!r}, "
                f"learning_rate={self.learning_rate}, alpha={self.alpha}, "
                f"dropout={self.dropout}, batch_size={self.batch_size}, epoch={self.epoch})")

    def reset(self):
        """Fresh initial weights from ``random_state``; back to epoch 0."""
        self.rng = np.random.default_rng(self.random_state)
        sizes = (self.X_train.shape[1], *self.hidden_layer_sizes, 1)
        self.net = MLP(sizes, self.activation, output="logistic", dropout=self.dropout,
                       random_state=self.rng)
        self.optimizer = make_optimizer(self.solver, self.learning_rate)
        self.epoch = 0
        self.train_loss, self.test_loss = [], []
        self._record()

    def _record(self):
        self.train_loss.append(self.net.loss(self.X_train, self.y_train))
        self.test_loss.append(self.net.loss(self.X_test, self.y_test))

    def step(self, epochs=1):
        """Train for ``epochs`` more epochs; record both losses after each."""
        # A run that diverges overflows: :attr:`diverged` says so instead of warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(check_integer("epochs", epochs, minimum=0)):
                train_epoch(self.net, self.optimizer, self.X_train, self.y_train,
                            batch_size=self.batch_size, alpha=self.alpha, rng=self.rng)
                self.epoch += 1
                self._record()
        return self

    @property
    def diverged(self):
        """True when a weight or a loss is no longer a finite number."""
        weights = self.net.get_weights()
        return not (all(np.isfinite(w).all() for w in weights[0] + weights[1])
                    and np.isfinite(self.train_loss[-1]))

    def set(self, **settings):
        """Change training settings mid-run, keeping the weights and the epoch count.

        Parameters
        ----------
        **settings
            Any of ``learning_rate``, ``alpha``, ``batch_size``, ``solver`` (a new
            optimiser, starting from rest) and ``dropout`` (the same weights in a network
            with the new dropout rate).
        """
        allowed = ("learning_rate", "alpha", "batch_size", "solver", "dropout")
        for name in settings:
            check_choice("setting", name, allowed)
        if "alpha" in settings:
            self.alpha = check_positive("alpha", settings["alpha"], allow_zero=True)
        if "batch_size" in settings:
            self.batch_size = check_integer("batch_size", settings["batch_size"], minimum=1)
        if "learning_rate" in settings:
            self.learning_rate = check_positive("learning_rate", settings["learning_rate"])
            self.optimizer.learning_rate = self.learning_rate
        if "solver" in settings and settings["solver"] != self.solver:
            self.optimizer = make_optimizer(settings["solver"], self.learning_rate)
            self.solver = settings["solver"]
        if "dropout" in settings and settings["dropout"] != self.dropout and self.diverged:
            self.dropout = settings["dropout"]  # for the next reset: no weights to carry
        elif "dropout" in settings and settings["dropout"] != self.dropout:
            net = MLP(self.net.layer_sizes, self.activation, output="logistic",
                      dropout=settings["dropout"], random_state=self.rng)
            net.set_weights(*self.net.get_weights())
            self.net, self.dropout = net, settings["dropout"]  # the optimiser carries on
        return self

    def predict_proba(self, X):
        """P(class 1) for each row of X, shape (n_samples,)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self.net.forward(X)[:, 0]

    def hidden_activations(self, X, layer=1):
        """Activations a of hidden layer ``layer`` (1 = first), shape (n_samples, width)."""
        layer = check_integer("layer", layer, minimum=1,
                              maximum=len(self.hidden_layer_sizes))
        with np.errstate(over="ignore", invalid="ignore"):
            self.net.forward(X)
        return self.net.activations[layer]

    def accuracy(self, which="test"):
        """Fraction of correctly classified training or test samples."""
        X, y = ((self.X_train, self.y_train) if check_choice("which", which, ("train", "test"))
                == "train" else (self.X_test, self.y_test))
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.mean(self.net.predict(X) == y))
