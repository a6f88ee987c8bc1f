"""Chapter 4's neuron classifier: driven headless, checked against nnlib.linear."""

import io
import itertools
import re
import warnings

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image as PILImage

from nnlib import data, linear, neuron, plot, widgets
from nnlib.widgets import NeuronClassifierExplorer


@pytest.fixture
def explorer():
    return widgets.neuron_classifier()


def set_controls(explorer, **values):
    for name, value in values.items():
        explorer.controls[name].value = value


def shown_number(text, label):
    """The number the readout prints after ``label``."""
    match = re.search(re.escape(label) + r"[^0-9−-]*([−-]?[0-9.]+)", text)
    assert match, f"{label!r} not in {text!r}"
    return float(match.group(1).replace("−", "-"))


def test_builds_with_no_arguments_on_the_iris_data(explorer):
    assert isinstance(explorer, NeuronClassifierExplorer)
    X, y = data.iris_two_species()
    np.testing.assert_array_equal(explorer.X, X)
    np.testing.assert_array_equal(explorer.y, y)
    assert explorer.values["w1"] == -1.0 and explorer.values["loss"] == "cross_entropy"


@pytest.mark.parametrize(("w1", "w2", "b", "alpha"),
                         [(-1.0, 2.0, 1.0, 0.0), (2.5, 1.5, -0.3, 0.2), (0.0, 0.0, 6.0, 1.0)])
def test_numbers_shown_are_nnlib_numbers(explorer, w1, w2, b, alpha):
    set_controls(explorer, w1=w1, w2=w2, b=b, alpha=alpha)
    X, y = explorer.X, explorer.y
    w = np.array([w1, w2])
    ce = linear.cost_and_gradients(X, y, w, b, "cross_entropy", alpha)[0]
    hinge = linear.cost_and_gradients(X, y, w, b, "hinge", alpha)[0]
    text = explorer.readout.value
    assert shown_number(text, "cross-entropy cost") == pytest.approx(ce, abs=5e-5)
    assert shown_number(text, "hinge cost") == pytest.approx(hinge, abs=5e-5)
    assert explorer.bars[0].get_height() == pytest.approx(min(ce, explorer.COST_LIMIT))
    assert explorer.bars[1].get_height() == pytest.approx(min(hinge, explorer.COST_LIMIT))
    accuracy = np.mean(linear.predict(X, w, b) == y)
    assert shown_number(text, "accuracy") == pytest.approx(100 * accuracy, abs=0.5)
    if np.any(w):
        assert shown_number(text, "margin 2/‖w‖ =") == pytest.approx(
            linear.margin_width(w), abs=5e-4)
    else:
        assert "no line" in text


def test_shading_and_lines_follow_the_sliders(explorer):
    set_controls(explorer, w1=1.5, w2=-0.5, b=0.25)
    points, shape = explorer.plane["grid"]
    np.testing.assert_allclose(explorer.plane["shade"].get_array(),
                               linear.predict_proba(points, [1.5, -0.5], 0.25).reshape(shape))
    for line, level in [(explorer.plane["line"], 0.0),
                        *zip(explorer.plane["margins"], (-1.0, 1.0), strict=True)]:
        x1, x2 = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        np.testing.assert_allclose(1.5 * x1 - 0.5 * x2 + 0.25, level, atol=1e-12)
        expected = neuron.decision_boundary([1.5, -0.5], level - 0.25,
                                            explorer.plane["xlim"], explorer.plane["ylim"])
        np.testing.assert_allclose(np.column_stack([x1, x2]), expected)


