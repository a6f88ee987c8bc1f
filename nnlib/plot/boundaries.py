"""Chapter 8's figures: decision boundaries of classifiers, loss curves, seed spreads.

:func:`boundary_grid` lays a grid over the data as the source does (a margin of 0.5
around the points, 300 × 300 points); :func:`decision_boundary` colours the plane by the
predicted class with ``contourf`` at levels [0, 0.5, 1] and marks the points.
:func:`probability_image` and :func:`set_probability_image` draw the same map as an image
that a widget updates in place; :func:`playground_snapshots` shows a training run of
:class:`nnlib.training.TrainingRun` at a few epochs.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, ListedColormap

from nnlib._validation import as_float_array, check_integer, check_positive
from nnlib.plot.style import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO, _axes, new_figure

__all__ = [
    "PROBABILITY_CMAP",
    "accuracy_strip",
    "boundary_grid",
    "class_points",
    "decision_boundary",
    "loss_curve",
    "playground_snapshots",
    "probability_image",
    "set_probability_image",
]

#: P(class 1) from class 0's blue through white (0.5, the boundary) to class 1's orange.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "class_probability", [CLASS_COLORS[0], "#FFFFFF", CLASS_COLORS[1]])
_REGION_CMAP = ListedColormap([CLASS_COLORS[0], CLASS_COLORS[1]])


def boundary_grid(X, margin=0.5, resolution=300):
    """A square grid of points over the data, ``margin`` beyond its extremes.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    margin : float, default 0.5
        Added on every side of the points' bounding box.
    resolution : int, default 300
        Points along each axis.

    Returns
    -------
    xx, yy : ndarray of shape (resolution, resolution)
        The grid's x1 and x2 coordinates (``np.meshgrid``).
    grid : ndarray of shape (resolution * resolution, 2)
        The same points as rows, ready for ``predict_proba``.
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 features (a plane to draw); got shape {X.shape}.")
    margin = check_positive("margin", margin, allow_zero=True)
    resolution = check_integer("resolution", resolution, minimum=2)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    return xx, yy, np.c_[xx.ravel(), yy.ravel()]


def class_points(X, y, ax=None, size=30, hollow=False, label=""):
    """Scatter two-class points: class 0 blue circles, class 1 orange squares.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), values 0 or 1
    ax : matplotlib Axes, optional
    size : float, default 30
        Marker area.
    hollow : bool, default False
        White faces with coloured edges (e.g. for test points).
    label : str, default ''
        Added to the legend labels ("class 0 (test)").

    Returns
    -------
    list of PathCollection, one per class
    """
    ax = _axes(ax)
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y).ravel()
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have {X.shape[0]} labels, one per row of X; got shape "
                         f"{y.shape}.")
    out = []
    for k in (0, 1):
        pts = X[y == k]
        style = ({"facecolors": "white", "edgecolors": CLASS_COLORS[k], "linewidths": 1.5}
                 if hollow else {"color": CLASS_COLORS[k], "edgecolors": "black",
                                 "linewidths": 0.6})
        out.append(ax.scatter(pts[:, 0], pts[:, 1], s=size, marker=CLASS_MARKERS[k],
                              label=f"class {k}{label}", zorder=3, **style))
    return out


def decision_boundary(model, X, y, ax=None, margin=0.5, resolution=300, title=None,
                      X_grid=None, size=30, legend=True):
    """The plane coloured by a classifier's predicted class, and the points on it.

    The grid is :func:`boundary_grid` over ``X_grid`` (default ``X``); the regions are
    ``contourf`` of P(class 1) at levels [0, 0.5, 1], so the edge between the colours is
    the decision boundary P = 0.5, which is drawn as a black line too.

    Parameters
    ----------
    model : fitted classifier with ``predict_proba`` (scikit-learn's or nnlib's)
    X : array_like of shape (n_samples, 2)
        Points to mark.
    y : array_like of shape (n_samples,)
        Their classes, 0 or 1.
    ax : matplotlib Axes, optional
    margin, resolution : float, int
        Passed to :func:`boundary_grid`.
    title : str, optional
    X_grid : array_like of shape (m, 2), optional
        Points that fix the grid's extent (e.g. all the data), default ``X``.
    size : float, default 30
        Marker area.
    legend : bool, default True

    Returns
    -------
    dict with ``"regions"`` (QuadContourSet), ``"boundary"`` (QuadContourSet or None),
    ``"points"`` (list of PathCollection) and ``"proba"`` (ndarray (resolution,
    resolution): P(class 1) over the grid).
    """
    ax = _axes(ax)
    xx, yy, grid = boundary_grid(X if X_grid is None else X_grid, margin, resolution)
    proba = model.predict_proba(grid)[:, 1].reshape(xx.shape)
    regions = ax.contourf(xx, yy, proba, levels=[0, 0.5, 1], cmap=_REGION_CMAP, alpha=0.3)
    boundary = None
    if proba.min() < 0.5 < proba.max():
        boundary = ax.contour(xx, yy, proba, levels=[0.5], colors="black", linewidths=1.2)
    points = class_points(X, y, ax=ax, size=size)
    ax.set_xlabel("$x_1$ (standardised)")
    ax.set_ylabel("$x_2$ (standardised)")
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.grid(False)
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="lower left", fontsize=9)
    return {"regions": regions, "boundary": boundary, "points": points, "proba": proba}


