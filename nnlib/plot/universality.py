"""Chapter 5's universality figures: a target curve, its bumps, and their sum."""

from __future__ import annotations

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
        Number of bumps (the hidden layer has ``2 * n_bumps`` sigmoid units).
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


def bump_grid(f="wiggle", ns=(5, 10, 40), steepnesses=(30.0, 300.0, 3000.0),
              interval=(0.0, 1.0), width=BOOK_WIDTH, height=None):
    """Small multiples: the bump network for every number of bumps and steepness.

    Rows are the numbers of bumps ``ns``, columns the steepnesses. Each panel's title
    gives its largest error on the interval.

    Parameters
    ----------
    f : str or callable
        The target curve.
    ns : sequence of int
        Numbers of bumps, one row each.
    steepnesses : sequence of float
        Hidden weights s, one column each.
    interval : (float, float)
    width, height : float, optional
        Figure size in inches; the height defaults to 2.1 per row.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : ndarray of Axes, shape (len(ns), len(steepnesses))
    errors : ndarray of shape (len(ns), len(steepnesses), 2)
        The largest and the mean error of every panel.
    """
    ns = [check_integer("ns[i]", n, minimum=1) for n in ns]
    steepnesses = [check_positive("steepnesses[j]", s) for s in steepnesses]
    if not ns or not steepnesses:
        raise ValueError("ns and steepnesses must each hold at least one value.")
    fig, axes = new_figure(ncols=len(steepnesses), nrows=len(ns), width=width,
                           height=2.1 * len(ns) + 0.6 if height is None else height,
                           sharex=True, sharey=True, squeeze=False)
    errors = np.zeros((len(ns), len(steepnesses), 2))
    for i, n in enumerate(ns):
        for j, s in enumerate(steepnesses):
            ax = axes[i, j]
            parts = bump_plot(f, n, s, interval, ax=ax, legend=False, n_points=401)
            errors[i, j] = parts["errors"]
            ax.set_title(f"n = {n}, s = {s:g}\nmax error {errors[i, j, 0]:.3f}", fontsize=9)
            ax.set_xlabel("$x$" if i == len(ns) - 1 else "")
            ax.set_ylabel("")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=9)
    return fig, axes, errors
