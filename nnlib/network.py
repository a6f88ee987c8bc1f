"""``MLP``: a multi-layer perceptron of any depth and width, built from ``Dense`` layers.

The forward pass runs the layers in order: z = a W + b, a = f(z), layer by layer, and
the output layer's activation turns the last z (the **logits**) into predictions. The
loss is matched to the output, as in the text (and in scikit-learn):

============  ==========================  ================================
output        predictions                 loss (``nnlib.losses``)
============  ==========================  ================================
'logistic'    σ(z), one unit per label    binary cross-entropy
'softmax'     softmax(z), one per class   categorical cross-entropy
'identity'    z (regression)              squared error ½‖ŷ − y‖²
'exp'         e^z (counts, y >= 0)        Poisson: half the deviance
============  ==========================  ================================

The predictions come from :data:`nnlib.activations.ACTIVATIONS` and the loss and its
gradient from :data:`nnlib.losses.LOSSES`: the same functions the chapters show. For each
pair the gradient with respect to the logits is simply ``(prediction − y) / n``. The
backward pass sends it back layer by layer with each layer's ``backward``. The L2 penalty
is scikit-learn's: ``0.5 * alpha * sum(W**2) / n_samples`` over every weight matrix
(biases are not penalised; with sample weights, n_samples becomes their sum).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nnlib._validation import (
    as_float_array,
    check_choice,
    check_layer_sizes,
    check_positive,
    check_scalar,
    describe,
)
from nnlib.activations import ACTIVATIONS, check_activation
from nnlib.layers import INITIALIZERS, Dense, Dropout, as_rng, check_batch
from nnlib.losses import LOSSES, check_sample_weight

__all__ = ["MLP", "OUTPUTS"]

#: output name -> (its activation, a key of ACTIVATIONS; its loss, a key of LOSSES)
OUTPUTS = {
    "logistic": ("logistic", "binary_cross_entropy"),
    "softmax": ("softmax", "categorical_cross_entropy"),
    "identity": ("identity", "squared_error"),
    "exp": ("exp", "poisson"),
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
    output : {'logistic', 'softmax', 'identity', 'exp'}, default 'logistic'
        Output activation; it also fixes the loss (see the module docstring). 'softmax'
        needs at least 2 output units.
    init : str, default 'glorot'
        Initialisation scheme, a key of :data:`nnlib.layers.INITIALIZERS`.
    dropout : float, default 0.0
        Dropout rate after every hidden layer while training, in [0, 1).
    random_state : None, int, numpy.random.Generator or numpy.random.RandomState, optional
        Source of the initial weights and the dropout masks (see
        :func:`nnlib.layers.as_rng`).
    dtype : {numpy.float64, numpy.float32}, default numpy.float64
        Precision of the weights and of the computation.

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
    theta : ndarray of shape (n_params,)
        Every weight and bias in one vector (each layer's W, row by row, then its b).
        The layers' ``W`` and ``b`` are views of it: change one, and the other changes.
    gradient : ndarray of shape (n_params,)
        The gradients of the last backward pass, in the same order; the layers' ``grads``
        are views of it, overwritten by every backward pass (copy what you keep).

    Examples
    --------
    >>> net = MLP((2, 3, 3, 1), random_state=0)
    >>> net
    MLP(2 → 3 → 3 → 1, activation='relu', output='logistic')
    >>> net.n_params
    25
    >>> loss, grads = net.loss_and_grads([[0.0, 1.0], [1.0, 0.0]], [0, 1])
    >>> [g["W"].shape for g in grads]
    [(2, 3), (3, 3), (3, 1)]
    """

    def __init__(self, layer_sizes, activation="relu", output="logistic", init="glorot",
                 dropout=0.0, random_state=None, dtype=np.float64):
        self.layer_sizes = check_layer_sizes(layer_sizes)
        self.activation = check_activation(activation, elementwise=True)
        self.output = check_choice("output", output, OUTPUTS)
        if self.output == "softmax" and self.layer_sizes[-1] < 2:
            raise ValueError(
                "output='softmax' needs at least 2 output units (one per class); got "
                f"layer_sizes={self.layer_sizes!r}. For two classes with one unit, use "
                "output='logistic'.")
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
                          init_activation=self.activation, dtype=dtype)
            self.layers.append(layer)
            self.dense.append(layer)
            if hidden and dropout > 0:
                self.layers.append(Dropout(dropout, rng))
        self.dtype = self.dense[0].dtype
        self.theta, self.gradient = self._one_vector("params"), self._one_vector("grads")
        out_activation, loss = OUTPUTS[self.output]
        self.out_fn = ACTIVATIONS[out_activation]  # logits -> predictions
        self.loss_fn = LOSSES[loss]                # (y, logits) -> (loss, ∂loss/∂logits)
        self.X = None  # the inputs of the last forward pass

    # --- description ------------------------------------------------------------------------
    def __repr__(self):
        extra = ""
        if self.init != "glorot":
            extra += f", init={self.init!r}"
        if self.dropout:
            extra += f", dropout={self.dropout}"
        if self.dtype != np.float64:
            extra += f", dtype={self.dtype.name}"
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
        if self.X is None:
            return []
        predictions = self.out_fn(self.dense[-1].Z)
        return [self.X] + [layer.A for layer in self.dense[:-1]] + [predictions]

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

    # --- forward --------------------------------------------------------------------------
    def forward(self, X, training=False):
        """Run the network on a batch and return the output activations.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
            Inputs, one row per sample (a scipy sparse matrix is accepted too).
        training : bool, default False
            Apply dropout (when the network has any).

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)
            σ(z) for 'logistic', softmax(z) for 'softmax', z for 'identity', e^z for
            'exp'.
            ``pre_activations`` and ``activations`` now hold every layer's z and a.
        """
        return self.out_fn(self.logits(X, training))

    def logits(self, X, training=False):
        """The output layer's z for a batch: every layer's forward pass, in order.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
        training : bool, default False
            Apply dropout (when the network has any).

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)
            z of the output layer, before its activation (see :meth:`forward`).
        """
        A = self.X = self._check_X(X)
        for layer in self.layers:
            A = layer.forward(A, training)
        return A  # the output layer is 'identity': its a is its z
    def predict(self, X):
        """Predicted labels (logistic: 1 where σ(z) > 0.5; softmax: the most probable
        class) or values (identity, exp).

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
    def loss(self, X, y, alpha=0.0, sample_weight=None, sklearn_compatible=False):
        """The loss (with the L2 term) at the current weights, without dropout.

        Parameters
        ----------
        X, y, alpha, sample_weight, sklearn_compatible
            As for :meth:`loss_and_grads`.

        Returns
        -------
        float
        """
        alpha = check_positive("alpha", alpha, allow_zero=True)
        loss, _ = self.loss_fn(y, self.logits(X), sample_weight, sklearn_compatible)
        return loss + self._l2_penalty(alpha, sample_weight)

    def loss_and_grads(self, X, y, alpha=0.0, sample_weight=None, training=True,
                       sklearn_compatible=False):
        """The loss and its gradient with respect to every weight and bias.

        Forward pass to the logits (:meth:`logits`), the loss and ∂loss/∂z of the output
        layer (from ``nnlib.losses``), the backward pass (:meth:`backward`), then the L2
        term.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
        y : array_like
            'logistic': 0/1 labels, shape (n_samples,) or (n_samples, n_outputs);
            'softmax': class indices 0..k−1, shape (n_samples,), or one-hot (n_samples, k);
            'identity': targets, shape (n_samples,) or (n_samples, n_outputs);
            'exp': targets >= 0, shaped as for 'identity'.
            Checked by :func:`nnlib.losses.check_targets`.
        alpha : float, default 0.0
            L2 strength: adds ``0.5 * alpha * sum(W**2) / n_samples`` to the loss and
            ``alpha * W / n_samples`` to each weight gradient (scikit-learn's convention;
            with sample weights, n_samples becomes their sum).
        sample_weight : array_like of shape (n_samples,), optional
            The loss becomes the weighted average sum_i w_i l_i / sum_i w_i.
        training : bool, default True
            Apply dropout in the forward pass (when the network has any).
        sklearn_compatible : bool, default False
            Return the loss value as scikit-learn's MLP reports it (clipped probabilities;
            mean over regression outputs; see :mod:`nnlib.losses`). The gradients are the
            exact ones either way.

        Returns
        -------
        loss : float
            Mean loss over the samples plus the L2 term.
        grads : list of dict
            One ``{'W', 'b'}`` dict per Dense layer (the same dicts as :attr:`grads`).
        """
        alpha = check_positive("alpha", alpha, allow_zero=True)
        logits = self.logits(X, training)
        loss, dZ = self.loss_fn(y, logits, sample_weight, sklearn_compatible)
        grads = self.backward(dZ)
        if alpha:
            total_weight = self._total_weight(sample_weight)
            for layer in self.dense:  # ∂/∂W of 0.5 alpha ‖W‖² / n
                layer.grads["W"] += (alpha / total_weight) * layer.W
        return loss + self._l2_penalty(alpha, sample_weight), grads

    def backward(self, dZ):
        """Backpropagate the gradient of a loss with respect to the logits.

        Each layer, from the last to the first, turns the gradient with
        respect to its output into the gradients of its parameters and the
        gradient with respect to its input
        (:meth:`nnlib.layers.Dense.backward`,
        :meth:`nnlib.layers.Dropout.backward`).

        Parameters
        ----------
        dZ : array_like of shape (n_samples, n_outputs)
            ∂loss/∂z of the output layer for the last forward pass (for the
            losses matched to the output, ``(predictions − y) / n_samples``).

        Returns
        -------
        list of dict
            One ``{'W', 'b'}`` dict of gradients per Dense layer.
        """
        logits = self.dense[-1].Z
        if logits is None:
            raise ValueError("backward needs a forward pass first; "
                             "call forward(X) first.")
        if np.shape(dZ) != logits.shape:
            raise ValueError(f"dZ must have the shape of the last forward "
                             f"pass's output {logits.shape}; "
                             f"got {describe(dZ)}.")
        dA = dZ  # the output layer is 'identity': its a is its z
        for i in range(len(self.layers) - 1, -1, -1):
            dA = self.layers[i].backward(dA, input_grad=i > 0)
        return self.grads

    # --- helpers ---------------------------------------------------------------------------
    def _one_vector(self, name):
        """Put the arrays of every Dense layer's ``params`` (or ``grads``) end to end in one
        vector, each layer's W then its b, and give the layers views of it instead.

        The layers work as before (their arrays are changed in place, never replaced),
        and an optimiser that finds one vector behind them updates them all with a few
        operations on whole vectors (see :mod:`nnlib.optim`).
        """
        dicts = [getattr(layer, name) for layer in self.dense]
        vector = np.concatenate([d[key].ravel() for d in dicts for key in ("W", "b")])
        start = 0
        for d in dicts:
            for key in ("W", "b"):
                size = d[key].size
                d[key] = vector[start:start + size].reshape(d[key].shape)
                start += size
        return vector

    def _check_X(self, X):
        X = check_batch(X, self.n_inputs, self.dtype, "X", "this network's input layer")
        if X.shape[0] == 0:
            raise ValueError(f"X must hold at least one sample; got {describe(X)}.")
        return X

    def _total_weight(self, sample_weight):
        """n_samples, or the sum of the sample weights (the loss's denominator)."""
        if sample_weight is None:
            return self.X.shape[0]
        return float(check_sample_weight(sample_weight, self.X.shape[0]).sum())

    def _l2_penalty(self, alpha, sample_weight):
        """0.5 * alpha * sum of every W² / n (scikit-learn's L2 term); alpha is checked."""
        if not alpha:
            return 0.0
        squares = 0.0
        for layer in self.dense:
            squares += float(np.vdot(layer.W, layer.W))  # the sum of the squares of W
        return 0.5 * alpha * squares / self._total_weight(sample_weight)
