"""``MLPClassifier`` and ``MLPRegressor``: drop-ins for scikit-learn's, trained by nnlib.

Both take every parameter of scikit-learn's ``MLPClassifier`` / ``MLPRegressor`` (version
1.9) with the same meaning and default, plus ``dropout``, and have the same methods and
fitted attributes. Chapter 8 swaps one import::

    from sklearn.neural_network import MLPClassifier   # becomes
    from nnlib import MLPClassifier

What is nnlib's and what is scikit-learn's:

* **nnlib** does the maths: the network (:class:`nnlib.network.MLP`: forward pass, loss,
  backward pass) and the optimisers (:mod:`nnlib.optim`: SGD with momentum, Adam).
* **scikit-learn** does the book-keeping it already does well, so that a user gets the
  same errors and conventions: checking parameters (``_parameter_constraints``) and data
  (``validate_data``, ``_check_sample_weight``), labels (``LabelBinarizer``), random
  states (``check_random_state``), the validation split of early stopping
  (``train_test_split``), mini-batches (``gen_batches``), scores (``accuracy_score``,
  ``r2_score``), and, for ``solver='lbfgs'``, SciPy's L-BFGS-B.

The training loop is scikit-learn's, step for step: the same initial weights (Glorot,
drawn layer by layer from the same ``RandomState``), the same shuffles, the same
validation split, mini-batches of ``min(200, n_samples)`` by default, one entry of
``loss_curve_`` per epoch, the same learning-rate schedules and stopping rule. So with the
same ``random_state`` both fit the same model, to rounding (tests/test_sklearn_agreement.py).

**L-BFGS, to the bit or nearly.** L-BFGS amplifies the last bit of a gradient fastest
(its line searches and curvature pairs use differences of gradients): a gradient that was
averaged before the backward pass (as :meth:`nnlib.network.MLP.loss_and_grads` does)
instead of after it (as scikit-learn does) made the weights differ (relative) by 5e-17 at
the first iteration, 2e-14 at the 25th, 2e-7 at the 100th, and the fits stop apart
(``n_iter_`` 131 vs 186 on chapter 7's curve, 20 hidden units). So ``solver='lbfgs'``
computes the loss and gradient in scikit-learn's order (the summed error backpropagated,
then αW added, then a division by n; the loss averaged over the samples per output first)
and, with the identity, exp and softmax outputs and relu, tanh or identity hidden units,
follows scikit-learn's path to the bit until it stops. With a logistic unit (a binary or
multilabel classifier's output, or ``activation='logistic'``) a difference remains:
nnlib's σ(z) = e^z / (1 + e^z) for z < 0 rounds differently from scikit-learn's 1 / (1 +
e^(-z)). Measured on the book's moons (5 hidden units): the weights differ by 1e-15
(relative) from the 2nd iteration, 3e-13 at the 25th, 1e-6 at the 50th; on other data
``n_iter_`` differed after about 90 iterations (92 vs 95, 138 vs 136). Both are minima of
the same loss.

**The loss these estimators report.** Like scikit-learn, ``loss_``, ``loss_curve_`` and the
stopping rule use scikit-learn's definition of the log-loss, which clips probabilities to
[ε, 1 − ε] (ε = the float's machine epsilon) before taking the log, so one saturated,
wrong output costs at most −log ε ≈ 36. :mod:`nnlib.losses` computes the exact loss from
the logits instead, which keeps growing with a wrong logit. The two agree until an output
saturates; then they differ, and so could the epoch at which training stops. The
gradients are the exact ones in both libraries. (For regression with several outputs
scikit-learn also averages the squared error over the outputs: ``sklearn_compatible=True``
in :meth:`nnlib.network.MLP.loss_and_grads` gives this loss.)

Deliberate differences from scikit-learn:

* ``dropout`` (not in scikit-learn; 0, the default, gives scikit-learn's model) and the
  hidden activation ``'leaky_relu'``.
* With an int ``random_state``, ``partial_fit`` seeds its random numbers once, on its
  first call, and then continues the same stream; scikit-learn re-seeds on every call, so
  that every call shuffles in the same order (and dropout would drop the same units).
  ``fit`` seeds on every call, as scikit-learn does.
* A refit that is rejected (e.g. ``warm_start=True`` with other ``hidden_layer_sizes``)
  raises a ValueError before anything changes; the fitted model stays usable.
* ``loss='poisson'`` with a negative target raises a ValueError (scikit-learn 1.9 fits
  and reports ``loss_`` nan).
* ``solver='lbfgs'`` computes in float64 even for float32 data (as scikit-learn in effect
  does); its ``coefs_`` are float64. The stochastic solvers keep float32 data in float32.
"""

