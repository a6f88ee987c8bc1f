"""The book's one visual style: palette, colours by meaning, figure size, rcParams.

Colours come from the Okabe-Ito palette, which stays distinguishable for readers with
any common form of colour blindness. The same class gets the same colour in every
chapter: class 0 is :data:`CLASS_COLORS[0]` (blue), class 1 is :data:`CLASS_COLORS[1]`
(orange), class 2 is :data:`CLASS_COLORS[2]` (bluish green).
"""

from __future__ import annotations

import matplotlib as mpl

#: Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colours of classes 0, 1, 2, ... in every chapter.
CLASS_COLORS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
)

#: Marker of classes 0, 1, 2, ... so that classes differ in shape as well as colour.
CLASS_MARKERS = ("o", "s", "^", "D")

#: Excitatory (positive) and inhibitory (negative) weights.
EXCITATORY = OKABE_ITO["orange"]
INHIBITORY = OKABE_ITO["blue"]

#: Colour of a function's curve and of its derivative.
CURVE = OKABE_ITO["blue"]
DERIVATIVE = OKABE_ITO["vermillion"]

#: A decision boundary or threshold line.
BOUNDARY = OKABE_ITO["black"]

#: Figure width that fills the book's text column without being scaled down.
BOOK_WIDTH = 7.0

STYLE = {
    "figure.figsize": (BOOK_WIDTH, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "legend.framealpha": 0.9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": mpl.cycler(
        color=[
            OKABE_ITO["blue"],
            OKABE_ITO["orange"],
            OKABE_ITO["bluish_green"],
            OKABE_ITO["vermillion"],
            OKABE_ITO["reddish_purple"],
            OKABE_ITO["sky_blue"],
            OKABE_ITO["yellow"],
            OKABE_ITO["black"],
        ]
    ),
    "image.cmap": "cividis",
    "svg.hashsalt": "nnlib",
}


def use_style() -> None:
    """Apply the book's matplotlib style to every figure made after this call."""
    mpl.rcParams.update(STYLE)


def new_figure(ncols: int = 1, nrows: int = 1, width: float = BOOK_WIDTH, height: float = 4.0,
               **kwargs):
    """A figure and axes in the book's style.

    Parameters
    ----------
    ncols, nrows : int
        Grid of axes.
    width, height : float
        Size in inches. The default width fills the book's text column.
    **kwargs
        Passed on to :func:`matplotlib.pyplot.subplots`.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes or ndarray of Axes
    """
    import matplotlib.pyplot as plt  # on first use: the widgets draw without pyplot

    use_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)


def _axes(ax):
    if ax is None:
        _, ax = new_figure()
    return ax