def loss_curve(losses, ax=None, label=None, color=None, **kwargs):
    """A loss per epoch (e.g. ``loss_curve_``), epochs counted from 1.

    Returns
    -------
    Line2D
    """
    ax = _axes(ax)
    losses = as_float_array(losses, "losses", ndim=1)
    (line,) = ax.plot(np.arange(1, len(losses) + 1), losses, label=label, color=color,
                      **kwargs)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss $J$")
    return line


def probability_image(ax, extent, resolution=60):
    """An empty image of P(class 1) over ``extent``, for :func:`set_probability_image`.

    Parameters
    ----------
    ax : matplotlib Axes
    extent : (x1_min, x1_max, x2_min, x2_max)
    resolution : int, default 60
        Pixels along each axis.

    Returns
    -------
    AxesImage
    """
    resolution = check_integer("resolution", resolution, minimum=2)
    return ax.imshow(np.full((resolution, resolution), 0.5), origin="lower", extent=extent,
                     cmap=PROBABILITY_CMAP, vmin=0.0, vmax=1.0, interpolation="bilinear",
                     aspect="auto", zorder=0, alpha=0.6)  # pale, so the points stand out


def set_probability_image(image, proba):
    """Show new probabilities in an image made by :func:`probability_image`.

    Parameters
    ----------
    image : AxesImage
    proba : array_like of shape (resolution * resolution,) or (resolution, resolution)
        P(class 1) on the grid of :func:`boundary_grid`, row by row.
    """
    shape = image.get_array().shape
    proba = np.asarray(proba, dtype=float)
    if proba.size != shape[0] * shape[1]:
        raise ValueError(f"proba must have {shape[0] * shape[1]} values (a {shape[0]} x "
                         f"{shape[1]} grid); got shape {proba.shape}.")
    image.set_data(proba.reshape(shape))


def playground_snapshots(run, epochs=(0, 10, 100, 1000), resolution=60, axes=None):
    """A training run at several epochs: the plane coloured by P(class 1).

    The run is advanced (``run.step``) to each epoch in turn, so it ends at the last.

    Parameters
    ----------
    run : nnlib.training.TrainingRun
        At an epoch no later than ``epochs[0]``.
    epochs : sequence of int, increasing
    resolution : int, default 60
    axes : sequence of Axes, optional
        One per epoch; default a new row of panels.

    Returns
    -------
    fig : Figure
    axes : ndarray of Axes
    """
    epochs = [check_integer("epochs", e, minimum=0) for e in epochs]
    if any(b <= a for a, b in zip(epochs, epochs[1:], strict=False)) or epochs[0] < run.epoch:
        raise ValueError(f"epochs must increase from the run's epoch {run.epoch}; got "
                         f"{epochs}.")
    if axes is None:
        fig, axes = new_figure(ncols=len(epochs), height=2.4, sharey=True)
    axes = np.atleast_1d(axes)
    fig = axes[0].figure
    X_all = np.vstack([run.X_train, run.X_test])
    xx, yy, grid = boundary_grid(X_all, 0.5, resolution)
    extent = (xx.min(), xx.max(), yy.min(), yy.max())
    for ax, epoch in zip(axes, epochs, strict=True):
        run.step(epoch - run.epoch)
        image = probability_image(ax, extent, resolution)
        set_probability_image(image, run.predict_proba(grid))
        class_points(run.X_train, run.y_train, ax=ax, size=8)
        ax.set_title(f"epoch {epoch:,}\ntest accuracy {run.accuracy('test'):.2f}",
                     fontsize=10)
        ax.set_xlabel("$x_1$")
        ax.grid(False)
        ax.set_aspect("equal")
    axes[0].set_ylabel("$x_2$")
    return fig, axes


def accuracy_strip(results, ax=None, jitter=0.08, random_state=0):
    """A strip plot: one dot per run, one column per setting, the median marked.

    Parameters
    ----------
    results : dict of str to sequence of float
        Test accuracies of repeated runs by setting (column label).
    ax : matplotlib Axes, optional
    jitter : float, default 0.08
        Horizontal spread of the dots, so equal values stay visible.
    random_state : int, default 0
        Seed of the jitter.

    Returns
    -------
    matplotlib Axes
    """
    ax = _axes(ax)
    rng = np.random.default_rng(random_state)
    for i, (name, values) in enumerate(results.items()):
        values = as_float_array(values, f"results[{name!r}]", ndim=1)
        x = i + rng.uniform(-jitter, jitter, size=len(values))
        ax.scatter(x, values, s=28, color=OKABE_ITO["blue"], alpha=0.75, edgecolors="black",
                   linewidths=0.5, zorder=3, label="one seed" if i == 0 else None)
        ax.hlines(np.median(values), i - 0.3, i + 0.3, color=OKABE_ITO["vermillion"], lw=2,
                  zorder=4, label="median" if i == 0 else None)
    ax.set_xticks(range(len(results)), list(results), rotation=30, ha="right")
    ax.set_ylabel("test accuracy")
    return ax
