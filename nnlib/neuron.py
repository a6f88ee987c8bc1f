"""The threshold neuron and the single neuron with an activation.

A threshold neuron adds up its inputs, each multiplied by a weight, and fires (outputs 1)
when the weighted sum reaches the threshold θ:

    y = 1 if w·x >= θ else 0,   or, with the weighted input z = w·x - θ,   y = 1 if z >= 0.

Writing the threshold as a bias b = -θ and appending a constant input 1 to x turns z into
one inner product: z = (x, 1)·(w, b). A :class:`Neuron` replaces the step by a smooth
activation a(z).

Shapes: one input is a vector ``x`` of shape ``(n_features,)``; many inputs are the rows
of ``X``, shape ``(n_samples, n_features)``; ``w`` has shape ``(n_features,)``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from nnlib import activations
from nnlib._validation import (
    as_float_array,
    check_integer,
    check_n_features,
    check_scalar,
    describe,
)

__all__ = [
    "TIE_RTOL",
    "Neuron",
    "TruthTable",
    "augment",
    "bias_from_threshold",
    "binary_inputs",
    "decision_boundary",
    "fire",
    "perpendicular_foot",
    "signed_distance",
    "threshold_from_bias",
    "truth_table",
    "weighted_input",
    "weighted_sum",
]


def _inputs_and_weights(x, w, x_name="x") -> tuple[np.ndarray, np.ndarray]:
    """Validate x (1-D or 2-D) and w (1-D) and check that their lengths agree."""
    w = as_float_array(w, "w", ndim=1)
    x = as_float_array(x, x_name, ndim=(1, 2))
    check_n_features(x, w, x_name=x_name)
    return x, w


def _number_or_array(value: np.ndarray):
    """A plain float for a single value (so a notebook prints 8.0, not np.float64(8.0))."""
    return float(value) if np.ndim(value) == 0 else value


def binary_inputs(n_inputs):
    """All 2**n combinations of 0/1 inputs, one per row, counting up in binary.

    Parameters
    ----------
    n_inputs : int
        Number of inputs n, from 1 to 20.

    Returns
    -------
    ndarray of int, shape (2**n_inputs, n_inputs)
        For n = 2 the rows are (0, 0), (0, 1), (1, 0), (1, 1).
    """
    n = check_integer("n_inputs", n_inputs, minimum=1, maximum=20)
    rows = np.arange(2**n)[:, None]
    powers = 2 ** np.arange(n - 1, -1, -1)  # the first column is the most significant bit
    return (rows // powers) % 2


def weighted_sum(x, w):
    """Weighted sum of the inputs, w·x = w1 x1 + w2 x2 + ... .

    Parameters
    ----------
    x : array_like, shape (n_features,) or (n_samples, n_features)
        One input vector, or one per row.
    w : array_like, shape (n_features,)
        Weights.

    Returns
    -------
    float or ndarray, shape (n_samples,)
        A number for one input vector, one per row otherwise.
    """
    x, w = _inputs_and_weights(x, w)
    return _number_or_array(x @ w)


def weighted_input(x, w, theta=0.0):
    """Weighted input z = w·x - θ: how far the weighted sum is above the threshold.

    Parameters
    ----------
    x : array_like, shape (n_features,) or (n_samples, n_features)
        One input vector, or one per row.
    w : array_like, shape (n_features,)
        Weights.
    theta : float, default 0.0
        Threshold θ.

    Returns
    -------
    float or ndarray, shape (n_samples,)
    """
    theta = check_scalar("theta", theta)
    x, w = _inputs_and_weights(x, w)
    return _number_or_array(x @ w - theta)


#: Relative tolerance for a tie. A weighted sum within ``TIE_RTOL * (|w|·|x| + |θ|)`` of θ
#: counts as reaching θ, so the neuron fires. Floating-point arithmetic rounds: with
#: w = (0.1, 0.7) and x = (1, 1) the computed w·x is 0.7999999999999999, not 0.8, and
#: without a tolerance the tie w·x = θ = 0.8 would be decided by that rounding.
TIE_RTOL = 1e-9


def _decide(X, w, theta, rtol):
    """z = w·x - θ for each row, with ties (|z| within the tolerance) set to exactly 0,
    and the output y = 1 where z >= 0."""
    rtol = check_scalar("rtol", rtol)
    if rtol < 0:
        raise ValueError(f"rtol must be a number >= 0; got {rtol!r}.")
    z = X @ w - theta
    scale = np.abs(X) @ np.abs(w) + abs(theta)  # how large the numbers added up were
    z = np.where(np.abs(z) <= rtol * scale, 0.0, z)
    return z, (z >= 0).astype(int)


def fire(x, w, theta, *, rtol=TIE_RTOL):
    """Output of a threshold neuron: 1 when w·x >= θ (that is, z >= 0), else 0.

    A weighted sum that equals θ up to rounding counts as reaching it (see :data:`TIE_RTOL`):
    ``fire([1, 1], [0.1, 0.7], 0.8)`` is 1, although 0.1 + 0.7 is 0.7999999999999999 in
    floating point.

    Parameters
    ----------
    x : array_like, shape (n_features,) or (n_samples, n_features)
        One input vector, or one per row.
    w : array_like, shape (n_features,)
        Weights.
    theta : float
        Threshold θ.
    rtol : float, default TIE_RTOL (1e-9)
        A row fires when w·x - θ >= -rtol * (|w|·|x| + |θ|). 0 compares exactly.

    Returns
    -------
    int or ndarray of int, shape (n_samples,)
        0 or 1 for each input.

    Examples
    --------
    >>> fire([1, 1], [0.1, 0.7], 0.8)
    1
    >>> fire([1, 1], [0.1, 0.7], 0.8, rtol=0)
    0
    """
    theta = check_scalar("theta", theta)
    x, w = _inputs_and_weights(x, w)
    _, y = _decide(x, w, theta, rtol)
    return int(y) if y.ndim == 0 else y


def _fmt(value) -> str:
    """A number as short text: 5 not 5.0, 0.5 stays 0.5."""
    return f"{float(value) + 0.0:g}"  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True, eq=False)
class TruthTable:
    """The output of a threshold neuron for a set of inputs (made by :func:`truth_table`).

    Attributes
    ----------
    X : ndarray, shape (n_samples, n_features)
        The inputs, one per row.
    weighted_sum : ndarray, shape (n_samples,)
        w·x for each row.
    z : ndarray, shape (n_samples,)
        Weighted input z = w·x - θ; a tie (w·x equal to θ up to rounding, see
        :data:`TIE_RTOL`) is exactly 0.
    y : ndarray of int, shape (n_samples,)
        Output: 1 where z >= 0, else 0.
    w : ndarray, shape (n_features,)
        Weights.
    theta : float
        Threshold θ.
    """

    X: np.ndarray
    weighted_sum: np.ndarray
    z: np.ndarray
    y: np.ndarray
    w: np.ndarray
    theta: float

    @property
    def columns(self) -> list[str]:
        """Column headers: x1, x2, ..., "w·x", "z = w·x − θ", "y"."""
        n_features = self.X.shape[1]
        return [f"x{i + 1}" for i in range(n_features)] + ["w·x", "z = w·x − θ", "y"]

    def rows(self) -> list[list[str]]:
        """The table's cells as text, one list per input."""
        return [
            [_fmt(v) for v in x] + [_fmt(s), _fmt(z), str(int(y))]
            for x, s, z, y in zip(self.X, self.weighted_sum, self.z, self.y, strict=True)
        ]

    def _caption(self) -> str:
        weights = ", ".join(f"w{i + 1} = {_fmt(v)}" for i, v in enumerate(self.w))
        return f"{weights}, θ = {_fmt(self.theta)}"

    def __repr__(self) -> str:
        header = self.columns
        body = self.rows()
        widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]

        def line(cells):
            return "  ".join(c.rjust(wd) for c, wd in zip(cells, widths, strict=True))

        rule = "  ".join("-" * wd for wd in widths)
        return "\n".join([f"TruthTable({self._caption()})", line(header), rule]
                         + [line(r) for r in body])

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
            for row in self.rows()
        )
        return (
            f"<style>{TABLE_CSS}</style>"
            f'<table class="nnlib-truth-table"><caption>{html.escape(self._caption())}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


#: Spacing for truth tables: without it JupyterLab and the book draw the columns cramped.
TABLE_CSS = (
    ".nnlib-truth-table th, .nnlib-truth-table td {padding: 2px 12px; text-align: right;}"
)


def _read_only(a: np.ndarray) -> np.ndarray:
    a = np.array(a)  # a private copy
    a.setflags(write=False)
    return a


def truth_table(w, theta, X=None, *, rtol=TIE_RTOL):
    """Tabulate a threshold neuron: inputs, weighted sum, weighted input and output.

    Parameters
    ----------
    w : array_like, shape (n_features,)
        Weights.
    theta : float
        Threshold θ.
    X : array_like, shape (n_samples, n_features), optional
        Inputs, one per row. Default: every 0/1 combination, ``binary_inputs(len(w))``.
    rtol : float, default TIE_RTOL (1e-9)
        Ties are decided as in :func:`fire`: a weighted sum within
        ``rtol * (|w|·|x| + |θ|)`` of θ fires, and its z is shown as 0.

    Returns
    -------
    TruthTable
        Shows as a table in a notebook.

    Examples
    --------
    The book's example, w1 = 5, w2 = 3, θ = 4:

    >>> truth_table([5, 3], 4).y
    array([0, 0, 1, 1])

    Decimal weights whose sum lands on θ fire, as the firing condition says:

    >>> truth_table([0.1, 0.7], 0.8).y
    array([0, 0, 0, 1])
    """
    w = as_float_array(w, "w", ndim=1)
    theta = check_scalar("theta", theta)
    if X is None:
        X = binary_inputs(len(w))
    else:
        X = as_float_array(X, "X", ndim=2)
        check_n_features(X, w, x_name="X")
    s = np.asarray(weighted_sum(X, w))
    z, y = _decide(X, w, theta, rtol)
    return TruthTable(X=_read_only(X), weighted_sum=_read_only(s), z=_read_only(z),
                      y=_read_only(y), w=_read_only(w), theta=theta)


def _check_limits(name: str, lim) -> tuple[float, float]:
    lim = as_float_array(lim, name, ndim=1)
    if lim.shape != (2,) or not lim[0] < lim[1]:
        raise ValueError(
            f"{name} must be a pair (low, high) with low < high; got {lim.tolist()}."
        )
    return float(lim[0]), float(lim[1])


def decision_boundary(w, theta, xlim, ylim):
    """The part of the line w1 x1 + w2 x2 = θ that lies inside a box.

    On one side of this line the neuron fires (w·x >= θ), on the other it does not.

    Parameters
    ----------
    w : array_like, shape (2,)
        Weights (w1, w2).
    theta : float
        Threshold θ.
    xlim, ylim : (float, float)
        The box: x1 from xlim[0] to xlim[1], x2 from ylim[0] to ylim[1].

    Returns
    -------
    ((x1a, x2a), (x1b, x2b)) or None
        The segment's two end points (ordered by x1, then x2), or None when the line misses
        the box (or only touches a corner) or when w = (0, 0) and there is no line.
        For w2 = 0 the line is vertical, x1 = θ / w1.
    """
    w = as_float_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(
            f"w must hold 2 weights (w1, w2) for a line in the plane; got {describe(w)}."
        )
    theta = check_scalar("theta", theta)
    (x_lo, x_hi), (y_lo, y_hi) = _check_limits("xlim", xlim), _check_limits("ylim", ylim)
    w1, w2 = w
    tol = 1e-12 * max(x_hi - x_lo, y_hi - y_lo, abs(x_lo), abs(x_hi), abs(y_lo), abs(y_hi))

    # Where does the line cross each edge of the box? (With tiny weights a crossing can be
    # beyond float64's range: it becomes +-inf, which is outside the box, so no warning.)
    points = []
    with np.errstate(over="ignore", invalid="ignore"):
        if w2 != 0:  # left and right edges: solve for x2
            for x1 in (x_lo, x_hi):
                x2 = (theta - w1 * x1) / w2
                if y_lo - tol <= x2 <= y_hi + tol:
                    points.append((x1, min(max(x2, y_lo), y_hi)))
        if w1 != 0:  # bottom and top edges: solve for x1
            for x2 in (y_lo, y_hi):
                x1 = (theta - w2 * x2) / w1
                if x_lo - tol <= x1 <= x_hi + tol:
                    points.append((min(max(x1, x_lo), x_hi), x2))

    # A line through a corner meets two edges at the same point: keep distinct points.
    distinct = []
    for p in sorted(points):
        if not distinct or max(abs(p[0] - distinct[-1][0]), abs(p[1] - distinct[-1][1])) > tol:
            distinct.append(p)
    if len(distinct) < 2:
        return None
    (x1a, x2a), (x1b, x2b) = distinct[0], distinct[-1]
    return (float(x1a), float(x2a)), (float(x1b), float(x2b))


def _check_nonzero_w(w) -> np.ndarray:
    w = as_float_array(w, "w", ndim=1)
    if not np.any(w):
        raise ValueError(
            f"w must have at least one nonzero weight: with w = 0 the weighted sum is 0 for "
            f"every input, so there is no decision line; got {w.tolist()}."
        )
    return w


def signed_distance(x, w, theta):
    """Signed distance from x to the decision line (plane) w·x = θ: z / ‖w‖.

    Positive on the side where the neuron fires, negative on the silent side, 0 on the
    line. Its size is the ordinary (perpendicular) distance, because w is perpendicular to
    the line. For the origin it is -θ/‖w‖: the line lies at distance |θ|/‖w‖ from it.

    Parameters
    ----------
    x : array_like, shape (n_features,) or (n_samples, n_features)
        One point, or one per row.
    w : array_like, shape (n_features,)
        Weights, not all zero.
    theta : float
        Threshold θ.

    Returns
    -------
    float or ndarray, shape (n_samples,)

    Examples
    --------
    >>> signed_distance([0, 0], [3, 4], 10)
    -2.0
    """
    theta = check_scalar("theta", theta)
    w = _check_nonzero_w(w)
    x, w = _inputs_and_weights(x, w)
    return _number_or_array((x @ w - theta) / np.linalg.norm(w))


def perpendicular_foot(w, theta):
    """The point of the line (plane) w·x = θ nearest the origin: θ w / ‖w‖².

    It lies on the ray along w when θ > 0 (against w when θ < 0), at distance |θ|/‖w‖.

    Parameters
    ----------
    w : array_like, shape (n_features,)
        Weights, not all zero.
    theta : float
        Threshold θ.

    Returns
    -------
    ndarray, shape (n_features,)

    Examples
    --------
    >>> perpendicular_foot([3, 4], 10)
    array([1.2, 1.6])
    """
    theta = check_scalar("theta", theta)
    w = _check_nonzero_w(w)
    return theta * w / (w @ w) + 0.0  # + 0.0 turns -0.0 into 0.0


def bias_from_threshold(theta):
    """Bias b = -θ: firing when w·x >= θ is firing when w·x + b >= 0.

    Parameters
    ----------
    theta : float or array_like
        Threshold(s).

    Returns
    -------
    float or ndarray
    """
    theta = as_float_array(theta, "theta")
    return _number_or_array(0.0 - theta)  # 0.0 - 0.0 is 0.0, where -0.0 would print "-0.0"


def threshold_from_bias(b):
    """Threshold θ = -b, the inverse of :func:`bias_from_threshold`.

    Parameters
    ----------
    b : float or array_like
        Bias(es).

    Returns
    -------
    float or ndarray
    """
    b = as_float_array(b, "b")
    return _number_or_array(0.0 - b)


def augment(X):
    """Append a constant input 1: x -> (x, 1), so that z = (x, 1)·(w, b) = w·x + b.

    Parameters
    ----------
    X : array_like, shape (n_features,) or (n_samples, n_features)
        One input vector, or one per row.

    Returns
    -------
    ndarray, shape (n_features + 1,) or (n_samples, n_features + 1)
    """
    X = as_float_array(X, "X", ndim=(1, 2))
    ones = np.ones(X.shape[:-1] + (1,))
    return np.concatenate([X, ones], axis=-1)


class Neuron:
    """One neuron with an activation: a = f(z), z = w·x + b.

    Parameters
    ----------
    w : array_like, shape (n_features,)
        Weights.
    b : float, default 0.0
        Bias (b = -θ).
    activation : str, default "logistic"
        Name of the activation f, any name :func:`nnlib.activations.get_activation`
        accepts except 'softmax' (which needs several outputs).

    Attributes
    ----------
    w : ndarray, shape (n_features,)
    b : float
    activation : str
        The name as given.

    Examples
    --------
    >>> Neuron([5, 3], b=-4, activation="step").forward([[0, 1], [1, 0]])
    array([0., 1.])
    """

    def __init__(self, w, b=0.0, activation="logistic"):
        self.w = as_float_array(w, "w", ndim=1)
        self.b = check_scalar("b", b)
        self._f = activations.ACTIVATIONS[activations.check_activation(activation)]
        if self._f is activations.softmax:
            raise ValueError(
                "activation must not be 'softmax' for a single Neuron: softmax turns a vector "
                "of several scores into probabilities, and a Neuron has one output "
                "(use 'logistic' for a probability)."
            )
        self.activation = activation

    def z(self, X):
        """Weighted input z = X w + b.

        Parameters
        ----------
        X : array_like, shape (n_features,) or (n_samples, n_features)

        Returns
        -------
        float or ndarray, shape (n_samples,)
        """
        X, w = _inputs_and_weights(X, self.w, x_name="X")
        return _number_or_array(X @ w + self.b)

    def forward(self, X):
        """Output a = f(z).

        Parameters
        ----------
        X : array_like, shape (n_features,) or (n_samples, n_features)

        Returns
        -------
        float or ndarray, shape (n_samples,)
        """
        return self._f(self.z(X))

    def __repr__(self) -> str:
        weights = ", ".join(_fmt(v) for v in self.w)
        return f"Neuron(w=[{weights}], b={_fmt(self.b)}, activation={self.activation!r})"
