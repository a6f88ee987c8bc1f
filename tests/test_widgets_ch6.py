"""Chapter 6's widget, driven headless."""

import warnings

import numpy as np
import pytest

from nnlib import widgets
from nnlib.activations import softmax


def test_default_is_the_books_example():
    e = widgets.softmax_explorer()
    heights = [bar.get_height() for bar in e.bars]
    assert np.allclose(heights, softmax([1.0, 2.0, 0.0]))
    assert "0.665" in e.readout.value  # softmax(1, 2, 0)[1]


def test_sliders_change_bars_and_loss():
    e = widgets.softmax_explorer()
    before = e.render().data
    e.controls["z0"].value = 5.0
    assert np.allclose([b.get_height() for b in e.bars], softmax([5.0, 2.0, 0.0]))
    assert e.render().data != before
    e.controls["T"].value = 10.0
    assert np.allclose([b.get_height() for b in e.bars], softmax(np.array([5.0, 2.0, 0.0]) / 10))
    e.controls["true_class"].value = 2
    p = softmax(np.array([5.0, 2.0, 0.0]) / 10)
    assert f"{-np.log(p[2]):.3f}" in e.readout.value
    assert e.bars[2].get_linewidth() == 2.5 and e.bars[0].get_linewidth() == 0.0


@pytest.mark.parametrize("z", [-10.0, 10.0])
@pytest.mark.parametrize("T", [0.1, 10.0])
@pytest.mark.parametrize("true_class", [0, 1, 2])
def test_every_extreme_without_warnings(z, T, true_class):
    e = widgets.softmax_explorer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        e.controls["z0"].value = z
        e.controls["z1"].value = -z
        e.controls["z2"].value = z
        e.controls["T"].value = T
        e.controls["true_class"].value = true_class
        e.render()
    heights = np.array([b.get_height() for b in e.bars])
    assert np.all(np.isfinite(heights)) and np.isclose(heights.sum(), 1.0)
    assert "nan" not in e.readout.value and "inf" not in e.readout.value
