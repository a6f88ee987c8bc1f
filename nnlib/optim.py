"""Optimisers: mini-batch SGD (with optional Nesterov momentum and L2 decay) and Adam.

Plain SGD moves every parameter a small step against its gradient:

    θ ← θ − η g

With **momentum** μ the step is a velocity that keeps part of the previous step, which
smooths the zig-zags of noisy mini-batch gradients (scikit-learn's rule, and ours):

    v ← μ v − η g
    θ ← θ + v                      (classical momentum)
    θ ← θ + μ v − η g              (Nesterov's momentum: a look-ahead step)

**Weight decay** λ adds λ W to the gradient of every weight matrix W (not the biases):
the gradient of ½ λ ‖W‖². (``MLP.loss_and_grads`` takes scikit-learn's ``alpha``
instead, which puts the penalty into the loss; use one or the other.)

**Adam** keeps, for every parameter, running averages of its gradient (m, the first
moment) and of its squared gradient (v, the second), and divides the step by √v:
parameters with large or noisy gradients take smaller steps (scikit-learn's rule, and
ours; t counts the steps)::

    m ← β₁ m + (1 − β₁) g
    v ← β₂ v + (1 − β₂) g²
    η_t = η √(1 − β₂ᵗ) / (1 − β₁ᵗ)      (corrects m and v for starting at 0)
    θ ← θ − η_t m / (√v + ε)

Both take ``params`` and ``grads`` as :class:`nnlib.network.MLP` gives them (a list with
one ``{'W', 'b'}`` dict per layer), update the arrays of ``params`` in place, and keep
their state in arrays of the parameters' dtype (float64 or float32; float64 if they are
mixed). ``learning_rate`` is a plain attribute: a schedule may change it between steps.
Inside, every parameter is one stretch of a single vector θ, so that a step is a handful
of numpy operations on whole vectors, however many layers the network has (the same
arithmetic, element for element, as updating each array in turn). An MLP keeps its
parameters and gradients in such vectors already (``net.theta``, ``net.gradient``); an
optimiser that finds them reads and updates them directly, without copying.
"""

from __future__ import annotations

import operator

import numpy as np

from nnlib._validation import check_in_range, check_positive, describe

__all__ = ["SGD", "Adam"]


def _as_dicts(params, name):
    if isinstance(params, dict):
        return [params]
    if isinstance(params, list | tuple) and all(isinstance(p, dict) for p in params):
        return list(params)
    raise TypeError(f"{name} must be a dict of arrays or a list of such dicts (as "
                    f"MLP.params / MLP.grads); got {describe(params)}.")


