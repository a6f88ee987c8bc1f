"""Chapter 3's activation explorer: driven headless, checked against nnlib's maths."""

import io
import itertools
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlib import activations, plot, widgets
from nnlib.widgets import ActivationExplorer

NAMES = [name for _, name in ActivationExplorer.OPTIONS]


@pytest.fixture
def explorer():
    return widgets.activation_explorer()


def set_controls(explorer, **values):
    for name, value in values.items():
        explorer.controls[name].value = value


def test_builds_with_no_arguments(explorer):
    assert isinstance(explorer, ActivationExplorer)
    assert explorer.values == {"activation": "logistic", "w": 1.0, "b": 0.0}
    x = explorer.curve.get_xdata()
    np.testing.assert_array_equal(explorer.curve.get_ydata(), activations.logistic(x))
    assert "sigmoid" in explorer.readout.value


def test_offers_every_elementwise_activation_but_not_softmax():
    assert set(NAMES) == set(activations.ACTIVATIONS) - {"softmax"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("w", "b"), [(2.5, -1.5), (-0.7, 3.2), (10.0, 10.0)])
def test_curves_are_nnlib_values(explorer, name, w, b):
    set_controls(explorer, activation=name, w=w, b=b)
    w, b = explorer.controls["w"].value, explorer.controls["b"].value  # as the slider holds them
    x = np.asarray(explorer.curve.get_xdata())
    z = w * x + b
    f, df = activations.get_activation(name)
    np.testing.assert_allclose(explorer.curve.get_ydata(), f(z), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(explorer.slope.get_ydata(), df(z), rtol=1e-12, atol=1e-12)


def test_changing_each_control_changes_the_curve(explorer):
    before = np.array(explorer.curve.get_ydata())
    explorer.controls["w"].value = 4.0
    after_w = np.array(explorer.curve.get_ydata())
    assert not np.array_equal(before, after_w)
    explorer.controls["b"].value = -2.0
    after_b = np.array(explorer.curve.get_ydata())
    assert not np.array_equal(after_w, after_b)
    explorer.controls["activation"].value = "tanh"
    after_f = np.array(explorer.curve.get_ydata())
    assert not np.array_equal(after_b, after_f)
    assert after_f.min() < 0  # tanh goes negative, the sigmoid never does


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("b", [-10.0, -1.3, 0.0, 4.0, 10.0])
def test_zero_weight_gives_a_flat_line(explorer, name, b):
    set_controls(explorer, activation=name, w=0.0, b=b)
    y = np.asarray(explorer.curve.get_ydata())
    f, df = activations.get_activation(name)
    np.testing.assert_array_equal(y, np.full_like(y, f(b)))
    np.testing.assert_array_equal(explorer.slope.get_ydata(), np.full_like(y, df(b)))
    assert not any(line.get_visible() for line in explorer.crossings)
    assert "w = 0" in explorer.readout.value


def test_crossing_marks_minus_b_over_w(explorer):
    set_controls(explorer, activation="logistic", w=2.0, b=-3.0)
    for line in explorer.crossings:
        assert line.get_visible()
        np.testing.assert_allclose(line.get_xdata(), [1.5, 1.5])
    assert "1.50" in explorer.readout.value
    set_controls(explorer, w=0.5, b=10.0)  # -b/w = -20 is off the plot
    assert not any(line.get_visible() for line in explorer.crossings)
    assert "off the plot" in explorer.readout.value


def test_step_slope_is_zero_and_output_jumps(explorer):
    set_controls(explorer, activation="step", w=-3.0, b=2.0)
    x = np.asarray(explorer.curve.get_xdata())
    y = np.asarray(explorer.curve.get_ydata())
    np.testing.assert_array_equal(explorer.slope.get_ydata(), np.zeros_like(x))
    np.testing.assert_array_equal(y, np.where(-3.0 * x + 2.0 >= 0, 1.0, 0.0))


def test_bounded_activations_keep_fixed_limits_unbounded_follow_the_data(explorer):
    set_controls(explorer, activation="logistic", w=10.0, b=10.0)
    assert explorer.axes[0].get_ylim() == ActivationExplorer.OUTPUT_LIMITS["logistic"]
    set_controls(explorer, activation="identity", w=10.0, b=10.0)
    low, high = explorer.axes[0].get_ylim()
    y = np.asarray(explorer.curve.get_ydata())
    assert low < y.min() and y.max() < high
    assert y.max() == pytest.approx(60.0)


def test_every_option_and_extreme_raises_no_exception_and_no_warning(explorer):
    extremes = [-10.0, -0.1, 0.0, 0.1, 10.0]
    canvas = FigureCanvasAgg(explorer.fig)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, w, b in itertools.product(NAMES, extremes, extremes):
            set_controls(explorer, activation=name, w=w, b=b)
            canvas.draw()
            assert np.all(np.isfinite(explorer.curve.get_ydata()))
            assert np.all(np.isfinite(explorer.slope.get_ydata()))
            assert np.all(np.isfinite(explorer.axes[0].get_ylim()))
        explorer.fig.savefig(io.BytesIO(), format="png")


@pytest.mark.parametrize("name", NAMES)
def test_no_label_is_clipped_at_any_extreme(explorer, name):
    canvas = FigureCanvasAgg(explorer.fig)
    width, height = canvas.get_width_height()
    for w, b in [(10.0, 10.0), (-10.0, -10.0), (0.0, -10.0), (0.1, 10.0), (1.0, 0.0)]:
        set_controls(explorer, activation=name, w=w, b=b)
        canvas.draw()
        renderer = canvas.get_renderer()
        texts = [*explorer.fig.legends[0].get_texts()]
        for ax in explorer.axes:
            texts += [ax.title, ax.xaxis.label, ax.yaxis.label]
            for locs, labels, (low, high) in [
                    (ax.get_xticks(), ax.get_xticklabels(), ax.get_xlim()),
                    (ax.get_yticks(), ax.get_yticklabels(), ax.get_ylim())]:
                texts += [t for loc, t in zip(locs, labels, strict=True)
                          if low <= loc <= high and t.get_text()]  # the ones drawn
        for text in texts:
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.y0 >= 0, (name, w, b, text.get_text(), box)
            assert box.x1 <= width and box.y1 <= height, (name, w, b, text.get_text(), box)


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match="activation must be one of"):
        widgets.activation_explorer("rleu")
    with pytest.raises(ValueError, match="activation must be one of"):
        widgets.activation_explorer("softmax")
    with pytest.raises(ValueError, match="w must be between -10.0 and 10.0; got 11"):
        widgets.activation_explorer(w=11)
    with pytest.raises(TypeError, match="b must be a single real number; got str"):
        widgets.activation_explorer(b="1")


