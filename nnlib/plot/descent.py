"""Chapter 7's figures: a two-parameter cost as contour lines, and optimisers' paths on it."""

from __future__ import annotations

import numpy as np

from nnlib.plot.style import BOUNDARY, OKABE_ITO, _axes, new_figure

#: Colours of the optimisers' paths, by name.
PATH_COLORS = {
    "sgd": OKABE_ITO["vermillion"],
    "momentum": OKABE_ITO["blue"],
    "nesterov": OKABE_ITO["sky_blue"],
    "adam": OKABE_ITO["bluish_green"],
}
CONTOUR_COLOR = "#9a9a9a"


def cost_levels(problem, n_levels=12, span=1e3):
    """Contour levels spaced evenly on a log scale above the lowest cost.

    Returns
    -------
    ndarray of shape (n_levels,)
        J_min + (values from J_min·0.1 ... to J_min·span), so that the narrow bottom of
        the valley and its steep walls both get lines.
    """
    j_min = problem.cost(*problem.minimum)
    base = max(j_min, 1e-3)
    return j_min + base * np.logspace(-1, np.log10(span), n_levels)


def cost_contours(problem, ax=None, w_range=(-1.0, 1.0), b_range=(-1.0, 1.0), num=121,
                  levels=None):
    """Draw the cost J(w, b) of a :class:`nnlib.descent.LineFit` as contour lines.

    Parameters
    ----------
    problem : nnlib.descent.LineFit
    ax : matplotlib Axes, optional
    w_range, b_range : (float, float)
        The part of the (w, b) plane to show.
    num : int, default 121
        Grid points along each axis.
    levels : array_like, optional
        Contour levels (default :func:`cost_levels`).

    Returns
    -------
    contours : matplotlib.contour.QuadContourSet
    minimum : matplotlib.lines.Line2D
        The star at the lowest point.
    """
    ax = _axes(ax)
    W, B, J = problem.grid(w_range, b_range, num)
    levels = cost_levels(problem) if levels is None else levels
    contours = ax.contour(W, B, J, levels=levels, colors=CONTOUR_COLOR, linewidths=0.8)
    (minimum,) = ax.plot(*problem.minimum, marker="*", ms=13, color=BOUNDARY, ls="none",
                         label="lowest point", zorder=5)
    ax.set_xlim(*w_range)
    ax.set_ylim(*b_range)
    ax.set_xlabel("weight $w$")
    ax.set_ylabel("bias $b$")
    return contours, minimum


def descent_path(path, ax=None, color=PATH_COLORS["sgd"], label=None, markersize=3):
    """Draw an optimiser's path (a :class:`nnlib.descent.Path`) on the (w, b) plane.

    Returns
    -------
    line : matplotlib.lines.Line2D
        The path, one marker per point visited (update it with :func:`set_descent_path`).
    start : matplotlib.lines.Line2D
        The starting point.
    """
    ax = _axes(ax)
    (line,) = ax.plot([], [], "-o", color=color, lw=1.3, ms=markersize, label=label)
    (start,) = ax.plot(*path.theta[0], "s", color=BOUNDARY, ms=6, mfc="white", zorder=5)
    set_descent_path(line, path)
    return line, start


def set_descent_path(line, path):
    """Move a path drawn by :func:`descent_path` to another path."""
    line.set_data(path.theta[:, 0], path.theta[:, 1])


