"""Universality by hand: a curve built from bumps, each bump from two steep sigmoids.

One hidden layer of sigmoid units and a linear output unit can follow any continuous
curve on an interval as closely as we like (Cybenko 1989, Hornik 1991). The picture
proof (Nielsen 2015) builds the network by hand:

* a steep sigmoid :math:`\\sigma(s(x - t))` is nearly a step up at :math:`x = t`;
* the difference of two such steps, at ``left`` and ``right``, is a **bump**: about 1
  between them and about 0 elsewhere;
* cut the interval into ``n_bumps`` pieces, give the bump on each piece the height of
  the target curve at the piece's centre, and add the bumps up.

With M bumps (``n_bumps``) that is a 1 → 2M → 1 network: hidden unit pairs with weight
``steepness`` (s) and biases ``-steepness * edge``, output weights ``+height`` and
``-height`` (γ and −γ), output bias 0. The book writes M for the number of bumps and γ
for a bump's height because n is the number of samples and h other things (a
finite-difference step, a hidden unit's output).
:func:`bump_weights` returns exactly these weights in the layout of
:meth:`nnlib.network.MLP.set_weights` (scikit-learn's ``coefs_, intercepts_``), and
:func:`bump_approximation` evaluates the network they define.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnlib._validation import as_float_array, check_choice, check_integer, check_positive
from nnlib.activations import logistic

__all__ = [
    "TARGETS",
    "approximation_error",
    "bump",
    "bump_edges",
    "bump_weights",
    "bump_approximation",
    "get_target",
]


def _wiggle(x):
    return 0.2 + 0.4 * x**2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x)


#: Target curves on [0, 1], by name: (function, label for a legend or a title).
TARGETS: dict[str, tuple[Callable, str]] = {
    "sine": (lambda x: np.sin(2 * np.pi * x), r"$\sin(2\pi x)$"),
    "wiggle": (_wiggle, r"$0.2 + 0.4x^2 + 0.3x\sin 15x + 0.05\cos 50x$"),
    "kink": (lambda x: np.abs(x - 0.5), r"$|x - 0.5|$"),
    "bell": (lambda x: np.exp(-((x - 0.5) ** 2) / (2 * 0.1**2)), r"$e^{-(x - 0.5)^2 / 0.02}$"),
}


def get_target(f) -> Callable:
    """The target curve: a name of :data:`TARGETS` or a callable, returned as a callable.

    Parameters
    ----------
    f : str or callable
        'sine', 'wiggle', 'kink', 'bell', or a function of one array of x values that
        returns an array of the same shape.

    Returns
    -------
    callable
    """
    if callable(f):
        return f
    return TARGETS[check_choice("target", f, TARGETS)][0]


def _check_interval(interval) -> tuple[float, float]:
    a_b = as_float_array(interval, "interval", ndim=1)
    if a_b.shape != (2,) or not a_b[0] < a_b[1]:
        raise ValueError(f"interval must be two numbers (a, b) with a < b; got {interval!r}.")
    return float(a_b[0]), float(a_b[1])


def bump(x, left, right, steepness, height=1.0):
    """One bump made of two steep sigmoids: ``γ (σ(s(x − left)) − σ(s(x − right)))``.

    Parameters
    ----------
    x : float or array_like, any shape
        Inputs.
    left, right : float
        Where the bump rises and where it falls (``left < right``).
    steepness : float
        s > 0, the weight of both hidden units: the larger, the more the bump looks like
        a box.
    height : float, default 1.0
        γ, the output weight; a negative height makes a dip.

    Returns
    -------
    float or ndarray, same shape as ``x``
    """
    x = as_float_array(x, "x")
    s = check_positive("steepness", steepness)
    left = float(as_float_array(left, "left", ndim=0))
    right = float(as_float_array(right, "right", ndim=0))
    if not left < right:
        raise ValueError(f"left must be smaller than right; got left={left}, right={right}.")
    height = float(as_float_array(height, "height", ndim=0))
    return height * (logistic(s * (x - left)) - logistic(s * (x - right)))


def bump_edges(n_bumps, interval=(0.0, 1.0)):
    """Where the bumps rise and fall: ``n_bumps + 1`` equally spaced edges.

    The edges tile the interval [a, b] widened by half a piece, ``(b − a) / (2M)``, at
    each end. So the ends a and b lie inside the first and the last bump, not on an edge
    where a bump is only half risen, and every bump's centre lies in [a, b].

    Parameters
    ----------
    n_bumps : int
        Number of bumps M >= 1.
    interval : (float, float), default (0, 1)
        The interval [a, b] on which the curve is approximated.

    Returns
    -------
    edges : ndarray of shape (n_bumps + 1,)
    centres : ndarray of shape (n_bumps,)
        The midpoints of the bumps, where the target's heights are read.
    """
    n_bumps = check_integer("n_bumps", n_bumps, minimum=1)
    a, b = _check_interval(interval)
    margin = (b - a) / (2 * n_bumps)
    edges = np.linspace(a - margin, b + margin, n_bumps + 1)
    return edges, (edges[:-1] + edges[1:]) / 2


def bump_weights(f, n_bumps, steepness, interval=(0.0, 1.0)):
    """Weights of a 1 → 2M → 1 sigmoid network that draws ``f`` with M = ``n_bumps`` bumps.

    Hidden units come in pairs, one per bump: unit 2i rises at the bump's left edge,
    unit 2i + 1 at its right edge, both with weight ``steepness``. The output unit (no
    activation) weighs them ``+γ_i`` and ``−γ_i``, where ``γ_i = f(centre_i)``.

    Parameters
    ----------
    f : str or callable
        The target: a name of :data:`TARGETS` or a function of an array of x values.
    n_bumps : int
        Number of bumps M >= 1; the hidden layer has 2M units.
    steepness : float
        s > 0, the hidden units' weight on x.
    interval : (float, float), default (0, 1)
        The interval [a, b] to approximate f on.

    Returns
    -------
    coefs : list of two ndarrays, shapes (1, 2M) and (2M, 1)
    intercepts : list of two ndarrays, shapes (2M,) and (1,)
        Ready for ``MLP((1, 2 * n_bumps, 1), activation='logistic',
        output='identity').set_weights(coefs, intercepts)``.
    """
    f = get_target(f)
    s = check_positive("steepness", steepness)
    edges, centres = bump_edges(n_bumps, interval)
    heights = as_float_array(f(centres), "f(x)", ndim=1)
    if heights.shape != centres.shape:
        raise ValueError(f"f must return one value per x; for {centres.shape[0]} x values "
                         f"it returned shape {heights.shape}.")
    # rise and fall edge of every bump, interleaved: left_0, right_0, left_1, right_1, ...
    t = np.column_stack([edges[:-1], edges[1:]]).ravel()
    W1 = np.full((1, t.size), s)
    b1 = -s * t
    W2 = np.column_stack([heights, -heights]).reshape(-1, 1)
    b2 = np.zeros(1)
    return [W1, W2], [b1, b2]


def bump_approximation(f, x, n_bumps, steepness, interval=(0.0, 1.0), return_bumps=False):
    """The bump network's output at ``x``: the sum of the M bumps.

    Parameters
    ----------
    f : str or callable
        The target (see :func:`bump_weights`).
    x : array_like of shape (n_points,)
        Where to evaluate.
    n_bumps, steepness, interval
        As for :func:`bump_weights`.
    return_bumps : bool, default False
        Also return each bump's contribution.

    Returns
    -------
    y_hat : ndarray of shape (n_points,)
        ``σ(x W1 + b1) W2 + b2``, the forward pass of the network of
        :func:`bump_weights`.
    bumps : ndarray of shape (n_points, n_bumps)
        Only with ``return_bumps``: bump i is ``γ_i (a_2i − a_2i+1)``, the output weights
        times the activations of its pair of hidden units; the rows sum to ``y_hat``.
    """
    x = as_float_array(x, "x", ndim=1)
    (W1, W2), (b1, b2) = bump_weights(f, n_bumps, steepness, interval)
    hidden = logistic(x[:, None] @ W1 + b1)  # (n_points, 2M)
    y_hat = (hidden @ W2 + b2)[:, 0]
    if not return_bumps:
        return y_hat
    weighted = hidden * W2[:, 0]  # (n_points, 2M): each unit's share of the output
    return y_hat, weighted[:, 0::2] + weighted[:, 1::2]


def approximation_error(f, n_bumps, steepness, interval=(0.0, 1.0), n_points=1001):
    """How far the bump network is from ``f`` on [a, b]: the largest and the mean gap.

    Parameters
    ----------
    f, n_bumps, steepness, interval
        As for :func:`bump_weights`.
    n_points : int, default 1001
        Equally spaced points of [a, b] (both ends included) where the gap is measured.

    Returns
    -------
    max_error : float
        max |f(x) − f̂(x)| over the points.
    mean_error : float
        mean |f(x) − f̂(x)| over the points.
    """
    a, b = _check_interval(interval)
    n_points = check_integer("n_points", n_points, minimum=2)
    x = np.linspace(a, b, n_points)
    gap = np.abs(get_target(f)(x) - bump_approximation(f, x, n_bumps, steepness, interval))
    return float(gap.max()), float(gap.mean())
