"""Gradient descent on a two-parameter cost: the valley, and the path an optimiser takes.

A network's cost J depends on thousands of weights, too many to draw. One neuron with the
identity activation and one input, ŷ = w x + b, fitted by squared error, has just two:

    J(w, b) = (1 / 2n) Σ_i (w x_i + b − y_i)²

a function we can draw as contour lines over the (w, b) plane: a valley with its lowest
point at the least-squares line. :class:`LineFit` holds this cost and its gradient, written
with the data's means so that a whole grid of (w, b) is evaluated at once (the same numbers
as :func:`nnlib.losses.squared_error`, which the tests check). :func:`descend` lets any
optimiser of :mod:`nnlib.optim` walk down it and records the path. A path that runs away
(a learning rate too large) is stopped as soon as it leaves a large box, so that no number
overflows: the path then ends with ``diverged=True``.

Because J is quadratic, its curvature is a constant 2 × 2 matrix, the Hessian H. Plain
gradient descent converges exactly when η < 2 / λ_max, where λ_max is the largest
eigenvalue of H (:attr:`LineFit.critical_learning_rate`): the steepest direction of the
valley sets the largest step, and the flattest direction then decides how slowly the
path crawls to the bottom.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnlib._validation import as_float_array, check_integer, check_positive, describe
from nnlib.layers import as_rng

__all__ = ["OPTIMIZERS", "LineFit", "Path", "descend", "iris_petals", "make_optimizer"]


class LineFit:
    """The squared-error cost of fitting ŷ = w x + b: a valley over the (w, b) plane.

    Parameters
    ----------
    x : array_like of shape (n_samples,) or (n_samples, 1)
        One input per sample.
    y : array_like of shape (n_samples,)
        Targets.

    Attributes
    ----------
    x, y : ndarray of shape (n_samples,)
    minimum : ndarray of shape (2,)
        (w, b) of the least-squares line, where J is lowest.
    hessian : ndarray of shape (2, 2)
        The constant curvature of J: [[mean x², mean x], [mean x, 1]].

    Examples
    --------
    >>> fit = LineFit([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])   # y = 2x + 1 exactly
    >>> fit.minimum.round(6), round(fit.cost(2.0, 1.0), 12)
    (array([2., 1.]), 0.0)
    >>> fit.gradient(0.0, 0.0)                              # (∂J/∂w, ∂J/∂b)
    array([-4.33333333, -3.        ])
    """

    def __init__(self, x, y):
        x = as_float_array(x, "x", ndim=(1, 2))
        if x.ndim == 2:
            if x.shape[1] != 1:
                raise ValueError(f"x must have one feature (shape (n,) or (n, 1)); got "
                                 f"{describe(x)}.")
            x = x[:, 0]
        y = as_float_array(y, "y", ndim=1)
        if len(x) != len(y):
            raise ValueError(f"x and y must have the same length; got {len(x)} and {len(y)}.")
        if len(x) < 2:
            raise ValueError(f"x must hold at least 2 samples; got {len(x)}.")
        self.x, self.y = x, y
        self._moments = self._sums(np.arange(len(x)))
        sxx, sx, _, _, _ = self._moments
        self.hessian = np.array([[sxx, sx], [sx, 1.0]])
        if np.linalg.det(self.hessian) <= 1e-12 * sxx:
            raise ValueError("x must take at least two different values (else every line "
                             "through the mean fits equally well).")
        self.minimum = np.linalg.solve(self.hessian, -self._linear_term(self._moments))

    def __repr__(self):
        w, b = self.minimum
        return f"LineFit(n={len(self.x)}, minimum at w={w:.4g}, b={b:.4g})"

    def _sums(self, rows):
        """Means over the rows: x², x, x y, y, y²."""
        x, y = self.x[rows], self.y[rows]
        return (np.mean(x * x), np.mean(x), np.mean(x * y), np.mean(y), np.mean(y * y))

    @staticmethod
    def _linear_term(moments):
        _, _, sxy, sy, _ = moments
        return np.array([-sxy, -sy])

    @property
    def n_samples(self):
        """Number of samples n."""
        return len(self.x)

    @property
    def eigenvalues(self):
        """Curvatures of the valley along its two axes, smallest first (shape (2,))."""
        return np.linalg.eigvalsh(self.hessian)

    @property
    def critical_learning_rate(self):
        """2 / λ_max: plain gradient descent diverges for every larger η."""
        return 2.0 / float(self.eigenvalues[-1])

    def cost(self, w, b):
        """J(w, b) = (1 / 2n) Σ (w x_i + b − y_i)², for numbers or whole grids of (w, b).

        Parameters
        ----------
        w, b : float or array_like (broadcast together)

        Returns
        -------
        float or ndarray of the broadcast shape
        """
        sxx, sx, sxy, sy, syy = self._moments
        w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
        # ½ mean (w x + b − y)², expanded so that a grid costs no loop over the samples
        J = 0.5 * (w * w * sxx + 2 * w * b * sx + b * b - 2 * w * sxy - 2 * b * sy + syy)
        J = np.maximum(J, 0.0)  # rounding can dip a hair below 0 at the minimum
        return float(J) if J.ndim == 0 else J

    def gradient(self, w, b, rows=None):
        """(∂J/∂w, ∂J/∂b) at one point, on all samples or on a mini-batch.

        ∂J/∂w = mean((ŷ − y) x) and ∂J/∂b = mean(ŷ − y), over the chosen rows.

        Parameters
        ----------
        w, b : float
        rows : array_like of int, optional
            Indices of a mini-batch; default every sample.

        Returns
        -------
        ndarray of shape (2,)
        """
        moments = self._moments if rows is None else self._sums(np.asarray(rows))
        sxx, sx, sxy, sy, _ = moments
        return np.array([w * sxx + b * sx - sxy, w * sx + b - sy])

    def grid(self, w_range, b_range, num=121):
        """J on a regular grid, for contour plots.

        Parameters
        ----------
        w_range, b_range : (float, float)
            Limits of the grid.
        num : int, default 121
            Points along each axis.

        Returns
        -------
        W, B, J : ndarray of shape (num, num)
            As from ``np.meshgrid`` (w along the columns, b along the rows).
        """
        num = check_integer("num", num, minimum=2)
        W, B = np.meshgrid(np.linspace(*w_range, num), np.linspace(*b_range, num))
        return W, B, self.cost(W, B)


def iris_petals():
    """The book's two-parameter example: iris petal width y against petal length x.

    The 150 flowers of Fisher's iris data (:func:`nnlib.data.iris`), the line fit of
    chapter 4. Petal lengths run from 1 to 6.9 cm, far from 0, so the valley is long and
    narrow: a small change of w moves every prediction by up to 6.9 times as much as
    the same change of b.

    Returns
    -------
    LineFit
    """
    from nnlib.data import iris

    data, _ = iris()
    return LineFit(data[:, 2], data[:, 3])


@dataclass
class Path:
    """Where an optimiser went: one row per point visited, the start first.

    Attributes
    ----------
    theta : ndarray of shape (n_points, 2)
        (w, b) after 0, 1, 2, ... steps.
    cost : ndarray of shape (n_points,)
        J at each of these points.
    diverged : bool
        True if the path left the box |w|, |b| <= ``bound`` and was stopped there.
    n_steps : int
        Steps asked for (the path holds n_steps + 1 points unless it diverged).
    """

    theta: np.ndarray
    cost: np.ndarray
    diverged: bool
    n_steps: int

    def __repr__(self):
        w, b = self.theta[-1]
        state = (f"diverged after {len(self.theta) - 1} steps" if self.diverged
                 else f"{self.n_steps} steps")
        return f"Path({state}, ends at w={w:.4g}, b={b:.4g}, J={self.cost[-1]:.4g})"


#: optimiser name -> how to build it from (learning_rate, momentum)
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")


def make_optimizer(name, learning_rate, momentum=0.9):
    """An optimiser of :mod:`nnlib.optim` by name.

    Parameters
    ----------
    name : {'sgd', 'momentum', 'nesterov', 'adam'}
        Plain gradient descent, classical (Polyak) momentum, Nesterov momentum, or Adam
        (whose β₁ is set to `momentum`, the same idea: a running average of the gradient).
    learning_rate : float
        η > 0.
    momentum : float, default 0.9
        μ in [0, 1) for 'momentum' and 'nesterov', β₁ for 'adam'; unused by 'sgd'.

    Returns
    -------
    nnlib.optim.SGD or nnlib.optim.Adam
    """
    from nnlib.optim import SGD, Adam

    if name == "sgd":
        return SGD(learning_rate=learning_rate)
    if name in ("momentum", "nesterov"):
        return SGD(learning_rate=learning_rate, momentum=momentum,
                   nesterov=name == "nesterov")
    if name == "adam":
        return Adam(learning_rate=learning_rate, beta_1=momentum)
    raise ValueError(f"optimizer must be one of {', '.join(map(repr, OPTIMIZERS))}; "
                     f"got {name!r}.")


def descend(problem, start, optimizer, n_steps=50, batch_size=None, random_state=0,
            bound=1e6):
    """Walk down a two-parameter cost with an optimiser and record the path.

    Each step computes the gradient (on all samples, or on the next mini-batch) and hands
    it to ``optimizer.step``, exactly as a network is trained.

    Parameters
    ----------
    problem : LineFit
        The cost and its gradient.
    start : (float, float)
        Starting (w, b).
    optimizer : nnlib.optim.SGD or nnlib.optim.Adam
        Used from a fresh state (it is reset first).
    n_steps : int, default 50
        Number of steps (updates), >= 0.
    batch_size : int, optional
        Samples per step. Default: all of them (batch gradient descent). Smaller values
        give mini-batch stochastic gradient descent: the samples are shuffled at the
        start of every epoch (a pass over the data) and taken in consecutive batches,
        as scikit-learn does.
    random_state : None, int or numpy.random.Generator, default 0
        Source of the shuffles.
    bound : float, default 1e6
        The path stops (``diverged=True``) as soon as |w| or |b| exceeds it.

    Returns
    -------
    Path
    """
    if not isinstance(problem, LineFit):
        raise TypeError(f"problem must be a LineFit; got {describe(problem)}.")
    if not (hasattr(optimizer, "step") and hasattr(optimizer, "reset")):
        raise TypeError(f"optimizer must be an nnlib.optim optimiser (SGD or Adam); got "
                        f"{describe(optimizer)}.")
    start = as_float_array(start, "start", ndim=1)
    if start.shape != (2,):
        raise ValueError(f"start must be a pair (w, b); got {describe(start)}.")
    n_steps = check_integer("n_steps", n_steps, minimum=0)
    bound = check_positive("bound", bound)
    n = problem.n_samples
    if batch_size is None:
        batch_size = n
    batch_size = min(check_integer("batch_size", batch_size, minimum=1), n)
    rng = as_rng(random_state)

    optimizer.reset()
    params = {"W": start[:1].copy(), "b": start[1:].copy()}
    theta = np.empty((n_steps + 1, 2))
    theta[0] = start
    order, position = np.arange(n), n
    diverged, last = False, n_steps
    for t in range(1, n_steps + 1):
        if batch_size == n:
            rows = None
        else:
            if position + batch_size > n:  # a new epoch: shuffle, start again
                order, position = rng.permutation(n), 0
            rows = order[position:position + batch_size]
            position += batch_size
        g = problem.gradient(params["W"][0], params["b"][0], rows)
        optimizer.step(params, {"W": g[:1], "b": g[1:]})
        theta[t] = params["W"][0], params["b"][0]
        if not np.all(np.abs(theta[t]) <= bound):  # also catches nan
            diverged, last = True, t
            break
    theta = theta[:last + 1]
    return Path(theta=theta, cost=problem.cost(theta[:, 0], theta[:, 1]),
                diverged=diverged, n_steps=n_steps)