def path_grid(problem, runs, titles, ncols=3, w_range=(-1.0, 1.0), b_range=(-1.0, 1.0),
              colors=None, width=7.0, height=None):
    """Small multiples: one panel of contour lines and one path per run.

    Parameters
    ----------
    problem : nnlib.descent.LineFit
    runs : list of nnlib.descent.Path
    titles : list of str
        One per run.
    ncols : int, default 3
    w_range, b_range : (float, float)
    colors : list of colours, optional
        One per run (default: vermillion).

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : ndarray of Axes, shape (nrows, ncols)
    """
    nrows = -(-len(runs) // ncols)
    height = 2.5 * nrows + 0.4 if height is None else height
    fig, axes = new_figure(ncols=ncols, nrows=nrows, width=width, height=height,
                           sharex=True, sharey=True, squeeze=False)
    levels = cost_levels(problem)
    W, B, J = problem.grid(w_range, b_range, 101)
    colors = colors or [PATH_COLORS["sgd"]] * len(runs)
    for ax, path, title, color in zip(axes.flat, runs, titles, colors, strict=False):
        ax.contour(W, B, J, levels=levels, colors=CONTOUR_COLOR, linewidths=0.7)
        ax.plot(*problem.minimum, marker="*", ms=10, color=BOUNDARY, ls="none", zorder=5)
        descent_path(path, ax, color=color, markersize=2)
        ax.set_xlim(*w_range)
        ax.set_ylim(*b_range)
        ax.set_title(title, fontsize=10)
        if path.diverged:
            ax.text(0.5, 0.06, f"diverged after {len(path.theta) - 1} steps",
                    transform=ax.transAxes, ha="center", fontsize=9,
                    bbox={"fc": "white", "ec": "none", "alpha": 0.8})
    for ax in axes.flat[len(runs):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("weight $w$")
    for ax in axes[:, 0]:
        ax.set_ylabel("bias $b$")
    return fig, axes


def computational_graph(ax=None):
    """The computational graph of a one-hidden-layer network with a softmax output.

    Nodes X, W^[1], b^[1] → Z^[1] → A^[1] → (with W^[2], b^[2]) Z^[2] → P → J (with Y).
    Forward arrows are black; the backward pass is drawn as dashed vermillion arrows
    under the main chain, labelled with the gradient they carry.

    Returns
    -------
    dict of str to matplotlib.text.Text
        The node labels by name.
    """
    ax = _axes(ax)
    back = OKABE_ITO["vermillion"]
    main = {"X": (0.0, 0.0), "Z1": (2.0, 0.0), "A1": (3.6, 0.0), "Z2": (5.6, 0.0),
            "P": (7.2, 0.0), "J": (8.8, 0.0)}
    params = {"W1": (1.2, 1.1), "b1": (2.0, 1.1), "W2": (4.8, 1.1), "b2": (5.6, 1.1),
              "Y": (8.0, 1.1)}
    labels = {"X": "$X$", "Z1": "$Z^{[1]}$", "A1": "$A^{[1]}$", "Z2": "$Z^{[2]}$",
              "P": "$P$", "J": "$J$", "W1": "$W^{[1]}$", "b1": r"$\mathbf{b}^{[1]}$",
              "W2": "$W^{[2]}$", "b2": r"$\mathbf{b}^{[2]}$", "Y": "$Y$"}
    texts = {}
    for name, (x, y) in {**main, **params}.items():
        texts[name] = ax.text(x, y, labels[name], ha="center", va="center", fontsize=12,
                              bbox={"boxstyle": "round,pad=0.35", "fc": "white",
                                    "ec": BOUNDARY if name in main else CONTOUR_COLOR})
    arrow = {"arrowstyle": "-|>", "color": BOUNDARY, "lw": 1.2, "shrinkA": 14,
             "shrinkB": 14}
    chain = ["X", "Z1", "A1", "Z2", "P", "J"]
    for a, b in zip(chain[:-1], chain[1:], strict=True):
        ax.annotate("", xy=main[b], xytext=main[a], arrowprops=arrow)
    for p, target in [("W1", "Z1"), ("b1", "Z1"), ("W2", "Z2"), ("b2", "Z2"), ("Y", "J")]:
        ax.annotate("", xy=main[target], xytext=params[p], arrowprops=arrow)
    steps = {"J": "", "Z2": r"$\delta^{[2]} = (P - Y)/n$", "Z1": r"$\delta^{[1]}$"}
    back_arrow = {"arrowstyle": "-|>", "color": back, "lw": 1.4, "ls": "--",
                  "connectionstyle": "arc3,rad=-0.35", "shrinkA": 12, "shrinkB": 12}
    ax.annotate("", xy=main["Z2"], xytext=main["J"], arrowprops=back_arrow)
    ax.annotate("", xy=main["Z1"], xytext=main["Z2"], arrowprops=back_arrow)
    ax.text(7.2, -0.95, steps["Z2"], color=back, ha="center", fontsize=10)
    ax.text(3.8, -1.05, r"$\delta^{[1]} = (\delta^{[2]} W^{[2]\top}) \odot g'(Z^{[1]})$",
            color=back, ha="center", fontsize=10)
    ax.set_xlim(-0.5, 9.3)
    ax.set_ylim(-1.4, 1.6)
    ax.set_axis_off()
    return texts
