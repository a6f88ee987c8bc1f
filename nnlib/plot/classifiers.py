"""Chapter 4's figures: one neuron as a classifier over data in the plane.

:func:`classifier_plane` draws the data, the probability σ(z) as shading, the decision
line z = 0 and the margin lines z = ±1; :func:`set_classifier_plane` moves them for new
weights without drawing anything anew (the widget uses it). :func:`probability_contours`
adds labelled contour lines of σ(z) for the static figures; :func:`cost_curve` draws a
cost against the steps of gradient descent.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from nnlib import linear, neuron
from nnlib.plot.style import BOUNDARY, CLASS_COLORS, CLASS_MARKERS, CURVE, OKABE_ITO, _axes

#: Shading of P(y = 1 | x): class 0's blue through white to class 1's orange.
PROBABILITY_SHADE = LinearSegmentedColormap.from_list(
    "nnlib_probability", [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]])

#: Colour of the margin lines z = ±1 and of support-vector rings.
MARGIN = OKABE_ITO["reddish_purple"]


def _limits(X, pad=0.5):
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def two_class_points(X, y, ax=None, labels=("class 0", "class 1"), size=6.0, alpha=0.9):
    """Scatter two classes, each in its colour and marker.

    Parameters
    ----------
    X : array_like, shape (n_samples, 2)
    y : array_like, shape (n_samples,)
        Labels 0/1 (or −1/+1).
    ax : Axes, optional
    labels : (str, str)
        Legend labels of class 0 and class 1.
    size : float
        Marker size.

    Returns
    -------
    list of Line2D
        One per class.
    """
    ax = _axes(ax)
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n_samples, 2); got shape {X.shape}.")
    y01 = (linear.signed_labels(y) + 1) / 2
    return [ax.plot(X[y01 == k, 0], X[y01 == k, 1], CLASS_MARKERS[k], ms=size,
                    color=CLASS_COLORS[k], mec="black", mew=0.5, alpha=alpha,
                    label=labels[k], zorder=3)[0] for k in (0, 1)]


def classifier_plane(X, y, w, b, ax=None, xlim=None, ylim=None, shade=True, margins=True,
                     resolution=101, labels=("class 0", "class 1"),
                     xlabel=r"$x_1$", ylabel=r"$x_2$"):
    """A two-input neuron over its data: σ(z) shaded, the line z = 0, the lines z = ±1.

    Parameters
    ----------
    X : array_like, shape (n_samples, 2)
    y : array_like, shape (n_samples,)
    w : array_like, shape (2,)
    b : float
    ax : Axes, optional
    xlim, ylim : (float, float), optional
        The box drawn (default: the data plus 0.5 on every side).
    shade : bool
        Shade P(y = 1 | x) = σ(z) from blue (0) through white (0.5) to orange (1).
    margins : bool
        Draw the margin lines z = −1 and z = +1 (dashed).
    resolution : int
        Grid points per side for the shading (computed once, reused by the setter).
    labels : (str, str)
        Legend labels of the classes.
    xlabel, ylabel : str

    Returns
    -------
    dict
        Artists ``"shade"``, ``"line"``, ``"margins"`` (two Line2D), ``"points"`` and the
        precomputed ``"grid"``; update with :func:`set_classifier_plane`.
    """
    ax = _axes(ax)
    if xlim is None or ylim is None:
        auto_x, auto_y = _limits(X)
        xlim = auto_x if xlim is None else xlim
        ylim = auto_y if ylim is None else ylim
    artists = {"xlim": tuple(xlim), "ylim": tuple(ylim), "shade": None, "grid": None,
               "margins": []}
    if shade:
        g1, g2 = np.meshgrid(np.linspace(*xlim, int(resolution)),
                             np.linspace(*ylim, int(resolution)))
        artists["grid"] = (np.column_stack([g1.ravel(), g2.ravel()]), g1.shape)
        artists["shade"] = ax.imshow(np.full(g1.shape, 0.5), origin="lower",
                                     extent=(*xlim, *ylim), cmap=PROBABILITY_SHADE, vmin=0,
                                     vmax=1, alpha=0.45, interpolation="bilinear",
                                     aspect="auto", zorder=0)
    artists["line"] = ax.plot([], [], color=BOUNDARY, lw=2, label=r"$z = 0$", zorder=2)[0]
    if margins:
        artists["margins"] = [
            ax.plot([], [], color=MARGIN, lw=1.3, ls="--", zorder=2,
                    label=r"$z = \pm 1$" if k == 0 else None)[0] for k in (0, 1)]
    artists["points"] = two_class_points(X, y, ax=ax, labels=labels)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    set_classifier_plane(artists, w, b)
    return artists


def set_classifier_plane(artists: dict, w, b) -> None:
    """Move the shading and lines drawn by :func:`classifier_plane` to new ``w`` and ``b``."""
    w = np.asarray(w, dtype=float)
    b = float(b)
    # w·x + b = c  is chapter 2's line w·x = θ with θ = c − b
    for line, level in [(artists["line"], 0.0),
                        *zip(artists["margins"], (-1.0, 1.0), strict=False)]:
        segment = neuron.decision_boundary(w, level - b, artists["xlim"], artists["ylim"])
        if segment is None:
            line.set_data([], [])
        else:
            (xa, ya), (xb, yb) = segment
            line.set_data([xa, xb], [ya, yb])
    if artists["shade"] is not None:
        points, shape = artists["grid"]
        artists["shade"].set_data(linear.predict_proba(points, w, b).reshape(shape))


def probability_contours(w, b, ax, xlim, ylim, levels=(0.1, 0.25, 0.5, 0.75, 0.9),
                         resolution=101):
    """Labelled contour lines of σ(w·x + b) (static figures only; the widget shades).

    Returns
    -------
    matplotlib.contour.QuadContourSet
    """
    g1, g2 = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    p = linear.predict_proba(np.column_stack([g1.ravel(), g2.ravel()]), w, b)
    cs = ax.contour(g1, g2, p.reshape(g1.shape), levels=list(levels), colors="0.25",
                    linewidths=0.8, zorder=1)
    ax.clabel(cs, fmt="%.2g", fontsize=8)
    return cs


def mark_support_vectors(X, mask, ax, size=11.0):
    """Ring the support vectors ``X[mask]``.

    Returns
    -------
    Line2D
    """
    X = np.asarray(X, dtype=float)
    return ax.plot(X[mask, 0], X[mask, 1], "o", ms=size, mfc="none", mec=MARGIN, mew=1.4,
                   label="support vectors", zorder=4)[0]


def cost_curve(losses, ax=None, label=None, color=CURVE, logy=False, **kwargs):
    """A cost against the step of gradient descent.

    Parameters
    ----------
    losses : array_like, shape (n_steps + 1,)
        The cost before the first step and after each step.
    ax : Axes, optional
    label : str, optional
    logy : bool
        Logarithmic vertical axis.

    Returns
    -------
    Line2D
    """
    ax = _axes(ax)
    losses = np.asarray(losses, dtype=float)
    (line,) = ax.plot(np.arange(len(losses)), losses, color=color, label=label, **kwargs)
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("step $t$ of gradient descent")
    ax.set_ylabel("cost $J$")
    return line
