"""Chapter 5's universality figures: a target curve, its bumps, and their sum."""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib.collections import LineCollection

from nnlib import universality
from nnlib._validation import check_integer, check_positive
from nnlib.plot.style import BOOK_WIDTH, OKABE_ITO, new_figure

__all__ = ["APPROXIMATION", "TARGET", "bump_grid", "bump_plot", "set_bump_plot"]

#: Colours of the target curve and of the network's approximation.
TARGET = OKABE_ITO["black"]
APPROXIMATION = OKABE_ITO["vermillion"]
_BUMPS = OKABE_ITO["sky_blue"]
#: bump_grid's default rows: numbers of bumps M.
_DEFAULT_COUNTS = (5, 10, 40)


def _x(interval, n_points=801):
    a, b = universality._check_interval(interval)
    return np.linspace(a, b, n_points)


def bump_plot(f="wiggle", n_bumps=10, steepness=100.0, interval=(0.0, 1.0), ax=None,
              show_bumps=True, legend=True, n_points=801):
    """Draw a target curve, the bumps of the network that imitates it, and their sum.

    Parameters
    ----------
    f : str or callable
        The target: a name of :data:`nnlib.universality.TARGETS` or a function.
    n_bumps : int
        Number of bumps M (the hidden layer has 2M sigmoid units).
    steepness : float
        The hidden units' weight s > 0.
    interval : (float, float)
        Where to draw and approximate.
    ax : matplotlib.axes.Axes, optional
    show_bumps : bool, default True
        Draw every bump, faint, under the curves.
    legend : bool, default True
    n_points : int, default 801
        Points of the interval at which the curves are drawn.

    Returns
    -------
    dict
        ``"target"``, ``"approximation"`` (Line2D), ``"bumps"`` (LineCollection or None),
        which :func:`set_bump_plot` changes in place, and ``"errors"``: the largest and
        the mean error (see :func:`set_bump_plot`).
    """
    if ax is None:
        _, ax = new_figure(width=5.0, height=3.2)
    x = _x(interval, check_integer("n_points", n_points, minimum=2))
    parts = {
        "bumps": ax.add_collection(LineCollection([], colors=_BUMPS, lw=1.0, alpha=0.8,
                                                  label="one bump each"))
        if show_bumps else None,
        "target": ax.plot(x, x, color=TARGET, lw=1.6, ls="--", label="target $f(x)$")[0],
        "approximation": ax.plot(x, x, color=APPROXIMATION, lw=2,
                                 label=r"network $\hat{y}(x)$ = sum of bumps")[0],
    }
    parts["errors"] = set_bump_plot(parts, f, n_bumps, steepness, interval)
    ax.set_xlim(x[0], x[-1])
    ax.set_xlabel("input $x$")
    ax.set_ylabel("output")
    if legend:
        ax.legend(loc="best", fontsize=9)
    return parts


def set_bump_plot(parts, f, n_bumps, steepness, interval=(0.0, 1.0)):
    """Redraw the artists of :func:`bump_plot` for new settings.

    Parameters
    ----------
    parts : dict
        As returned by :func:`bump_plot`.
    f, n_bumps, steepness, interval
        As for :func:`bump_plot`.

    Returns
    -------
    max_error, mean_error : float
        :func:`nnlib.universality.approximation_error` for these settings.
    """
    x = np.asarray(parts["target"].get_xdata())
    y_hat, bumps = universality.bump_approximation(f, x, n_bumps, steepness, interval,
                                                   return_bumps=True)
    target = universality.get_target(f)(x)
    parts["target"].set_ydata(target)
    parts["approximation"].set_ydata(y_hat)
    if parts["bumps"] is not None:
        parts["bumps"].set_segments([np.column_stack([x, b]) for b in bumps.T])
    return universality.approximation_error(f, n_bumps, steepness, interval)


def bump_grid(f="wiggle", n_bumps=_DEFAULT_COUNTS, steepnesses=(30.0, 300.0, 3000.0),
              interval=(0.0, 1.0), width=BOOK_WIDTH, height=None, *, ns=None):
    """Small multiples: the bump network for every number of bumps and steepness.

    Rows are the numbers of bumps M, columns the steepnesses s. Each panel's title
    gives M, s and its largest error on the interval.

    Parameters
    ----------
    f : str or callable
        The target curve.
    n_bumps : sequence of int
        Numbers of bumps M, one row each.
    steepnesses : sequence of float
        Hidden weights s, one column each.
    interval : (float, float)
    width, height : float, optional
        Figure size in inches; the height defaults to 2.1 per row.
    ns : sequence of int, optional
        Deprecated name of ``n_bumps`` (it gives a FutureWarning); do not pass both.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : ndarray of Axes, shape (len(n_bumps), len(steepnesses))
    errors : ndarray of shape (len(n_bumps), len(steepnesses), 2)
        The largest and the mean error of every panel.
    """
    if ns is not None:
        if n_bumps is not _DEFAULT_COUNTS:
            raise TypeError("bump_grid got both n_bumps and its old name ns; pass n_bumps only.")
        warnings.warn("bump_grid's argument ns is now called n_bumps.", FutureWarning,
                      stacklevel=2)
        n_bumps = ns
    counts = [check_integer("n_bumps[i]", m, minimum=1) for m in n_bumps]
    steepnesses = [check_positive("steepnesses[j]", s) for s in steepnesses]
    if not counts or not steepnesses:
        raise ValueError("n_bumps and steepnesses must each hold at least one value.")
    fig, axes = new_figure(ncols=len(steepnesses), nrows=len(counts), width=width,
                           height=2.1 * len(counts) + 0.6 if height is None else height,
                           sharex=True, sharey=True, squeeze=False)
    errors = np.zeros((len(counts), len(steepnesses), 2))
    for i, m in enumerate(counts):
        for j, s in enumerate(steepnesses):
            ax = axes[i, j]
            parts = bump_plot(f, m, s, interval, ax=ax, legend=False, n_points=401)
            errors[i, j] = parts["errors"]
            ax.set_title(f"$M$ = {m}, $s$ = {s:g}\nmax error {errors[i, j, 0]:.3f}",
                         fontsize=9)
            ax.set_xlabel("$x$" if i == len(counts) - 1 else "")
            ax.set_ylabel("")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=9)
    return fig, axes, errors
