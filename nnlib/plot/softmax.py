"""Chapter 6: probabilities as bars, class regions in the plane, the hidden layer's view."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from nnlib.plot.style import BOUNDARY, CLASS_COLORS, CLASS_MARKERS, _axes

__all__ = ["scatter_classes", "class_regions", "hidden_layer_view", "probability_bars"]


def probability_bars(p, ax=None, labels=None, true_class=None):
    """A bar per class, its height the probability.

    Parameters
    ----------
    p : array_like, shape (k,)
        Probabilities (softmax output), k <= 4.
    ax : matplotlib Axes, optional
    labels : sequence of str, optional
        Class names; default 'class 0', 'class 1', ...
    true_class : int, optional
        Outline this class's bar in black (the target).

    Returns
    -------
    BarContainer
    """
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or not 1 <= len(p) <= len(CLASS_COLORS):
        raise ValueError(f"p must be a vector of at most {len(CLASS_COLORS)} probabilities; "
                         f"got shape {p.shape}.")
    ax = _axes(ax)
    k = len(p)
    labels = list(labels) if labels is not None else [f"class {c}" for c in range(k)]
    bars = ax.bar(range(k), p, color=CLASS_COLORS[:k], edgecolor="none", width=0.7)
    if true_class is not None:
        bars[true_class].set_edgecolor(BOUNDARY)
        bars[true_class].set_linewidth(2.5)
    ax.set_xticks(range(k), labels)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("probability")
    return bars


def scatter_classes(X, y, ax=None, labels=None, size=18):
    """Scatter two-feature points coloured and shaped by class.

    Parameters
    ----------
    X : array_like, shape (n_samples, 2)
    y : array_like of int, shape (n_samples,)
    ax : matplotlib Axes, optional
    labels : sequence of str, optional
        Legend labels, one per class.
    size : float
        Marker size.

    Returns
    -------
    list of PathCollection, one per class
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or len(y) != len(X):
        raise ValueError(f"X must have shape (n, 2) and y shape (n,); got {X.shape} and "
                         f"{y.shape}.")
    ax = _axes(ax)
    classes = np.unique(y)
    labels = list(labels) if labels is not None else [f"class {c}" for c in classes]
    out = []
    for c, label in zip(classes, labels, strict=True):
        mask = y == c
        out.append(ax.scatter(X[mask, 0], X[mask, 1], s=size, color=CLASS_COLORS[c],
                              marker=CLASS_MARKERS[c], edgecolor="white", linewidth=0.4,
                              label=label, zorder=3))
    return out


def class_regions(predict_proba, X, y, ax=None, labels=None, xlim=None, ylim=None,
                  resolution=200):
    """The plane coloured by the predicted class, with its boundaries, and the data.

    Parameters
    ----------
    predict_proba : callable
        Maps an (m, 2) array to (m, k) probabilities.
    X : array_like, shape (n_samples, 2)
    y : array_like of int, shape (n_samples,)
    ax : matplotlib Axes, optional
    labels : sequence of str, optional
    xlim, ylim : (float, float), optional
        Plotted range; default: the data's range plus a margin.
    resolution : int
        Grid points per axis.

    Returns
    -------
    predicted : ndarray of int, shape (resolution, resolution)
        The class drawn at each grid point.
    """
    X = np.asarray(X, dtype=float)
    ax = _axes(ax)
    pad = 0.1 * (X.max(axis=0) - X.min(axis=0))
    xlim = xlim or (X[:, 0].min() - pad[0], X[:, 0].max() + pad[0])
    ylim = ylim or (X[:, 1].min() - pad[1], X[:, 1].max() + pad[1])
    g1, g2 = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    P = np.asarray(predict_proba(np.column_stack([g1.ravel(), g2.ravel()])))
    k = P.shape[1]
    predicted = P.argmax(axis=1).reshape(g1.shape)
    cmap = ListedColormap(CLASS_COLORS[:k])
    ax.contourf(g1, g2, predicted, levels=np.arange(k + 1) - 0.5, cmap=cmap, alpha=0.25)
    ax.contour(g1, g2, predicted, levels=np.arange(k) + 0.5, colors=BOUNDARY, linewidths=1.2)
    scatter_classes(X, y, ax=ax, labels=labels)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return predicted


def hidden_layer_view(net, X, y, axes, labels=None, resolution=150):
    """The heart of chapter 6: a one-hidden-layer network's classes in two pictures.

    Left: the input plane, coloured by the network's predicted class. Right: the same
    points in the coordinates of the two hidden units, h = a(x W1 + b1), coloured by the
    class the output layer alone, softmax(h W2 + b2), predicts there. The right panel's
    boundaries are straight: the output layer is softmax regression on h.

    Parameters
    ----------
    net : nnlib.network.MLP
        With layer sizes (2, 2, k) and a softmax output.
    X : array_like, shape (n_samples, 2)
    y : array_like of int, shape (n_samples,)
    axes : pair of matplotlib Axes
    labels : sequence of str, optional
    resolution : int
        Grid points per axis in each panel.

    Returns
    -------
    H : ndarray, shape (n_samples, 2)
        The hidden activations of X.
    """
    from nnlib.softmax_regression import predict_proba

    if len(net.layer_sizes) != 3 or net.layer_sizes[:2] != (2, 2) or net.output != "softmax":
        raise ValueError("net must be an MLP with layer sizes (2, 2, k) and output='softmax'; "
                         f"got {net!r}.")
    ax_x, ax_h = axes
    class_regions(net.forward, X, y, ax=ax_x, labels=labels, resolution=resolution)
    net.forward(X)
    H = np.array(net.activations[1])
    out = net.dense[-1]
    bounded = net.activation in ("tanh", "logistic")
    lim = (-1.1, 1.1) if net.activation == "tanh" else None
    if net.activation == "logistic":
        lim = (-0.05, 1.05)
    class_regions(lambda A: predict_proba(A, out.W, out.b), H, y, ax=ax_h, labels=labels,
                  xlim=lim if bounded else None, ylim=lim if bounded else None,
                  resolution=resolution)
    ax_x.set_xlabel("$x_1$")
    ax_x.set_ylabel("$x_2$")
    ax_h.set_xlabel("hidden unit 1, $h_1$")
    ax_h.set_ylabel("hidden unit 2, $h_2$")
    return H
