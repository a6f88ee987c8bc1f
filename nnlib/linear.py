"""One neuron as a linear classifier (or regressor): the perceptron rule and gradient descent.

A single neuron computes the score z = X w + b. What it *is* depends on what we do with z
and how we score its mistakes:

=====================  ===================  =======================  =====================
job                    output               loss per sample          labels
=====================  ===================  =======================  =====================
linear regression      ŷ = z (identity)     ½ (ŷ − y)²               any number
logistic regression    ŷ = σ(z)             cross-entropy            0 or 1
linear SVM             the score z itself   hinge max(0, 1 − y z)    −1 or +1
=====================  ===================  =======================  =====================

The cost this module minimises is always the mean loss plus an L2 penalty on the weights
(never on the bias):

    J(w, b) = (1/n) Σ ℓ_i + (α/2) ‖w‖²

Its gradient is ∇_w J = (1/n) Σ ∇_w ℓ_i + α w, so one step of gradient descent is

    w ← (1 − ηα) w − η ∇_w (mean loss),     b ← b − η ∂(mean loss)/∂b,

a shrink of every weight by the factor (1 − ηα) (the "gradual forgetting" of L2) and a
push by the data. scikit-learn writes the same cost as C Σ ℓ_i + ½ ‖w‖²; dividing by nC
shows that the two agree when C = 1 / (n α) (:func:`sklearn_C`).

The losses and their gradients with respect to z come from :mod:`nnlib.losses`; this
module adds the chain rule step to w and b (∂z/∂w = x, ∂z/∂b = 1) and the loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnlib import losses
from nnlib._validation import (
    as_float_array,
    check_binary_labels,
    check_choice,
    check_integer,
    check_n_features,
    check_positive,
    check_same_length,
    check_scalar,
    describe,
)
from nnlib.activations import logistic

__all__ = [
    "COSTS",
    "FitResult",
    "PerceptronResult",
    "cost_and_gradients",
    "distance_to_boundary",
    "gradient_descent",
    "gradient_step",
    "margin_width",
    "perceptron",
    "perceptron_update",
    "predict",
    "predict_proba",
    "scores",
    "signed_labels",
    "sklearn_C",
    "support_vectors",
]

#: The three jobs of one neuron: the loss in :mod:`nnlib.losses` and the output it judges.
COSTS = {
    "squared_error": "linear regression: ŷ = z, loss ½(ŷ − y)²",
    "cross_entropy": "logistic regression: ŷ = σ(z), binary cross-entropy",
    "hinge": "linear SVM: score z, hinge loss max(0, 1 − y z)",
}


#: The loss of the scores z in nnlib.losses, by cost name: each returns (loss, dloss/dz).
_LOSS_OF_Z = {
    "cross_entropy": losses.binary_cross_entropy,
    "hinge": losses.hinge,
    "squared_error": losses.squared_error,
}

# ------------------------------------------------------------------------------ checks


def _check_X(X) -> np.ndarray:
    X = as_float_array(X, "X", ndim=2)
    if X.shape[0] == 0:
        raise ValueError(f"X must hold at least one sample; got {describe(X)}.")
    return X


def _check_w_b(w, b, X: np.ndarray) -> tuple[np.ndarray, float]:
    w = as_float_array(w, "w", ndim=1)
    check_n_features(X, w, "X", "w")
    return w, check_scalar("b", b)


def _check_y(y, X: np.ndarray) -> np.ndarray:
    y = as_float_array(y, "y", ndim=1)
    check_same_length("X", X, "y", y)
    return y


def signed_labels(y):
    """Labels 0/1 as −1/+1 (the SVM's convention); −1/+1 are returned unchanged.

    Parameters
    ----------
    y : array_like, shape (n_samples,)
        Labels 0 and 1, or −1 and +1.

    Returns
    -------
    ndarray of float, shape (n_samples,)
        2y − 1 for 0/1 labels.
    """
    y = as_float_array(y, "y", ndim=1)
    found = set(np.unique(y).tolist())
    if found <= {-1.0, 1.0}:
        return y.copy()
    if found <= {0.0, 1.0}:
        return 2.0 * y - 1.0
    raise ValueError("y must contain labels 0 and 1 (or -1 and +1); got "
                     f"{', '.join(f'{v:g}' for v in sorted(found))}.")


def _labels_01(y) -> np.ndarray:
    """Labels −1/+1 or 0/1 as 0/1."""
    return (signed_labels(y) + 1.0) / 2.0


# ------------------------------------------------------------------------ predictions


def scores(X, w, b):
    """The score (weighted input) z = X w + b of every sample.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    w : array_like, shape (n_features,)
    b : float

    Returns
    -------
    z : ndarray, shape (n_samples,)
    """
    X = _check_X(X)
    w, b = _check_w_b(w, b, X)
    return X @ w + b


def predict_proba(X, w, b):
    """Logistic regression's P(y = 1 | x) = σ(z) for every sample.

    Parameters
    ----------
    X, w, b
        As for :func:`scores`.

    Returns
    -------
    p : ndarray, shape (n_samples,)
        Probabilities of class 1; P(y = 0 | x) is 1 − p.
    """
    return logistic(scores(X, w, b))


def predict(X, w, b):
    """Class 1 where z > 0 (σ(z) > 0.5), else class 0.

    Parameters
    ----------
    X, w, b
        As for :func:`scores`.

    Returns
    -------
    y_hat : ndarray of int, shape (n_samples,)
        Labels 0 or 1.
    """
    return (scores(X, w, b) > 0).astype(int)


# ------------------------------------------------------------------------- perceptron


def perceptron_update(x, y, w, b, learning_rate=1.0):
    """One step of Rosenblatt's perceptron rule for one sample.

    The step neuron outputs ŷ = 1 if w·x + b > 0, else 0. If it is wrong it moves its
    weights by the error (y − ŷ) times the input:

        w ← w + η (y − ŷ) x,     b ← b + η (y − ŷ).

    If it is right, y − ŷ = 0 and nothing changes.

    Parameters
    ----------
    x : array_like, shape (n_features,)
        One sample.
    y : int
        Its label, 0 or 1.
    w : array_like, shape (n_features,)
    b : float
    learning_rate : float, default 1.0
        η > 0.

    Returns
    -------
    w : ndarray, shape (n_features,)
        New weights (a new array).
    b : float
        New bias.
    error : int
        y − ŷ: −1, 0 or +1 (0 means no update).
    """
    x = as_float_array(x, "x", ndim=1)
    w = as_float_array(w, "w", ndim=1)
    check_n_features(x, w, "x", "w")
    b = check_scalar("b", b)
    y = check_scalar("y", y)
    check_binary_labels(np.array([y]))
    eta = check_positive("learning_rate", learning_rate)
    y_hat = 1.0 if x @ w + b > 0 else 0.0
    error = y - y_hat
    return w + eta * error * x, b + eta * error, int(error)


@dataclass
class PerceptronResult:
    """What :func:`perceptron` found.

    Attributes
    ----------
    w : ndarray, shape (n_features,)
    b : float
    n_updates : int
        How many times the rule changed the weights (one per mistake).
    n_epochs : int
        Passes over the data, the last one without a mistake if ``converged``.
    converged : bool
        True if a whole pass made no mistake.
    mistakes : list of int
        Mistakes in each pass.
    history : list of (ndarray, float)
        (w, b) after every update, starting with the initial values.
    """

    w: np.ndarray
    b: float
    n_updates: int
    n_epochs: int
    converged: bool
    mistakes: list = field(default_factory=list)
    history: list = field(default_factory=list)

    def __repr__(self) -> str:
        w = ", ".join(f"{v:.3g}" for v in self.w)
        return (f"PerceptronResult(w=[{w}], b={self.b:.3g}, n_updates={self.n_updates}, "
                f"n_epochs={self.n_epochs}, converged={self.converged})")


def perceptron(X, y, learning_rate=1.0, max_epochs=100, w=None, b=0.0):
    """Train a step neuron with the perceptron rule, sweeping the samples in order.

    On linearly separable data the rule stops making mistakes after a finite number of
    updates (the perceptron convergence theorem); on other data it never settles, and
    stops after ``max_epochs`` passes.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
        Labels 0 or 1.
    learning_rate : float, default 1.0
    max_epochs : int, default 100
    w : array_like, shape (n_features,), optional
        Starting weights (default zeros).
    b : float, default 0.0
        Starting bias.

    Returns
    -------
    PerceptronResult
    """
    X = _check_X(X)
    y = check_binary_labels(_check_y(y, X))
    max_epochs = check_integer("max_epochs", max_epochs, minimum=1)
    w = np.zeros(X.shape[1]) if w is None else as_float_array(w, "w", ndim=1).copy()
    w, b = _check_w_b(w, b, X)
    history = [(w.copy(), b)]
    mistakes = []
    n_updates = 0
    converged = False
    for _ in range(max_epochs):
        wrong = 0
        for x_i, y_i in zip(X, y, strict=True):
            w, b, error = perceptron_update(x_i, y_i, w, b, learning_rate)
            if error:
                wrong += 1
                history.append((w.copy(), b))
        mistakes.append(wrong)
        n_updates += wrong
        if wrong == 0:
            converged = True
            break
    return PerceptronResult(w=w, b=b, n_updates=n_updates, n_epochs=len(mistakes),
                            converged=converged, mistakes=mistakes, history=history)


# ------------------------------------------------------------------ costs and gradients


def cost_and_gradients(X, y, w, b, loss="cross_entropy", alpha=0.0):
    """The cost J = mean loss + (α/2)‖w‖² and its gradient with respect to w and b.

    The loss's gradient with respect to the scores, dJ/dz (shape (n,), with the 1/n of
    the mean), comes from :mod:`nnlib.losses`; the chain rule with z = X w + b gives

        ∇_w J = Xᵀ dJ/dz + α w,     ∂J/∂b = Σ dJ/dz.

    For the cross-entropy dJ/dz_i = (σ(z_i) − y_i)/n, so ∇_w J = (1/n) Σ (ŷ_i − y_i) x_i + α w.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
        Targets: numbers for 'squared_error'; 0/1 for 'cross_entropy'; 0/1 or −1/+1
        for 'hinge'.
    w : array_like, shape (n_features,)
    b : float
    loss : {'cross_entropy', 'hinge', 'squared_error'}, default 'cross_entropy'
    alpha : float, default 0.0
        L2 strength α ≥ 0 (the bias is not penalised).

    Returns
    -------
    J : float
        The cost.
    grad_w : ndarray, shape (n_features,)
    grad_b : float
    """
    X = _check_X(X)
    y = _targets(_check_y(y, X), check_choice("loss", loss, COSTS))
    w, b = _check_w_b(w, b, X)
    alpha = check_positive("alpha", alpha, allow_zero=True)
    return _cost_and_gradients(X, y, w, b, loss, alpha)


def _targets(y: np.ndarray, loss: str) -> np.ndarray:
    """The labels in the form the loss wants: 0/1 for cross-entropy, −1/+1 for hinge."""
    if loss == "cross_entropy":
        return _labels_01(y)
    if loss == "hinge":
        return signed_labels(y)
    return y


def _cost_and_gradients(X, y, w, b, loss, alpha):
    """:func:`cost_and_gradients` on checked inputs (labels already as the loss wants)."""
    z = X @ w + b
    data_loss, dz = _LOSS_OF_Z[loss](y, z)  # dz = dJ/dz, shape (n,), includes the 1/n
    J = data_loss + 0.5 * alpha * float(w @ w)
    grad_w = X.T @ dz + alpha * w           # chain rule: dz/dw = x
    grad_b = float(np.sum(dz))              # chain rule: dz/db = 1
    return float(J), grad_w, grad_b


def gradient_step(X, y, w, b, loss="cross_entropy", alpha=0.0, learning_rate=0.1):
    """One step of gradient descent on :func:`cost_and_gradients`.

        w ← (1 − ηα) w − η ∇_w(mean loss),     b ← b − η ∂(mean loss)/∂b

    (the same as w ← w − η ∇_w J: the L2 term's gradient α w becomes the shrink factor).

    Parameters
    ----------
    X, y, w, b, loss, alpha
        As in :func:`cost_and_gradients`.
    learning_rate : float, default 0.1
        η > 0.

    Returns
    -------
    w : ndarray, shape (n_features,)
        New weights (a new array).
    b : float
        New bias.
    """
    eta = check_positive("learning_rate", learning_rate)
    _, grad_w, grad_b = cost_and_gradients(X, y, w, b, loss=loss, alpha=alpha)
    w = as_float_array(w, "w", ndim=1)
    return w - eta * grad_w, b - eta * grad_b


@dataclass
class FitResult:
    """What :func:`gradient_descent` found.

    Attributes
    ----------
    w : ndarray, shape (n_features,)
    b : float
    loss_curve : ndarray, shape (n_iter + 1,)
        The cost J before the first step and after every step.
    weights : ndarray, shape (n_iter + 1, n_features)
        w before the first step and after every step.
    biases : ndarray, shape (n_iter + 1,)
    best_w, best_b : ndarray, float
        The weights with the lowest cost seen (for the hinge loss, whose subgradient steps
        do not always go down).
    """

    w: np.ndarray
    b: float
    loss_curve: np.ndarray
    weights: np.ndarray
    biases: np.ndarray
    best_w: np.ndarray
    best_b: float

    def __repr__(self) -> str:
        w = ", ".join(f"{v:.4g}" for v in self.w)
        return (f"FitResult(w=[{w}], b={self.b:.4g}, steps={len(self.loss_curve) - 1}, "
                f"final cost={self.loss_curve[-1]:.4g})")


def gradient_descent(X, y, loss="cross_entropy", alpha=0.0, learning_rate=0.1, n_iter=1000,
                     w=None, b=0.0, decay=0.0):
    """Full-batch gradient descent on J = mean loss + (α/2)‖w‖², from scratch.

    Every step is :func:`gradient_step`. For the hinge loss the gradient is a
    *subgradient* (the loss has a corner at y z = 1), the cost does not fall at every
    step, and a shrinking learning rate helps it settle: with ``decay`` > 0 step t uses
    η_t = η / (1 + decay · t).

    Parameters
    ----------
    X, y, loss, alpha
        As in :func:`cost_and_gradients`.
    learning_rate : float, default 0.1
        η > 0.
    n_iter : int, default 1000
        Number of steps.
    w : array_like, shape (n_features,), optional
        Starting weights (default zeros).
    b : float, default 0.0
        Starting bias.
    decay : float, default 0.0
        Learning-rate decay (0 keeps η constant).

    Returns
    -------
    FitResult
    """
    X = _check_X(X)
    y = _targets(_check_y(y, X), check_choice("loss", loss, COSTS))
    alpha = check_positive("alpha", alpha, allow_zero=True)
    n_iter = check_integer("n_iter", n_iter, minimum=0)
    eta = check_positive("learning_rate", learning_rate)
    decay = check_positive("decay", decay, allow_zero=True)
    w = np.zeros(X.shape[1]) if w is None else as_float_array(w, "w", ndim=1).copy()
    w, b = _check_w_b(w, b, X)
    losses_ = np.empty(n_iter + 1)
    weights = np.empty((n_iter + 1, X.shape[1]))
    biases = np.empty(n_iter + 1)
    best = (np.inf, w.copy(), b)
    for t in range(n_iter + 1):
        J, grad_w, grad_b = _cost_and_gradients(X, y, w, b, loss, alpha)
        losses_[t], weights[t], biases[t] = J, w, b
        if J < best[0]:
            best = (J, w.copy(), b)
        if t == n_iter:
            break
        eta_t = eta / (1.0 + decay * t)
        w = w - eta_t * grad_w
        b = b - eta_t * grad_b
    return FitResult(w=w, b=float(b), loss_curve=losses_, weights=weights, biases=biases,
                     best_w=best[1], best_b=float(best[2]))


# ------------------------------------------------------------------------ SVM geometry


def margin_width(w):
    """The width 2/‖w‖ of the band between the lines z = −1 and z = +1.

    A point at score z lies |z|/‖w‖ from the line z = 0 (chapter 2's θ/‖w‖), so the lines
    z = ±1 lie 1/‖w‖ on either side of it.

    Parameters
    ----------
    w : array_like, shape (n_features,)

    Returns
    -------
    float
        2/‖w‖ (inf for w = 0).
    """
    w = as_float_array(w, "w", ndim=1)
    norm = float(np.linalg.norm(w))
    return np.inf if norm == 0 else 2.0 / norm


def distance_to_boundary(X, w, b):
    """Signed distance z/‖w‖ of every sample from the line z = 0 (positive on class 1's side).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    w : array_like, shape (n_features,)
        Not all zero.
    b : float

    Returns
    -------
    ndarray, shape (n_samples,)
    """
    z = scores(X, w, b)
    norm = float(np.linalg.norm(as_float_array(w, "w", ndim=1)))
    if norm == 0:
        raise ValueError("w must not be all zero: with w = 0 there is no boundary line.")
    return z / norm


def support_vectors(X, y, w, b, tol=1e-6):
    """Which samples are support vectors: on or inside the margin, y z ≤ 1 (+ tol).

    These are the samples with a non-zero hinge loss or on its corner; moving any other
    sample a little (without crossing the margin) leaves the SVM unchanged.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
        Labels 0/1 or −1/+1.
    w : array_like, shape (n_features,)
    b : float
    tol : float, default 1e-6
        Slack for y z = 1 computed in floating point (or by an approximate solver).

    Returns
    -------
    ndarray of bool, shape (n_samples,)
    """
    X = _check_X(X)
    y = signed_labels(_check_y(y, X))
    tol = check_positive("tol", tol, allow_zero=True)
    return y * scores(X, w, b) <= 1.0 + tol


def sklearn_C(alpha, n_samples):
    """scikit-learn's C for the L2 strength α: C = 1 / (n α).

    scikit-learn's LogisticRegression and SVC minimise C Σ ℓ_i + ½‖w‖²; this module
    minimises (1/n) Σ ℓ_i + (α/2)‖w‖². Multiplying the second by nC gives the first when
    n C α = 1.

    Parameters
    ----------
    alpha : float
        α > 0.
    n_samples : int
        n ≥ 1.

    Returns
    -------
    float
    """
    alpha = check_positive("alpha", alpha)
    n = check_integer("n_samples", n_samples, minimum=1)
    return 1.0 / (n * alpha)