class _Optimizer:
    """What SGD and Adam share: every parameter, end to end, as one vector θ.

    The first :meth:`step` checks ``params`` and ``grads`` and notes their names and
    shapes. Each step then copies all the gradients into one vector g, updates the state
    (velocities, moments: vectors of the same length) and computes the step for the
    whole vector with a few numpy operations, and adds each parameter's part of the
    step to it. Element for element this is the same arithmetic as updating the arrays
    one by one (so the results are scikit-learn's, bit for bit), with far fewer numpy
    calls for a network of small layers.
    """

    def _forget_layout(self):
        self._keys = None    # names of each dict's parameters, in the order of the vector
        self._shapes = None  # shape of every parameter, in that order
        self._g = None       # the gradient g, one vector (the optimiser's own, or the
        self._own_g = None   # vector behind the grads, when there is one)
        self._step = None    # the step added to θ, one vector
        self._scratch = None  # room for intermediate results, one vector
        self._g_parts = self._step_parts = None  # views of g and of the step, per parameter
        self._arrays = None   # (params, grads) arrays of the last step, in the vector's order
        self._theta_vector = self._grad_vector = None  # one vector behind them, if there is

    def _new_vector(self):
        return np.zeros_like(self._g)

    def _views(self, vector):
        """``vector`` cut into one view per parameter, in the vector's order."""
        views, start = [], 0
        for shape in self._shapes:
            size = int(np.prod(shape))
            views.append(vector[start:start + size].reshape(shape))
            start += size
        return views

    def _split(self, vector):
        """``vector`` cut into one view per parameter: a list of ``{name: view}`` dicts."""
        views = iter(self._views(vector))
        return [{key: next(views) for key in keys} for keys in self._keys]

    def _gather(self, params, grads):
        """Fill the vector g with the gradients; return the parameter arrays in its order.

        When the gradients are already pieces of one vector in g's order (an MLP's
        ``grads`` are views of its ``gradient``), that vector is used as g, without a
        copy; the same for the parameters and :meth:`_apply`.

        Returns
        -------
        list of ndarray
            The arrays of ``params`` (updated in place by :meth:`_apply`).
        """
        if self._keys is None or type(params) is not list or type(grads) is not list:
            params, grads = _as_dicts(params, "params"), _as_dicts(grads, "grads")
        if self._keys is None:  # first step: check everything, lay out the vector
            _check_structure(params, grads)
            self._keys = [tuple(p) for p in params]
            self._shapes = [p[k].shape for p in params for k in p]
            dtype = np.result_type(*(p[k] for p in params for k in p))
            self._g = self._own_g = np.zeros(sum(int(np.prod(s)) for s in self._shapes),
                                             dtype=dtype)
            self._step, self._scratch = self._new_vector(), self._new_vector()
            self._g_parts, self._step_parts = self._views(self._g), self._views(self._step)
        try:  # every step: the names of the first step
            thetas = [p[k] for p, keys in zip(params, self._keys, strict=True) for k in keys]
            gs = [g[k] for g, keys in zip(grads, self._keys, strict=True) for k in keys]
        except (KeyError, ValueError, TypeError, IndexError):  # not dicts, other names
            thetas = gs = None
        if self._arrays is None or not _same_objects(thetas, self._arrays[0]) \
                or not _same_objects(gs, self._arrays[1]):
            self._check_arrays(params, grads, thetas, gs)  # new arrays: the full check
        if self._grad_vector is not None and not getattr(self, "weight_decay", 0.0):
            self._g = self._grad_vector  # read only (weight decay would change it: copy)
        else:
            self._g = self._own_g
            for part, grad in zip(self._g_parts, gs, strict=True):
                part[...] = grad
        return thetas

    def _check_arrays(self, params, grads, thetas, gs):
        """New arrays since the last step: check their number and shapes, and look for
        one vector behind them (no array is read)."""
        same = (thetas is not None
                and sum(map(len, params)) == sum(map(len, grads)) == len(thetas)
                and [getattr(a, "shape", None) for a in thetas] == self._shapes
                == [getattr(a, "shape", None) for a in gs])
        if not same:  # say what is wrong
            params, grads = _as_dicts(params, "params"), _as_dicts(grads, "grads")
            _check_structure(params, grads)
            raise ValueError(f"params must have the structure of the first step "
                             f"({len(self._keys)} dicts, shapes {self._shapes}); got "
                             f"{len(params)} dicts. Call reset() to start again with other "
                             "parameters.")
        self._arrays = (thetas, gs)
        self._theta_vector = _vector_behind(thetas, self._g.dtype)
        self._grad_vector = _vector_behind(gs, self._g.dtype)

    def _apply(self, thetas):
        """θ += the step: the whole vector at once, or each parameter its own part."""
        if self._theta_vector is not None:
            self._theta_vector += self._step
            return
        for theta, part in zip(thetas, self._step_parts, strict=True):
            theta += part


def _same_objects(arrays, others):
    """True if the two lists hold the very same objects, in order."""
    return arrays is not None and len(arrays) == len(others) \
        and all(map(operator.is_, arrays, others))


