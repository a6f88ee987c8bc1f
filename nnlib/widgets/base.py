"""The :class:`Explorer` every widget is built on, and its bare figure."""

from __future__ import annotations

import functools
import io
import re
import threading

import ipywidgets as widgets
import numpy as np
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

from nnlib import plot
from nnlib.widgets import live

#: A hyphen-minus that starts a number ("-2", "-0.5") in text, not inside a word or a tag.
_NUMBER_MINUS = re.compile(r"(?<![\w\-])-(?=\.?\d)")
_TAG = re.compile(r"(<style.*?</style>|<[^>]*>)", re.DOTALL)


def typeset_minus(html: str) -> str:
    """Write the minus sign of every negative number in ``html``'s text as "−" (U+2212).

    The sliders' readouts print "−2.0"; tables and readouts made with Python's formatting
    print "-2". Tags and attributes (``<td class="a-1">``, CSS) are left alone.

    >>> typeset_minus("<td>-2</td><td>x-1</td><b>b = -0.50</b>")
    '<td>−2</td><td>x-1</td><b>b = −0.50</b>'
    """
    parts = _TAG.split(html)
    return "".join(part if part.startswith("<") else _NUMBER_MINUS.sub("\u2212", part)
                   for part in parts)


def one_at_a_time(method):
    """Run an explorer's ``method`` while holding the explorer's lock.

    ipykernel 7 may run a widget's messages on another thread than the main one (a
    subshell's), so a Play widget's ticks and a button's clicks can reach one explorer at
    the same moment. Matplotlib's figures are not thread-safe, and a picture drawn half
    before and half after a new run would be shown as if it were one state. Every handler
    that changes or draws the figure takes the lock, so each runs whole.
    """

    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


def png_image(canvas: FigureCanvasAgg) -> Image:
    """What ``canvas`` last drew, as a PNG image ready to display.

    Lightly compressed (level 1: a frame is shown once), and without the alpha channel
    when every pixel is opaque, as an explorer's figure is: a quarter less to compress
    and to send.
    """
    rgba = np.asarray(canvas.buffer_rgba())
    pixels = rgba[..., :3] if rgba[..., 3].min() == 255 else rgba
    buffer = io.BytesIO()
    PILImage.fromarray(np.ascontiguousarray(pixels)).save(buffer, format="png",
                                                          compress_level=1)
    return Image(data=buffer.getvalue(), format="png")


class Explorer:
    """Controls plus a figure that redraws when a control moves.

    Parameters
    ----------
    controls : dict of str to ipywidgets.ValueWidget
        The sliders, dropdowns, ... by name, in display order.
    fig : matplotlib.figure.Figure
        The figure whose artists :meth:`update` changes.
    extra : list of ipywidgets.Widget, optional
        Widgets shown below the controls (a table, a readout).

    Subclasses implement :meth:`update`, which reads ``self.values`` and changes the
    figure's artists and the extra widgets. It is called once on construction and
    after every change of a control.

    An explorer built by a public function of :mod:`nnlib.widgets` remembers that
    function and its non-default arguments (``origin``) and, when displayed, names them in
    its box's DOM classes, so that the rendered book can rebuild it live in the reader's
    tab (:mod:`nnlib.widgets.live`).

    A control's change is handled whole, one at a time, even when the kernel delivers
    two at once on different threads (:func:`one_at_a_time`).
    """

    def __init__(self, controls, fig: Figure, extra=None):
        self._lock = threading.RLock()
        self.origin = live.factory_origin()
        self.controls = dict(controls)
        self.fig = fig
        self.extra = list(extra or [])
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")
                ),
                *self.extra,
            ]
        )
        self._handle = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self._refresh()

    def _refresh(self) -> None:
        """Run :meth:`update`, then typeset the minus signs of the HTML it wrote."""
        self.update()
        for extra in self.extra:
            if isinstance(extra, (widgets.HTML, widgets.HTMLMath)):
                typeset = typeset_minus(extra.value)
                if typeset != extra.value:
                    extra.value = typeset

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def render(self) -> Image:
        """The figure as a PNG image, ready to display.

        The figure is drawn once by its own Agg canvas and the pixels are encoded with
        light compression. IPython's figure formatter would instead build a new canvas
        and draw twice (its ``bbox_inches="tight"`` pass), which more than doubles the
        time a slider takes to redraw. The layout is the figure's own (constrained).
        """
        canvas = self.fig.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            canvas = FigureCanvasAgg(self.fig)
        canvas.draw()
        return png_image(canvas)

    @one_at_a_time
    def _on_change(self, change) -> None:
        self._refresh()
        if self._handle is not None:
            self._handle.update(self.render())

    def _ipython_display_(self) -> None:
        for cls in live.origin_classes(self.origin):
            self.widget.add_class(cls)
        display(self.widget)
        self._handle = display(self.render(), display_id=True)

    def __repr__(self) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"{type(self).__name__}({settings})"


def new_widget_figure(
    ncols: int = 1, width: float = plot.BOOK_WIDTH, height: float = 3.6, **kwargs
):
    """A bare figure (not managed by pyplot) in the book's style, for an explorer.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes or ndarray of Axes
    """
    plot.use_style()
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)  # a canvas of its own, so that redraws reuse it
    axes = fig.subplots(1, ncols, **kwargs)
    return fig, axes