def test_alias_sigmoid_is_accepted():
    assert widgets.activation_explorer("sigmoid").values["activation"] == "logistic"


def test_redraw_time(explorer, capsys):
    """Benchmark, not a timed assertion: report the cost of one slider move.

    Two numbers: update() + an Agg draw, and update() + the PNG that Jupyter's inline
    backend makes for the display handle (bbox_inches='tight', which draws once more).
    """
    from IPython.core.pylabtools import print_figure

    canvas = FigureCanvasAgg(explorer.fig)
    canvas.draw()
    draw, png = [], []
    for i in range(30):
        start = time.perf_counter()
        explorer.controls["w"].value = -5.0 + 0.3 * i  # triggers update()
        canvas.draw()
        draw.append(time.perf_counter() - start)
        start = time.perf_counter()
        explorer.controls["b"].value = 5.0 - 0.3 * i
        data = print_figure(explorer.fig, "png", bbox_inches="tight")
        png.append(time.perf_counter() - start)
    with capsys.disabled():
        print(f"\nactivation_explorer: update + draw median {1000 * np.median(draw):.1f} ms "
              f"(fastest {1000 * np.min(draw):.1f}); update + Jupyter PNG median "
              f"{1000 * np.median(png):.1f} ms (target 30 ms, max 100 ms)")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, b = explorer.controls["w"].value, explorer.controls["b"].value  # the last position drawn
    x = np.asarray(explorer.curve.get_xdata())
    np.testing.assert_allclose(explorer.curve.get_ydata(), activations.logistic(w * x + b),
                               rtol=1e-12, atol=1e-12)


