"""Each chapter's interactive widgets.

A widget here holds no maths of its own: it reads its controls, calls nnlib, and
updates what the reader sees. Every public function builds one widget, takes no
required arguments (its defaults are the book's example) and returns an
:class:`Explorer`.

How an explorer shows itself
----------------------------
An :class:`Explorer` displays its controls (ipywidgets) and then its matplotlib figure
through a display handle: ``display(fig, display_id=True)``. When a control moves, the
explorer updates the figure's artists in place and calls ``handle.update(fig)``. This

* updates live in JupyterLab,
* leaves a plain image of the default state in the rendered (static) book, and
* passes ``pytest --nbval`` in strict mode, because no ``Output`` widget is cleared
  while the cell runs.

The figure is a bare :class:`matplotlib.figure.Figure`, not a pyplot figure, so the
inline backend never shows it a second time and nothing leaks between redraws.

Tests drive an explorer headless: set ``explorer.controls["w1"].value`` and read back
the artists and HTML it updated.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display
from matplotlib.figure import Figure

from nnlib import plot


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
    """

    def __init__(self, controls, fig: Figure, extra=None):
        self.controls = dict(controls)
        self.fig = fig
        self.extra = list(extra or [])
        self.widget = widgets.VBox(
            [widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")),
             *self.extra]
        )
        self._handle = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _on_change(self, change) -> None:
        self.update()
        if self._handle is not None:
            self._handle.update(self.fig)

    def _ipython_display_(self) -> None:
        display(self.widget)
        self._handle = display(self.fig, display_id=True)

    def __repr__(self) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"{type(self).__name__}({settings})"


def new_widget_figure(ncols: int = 1, width: float = plot.BOOK_WIDTH, height: float = 3.6, **kwargs):
    """A bare figure (not managed by pyplot) in the book's style, for an explorer.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes or ndarray of Axes
    """
    plot.use_style()
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, ncols, **kwargs)
    return fig, axes
