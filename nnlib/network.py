"""``MLP``: a multi-layer perceptron of any depth and width, built from ``Dense`` layers.

The forward pass runs the layers in order: z = a W + b, a = f(z), layer by layer, and
the output layer's activation turns the last z (the **logits**) into predictions. The
loss is matched to the output, as in the text (and in scikit-learn):

============  ==========================  ================================
output        predictions                 loss
============  ==========================  ================================
'logistic'    σ(z), one unit per label    binary cross-entropy
'softmax'     softmax(z), one per class   categorical cross-entropy
'identity'    z (regression)              squared error ½‖ŷ − y‖²
============  ==========================  ================================

Each loss is computed from the logits (stable for any z), and for each pair the
gradient with respect to the logits is simply ``(prediction − y) / n``. The backward
pass sends it back layer by layer. The L2 penalty is scikit-learn's:
``0.5 * alpha * sum(W**2) / n_samples`` over every weight matrix (biases are not
penalised).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nnlib._validation import (
    as_float_array,
    as_int_labels,
    check_binary_labels,
    check_choice,
    check_integer,
    check_positive,
    check_same_length,
    check_scalar,
    describe,
)
from nnlib.layers import INITIALIZERS, Dense, Dropout, _check_activation, _logistic, as_rng

__all__ = ["MLP", "OUTPUTS"]


# --- output layers and their losses, from the logits Z and predictions P -------------------
# These are the formulas of nnlib.losses (binary_cross_entropy, categorical_cross_entropy,
# squared_error) written for the training loop, which calls them thousands of times on
# arrays the network made itself, so they skip the input checks. tests/test_network.py
# checks that they agree with nnlib.losses.


def _binary_cross_entropy(Y, Z, P):
    # mean over samples of  sum_k  log(1 + e^z) − y z  =  −[y log σ(z) + (1−y) log(1−σ(z))]
    return float(np.sum(np.logaddexp(0.0, Z) - Y * Z)) / Z.shape[0]


def _categorical_cross_entropy(Y, Z, P):
    # mean over samples of  logsumexp(z) − z_y
    m = Z.max(axis=1)
    lse = np.log(np.sum(np.exp(Z - m[:, None]), axis=1)) + m
    return float(np.sum(lse) - np.sum(Y * Z)) / Z.shape[0]


def _squared_error(Y, Z, P):
    D = Z - Y
    return 0.5 * float(np.sum(D * D)) / Z.shape[0]


def _softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1)[:, None])
    E /= E.sum(axis=1)[:, None]
    return E


#: output name -> (function turning logits into predictions, loss of (Y, Z, P), loss name)
OUTPUTS = {
    "logistic": (_logistic, _binary_cross_entropy, "binary cross-entropy"),
    "softmax": (_softmax_rows, _categorical_cross_entropy, "categorical cross-entropy"),
    "identity": (lambda Z: Z, _squared_error, "squared error"),
}


class MLP:
    """A fully connected feed-forward network.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, input first and output last: ``(2, 3, 3, 1)`` is 2 inputs, two
        hidden layers of 3 units and one output unit.
    activation : str, default 'relu'
        Activation of every hidden layer: 'identity', 'logistic' ('sigmoid'), 'tanh',
        'relu', 'leaky_relu' or 'step' (no useful gradient; for forward passes only).
    output : {'logistic', 'softmax', 'identity'}, default 'logistic'
        Output activation; it also fixes the loss (see the module docstring).
    init : str, default 'glorot'
        Initialisation scheme, a key of :data:`nnlib.layers.INITIALIZERS`.
    dropout : float, default 0.0
        Dropout rate after every hidden layer while training, in [0, 1).
    random_state : None, int or numpy.random.Generator, optional
        Source of the initial weights and the dropout masks.

    Attributes
    ----------
    layers : list
        ``Dense`` (and ``Dropout``) layers in order.
    dense : list of Dense
        The ``Dense`` layers only; ``dense[i].W`` has shape (layer_sizes[i],
        layer_sizes[i+1]).
    pre_activations : list of ndarray
        z of every Dense layer in the last forward pass (the last one: the logits).
    activations : list of ndarray
        The inputs X, the activations a of every hidden layer, then the predictions,
        from the last forward pass.

    Examples
    --------
    >>> net = MLP((2, 3, 3, 1), random_state=0)
    >>> net
    MLP(2 → 3 → 3 → 1, activation='relu', output='logistic')
    >>> net.n_params
    25
    """

    def __init__(self, layer_sizes, activation="relu", output="logistic", init="glorot",
                 dropout=0.0, random_state=None):
        if isinstance(layer_sizes, str | bytes) or not hasattr(layer_sizes, "__len__"):
            raise TypeError("layer_sizes must be a sequence of layer widths such as "
                            f"(2, 3, 1); got {describe(layer_sizes)}.")
        if len(layer_sizes) < 2:
            raise ValueError("layer_sizes must list at least an input and an output size, "
                             f"such as (2, 1); got {tuple(layer_sizes)!r}.")
        self.layer_sizes = tuple(check_integer(f"layer_sizes[{i}]", n, minimum=1)
                                 for i, n in enumerate(layer_sizes))
        self.activation = _check_activation(activation)
        self.output = check_choice("output", output, OUTPUTS)
        self.init = check_choice("init", init, INITIALIZERS)
        dropout = check_scalar("dropout", dropout)
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1); got {dropout!r}.")
        self.dropout = dropout
        rng = as_rng(random_state)
        n_dense = len(self.layer_sizes) - 1
        self.layers, self.dense = [], []
        for i, (n_in, n_out) in enumerate(pairwise(self.layer_sizes)):
            hidden = i < n_dense - 1
            layer = Dense(n_in, n_out, self.activation if hidden else "identity", init, rng,
                          init_activation=self.activation)
            self.layers.append(layer)
            self.dense.append(layer)
            if hidden and dropout > 0:
                self.layers.append(Dropout(dropout, rng))
        self._out, self._loss_fn, self.loss_name = OUTPUTS[self.output]
        self._X = self._P = None

    # --- description ------------------------------------------------------------------------
    def __repr__(self):
        extra = ""
        if self.init != "glorot":
            extra += f", init={self.init!r}"
        if self.dropout:
            extra += f", dropout={self.dropout}"
        sizes = " → ".join(str(n) for n in self.layer_sizes)
        return (f"MLP({sizes}, activation={self.activation!r}, output={self.output!r}"
                f"{extra})")

    @property
    def n_params(self):
        """Number of weights and biases: the sum over layers of n_in * n_out + n_out."""
        return sum(layer.n_params for layer in self.dense)

    @property
    def n_inputs(self):
        """Features per sample the network expects."""
        return self.layer_sizes[0]

    @property
    def n_outputs(self):
        """Units of the output layer."""
        return self.layer_sizes[-1]

    @property
    def params(self):
        """One ``{'W', 'b'}`` dict per Dense layer (the arrays themselves, not copies)."""
        return [layer.params for layer in self.dense]

    @property
    def grads(self):
        """One ``{'W', 'b'}`` dict of gradients per Dense layer, from the last backward."""
        return [layer.grads for layer in self.dense]

    @property
    def pre_activations(self):
        """z of each Dense layer in the last forward pass, shape (n_samples, n_units)."""
        return [layer.Z for layer in self.dense]

    @property
    def activations(self):
        """[X, a of each hidden layer, predictions] from the last forward pass."""
        if self._X is None:
            return []
        if self._P is None:  # the training loop computes predictions only when needed
            self._P = self._out(self.dense[-1].Z)
        return [self._X] + [layer.A for layer in self.dense[:-1]] + [self._P]

    def get_weights(self):
        """Copies of the weights and biases, as scikit-learn's ``coefs_, intercepts_``.

        Returns
        -------
        coefs : list of ndarray, shapes (n_in, n_out)
        intercepts : list of ndarray, shapes (n_out,)
        """
        return ([layer.W.copy() for layer in self.dense],
                [layer.b.copy() for layer in self.dense])

    def set_weights(self, coefs, intercepts):
        """Copy weights and biases into the network (e.g. scikit-learn's coefs_, intercepts_).

        Parameters
        ----------
        coefs : list of array_like, shapes (layer_sizes[i], layer_sizes[i+1])
        intercepts : list of array_like, shapes (layer_sizes[i+1],)
        """
        for name, arrays, shapes in (
            ("coefs", coefs, [layer.W.shape for layer in self.dense]),
            ("intercepts", intercepts, [layer.b.shape for layer in self.dense]),
        ):
            if isinstance(arrays, np.ndarray) or not hasattr(arrays, "__len__") \
                    or len(arrays) != len(shapes):
                raise ValueError(f"{name} must be a list of {len(shapes)} arrays (one per "
                                 f"layer); got {describe(arrays)}.")
            for i, (arr, shape) in enumerate(zip(arrays, shapes, strict=True)):
                arr = as_float_array(arr, f"{name}[{i}]")
                if arr.shape != shape:
                    raise ValueError(f"{name}[{i}] must have shape {shape}; got "
                                     f"{describe(arr)}.")
        for layer, W, b in zip(self.dense, coefs, intercepts, strict=True):
            layer.params["W"][...] = W
            layer.params["b"][...] = b

    # --- input checks -------------------------------------------------------------------------
    def _check_X(self, X):
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.n_inputs:
            raise ValueError(f"X has {X.shape[1]} feature{'s' if X.shape[1] != 1 else ''}, "
                             f"but this network's input layer expects {self.n_inputs}.")
        return X

    def _check_targets(self, y, n_samples):
        """y as a float array of shape (n_samples, n_outputs), checked for the output."""
        k = self.n_outputs
        if self.output == "softmax":
            arr = np.asarray(y) if not isinstance(y, str | bytes) else y
            if getattr(arr, "ndim", 0) == 2:
                Y = as_float_array(y, "y", ndim=2)
                if Y.shape[1] != k:
                    raise ValueError(f"y must be one-hot with {k} columns (one per class); "
                                     f"got {describe(Y)}.")
                check_binary_labels(Y, "y")
            else:
                labels = as_int_labels(y, "y", n_classes=k)
                Y = np.zeros((labels.shape[0], k))
                Y[np.arange(labels.shape[0]), labels] = 1.0
        else:
            Y = as_float_array(y, "y", ndim=(1, 2))
            if Y.ndim == 1:
                if k != 1:
                    raise ValueError(f"y must have shape (n_samples, {k}) for a network with "
                                     f"{k} outputs; got {describe(Y)}.")
                Y = Y[:, None]
            if Y.shape[1] != k:
                raise ValueError(f"y must have {k} column{'s' if k != 1 else ''} (one per "
                                 f"output unit); got {describe(Y)}.")
            if self.output == "logistic":
                check_binary_labels(Y, "y")
        if Y.shape[0] != n_samples:
            check_same_length("X", np.empty(n_samples), "y", Y)
        return Y

    # --- forward --------------------------------------------------------------------------
    def forward(self, X, training=False):
        """Run the network on a batch and return the output activations.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
        training : bool, default False
            Apply dropout (when the network has any).

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)
            σ(z) for 'logistic', softmax(z) for 'softmax', z for 'identity'.
            ``pre_activations`` and ``activations`` now hold every layer's z and a.
        """
        X = self._check_X(X)
        self._logits(X, training)
        self._P = self._out(self.dense[-1].Z)
        return self._P

    def _logits(self, X, training=False):
        # Unchecked forward pass up to the logits of the output layer.
        self._X, self._P = X, None
        A = X
        for layer in self.layers:
            A = layer._forward(A, training)
        return A

    def predict(self, X):
        """Predicted labels (logistic: 1 where σ(z) > 0.5; softmax: the most probable
        class) or values (identity).

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)

        Returns
        -------
        ndarray of shape (n_samples,) for one output unit or softmax, else
        (n_samples, n_outputs)
        """
        P = self.forward(X)
        if self.output == "softmax":
            return np.argmax(P, axis=1)
        if self.output == "logistic":
            P = (P > 0.5).astype(np.int64)
        return P[:, 0] if P.shape[1] == 1 else P

    # --- loss and backward ----------------------------------------------------------------
    def loss(self, X, y, alpha=0.0):
        """The loss (with the L2 term) at the current weights, without dropout.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
        y : array_like
            Targets, as for :meth:`loss_and_grads`.
        alpha : float, default 0.0
            L2 strength.

        Returns
        -------
        float
        """
        X = self._check_X(X)
        Y = self._check_targets(y, X.shape[0])
        alpha = check_positive("alpha", alpha, allow_zero=True)
        Z = self._logits(X)
        return self._loss_fn(Y, Z, None) + self._l2(alpha, X.shape[0])

    def _l2(self, alpha, n):
        if not alpha:
            return 0.0
        total = 0.0
        for layer in self.dense:
            w = layer.params["W"].ravel()
            total += np.dot(w, w)
        return float((0.5 * alpha) * total / n)

    def loss_and_grads(self, X, y, alpha=0.0, training=True):
        """The loss and its gradient with respect to every weight and bias.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
        y : array_like
            'logistic': 0/1 labels, shape (n_samples,) or (n_samples, n_outputs);
            'softmax': class indices 0..k−1, shape (n_samples,), or one-hot (n_samples, k);
            'identity': targets, shape (n_samples,) or (n_samples, n_outputs).
        alpha : float, default 0.0
            L2 strength: adds ``0.5 * alpha * sum(W**2) / n_samples`` to the loss and
            ``alpha * W / n_samples`` to each weight gradient (scikit-learn's convention).
        training : bool, default True
            Apply dropout in the forward pass (when the network has any).

        Returns
        -------
        loss : float
            Mean loss over the samples plus the L2 term.
        grads : list of dict
            One ``{'W', 'b'}`` dict per Dense layer (the same arrays as :attr:`grads`).
        """
        X = self._check_X(X)
        Y = self._check_targets(y, X.shape[0])
        alpha = check_positive("alpha", alpha, allow_zero=True)
        return self._loss_and_grads(X, Y, alpha, training), self.grads

    def _loss_and_grads(self, X, Y, alpha=0.0, training=True):
        """Unchecked: X float64 (n, n_inputs), Y float64 (n, n_outputs). Returns the loss.

        The gradient of the mean loss with respect to the logits is (P − Y) / n. The
        factor 1/n is applied once, to the parameter gradients at the end, as
        scikit-learn does: the same maths, and the same floating-point numbers.
        """
        n = X.shape[0]
        Z = self._logits(X, training)
        P = self._out(Z)
        self._P = P
        loss = self._loss_fn(Y, Z, P) + self._l2(alpha, n)
        delta = P - Y  # n times ∂loss/∂z of the output layer
        layers = self.layers
        last = len(layers) - 1
        g = layers[last]._backward_dZ(delta, last > 0, alpha, n)
        for i in range(last - 1, -1, -1):
            g = layers[i]._backward(g, i > 0, alpha, n)
        return loss

    def backward(self, dZ):
        """Backpropagate the gradient of a loss with respect to the output logits.

        Parameters
        ----------
        dZ : array_like of shape (n_samples, n_outputs)
            ∂loss/∂z of the output layer for the last forward pass (for the losses
            matched to the output, ``(predictions − y) / n_samples``).

        Returns
        -------
        list of dict
            One ``{'W', 'b'}`` dict of gradients per Dense layer.
        """
        last_Z = self.dense[-1].Z
        if last_Z is None:
            raise ValueError("backward needs a forward pass first; call forward(X) first.")
        dZ = as_float_array(dZ, "dZ", ndim=2)
        if dZ.shape != last_Z.shape:
            raise ValueError(f"dZ must have the shape of the output of the last forward pass "
                             f"{last_Z.shape}; got {describe(dZ)}.")
        layers = self.layers
        g = layers[-1]._backward_dZ(dZ, len(layers) > 1)
        for i in range(len(layers) - 2, -1, -1):
            g = layers[i]._backward(g, i > 0)
        return self.grads
