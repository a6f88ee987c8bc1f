"""Explorers that redraw only what moves (:class:`nnlib.widgets.blit.BlitExplorer`).

A frame drawn over the kept background must be, pixel for pixel, the figure a full draw
makes: otherwise a moved line would leave a trace, or a static label would vanish under a
curve. Every control of every such explorer is walked through its range and both pictures
are compared after every move.
"""

import io

import numpy as np
import pytest
from PIL import Image

from nnlib import widgets
from nnlib.widgets.base import Explorer
from nnlib.widgets.blit import BlitExplorer

#: The explorers built on BlitExplorer, by their factory in nnlib.widgets.
BLIT_FACTORIES = ("firing_rate_explorer", "threshold_neuron", "activation_explorer",
                  "bump_approximator", "learning_rate_explorer", "playground",
                  "regularisation_explorer", "neuron_classifier")


def _pixels(image) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image.data)))


def _positions(control) -> list:
    """Every option of a dropdown (first, middle and last of a long one); a slider's
    minimum, middle and maximum; then the starting value again."""
    start = control.value
    if hasattr(control, "options"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if len(values) > 6:
            values = [values[0], values[len(values) // 2], values[-1]]
    else:
        middle = (control.min + control.max) / 2
        if isinstance(control.value, int):
            middle = int(middle)
        values = [control.min, middle, control.max]
    return [*values, start]


@pytest.mark.parametrize("factory", BLIT_FACTORIES)
def test_every_frame_equals_a_full_draw(factory):
    explorer = getattr(widgets, factory)()
    assert isinstance(explorer, BlitExplorer)
    np.testing.assert_array_equal(_pixels(explorer.render()),
                                  _pixels(Explorer.render(explorer)))
    for name, control in explorer.controls.items():
        for value in _positions(control):
            control.value = value
            frame = _pixels(explorer.render())
            full = _pixels(Explorer.render(explorer))
            differ = np.argwhere((frame != full).any(axis=2))
            assert differ.size == 0, (
                f"{factory}: with {name} = {value!r}, {len(differ)} pixels differ from a "
                f"full draw, in rows {differ[:, 0].min()}-{differ[:, 0].max()} and columns "
                f"{differ[:, 1].min()}-{differ[:, 1].max()}")


def test_a_frame_restores_the_background_before_drawing():
    """Two different positions in a row: the second frame shows nothing of the first (the
    background is restored, not drawn over)."""
    explorer = widgets.threshold_neuron()
    explorer.controls["theta"].value = -5.0
    explorer.render()
    explorer.controls["theta"].value = 5.0
    np.testing.assert_array_equal(_pixels(explorer.render()),
                                  _pixels(Explorer.render(explorer)))


def test_hidden_artists_stay_hidden_after_the_background_is_drawn():
    """The background is drawn with the dynamic artists hidden; each gets its own
    visibility back (a dotted line at z = 0 off the plot stays hidden)."""
    explorer = widgets.activation_explorer(w=0.0)
    assert not any(line.get_visible() for line in explorer.crossings)
    explorer.invalidate()
    explorer.render()
    assert not any(line.get_visible() for line in explorer.crossings)
    assert explorer.curve.get_visible()


def test_a_frame_is_an_rgb_png_unless_some_pixel_is_transparent():
    """Explorers' figures are opaque: their frames drop the alpha channel (a quarter less
    to compress and send). A transparent figure keeps it, so nothing turns black."""
    explorer = widgets.threshold_neuron()
    frame = Image.open(io.BytesIO(explorer.render().data))
    assert frame.mode == "RGB"
    rgba = np.asarray(explorer.fig.canvas.buffer_rgba())
    np.testing.assert_array_equal(np.asarray(frame), rgba[..., :3])
    explorer.fig.patch.set_alpha(0.0)
    explorer.invalidate()
    clear = Image.open(io.BytesIO(explorer.render().data))
    assert clear.mode == "RGBA" and np.asarray(clear)[0, 0, 3] == 0
