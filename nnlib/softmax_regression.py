"""Softmax regression: one layer of k linear neurons and a softmax, trained by gradient descent.

For an input row x the model computes k scores (logits) and turns them into
probabilities:

    z = x W + b,    P(y = c | x) = softmax(z)_c,

with ``W`` of shape (n_features, k) and ``b`` of shape (k,). It is logistic regression
for k classes, and it is exactly a network without hidden layers whose output layer
has a softmax (``nnlib.MLP((d, k), output='softmax')``).

The cost is the mean cross-entropy plus an L2 penalty on the weights (not the biases),

    J(W, b) = (1/n) sum_i -log P(y_i | x_i) + (alpha/2) ||W||^2,

the convention of chapter 4; scikit-learn's ``LogisticRegression(C=...)`` minimises the
same cost when C = 1 / (n alpha). Its gradient is (1/n) X^T (P - Y) + alpha W for the
weights and the column means of P - Y for the biases (Y one-hot).

Adding the same vector to every column of W (the same number to every class's score)
changes no probability, so W and b are only fixed up to such a shift; :func:`centre`
picks the representative whose columns sum to zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnlib._validation import as_float_array, check_integer, check_positive
from nnlib.activations import softmax
from nnlib.losses import categorical_cross_entropy

__all__ = [
    "SoftmaxRegressionFit",
    "centre",
    "cost_and_gradients",
    "fit",
    "one_hot",
    "predict_proba",
    "softmax_with_temperature",
]


def one_hot(y, n_classes=None):
    """Class labels 0..k-1 as one-hot rows.

    Parameters
    ----------
    y : array_like of int, shape (n_samples,)
    n_classes : int, optional
        k; by default ``max(y) + 1``.

    Returns
    -------
    Y : ndarray of float, shape (n_samples, k)
        Y[i, c] = 1 if y[i] == c, else 0.

    Examples
    --------
    >>> one_hot([0, 2, 1])
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    """
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0 or not np.issubdtype(y.dtype, np.integer) or y.min() < 0:
        raise ValueError("y must be a non-empty 1-D array of class labels 0, 1, ..., k-1; "
                         f"got {y!r}.")
    k = int(y.max()) + 1 if n_classes is None else check_integer("n_classes", n_classes,
                                                                   minimum=int(y.max()) + 1)
    return np.eye(k)[y]


def _check_model(X, W, b):
    X = as_float_array(X, "X", ndim=2)
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    if W.shape[0] != X.shape[1]:
        raise ValueError(f"W must have one row per feature: X has {X.shape[1]} features, "
                         f"W has shape {W.shape}.")
    if b.shape[0] != W.shape[1]:
        raise ValueError(f"b must have one entry per class (W has {W.shape[1]} columns); "
                         f"got shape {b.shape}.")
    return X, W, b


def predict_proba(X, W, b):
    """P(y = c | x) = softmax(x W + b)_c for every row of X.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    W : array_like, shape (n_features, k)
    b : array_like, shape (k,)

    Returns
    -------
    P : ndarray, shape (n_samples, k)
        Each row sums to 1.
    """
    X, W, b = _check_model(X, W, b)
    return softmax(X @ W + b, axis=1)


def cost_and_gradients(X, y, W, b, alpha=0.0):
    """The cost J(W, b) and its gradients.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like of int, shape (n_samples,)
        Class labels 0..k-1.
    W : array_like, shape (n_features, k)
    b : array_like, shape (k,)
    alpha : float, default 0.0
        L2 strength (>= 0); the penalty is (alpha/2) ||W||^2.

    Returns
    -------
    J : float
    dW : ndarray, shape (n_features, k)
        (1/n) X^T (P - Y) + alpha W.
    db : ndarray, shape (k,)
        (1/n) sum_i (P_i - Y_i).
    """
    X, W, b = _check_model(X, W, b)
    alpha = check_positive("alpha", alpha, allow_zero=True)
    Y = np.asarray(y) if np.ndim(y) == 2 else one_hot(y, W.shape[1])
    categorical_cross_entropy(Y, X @ W + b)  # checks Y against the logits, or says why
    return _cost_and_gradients(X, Y, W, b, alpha)


def _cost_and_gradients(X, Y, W, b, alpha):
    """:func:`cost_and_gradients` for checked arrays and one-hot Y (the training loop)."""
    Z = X @ W + b
    P = softmax(Z, axis=1)
    m = Z.max(axis=1, keepdims=True)
    log_P = Z - m - np.log(np.sum(np.exp(Z - m), axis=1, keepdims=True))  # stable ln P
    n = len(X)
    J = -np.sum(Y * log_P) / n + 0.5 * alpha * float(np.sum(W**2))
    dZ = (P - Y) / n  # equation P - Y, averaged
    return J, X.T @ dZ + alpha * W, dZ.sum(axis=0)


@dataclass
class SoftmaxRegressionFit:
    """What :func:`fit` returns: the weights W (d, k), the biases b (k,), and the cost J
    before the first step and after every step (``loss_curve``, length n_iter + 1)."""

    W: np.ndarray
    b: np.ndarray
    loss_curve: np.ndarray

    def predict_proba(self, X):
        """Probabilities, shape (n_samples, k)."""
        return predict_proba(X, self.W, self.b)

    def predict(self, X):
        """The most probable class of each row, shape (n_samples,)."""
        return np.argmax(predict_proba(X, self.W, self.b), axis=1)


def fit(X, y, alpha=0.0, learning_rate=1.0, n_iter=1000, n_classes=None):
    """Softmax regression by plain (full-batch) gradient descent from W = 0, b = 0.

    Each step: W <- W - eta dW, b <- b - eta db, with the gradients of
    :func:`cost_and_gradients`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like of int, shape (n_samples,)
        Class labels 0..k-1.
    alpha : float, default 0.0
        L2 strength.
    learning_rate : float, default 1.0
        Step size eta (> 0).
    n_iter : int, default 1000
        Number of steps.
    n_classes : int, optional
        k; by default ``max(y) + 1``.

    Returns
    -------
    SoftmaxRegressionFit
    """
    X = as_float_array(X, "X", ndim=2)
    Y = one_hot(y, n_classes)
    if len(Y) != len(X):
        raise ValueError(f"X and y must have the same number of samples; got {len(X)} and "
                         f"{len(Y)}.")
    eta = check_positive("learning_rate", learning_rate)
    alpha = check_positive("alpha", alpha, allow_zero=True)
    n_iter = check_integer("n_iter", n_iter, minimum=0)
    W = np.zeros((X.shape[1], Y.shape[1]))
    b = np.zeros(Y.shape[1])
    curve = []
    for _ in range(n_iter):
        J, dW, db = _cost_and_gradients(X, Y, W, b, alpha)
        curve.append(J)
        W -= eta * dW
        b -= eta * db
    curve.append(_cost_and_gradients(X, Y, W, b, alpha)[0])
    return SoftmaxRegressionFit(W, b, np.array(curve))


def centre(W, b):
    """The representative of (W, b) whose class columns sum to zero.

    Subtracting each row's mean from W, and the mean from b, adds the same number to
    every class's score for every input, which changes no probability.

    Parameters
    ----------
    W : array_like, shape (n_features, k)
    b : array_like, shape (k,)

    Returns
    -------
    W_c : ndarray, shape (n_features, k)
    b_c : ndarray, shape (k,)
    """
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    return W - W.mean(axis=1, keepdims=True), b - b.mean()


def softmax_with_temperature(z, T=1.0):
    """softmax(z / T): T > 1 flattens the probabilities, T < 1 sharpens them.

    Parameters
    ----------
    z : array_like, shape (k,) or (n_samples, k)
        Logits.
    T : float, default 1.0
        Temperature, > 0.

    Returns
    -------
    ndarray, same shape as `z`

    Examples
    --------
    >>> softmax_with_temperature([1.0, 2.0], T=1.0).round(2)
    array([0.27, 0.73])
    """
    T = check_positive("T", T)
    return softmax(np.asarray(as_float_array(z, "z", ndim=(1, 2))) / T, axis=-1)
