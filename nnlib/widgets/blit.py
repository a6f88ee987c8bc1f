"""Redraw only what moves: an :class:`Explorer` whose static parts are drawn once.

Most of a figure (axes, ticks, tick labels, axis labels, legends) stays the same when a
slider moves; measuring and drawing its text is most of what a full redraw costs.
:class:`BlitExplorer` draws the full figure once without its *dynamic* artists, keeps
those pixels (the background), and at every later render restores them and draws only
the dynamic artists on top (matplotlib's "blitting"). The figure itself is unchanged:
``fig.savefig`` and a fresh ``canvas.draw()`` still draw everything.
"""

from __future__ import annotations

from IPython.display import Image
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlib.widgets.base import Explorer, png_image

__all__ = ["BlitExplorer", "artists_in"]


def artists_in(*things) -> list:
    """Every matplotlib artist in ``things``: artists, and dicts, lists and tuples of them.

    The ``nnlib.plot`` functions an explorer draws with return dicts of artists (and of
    other things: limits, grids); this collects the artists for
    :meth:`BlitExplorer.dynamic_artists`.

    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> (line,) = ax.plot([0, 1])
    >>> artists_in({"line": line, "xlim": (0, 1), "labels": [ax.title]}) == [line, ax.title]
    True
    """
    out = []
    for thing in things:
        if isinstance(thing, Artist):
            out.append(thing)
        elif isinstance(thing, dict):
            out += artists_in(*thing.values())
        elif isinstance(thing, (list, tuple)):
            out += artists_in(*thing)
    return out


class BlitExplorer(Explorer):
    """An :class:`Explorer` that redraws only its dynamic artists.

    Subclasses list in :meth:`dynamic_artists` every artist that :meth:`update` changes
    (images, lines, point sets, titles, whole axes whose ticks move) and call
    :meth:`invalidate` when they change anything else (a static artist shown or hidden,
    new axis limits of a static axes).
    """

    _background = None
    _background_key = None

    def dynamic_artists(self) -> list:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def invalidate(self) -> None:
        """Draw the static background again at the next render."""
        self._background = None

    def render(self) -> Image:
        """The figure as a PNG: the kept background plus the dynamic artists drawn anew."""
        canvas = self.fig.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            canvas = FigureCanvasAgg(self.fig)
        dynamic = sorted(self.dynamic_artists(), key=lambda a: a.get_zorder())
        key = (tuple(self.fig.bbox.bounds), self.fig.dpi)
        if self._background is None or key != self._background_key:
            # Hidden from the full draw. (Hidden, not "animated": a tick's grid line is drawn
            # by its tick whatever its animated flag says.) The figure's layout must be
            # fixed, as every explorer's is, or hiding titles would move the axes; and so
            # must a dynamic title's place (``set_title(..., y=1.0)``), or matplotlib
            # would place it as if it were hidden.
            shown = [artist.get_visible() for artist in dynamic]
            for artist in dynamic:
                artist.set_visible(False)
            try:
                canvas.draw()
            finally:
                for artist, visible in zip(dynamic, shown, strict=True):
                    artist.set_visible(visible)
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._background_key = key
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for artist in dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        return png_image(canvas)
