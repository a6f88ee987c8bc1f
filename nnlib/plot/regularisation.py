"""Chapter 9's figures: decision regions on a coarse grid, train and test curves.

A decision region is drawn as an image of the network's probability P(class 1 | x) on a
grid over the plane (blue for class 0, orange for class 1, pale near 0.5) with the 0.5
contour, the decision boundary, in black. An image can be updated in place
(:func:`set_probability_panel`), which keeps chapter 9's explorer fast.
"""

from __future__ import annotations

import contourpy
import numpy as np

from nnlib.plot.boundaries import PROBABILITY_CMAP, boundary_grid
from nnlib.plot.style import BOUNDARY, CLASS_COLORS, CLASS_MARKERS, CURVE, OKABE_ITO, _axes

_IMAGE_ALPHA = 0.45


def plane_grid(X, margin=0.5, resolution=60):
    """A square grid of points covering the data ``X`` plus a margin.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    margin : float, default 0.5
        Added on every side of the data's range.
    resolution : int, default 60
        Points per side.

    Returns
    -------
    extent : tuple (x1_min, x1_max, x2_min, x2_max)
    points : ndarray of shape (resolution ** 2, 2)
        Row by row from the bottom (x2 smallest), as ``imshow(origin="lower")`` wants.
    """
    xx, yy, points = boundary_grid(X, margin, resolution)  # the same grid, as an extent
    return (xx[0, 0], xx[0, -1], yy[0, 0], yy[-1, 0]), points


def _grid_probability(clf, points):
    n = int(round(np.sqrt(len(points))))
    return clf.predict_proba(points)[:, 1].reshape(n, n)


def probability_panel(clf, X, y, ax=None, *, extent=None, points=None, hollow=False,
                      title=None, resolution=60):
    """The fitted classifier's P(class 1) over the plane, its boundary, and the points.

    Parameters
    ----------
    clf : fitted binary classifier with ``predict_proba``
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,) with labels 0 and 1
    ax : matplotlib Axes, optional
    extent, points : optional
        A grid from :func:`plane_grid` (made from ``X`` if not given).
    hollow : bool, default False
        Hollow markers (the book's sign for test points).
    title : str, optional
    resolution : int, default 60
        Used when no grid is given.

    Returns
    -------
    dict with 'image' (AxesImage), 'contour' (the boundary P = 0.5 as a Line2D, empty
    when there is none) and 'points' (a list of the two classes' artists)
    """
    ax = _axes(ax)
    if points is None:
        extent, points = plane_grid(X, resolution=resolution)
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    P = _grid_probability(clf, points)
    image = ax.imshow(P, origin="lower", extent=extent, cmap=PROBABILITY_CMAP, vmin=0.0,
                      vmax=1.0, alpha=_IMAGE_ALPHA, aspect="auto", interpolation="bilinear")
    artists = {"image": image, "ax": ax, "points_grid": points, "extent": extent}
    (artists["contour"],) = ax.plot(*boundary_line(P, extent), color=BOUNDARY, lw=1.4)
    drawn = []
    for k in (0, 1):
        rows = y == k
        style = dict(facecolors="none", edgecolors=CLASS_COLORS[k], linewidths=1.3) if hollow \
            else dict(c=CLASS_COLORS[k], edgecolors="white", linewidths=0.5)
        drawn.append(ax.scatter(X[rows, 0], X[rows, 1], s=28, marker=CLASS_MARKERS[k],
                                label=f"class {k}", zorder=3, **style))
    artists["points"] = drawn
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title is not None:
        ax.set_title(title)
    return artists


def boundary_line(P, extent):
    """The decision boundary P = 0.5 of a grid of probabilities, as one line.

    Parameters
    ----------
    P : ndarray of shape (n, n)
        P(class 1) on the grid of :func:`plane_grid`, row by row from the bottom.
    extent : (x1_min, x1_max, x2_min, x2_max)

    Returns
    -------
    x1, x2 : ndarray of shape (m,)
        The boundary's points, its separate pieces divided by NaN (so one ``Line2D``
        draws them all); empty when one class fills the plane.
    """
    P = np.asarray(P, dtype=float)
    if not np.nanmin(P) < 0.5 < np.nanmax(P):   # one class everywhere: no boundary
        return np.empty(0), np.empty(0)
    x1 = np.linspace(extent[0], extent[1], P.shape[1])
    x2 = np.linspace(extent[2], extent[3], P.shape[0])
    # The marching squares of matplotlib's contour, without building a ContourSet.
    (lines,) = contourpy.contour_generator(x1, x2, P, line_type="ChunkCombinedNan").lines(0.5)
    if not lines or lines[0] is None:
        return np.empty(0), np.empty(0)
    return lines[0][:, 0], lines[0][:, 1]


def set_probability_panel(artists, clf=None, X=None, y=None, *, proba=None):
    """Update a :func:`probability_panel` in place for a new classifier (and new points).

    Parameters
    ----------
    artists : dict returned by :func:`probability_panel`
    clf : fitted binary classifier with ``predict_proba``, optional
        Not needed when ``proba`` is given.
    X, y : array_like, optional
        New points to show (same grid).
    proba : ndarray of shape (n, n), optional
        P(class 1) on the panel's grid, when already computed (two panels of one
        classifier need it once).
    """
    if proba is None:
        if clf is None:
            raise TypeError("set_probability_panel needs a classifier clf or its proba.")
        proba = _grid_probability(clf, artists["points_grid"])
    P = np.asarray(proba, dtype=float).reshape(artists["image"].get_array().shape)
    artists["image"].set_data(P)
    artists["contour"].set_data(*boundary_line(P, artists["extent"]))
    if X is not None:
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        for k, drawn in enumerate(artists["points"]):
            drawn.set_offsets(X[y == k] if np.any(y == k) else np.empty((0, 2)))
    return artists


def train_test_curves_plot(curves, axes=None, *, mark_best=True):
    """Loss (left) and accuracy (right) per epoch on the training and the test set.

    Parameters
    ----------
    curves : :class:`nnlib.curves.TrainTestCurves`
    axes : pair of Axes, optional
    mark_best : bool, default True
        Mark the epoch of the smallest test loss with a dotted line.

    Returns
    -------
    axes : the pair of Axes
    """
    if axes is None:
        from nnlib.plot.style import new_figure
        _, axes = new_figure(ncols=2, height=3.2)
    ax_loss, ax_acc = axes
    epochs = curves.epochs
    train_style = dict(color=CURVE, lw=2.0, label="training set")
    test_style = dict(color=OKABE_ITO["vermillion"], lw=2.0, ls="--", label="test set")
    ax_loss.plot(epochs, curves.train_loss, **train_style)
    ax_loss.plot(epochs, curves.test_loss, **test_style)
    ax_acc.plot(epochs, curves.train_accuracy, **train_style)
    ax_acc.plot(epochs, curves.test_accuracy, **test_style)
    ax_loss.set_ylabel("cross-entropy (data loss)")
    ax_acc.set_ylabel("accuracy")
    for ax in axes:
        ax.set_xlabel("epoch")
        if mark_best:
            ax.axvline(curves.best_test_epoch, color="0.4", lw=1.0, ls=":")
    ax_loss.legend(loc="upper left", fontsize=9)
    return axes