@pytest.mark.parametrize("loss", ["cross_entropy", "hinge"])
@pytest.mark.parametrize("alpha", [0.0, 0.3])
def test_step_button_takes_nnlib_step_and_lowers_the_cost(explorer, loss, alpha):
    set_controls(explorer, loss=loss, alpha=alpha, learning_rate=0.5)
    w, b = explorer.w, explorer.b
    before = linear.cost_and_gradients(explorer.X, explorer.y, w, b, loss, alpha)[0]
    expected_w, expected_b = linear.gradient_step(explorer.X, explorer.y, w, b, loss=loss,
                                                  alpha=alpha, learning_rate=0.5)
    explorer.step_button.click()
    np.testing.assert_allclose(explorer.w, expected_w, rtol=1e-12)
    assert explorer.b == pytest.approx(expected_b, rel=1e-12)
    after = linear.cost_and_gradients(explorer.X, explorer.y, explorer.w, explorer.b, loss,
                                      alpha)[0]
    assert after < before
    assert "Last gradient step" in explorer.readout.value


def test_many_steps_reach_good_accuracy(explorer):
    for _ in range(30):
        explorer.step_button.click()
    accuracy = np.mean(linear.predict(explorer.X, explorer.w, explorer.b) == explorer.y)
    assert accuracy >= 0.9


def test_moving_a_slider_forgets_the_last_step(explorer):
    explorer.step_button.click()
    assert "Last gradient step" in explorer.readout.value
    explorer.controls["b"].value = 0.0
    assert "Last gradient step" not in explorer.readout.value


def test_step_redraws_once(explorer, monkeypatch):
    calls = []
    original = plot.set_classifier_plane
    monkeypatch.setattr(plot, "set_classifier_plane",
                        lambda *args: (calls.append(1), original(*args))[1])
    explorer.gradient_step()
    assert len(calls) == 1  # three sliders moved, one redraw


def test_every_extreme_without_warnings(explorer):
    canvas = FigureCanvasAgg(explorer.fig)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for w1, w2, b, alpha in itertools.product([-6.0, 0.0, 6.0], [-6.0, 0.0, 6.0],
                                                  [-6.0, 0.0, 6.0], [0.0, 1.0]):
            set_controls(explorer, w1=w1, w2=w2, b=b, alpha=alpha)
            canvas.draw()
            assert np.all(np.isfinite(explorer.plane["shade"].get_array()))
        for loss, eta in itertools.product(["cross_entropy", "hinge"], [0.05, 2.0]):
            set_controls(explorer, loss=loss, learning_rate=eta, w1=6.0, w2=-6.0, b=6.0)
            explorer.step_button.click()  # a step that would leave the sliders is clipped
            for key in ("w1", "w2", "b"):
                c = explorer.controls[key]
                assert c.min <= c.value <= c.max
        explorer.fig.savefig(io.BytesIO(), format="png")


def test_bad_starting_values():
    with pytest.raises(ValueError, match="alpha must lie in"):
        widgets.neuron_classifier(alpha=2.0)
    with pytest.raises(ValueError, match="w1 must lie in"):
        widgets.neuron_classifier(w1=10.0)


def _pixels(image):
    return np.asarray(PILImage.open(io.BytesIO(image.data)).convert("RGB"), dtype=float)


def test_cached_render_matches_a_full_draw_and_follows_the_sliders(explorer):
    set_controls(explorer, w1=2.0, w2=-1.0, b=0.5)
    fast = _pixels(explorer.render())
    explorer.fig.canvas.draw()  # everything drawn anew
    full = np.asarray(explorer.fig.canvas.buffer_rgba(), dtype=float)[..., :3]
    assert fast.shape == full.shape
    assert np.mean(np.abs(fast - full)) < 1.0  # only the grid lies under the shading
    set_controls(explorer, w1=-2.0)
    moved = _pixels(explorer.render())
    assert np.mean(np.abs(moved - fast)) > 5.0


def test_readout_prints_minus_signs_as_the_sliders_do(explorer):
    set_controls(explorer, w1=-2.5, b=-1.0)
    assert "w = (−2.50" in explorer.readout.value and "b = −1.00" in explorer.readout.value
    explorer.step_button.click()
    assert "-" not in explorer.readout.value.replace("cross-entropy", "")