# --- the chapter's static figures (nnlib.plot) -------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_activation_curve_draws_nnlib_values(name):
    z = np.linspace(-4.0, 4.0, 81)
    fig, ax = plot.new_figure()
    curve, slope = plot.activation_curve(name, z=z, ax=ax)
    f, df = activations.get_activation(name)
    np.testing.assert_array_equal(curve.get_xdata(), z)
    np.testing.assert_array_equal(curve.get_ydata(), f(z))
    np.testing.assert_array_equal(slope.get_ydata(), df(z))
    assert curve.get_color() == plot.CURVE and slope.get_color() == plot.DERIVATIVE
    assert ax.get_xlabel() == "$z$"
    plt.close(fig)


def test_activation_curve_without_derivative_and_with_alias():
    fig, ax = plot.new_figure()
    lines = plot.activation_curve("sigmoid", ax=ax, derivative=False, label="σ")
    assert len(lines) == 1 and lines[0].get_label() == "σ"
    np.testing.assert_array_equal(lines[0].get_ydata(), activations.logistic(lines[0].get_xdata()))
    plt.close(fig)


def test_activation_curve_bad_input():
    with pytest.raises(ValueError, match="activation must be one of"):
        plot.activation_curve("rleu")
    with pytest.raises(ValueError, match="got 'softmax'"):
        plot.activation_curve("softmax")
    with pytest.raises(ValueError, match="z must hold at least one number"):
        plot.activation_curve("relu", z=[])
    with pytest.raises(ValueError, match="z must"):
        plot.activation_curve("relu", z=[[0.0, 1.0]])
    with pytest.raises(ValueError, match="z"):
        plot.activation_curve("relu", z=[0.0, np.nan])


def test_activation_grid_one_panel_per_activation_and_one_legend():
    fig, axes = plot.activation_grid()
    assert axes.shape == (2, 3)
    titles = [ax.get_title() for ax in axes.flat]
    assert titles == [plot.ACTIVATION_LABELS[name] for name in plot.CH3_ACTIVATIONS]
    for ax, name in zip(axes.flat, plot.CH3_ACTIVATIONS, strict=True):
        f, df = activations.get_activation(name)
        curve, slope = ax.get_lines()[:2]
        np.testing.assert_array_equal(curve.get_ydata(), f(curve.get_xdata()))
        np.testing.assert_array_equal(slope.get_ydata(), df(slope.get_xdata()))
    assert len(fig.legends) == 1
    plt.close(fig)
    fig, axes = plot.activation_grid(["relu", "tanh"], ncols=3)
    assert axes.shape == (1, 3) and not axes[0, 2].get_visible()
    plt.close(fig)
    with pytest.raises(ValueError, match="ncols must be a positive integer"):
        plot.activation_grid(ncols=0)
    with pytest.raises(ValueError, match="names must list at least one activation"):
        plot.activation_grid([])


def test_neuron_response_grid_matches_the_explorer_maths():
    ws, bs = (1.0, 0.0, 10.0), (-3.0, 2.0)
    fig, axes = plot.neuron_response_grid(ws=ws, bs=bs, activation="tanh")
    assert axes.shape == (3, 2)
    for i, w in enumerate(ws):
        for j, b in enumerate(bs):
            ax = axes[i, j]
            curve, slope = ax.get_lines()[:2]
            x = np.asarray(curve.get_xdata())
            np.testing.assert_allclose(curve.get_ydata(), activations.tanh(w * x + b),
                                       rtol=1e-12, atol=1e-12)
            np.testing.assert_allclose(slope.get_ydata(), activations.tanh_derivative(w * x + b),
                                       rtol=1e-12, atol=1e-12)
            crossing = ax.get_lines()[2:]
            if w == 0:
                assert crossing == []  # no z = 0 anywhere: nothing to mark
            else:
                np.testing.assert_allclose(crossing[0].get_xdata(), [-b / w, -b / w])
    plt.close(fig)
    with pytest.raises(ValueError, match="ws must hold at least one number"):
        plot.neuron_response_grid(ws=[])


def test_plots_leave_a_margin_at_the_right_edge(explorer):
    # No tick label sits at x = 5, so without a margin the right panel's curve would run
    # into the edge of the image.
    for ax in explorer.axes:
        assert ax.get_position().x1 <= 1.0 - ActivationExplorer.RIGHT_MARGIN + 1e-9
    assert ActivationExplorer.RIGHT_MARGIN >= 0.02