def _vector_behind(arrays, dtype):
    """The 1-D array of `dtype` that `arrays` are consecutive, contiguous views of, in
    order and covering it all; None if there is none."""
    vector = arrays[0].base if isinstance(arrays[0], np.ndarray) else None
    if not (isinstance(vector, np.ndarray) and vector.ndim == 1 and vector.dtype == dtype
            and vector.flags.c_contiguous and vector.flags.writeable):
        return None
    address = vector.__array_interface__["data"][0]
    for a in arrays:
        if not (isinstance(a, np.ndarray) and a.base is vector and a.flags.c_contiguous
                and a.__array_interface__["data"][0] == address):
            return None
        address += a.nbytes
    return vector if address == vector.__array_interface__["data"][0] + vector.nbytes \
        else None


class SGD(_Optimizer):
    """Stochastic gradient descent with optional momentum and weight decay.

    Parameters
    ----------
    learning_rate : float, default 0.001
        Step size η > 0.
    momentum : float, default 0.0
        μ in [0, 1]; 0 is plain SGD.
    nesterov : bool, default False
        Use Nesterov's momentum (as scikit-learn's ``nesterovs_momentum``).
    weight_decay : float, default 0.0
        λ ≥ 0, added as λ W to the gradient of every parameter named 'W'.

    Attributes
    ----------
    velocities : list of dict or None
        v for every parameter, created (as zeros) on the first :meth:`step`.

    Examples
    --------
    >>> opt = SGD(learning_rate=0.1, momentum=0.9, nesterov=True)
    >>> loss, grads = net.loss_and_grads(X, y)          # doctest: +SKIP
    >>> opt.step(net.params, grads)                     # doctest: +SKIP
    """

    def __init__(self, learning_rate=0.001, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.learning_rate = check_positive("learning_rate", learning_rate)
        self.momentum = check_in_range("momentum", momentum, 0.0, 1.0)
        if not isinstance(nesterov, bool | np.bool_):
            raise TypeError(f"nesterov must be True or False; got {describe(nesterov)}.")
        self.nesterov = bool(nesterov)
        self.weight_decay = check_positive("weight_decay", weight_decay, allow_zero=True)
        self.reset()

    def __repr__(self):
        return (f"SGD(learning_rate={self.learning_rate}, momentum={self.momentum}, "
                f"nesterov={self.nesterov}, weight_decay={self.weight_decay})")

    def reset(self):
        """Forget the velocities (the next step starts from v = 0)."""
        self.velocities = None
        self._forget_layout()

    def step(self, params, grads):
        """Update ``params`` in place from ``grads``.

        Parameters
        ----------
        params : dict or list of dict
            Parameter arrays by name, e.g. ``net.params`` (one ``{'W', 'b'}`` per layer).
            They are changed in place.
        grads : dict or list of dict
            Gradients with the same structure and shapes.
        """
        thetas = self._gather(params, grads)
        if self.velocities is None:
            self._v = self._new_vector()
            self.velocities = self._split(self._v)  # views of the vector v
        lr, mu = self.learning_rate, self.momentum
        g, v, lr_g = self._g, self._v, self._scratch
        if self.weight_decay:  # g += λ W, for the weights only
            names = [key for keys in self._keys for key in keys]
            for theta, grad, key in zip(thetas, self._g_parts, names, strict=True):
                if key == "W":
                    grad += self.weight_decay * theta
        np.multiply(g, lr, out=lr_g)                  # η g
        v *= mu
        v -= lr_g                                     # v = μ v − η g
        if self.nesterov:
            np.multiply(v, mu, out=self._step)
            self._step -= lr_g                        # step = μ v − η g, with the new v
        else:
            self._step[...] = v                       # step = v
        self._apply(thetas)                           # θ += step


class Adam(_Optimizer):
    """Adam: steps scaled by running averages of the gradient and of its square.

    Parameters
    ----------
    learning_rate : float, default 0.001
        Step size η > 0.
    beta_1 : float, default 0.9
        Decay of the running average of the gradient, in [0, 1).
    beta_2 : float, default 0.999
        Decay of the running average of the squared gradient, in [0, 1).
    epsilon : float, default 1e-8
        ε > 0, keeps the division finite where v is 0.

    Attributes
    ----------
    t : int
        Steps taken.
    moments : list of dict or None
        ``(m, v)`` for every parameter, created (as zeros) on the first :meth:`step`.

    Examples
    --------
    >>> import numpy as np
    >>> theta = {"W": np.array([1.0, -1.0])}
    >>> opt = Adam(learning_rate=0.1)
    >>> opt.step(theta, {"W": np.array([0.5, -2.0])})   # first step: about η · sign(g)
    >>> theta["W"].round(6)
    array([ 0.9, -0.9])
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
        self.learning_rate = check_positive("learning_rate", learning_rate)
        self.beta_1 = _check_decay("beta_1", beta_1)
        self.beta_2 = _check_decay("beta_2", beta_2)
        self.epsilon = check_positive("epsilon", epsilon)
        self.reset()

    def __repr__(self):
        return (f"Adam(learning_rate={self.learning_rate}, beta_1={self.beta_1}, "
                f"beta_2={self.beta_2}, epsilon={self.epsilon})")

    def reset(self):
        """Forget the moments and the step count."""
        self.t = 0
        self.moments = None
        self._forget_layout()

    def step(self, params, grads):
        """Update ``params`` in place from ``grads``.

        Parameters
        ----------
        params : dict or list of dict
            Parameter arrays by name, e.g. ``net.params``. They are changed in place.
        grads : dict or list of dict
            Gradients with the same structure and shapes.
        """
        thetas = self._gather(params, grads)
        if self.moments is None:
            self._m, self._v = self._new_vector(), self._new_vector()
            self.moments = [{k: (m[k], v[k]) for k in m}   # views of the vectors m and v
                            for m, v in zip(self._split(self._m), self._split(self._v),
                                            strict=True)]
        self.t += 1
        b1, b2 = self.beta_1, self.beta_2
        lr_t = self.learning_rate * np.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        g, m, v, tmp, step = self._g, self._m, self._v, self._scratch, self._step
        m *= b1
        m += np.multiply(g, 1 - b1, out=tmp)          # m = β₁ m + (1 − β₁) g
        v *= b2
        np.square(g, out=tmp)
        v += np.multiply(tmp, 1 - b2, out=tmp)        # v = β₂ v + (1 − β₂) g²
        np.sqrt(v, out=tmp)
        tmp += self.epsilon                           # √v + ε
        np.multiply(m, -lr_t, out=step)
        step /= tmp                                   # step = −η_t m / (√v + ε)
        self._apply(thetas)                           # θ += step


def _check_decay(name, value):
    value = check_in_range(name, value, 0.0, 1.0)
    if value == 1.0:
        raise ValueError(f"{name} must be in [0, 1); got {value!r}.")
    return value


def _check_structure(params, grads):
    """The full check of the first step: same lengths, keys and shapes; float arrays."""
    if len(params) != len(grads):
        raise ValueError(f"params and grads must have the same length; got "
                         f"{len(params)} and {len(grads)}.")
    for i, (p, g) in enumerate(zip(params, grads, strict=True)):
        if set(p) != set(g):
            raise ValueError(f"grads[{i}] must have the keys of params[{i}] "
                             f"{sorted(p)}; got {sorted(g)}.")
        for k in p:
            if not isinstance(p[k], np.ndarray) or p[k].dtype.char not in "fd":
                raise TypeError(f"params[{i}][{k!r}] must be a float64 or float32 "
                                f"ndarray (updated in place); got {describe(p[k])}.")
            if np.shape(g[k]) != p[k].shape:
                raise ValueError(f"grads[{i}][{k!r}] must have shape {p[k].shape}; got "
                                 f"{describe(g[k])}.")
