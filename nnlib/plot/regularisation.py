"""Chapter 9's figures: decision regions on a coarse grid, train and test curves.

A decision region is drawn as an image of the network's probability P(class 1 | x) on a
grid over the plane (blue for class 0, orange for class 1, pale near 0.5) with the 0.5
contour, the decision boundary, in black. An image can be updated in place
(:func:`set_probability_panel`), which keeps chapter 9's explorer fast.
"""

from __future__ import annotations

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
    dict with 'image', 'contour' and 'points' (a list of the two classes' artists)
    """
    ax = _axes(ax)
    if points is None:
        extent, points = plane_grid(X, resolution=resolution)
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    P = _grid_probability(clf, points)
    image = ax.imshow(P, origin="lower", extent=extent, cmap=PROBABILITY_CMAP, vmin=0.0,
                      vmax=1.0, alpha=_IMAGE_ALPHA, aspect="auto", interpolation="bilinear")
    artists = {"image": image, "ax": ax, "points_grid": points, "extent": extent}
    artists["contour"] = _contour(ax, P, extent)
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


def _contour(ax, P, extent):
    if P.min() >= 0.5 or P.max() <= 0.5:   # one class everywhere: no boundary to draw
        return None
    n = P.shape[0]
    x1 = np.linspace(extent[0], extent[1], n)
    x2 = np.linspace(extent[2], extent[3], P.shape[1] if P.ndim > 1 else n)
    return ax.contour(x1, x2, P, levels=[0.5], colors=BOUNDARY, linewidths=1.4)


def set_probability_panel(artists, clf, X=None, y=None):
    """Update a :func:`probability_panel` in place for a new classifier (and new points).

    Parameters
    ----------
    artists : dict returned by :func:`probability_panel`
    clf : fitted binary classifier with ``predict_proba``
    X, y : array_like, optional
        New points to show (same grid).
    """
    P = _grid_probability(clf, artists["points_grid"])
    artists["image"].set_data(P)
    if artists["contour"] is not None:
        artists["contour"].remove()
    artists["contour"] = _contour(artists["ax"], P, artists["extent"])
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