from __future__ import annotations

import warnings
from numbers import Integral, Real

import numpy as np
import scipy.optimize
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    RegressorMixin,
    _fit_context,
    is_classifier,
)
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor as _SkMLPRegressor
from sklearn.neural_network._multilayer_perceptron import BaseMultilayerPerceptron
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import check_random_state, column_or_1d, gen_batches
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.fixes import _get_additional_lbfgs_options_dict
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import (
    _check_partial_fit_first_call,
    type_of_target,
    unique_labels,
)
from sklearn.utils.optimize import _check_optimize_result
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

from nnlib.losses import check_targets
from nnlib.network import MLP
from nnlib.optim import SGD, Adam

__all__ = ["MLPClassifier", "MLPRegressor"]

_STOCHASTIC_SOLVERS = ("sgd", "adam")


class _BaseMLP(BaseEstimator):
    """What MLPClassifier and MLPRegressor share: parameters, fitting, the forward pass.

    Not for direct use. The parameters are documented in the two subclasses.
    """

    # scikit-learn's own constraints (the same objects, so the same error messages), with
    # the hidden activation 'leaky_relu' and the dropout rate added.
    _parameter_constraints: dict = {
        **BaseMultilayerPerceptron._parameter_constraints,
        "activation": [StrOptions({"identity", "logistic", "tanh", "relu", "leaky_relu"})],
        "dropout": [Interval(Real, 0, 1, closed="left")],
    }

    # scikit-learn's parameters (MLPClassifier's signature; MLPRegressor puts ``loss`` first)
    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="adam",
                 alpha=0.0001, batch_size="auto", learning_rate="constant",
                 learning_rate_init=0.001, power_t=0.5, max_iter=200, shuffle=True,
                 random_state=None, tol=1e-4, verbose=False, warm_start=False, momentum=0.9,
                 nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1,
                 beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10, max_fun=15000,
                 dropout=0.0):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun
        self.dropout = dropout

    # --- hyper-parameters beyond _parameter_constraints -----------------------------------
    def _hidden_layer_sizes(self):
        """``hidden_layer_sizes`` as a list of ints (scikit-learn's rule and message)."""
        sizes = self.hidden_layer_sizes
        if not hasattr(sizes, "__iter__"):
            sizes = [sizes]
        sizes = list(sizes)
        if any(not isinstance(n, Integral) or isinstance(n, bool) for n in sizes):
            raise ValueError("hidden_layer_sizes must be positive integers, such as (100,) "
                             f"or (3, 3); got {sizes}.")
        if any(n <= 0 for n in sizes):
            raise ValueError(f"hidden_layer_sizes must be > 0, got {sizes}.")
        return [int(n) for n in sizes]

    # --- the network behind coefs_ and intercepts_ -----------------------------------------
    def _new_network(self, layer_units, dtype, random_state):
        """A new MLP with Glorot weights drawn from ``random_state``, scikit-learn's order
        (layer by layer, W then b); only its weights are used."""
        return MLP(layer_units, self.activation, output=self.out_activation_,
                   init="glorot", random_state=random_state, dtype=dtype)

    def _network(self, dtype=None, random_state=None, dropout=0.0):
        """An MLP holding copies of ``coefs_`` and ``intercepts_`` (no random draws)."""
        dtype = self.coefs_[0].dtype if dtype is None else dtype
        units = [self.coefs_[0].shape[0]] + [c.shape[1] for c in self.coefs_]
        net = MLP(units, self.activation, output=self.out_activation_, init="zeros",
                  dropout=dropout, random_state=random_state, dtype=dtype)
        net.set_weights(self.coefs_, self.intercepts_)
        return net

    def _adopt_weights(self, net):
        """Make the network's own arrays the fitted ``coefs_`` and ``intercepts_``."""
        self.coefs_ = [p["W"] for p in net.params]
        self.intercepts_ = [p["b"] for p in net.params]

    def _fitted_layer_units(self):
        return [self.coefs_[0].shape[0]] + [c.shape[1] for c in self.coefs_]

    def _forward_pass_fast(self, X, check_input=True):
        """The network's output for X: probabilities or predicted values."""
        if check_input:
            X = validate_data(self, X, accept_sparse=["csr", "csc"], reset=False)
        return self._network().forward(X)

    # --- fitting ----------------------------------------------------------------------------
    def _fit(self, X, y, sample_weight=None, incremental=False):
        hidden = self._hidden_layer_sizes()
        stochastic = self.solver in _STOCHASTIC_SOLVERS
        if self.early_stopping and incremental:
            raise ValueError("partial_fit does not support early_stopping=True")
        if self.dropout and not stochastic:
            raise ValueError("dropout needs a stochastic solver ('sgd' or 'adam'); got "
                             f"solver={self.solver!r} with dropout={self.dropout}.")
        first_pass = not hasattr(self, "coefs_") or (not self.warm_start and not incremental)

        # 1. Check everything; change nothing yet.
        X, Y, label_binarizer = self._validate_input(X, y, incremental, reset=first_pass)
        n_samples, n_features = X.shape
        if sample_weight is not None:
            sample_weight = _check_sample_weight(sample_weight, X)
        if Y.ndim == 1:
            Y = Y.reshape((-1, 1))
        layer_units = [n_features, *hidden, Y.shape[1]]
        if not first_pass and layer_units != self._fitted_layer_units():
            raise ValueError(
                "To continue training (warm_start=True or partial_fit) the network must "
                f"keep its layer sizes {self._fitted_layer_units()}; hidden_layer_sizes and "
                f"the data now give {layer_units}. Set warm_start=False to start afresh.")
        if stochastic and self.early_stopping:
            n_val = int(np.ceil(self.validation_fraction * n_samples))
            if n_val < 2:
                raise ValueError("The validation set is too small. Increase "
                                 "'validation_fraction' or the size of your dataset.")

        # 2. Random numbers: fit seeds on every call (as scikit-learn); partial_fit once.
        if incremental and not first_pass and hasattr(self, "_random_state"):
            random_state = self._random_state
        else:
            random_state = check_random_state(self.random_state)

        # 3. Now set the fitted state.
        if label_binarizer is not None:
            self._label_binarizer = label_binarizer
            self.classes_ = label_binarizer.classes_
        self._random_state = random_state
        if first_pass:
            self._initialize(Y, layer_units, X.dtype)

        # A diverging fit overflows: say so once, clearly, below, not in numpy warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            if stochastic:
                self._fit_stochastic(X, Y, sample_weight, incremental)
            else:
                self._fit_lbfgs(X, Y, sample_weight)

        if not all(np.isfinite(w).all() for w in self.coefs_ + self.intercepts_):
            raise ValueError("Solver produced non-finite parameter weights. The input data "
                             "may contain large values and need to be preprocessed.")
        return self

    def _output_activation(self):
        """scikit-learn's output layer: 'identity' ('exp' for the Poisson loss) for a
        regressor; 'softmax' for several classes; else 'logistic' (binary, multilabel)."""
        if not is_classifier(self):
            return "exp" if self.loss == "poisson" else "identity"
        if self._label_binarizer.y_type_ == "multiclass":
            return "softmax"
        return "logistic"   # binary, and multilabel: one logistic unit per label

    def _initialize(self, Y, layer_units, dtype):
        """Fitted attributes of a first fit, and Glorot weights (scikit-learn's draws)."""
        self.n_iter_ = 0
        self.t_ = 0
        self.n_outputs_ = Y.shape[1]
        self.n_layers_ = len(layer_units)
        self.out_activation_ = self._output_activation()
        net = self._new_network(layer_units, dtype, self._random_state)
        self._adopt_weights(net)
        self._best_coefs = [c.copy() for c in self.coefs_]
        self._best_intercepts = [b.copy() for b in self.intercepts_]
        if self.solver in _STOCHASTIC_SOLVERS:
            self.loss_curve_ = []
            self._no_improvement_count = 0
            if self.early_stopping:
                self.validation_scores_ = []
                self.best_validation_score_ = -np.inf
                self.best_loss_ = None
            else:
                self.best_loss_ = np.inf
                self.validation_scores_ = None
                self.best_validation_score_ = None

    def _new_optimizer(self):
        if self.solver == "sgd":
            return SGD(self.learning_rate_init, self.momentum, self.nesterovs_momentum)
        return Adam(self.learning_rate_init, self.beta_1, self.beta_2, self.epsilon)

    def _end_of_epoch_learning_rate(self):
        """scikit-learn's 'invscaling' schedule: η = η₀ / (t + 1)^power_t, t = samples seen."""
        if self.solver == "sgd" and self.learning_rate == "invscaling":
            self._optimizer.learning_rate = (float(self.learning_rate_init)
                                             / (self.t_ + 1) ** self.power_t)

    def _stop_or_slow_down(self, msg):
        """After n_iter_no_change epochs without progress: stop (True), or with
        learning_rate='adaptive' divide η by 5 and go on until η <= 1e-6."""
        if self.solver != "sgd" or self.learning_rate != "adaptive":
            if self.verbose:
                print(msg + " Stopping.")
            return True
        if self._optimizer.learning_rate <= 1e-6:
            if self.verbose:
                print(msg + " Learning rate too small. Stopping.")
            return True
        self._optimizer.learning_rate /= 5.0
        if self.verbose:
            print(msg + f" Setting learning rate to {self._optimizer.learning_rate:f}")
        return False

    def _fit_stochastic(self, X, Y, sample_weight, incremental):
        rng = self._random_state
        if not incremental or not hasattr(self, "_optimizer"):
            self._optimizer = self._new_optimizer()
        net = self._network(dtype=X.dtype, random_state=rng, dropout=self.dropout)
        self._adopt_weights(net)

        early_stopping = self.early_stopping
        if early_stopping:
            # scikit-learn's split: stratified for one output, drawn after the weights
            stratify = Y if is_classifier(self) and self.n_outputs_ == 1 else None
            if sample_weight is None:
                X_train, X_val, Y_train, Y_val = train_test_split(
                    X, Y, random_state=rng, test_size=self.validation_fraction,
                    stratify=stratify)
                sw_train = sw_val = None
            else:
                X_train, X_val, Y_train, Y_val, sw_train, sw_val = train_test_split(
                    X, Y, sample_weight, random_state=rng,
                    test_size=self.validation_fraction, stratify=stratify)
            if is_classifier(self):
                Y_val = self._label_binarizer.inverse_transform(Y_val)
        else:
            X_train, Y_train, sw_train = X, Y, sample_weight
            X_val = Y_val = sw_val = None
        # the network computes in the data's dtype (booleans of a classifier too)
        Y_train = np.ascontiguousarray(Y_train, dtype=X.dtype)

        n_samples = X_train.shape[0]
        if self.batch_size == "auto":
            batch_size = min(200, n_samples)
        else:
            if self.batch_size > n_samples:
                warnings.warn("Got `batch_size` less than 1 or larger than sample size. It "
                              "is going to be clipped", stacklevel=4)
            batch_size = int(np.clip(self.batch_size, 1, n_samples))

        optimizer, params, alpha = self._optimizer, net.params, self.alpha
        sample_idx = np.arange(n_samples)
        batches = list(gen_batches(n_samples, batch_size))
        # rows of X by index: take() is several times faster than X[idx] for an ndarray
        if isinstance(X_train, np.ndarray):
            def rows(idx):
                return X_train.take(idx, axis=0)
        else:   # a sparse matrix
            def rows(idx):
                return X_train[idx]
        try:
            self.n_iter_ = 0
            for _ in range(self.max_iter):
                if self.shuffle:
                    # the draws of sklearn.utils.shuffle(sample_idx, random_state=rng)
                    sample_idx = sample_idx[rng.permutation(n_samples)]
                accumulated_loss = 0.0
                for batch in batches:
                    if self.shuffle:
                        idx = sample_idx[batch]
                        X_batch, Y_batch = rows(idx), Y_train.take(idx, axis=0)
                    else:
                        idx = batch
                        X_batch, Y_batch = X_train[batch], Y_train[batch]
                    sw = None if sw_train is None else sw_train[idx]
                    batch_loss, grads = net.loss_and_grads(
                        X_batch, Y_batch, alpha, sample_weight=sw, training=True,
                        sklearn_compatible=True)
                    accumulated_loss += batch_loss * (batch.stop - batch.start)
                    optimizer.step(params, grads)
                self.n_iter_ += 1
                self.loss_ = np.float64(accumulated_loss / n_samples)   # as scikit-learn's
                self.t_ += n_samples
                self.loss_curve_.append(self.loss_)
                if self.verbose:
                    print(f"Iteration {self.n_iter_}, loss = {self.loss_:.8f}")

                self._update_no_improvement_count(early_stopping, X_val, Y_val, sw_val)
                self._end_of_epoch_learning_rate()

                if self._no_improvement_count > self.n_iter_no_change:
                    what = "Validation score" if early_stopping else "Training loss"
                    msg = (f"{what} did not improve more than tol={self.tol:f} for "
                           f"{self.n_iter_no_change} consecutive epochs.")
                    if self._stop_or_slow_down(msg):
                        break
                    self._no_improvement_count = 0
                if incremental:
                    break
                if self.n_iter_ == self.max_iter:
                    warnings.warn(
                        f"Stochastic Optimizer: Maximum iterations ({self.max_iter}) reached "
                        "and the optimization hasn't converged yet.", ConvergenceWarning,
                        stacklevel=4)
        except KeyboardInterrupt:
            warnings.warn("Training interrupted by user.", stacklevel=4)

        if early_stopping:  # the weights of the best validation score
            self.coefs_ = self._best_coefs
            self.intercepts_ = self._best_intercepts

    def _update_no_improvement_count(self, early_stopping, X_val, y_val, sw_val):
        """scikit-learn's stopping rule: count epochs that fail to improve by ``tol``."""
        if early_stopping:
            score = self._score(X_val, y_val, sample_weight=sw_val)
            self.validation_scores_.append(score)
            if self.verbose:
                print(f"Validation score: {self.validation_scores_[-1]:f}")
            if score < self.best_validation_score_ + self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if score > self.best_validation_score_:
                self.best_validation_score_ = score
                self._best_coefs = [c.copy() for c in self.coefs_]
                self._best_intercepts = [b.copy() for b in self.intercepts_]
        else:
            if self.loss_curve_[-1] > self.best_loss_ - self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if self.loss_curve_[-1] < self.best_loss_:
                self.best_loss_ = self.loss_curve_[-1]

    def _fit_lbfgs(self, X, Y, sample_weight):
        """Full-batch L-BFGS-B (SciPy) on nnlib's network, as scikit-learn does.

        The gradient is computed in scikit-learn's order of operations: backpropagate the
        summed error δ = ŷ − y (times w_i), then add αW and divide by n (Σw). This is the
        gradient of :meth:`nnlib.network.MLP.loss_and_grads`, which divides by n first;
        the two round differently in the last bit, and L-BFGS amplifies that (see the
        module docstring), so the order is scikit-learn's here.
        """
        if X.dtype != np.float64:  # scikit-learn, in effect, computes this in float64
            X = X.astype(np.float64)
        net = self._network(dtype=np.float64)
        Y = np.ascontiguousarray(Y, dtype=np.float64)
        params, alpha = net.params, self.alpha
        total_weight = X.shape[0] if sample_weight is None else sample_weight.sum()
        keys = [(i, "W") for i in range(len(params))] + [(i, "b") for i in range(len(params))]
        sizes = np.cumsum([0] + [params[i][k].size for i, k in keys])

        def unpack(theta):
            for (i, k), start, stop in zip(keys, sizes[:-1], sizes[1:], strict=True):
                params[i][k][...] = theta[start:stop].reshape(params[i][k].shape)

        def loss_and_gradient(theta):
            unpack(theta)
            logits = net.logits(X)
            loss, _ = net.loss_fn(Y, logits, sample_weight, sklearn_compatible=True)
            squares = sum(np.dot(p["W"].ravel(), p["W"].ravel()) for p in params)
            loss += 0.5 * alpha * squares / total_weight
            delta = net.out_fn(logits) - Y  # Σ-loss gradient for each output's own loss
            if sample_weight is not None:
                delta *= sample_weight[:, None]
            grads = net.backward(delta)
            gradient = [(grads[i]["W"] + alpha * params[i]["W"]) / total_weight if k == "W"
                        else grads[i]["b"] / total_weight for i, k in keys]
            return np.float64(loss), np.concatenate([g.ravel() for g in gradient])

        theta0 = np.concatenate([params[i][k].ravel() for i, k in keys])
        iprint = 1 if self.verbose is True or self.verbose >= 1 else -1
        result = scipy.optimize.minimize(
            loss_and_gradient, theta0, method="L-BFGS-B", jac=True,
            options={"maxfun": self.max_fun, "maxiter": self.max_iter, "gtol": self.tol,
                     **_get_additional_lbfgs_options_dict("iprint", iprint)})
        self.n_iter_ = _check_optimize_result("lbfgs", result, self.max_iter)
        self.loss_ = result.fun
        unpack(result.x)
        self._adopt_weights(net)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Fit the model to data matrix X and target(s) y.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input data. float32 data are kept (and trained) in float32.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels (classification; 2-D: multilabel indicators) or values.
        sample_weight : array-like of shape (n_samples,), default None
            Weight of each sample in the loss.

        Returns
        -------
        self
        """
        return self._fit(X, y, sample_weight=sample_weight, incremental=False)

    def _check_solver(self):
        if self.solver not in _STOCHASTIC_SOLVERS:
            raise AttributeError("partial_fit is only available for stochastic optimizers. "
                                 f"{self.solver} is not stochastic.")
        return True

    def _score_with_function(self, X, y, sample_weight, score_function):
        y_pred = self._predict(X, check_input=False)
        if np.issubdtype(y_pred.dtype, np.floating) and not np.isfinite(y_pred).all():
            return np.nan
        return score_function(y, y_pred, sample_weight=sample_weight)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """Multi-layer perceptron classifier: scikit-learn's, trained by nnlib.

    The same parameters, defaults, methods and fitted attributes as
    :class:`sklearn.neural_network.MLPClassifier`, plus ``dropout``. Two classes get one
    logistic output unit, more classes a softmax layer, multilabel targets (a 0/1 matrix)
    one logistic unit per label. It minimises the mean log-loss plus the L2 penalty
    ``0.5 * alpha * sum(W**2) / n_samples`` (see the module docstring for how the loss is
    reported).

    Parameters
    ----------
    hidden_layer_sizes : array-like of int, default (100,)
        Units of each hidden layer; ``()`` gives logistic (softmax) regression.
    activation : {'relu', 'logistic', 'tanh', 'identity', 'leaky_relu'}, default 'relu'
        Activation of the hidden layers ('leaky_relu': nnlib only).
    solver : {'adam', 'sgd', 'lbfgs'}, default 'adam'
        Adam, SGD with momentum, or SciPy's L-BFGS-B (full batch).
    alpha : float, default 0.0001
        L2 strength α.
    batch_size : int or 'auto', default 'auto'
        Samples per mini-batch; 'auto' is ``min(200, n_samples)``. Not used by 'lbfgs'.
    learning_rate : {'constant', 'invscaling', 'adaptive'}, default 'constant'
        Schedule of η for 'sgd': constant; ``learning_rate_init / (t + 1) ** power_t``
        after each epoch (t: samples seen); or divided by 5 whenever ``n_iter_no_change``
        epochs fail to improve by ``tol``.
    learning_rate_init : float, default 0.001
        The initial step size η ('sgd', 'adam').
    power_t : float, default 0.5
        Exponent of 'invscaling'.
    max_iter : int, default 200
        Maximum epochs ('sgd', 'adam') or iterations ('lbfgs').
    shuffle : bool, default True
        Reshuffle the samples before every epoch.
    random_state : int, RandomState instance or None, default None
        Initial weights, shuffles, the validation split and dropout masks. An int gives
        the same draws as scikit-learn's.
    tol : float, default 1e-4
        Progress smaller than ``tol`` for ``n_iter_no_change`` epochs stops training
        (with 'lbfgs': the gradient tolerance).
    verbose : bool or int, default False
        Print the loss after every epoch.
    warm_start : bool, default False
        Continue from the previous fit's weights.
    momentum : float, default 0.9
        Momentum μ of 'sgd', in [0, 1].
    nesterovs_momentum : bool, default True
        Nesterov's momentum for 'sgd'.
    early_stopping : bool, default False
        Hold out ``validation_fraction`` of the data (stratified) and stop when its
        accuracy stops improving; keep the best weights.
    validation_fraction : float, default 0.1
        Share of the data held out for early stopping.
    beta_1, beta_2 : float, default 0.9, 0.999
        Adam's decay rates of its first and second moment estimates.
    epsilon : float, default 1e-8
        Adam's ε.
    n_iter_no_change : int, default 10
        Epochs without improvement before stopping.
    max_fun : int, default 15000
        Maximum loss evaluations of 'lbfgs'.
    dropout : float, default 0.0
        Dropout rate p after each hidden layer while training ('sgd', 'adam'), in [0, 1).
        nnlib only; 0 gives scikit-learn's model.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    loss_ : numpy float
        Loss of the last epoch (or at the end of 'lbfgs').
    best_loss_ : numpy float or None
        Smallest ``loss_curve_`` entry (None with early stopping).
    loss_curve_ : list of numpy float
        Loss of every epoch (stochastic solvers).
    validation_scores_ : list of float or None
        Validation accuracy of every epoch (early stopping only).
    best_validation_score_ : float or None
    t_ : int
        Training samples seen.
    coefs_ : list of ndarray, shapes (n_in, n_out)
    intercepts_ : list of ndarray, shapes (n_out,)
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features_in_,)
        Only when X had string column names.
    n_iter_ : int
        Epochs (iterations for 'lbfgs') of the last call to fit.
    n_layers_ : int
        Layers including input and output.
    n_outputs_ : int
    out_activation_ : str
        'logistic' or 'softmax'.

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X, y = make_moons(300, noise=0.1, random_state=42)
    >>> clf = MLPClassifier((16,), learning_rate_init=0.01, max_iter=1000,
    ...                     random_state=0).fit(X, y)
    >>> clf.score(X, y), clf.n_iter_
    (1.0, 632)
    """

    def _validate_input(self, X, y, incremental, reset):
        """Checked X and the 0/1 indicator matrix of y; a new LabelBinarizer or None.

        Nothing is stored: ``_fit`` stores the label binarizer once every check passed.
        """
        X, y = validate_data(self, X, y, accept_sparse=["csr", "csc"], multi_output=True,
                             dtype=(np.float64, np.float32), reset=reset)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        # scikit-learn's table: a new binarizer for a fresh fit; otherwise y's classes
        # must match (warm_start) or be among (partial_fit) the fitted ones.
        if not hasattr(self, "classes_") or (not self.warm_start and not incremental):
            label_binarizer = LabelBinarizer().fit(y)
        else:
            label_binarizer = None
            classes = unique_labels(y)
            if self.warm_start:
                if set(classes) != set(self.classes_):
                    raise ValueError(
                        "warm_start can only be used where `y` has the same classes as in "
                        f"the previous call to fit. Previously got {self.classes_}, `y` "
                        f"has {classes}")
            elif len(np.setdiff1d(classes, self.classes_, assume_unique=True)):
                raise ValueError(f"`y` has classes not in `self.classes_`. `self.classes_` "
                                 f"has {self.classes_}. 'y' has {classes}.")
        binarizer = label_binarizer or self._label_binarizer
        # booleans, as scikit-learn (they split and stratify the same way)
        return X, binarizer.transform(y).astype(bool), label_binarizer

    def predict(self, X):
        """Predicted class of each sample (multilabel: a 0/1 row of labels).

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self._predict(X)

    def _predict(self, X, check_input=True):
        y_pred = self._forward_pass_fast(X, check_input=check_input)
        if self.n_outputs_ == 1:
            y_pred = y_pred.ravel()
        return self._label_binarizer.inverse_transform(y_pred)

    def _score(self, X, y, sample_weight=None):
        return self._score_with_function(X, y, sample_weight, accuracy_score)

    @available_if(lambda est: est._check_solver())
    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, sample_weight=None, classes=None):
        """One epoch over (X, y), continuing from the current weights.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
        sample_weight : array-like of shape (n_samples,), default None
        classes : array-like of shape (n_classes,), default None
            Every class; required on the first call (not for multilabel y).

        Returns
        -------
        self
        """
        if _check_partial_fit_first_call(self, classes):
            self._label_binarizer = LabelBinarizer()
            if type_of_target(y).startswith("multilabel"):
                self._label_binarizer.fit(y)
            else:
                self._label_binarizer.fit(classes)
        return self._fit(X, y, sample_weight=sample_weight, incremental=True)

    def predict_log_proba(self, X):
        """Natural log of :meth:`predict_proba`.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
        """
        y_prob = self.predict_proba(X)
        return np.log(y_prob, out=y_prob)

    def predict_proba(self, X):
        """Probability of each class, columns in the order of ``classes_``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            For multilabel y: the probability of each label.
        """
        check_is_fitted(self)
        y_pred = self._forward_pass_fast(X)
        if self.n_outputs_ == 1:
            y_pred = y_pred.ravel()
        if y_pred.ndim == 1:
            return np.vstack([1 - y_pred, y_pred]).T
        return y_pred

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags


class MLPRegressor(RegressorMixin, _BaseMLP):
    """Multi-layer perceptron regressor: scikit-learn's, trained by nnlib.

    The same parameters, defaults, methods and fitted attributes as
    :class:`sklearn.neural_network.MLPRegressor`, plus ``dropout``. The output layer is
    the identity (one unit per target); it minimises half the mean squared error plus the
    L2 penalty ``0.5 * alpha * sum(W**2) / n_samples``. With ``loss='poisson'`` the output
    is exp(z) and the loss half the Poisson deviance.

    Parameters
    ----------
    loss : {'squared_error', 'poisson'}, default 'squared_error'
        The loss (first, as in scikit-learn: pass the others by name).
    hidden_layer_sizes : array-like of int, default (100,)
        Units of each hidden layer; ``()`` gives linear regression.
    activation : {'relu', 'logistic', 'tanh', 'identity', 'leaky_relu'}, default 'relu'
        Activation of the hidden layers ('leaky_relu': nnlib only).
    solver : {'adam', 'sgd', 'lbfgs'}, default 'adam'
    alpha : float, default 0.0001
    batch_size : int or 'auto', default 'auto'
    learning_rate : {'constant', 'invscaling', 'adaptive'}, default 'constant'
    learning_rate_init : float, default 0.001
    power_t : float, default 0.5
    max_iter : int, default 200
    shuffle : bool, default True
    random_state : int, RandomState instance or None, default None
    tol : float, default 1e-4
    verbose : bool or int, default False
    warm_start : bool, default False
    momentum : float, default 0.9
    nesterovs_momentum : bool, default True
    early_stopping : bool, default False
        Hold out ``validation_fraction`` of the data and stop when its R² stops
        improving; keep the best weights.
    validation_fraction : float, default 0.1
    beta_1, beta_2 : float, default 0.9, 0.999
    epsilon : float, default 1e-8
    n_iter_no_change : int, default 10
    max_fun : int, default 15000
    dropout : float, default 0.0
        As for :class:`MLPClassifier` (the other parameters too).

    Attributes
    ----------
    loss_, best_loss_, loss_curve_, validation_scores_, best_validation_score_, t_,
    coefs_, intercepts_, n_features_in_, feature_names_in_, n_iter_, n_layers_,
    n_outputs_ : as for :class:`MLPClassifier` (validation scores are R²).
    out_activation_ : str
        'identity' ('exp' for the Poisson loss).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.linspace(-1, 1, 50)[:, None]
    >>> reg = MLPRegressor(hidden_layer_sizes=(20,), solver="lbfgs", random_state=0)
    >>> reg = reg.fit(X, X.ravel() ** 2)
    >>> round(reg.score(X, X.ravel() ** 2), 4)
    0.9996
    """

    _parameter_constraints: dict = {
        **_BaseMLP._parameter_constraints,
        "loss": _SkMLPRegressor._parameter_constraints["loss"],
    }

    def __init__(self, loss="squared_error", hidden_layer_sizes=(100,), activation="relu", *,
                 solver="adam", alpha=0.0001, batch_size="auto", learning_rate="constant",
                 learning_rate_init=0.001, power_t=0.5, max_iter=200, shuffle=True,
                 random_state=None, tol=1e-4, verbose=False, warm_start=False, momentum=0.9,
                 nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1,
                 beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10, max_fun=15000,
                 dropout=0.0):
        self.loss = loss
        super().__init__(
            hidden_layer_sizes=hidden_layer_sizes, activation=activation, solver=solver,
            alpha=alpha, batch_size=batch_size, learning_rate=learning_rate,
            learning_rate_init=learning_rate_init, power_t=power_t, max_iter=max_iter,
            shuffle=shuffle, random_state=random_state, tol=tol, verbose=verbose,
            warm_start=warm_start, momentum=momentum, nesterovs_momentum=nesterovs_momentum,
            early_stopping=early_stopping, validation_fraction=validation_fraction,
            beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, n_iter_no_change=n_iter_no_change,
            max_fun=max_fun, dropout=dropout)

    def _validate_input(self, X, y, incremental, reset):
        X, y = validate_data(self, X, y, accept_sparse=["csr", "csc"], multi_output=True,
                             y_numeric=True, dtype=(np.float64, np.float32), reset=reset)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if self.loss == "poisson":  # the network's own check: y >= 0, a clear ValueError
            check_targets(y, "non_negative", y.shape[0], 1 if y.ndim == 1 else y.shape[1])
        return X, y, None

    def predict(self, X):
        """Predicted values.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_outputs)
        """
        check_is_fitted(self)
        return self._predict(X)

    def _predict(self, X, check_input=True):
        y_pred = self._forward_pass_fast(X, check_input=check_input)
        if y_pred.shape[1] == 1:
            return y_pred.ravel()
        return y_pred

    def _score(self, X, y, sample_weight=None):
        return self._score_with_function(X, y, sample_weight, r2_score)

    @available_if(lambda est: est._check_solver())
    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, sample_weight=None):
        """One epoch over (X, y), continuing from the current weights.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), default None

        Returns
        -------
        self
        """
        return self._fit(X, y, sample_weight=sample_weight, incremental=True)
