"""Chapter 3's activation explorer: driven headless, checked against nnlib's maths."""

import io
import itertools
import re
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


def test_offers_every_activation_but_the_output_only_ones():
    assert set(NAMES) == set(activations.ACTIVATIONS) - set(activations.OUTPUT_ONLY)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("w", "b"), [(2.5, -1.5), (-0.7, 3.2), (10.0, 10.0)])
def test_curves_are_nnlib_values(explorer, name, w, b):
    set_controls(explorer, activation=name, w=w, b=b)
    w, b = explorer.controls["w"].value, explorer.controls["b"].value  # as the slider holds them
    x = np.asarray(explorer.curve.get_xdata())
    z = w * x + b
    f, df = activations.get_activation(name)
    np.testing.assert_allclose(explorer.curve.get_ydata(), f(z), rtol=1e-12, atol=1e-12)
    # the right panel is the slope of the left curve, da/dx = w g'(z) (chain rule)
    np.testing.assert_allclose(explorer.slope.get_ydata(), w * df(z), rtol=1e-12, atol=1e-12)
    low, high = explorer.axes[1].get_ylim()
    assert low <= np.min(w * df(z)) and np.max(w * df(z)) <= high  # the slope is in view


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
    np.testing.assert_array_equal(explorer.slope.get_ydata(), np.zeros_like(y))  # w g'(b) = 0
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


def test_the_slope_panel_is_the_measured_slope_of_the_output_curve(explorer):
    # An independent check of the chain rule the panel relies on: differentiate the
    # drawn output curve numerically and compare with the drawn slope.
    for name, w, b in [("logistic", 3.0, -1.0), ("tanh", -2.0, 0.5), ("identity", 0.7, 2.0)]:
        set_controls(explorer, activation=name, w=w, b=b)
        x = np.asarray(explorer.curve.get_xdata())
        a = np.asarray(explorer.curve.get_ydata())
        measured = np.gradient(a, x)
        np.testing.assert_allclose(explorer.slope.get_ydata()[1:-1], measured[1:-1],
                                   atol=2e-3 * abs(w) + 1e-12)
    assert "w·g'(z) = 0.70 × 1.000 = 0.700" in explorer.readout.value


def test_readout_multiplies_the_weight_by_the_activation_slope(explorer):
    set_controls(explorer, activation="logistic", w=4.0, b=0.0)
    assert "4.00 × 0.250 = 1.000" in explorer.readout.value
    set_controls(explorer, activation="step", w=-3.0, b=2.0)
    assert "= 0.000." in explorer.readout.value  # never "-0.000"


def test_readout_prints_minus_signs_as_the_book_does(explorer):
    # The sliders show "−2.0" (U+2212); the readout must not show "-2.00" beside them.
    set_controls(explorer, activation="tanh", w=-2.0, b=-3.0)
    text = explorer.readout.value
    assert "w = \u22122.00, b = \u22123.00" in text
    assert "x = \u2212b/w = \u22121.50" in text
    assert "a = g(0) = 0.000" in text  # tanh(0), the value a at z = 0
    assert re.search(r"-\.?\d", text) is None, text  # no hyphen-minus before any number
    set_controls(explorer, w=0.0)
    assert "flat at a = \u22120.995" in explorer.readout.value


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
            np.testing.assert_allclose(slope.get_ydata(),
                                       w * activations.tanh_derivative(w * x + b),
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


def test_neuron_response_grid_slope_is_the_slope_of_the_drawn_curve():
    fig, axes = plot.neuron_response_grid()  # the chapter's sigmoid grid
    for ax in axes.flat:
        curve, slope = ax.get_lines()[:2]
        x, a = np.asarray(curve.get_xdata()), np.asarray(curve.get_ydata())
        np.testing.assert_allclose(slope.get_ydata()[1:-1], np.gradient(a, x)[1:-1], atol=0.05)
    # a steeper weight gives a taller slope: rows share a scale, columns do not across rows
    assert axes[2, 0].get_ylim()[1] > axes[0, 0].get_ylim()[1]
    plt.close(fig)


# --- the secant-to-tangent picture -------------------------------------------------------


def test_secant_slopes_are_central_differences_and_approach_the_derivative():
    fig, ax = plot.new_figure()
    hs = (2.0, 1.0, 0.5, 0.1)
    drawn = plot.secant_to_tangent("logistic", z0=1.0, hs=hs, ax=ax)
    g, dg = activations.logistic, activations.logistic_derivative
    for h, line, slope in zip(hs, drawn["secants"], drawn["slopes"][:-1], strict=True):
        expected = (g(1.0 + h) - g(1.0 - h)) / (2 * h)
        assert slope == pytest.approx(expected, rel=1e-12)
        zz, yy = (np.asarray(v) for v in line.get_data())
        drawn_slope = (yy[1] - yy[0]) / (zz[1] - zz[0])
        assert drawn_slope == pytest.approx(expected, rel=1e-9)
        # the line passes through both points of the curve
        for zp in (1.0 - h, 1.0 + h):
            assert np.interp(zp, zz, yy) == pytest.approx(g(zp), abs=1e-12)
    gaps = [abs(s - dg(1.0)) for s in drawn["slopes"][:-1]]
    assert all(a > b for a, b in zip(gaps, gaps[1:], strict=False))  # closer as h shrinks
    assert drawn["slopes"][-1] == dg(1.0)
    zz, yy = (np.asarray(v) for v in drawn["tangent"].get_data())
    assert (yy[1] - yy[0]) / (zz[1] - zz[0]) == pytest.approx(dg(1.0), rel=1e-9)
    assert drawn["tangent"].get_color() == plot.DERIVATIVE
    plt.close(fig)


def test_secant_to_tangent_bad_input():
    with pytest.raises(ValueError, match="hs must all be > 0"):
        plot.secant_to_tangent(hs=(1.0, 0.0))
    with pytest.raises(ValueError, match="got 'softmax'"):
        plot.secant_to_tangent("softmax")
    with pytest.raises(ValueError, match="activation must be one of"):
        plot.secant_to_tangent("rleu")
    plt.close("all")


# --- the two neurons, bias as a weight on a constant input 1 -----------------------------


def test_step_and_sigmoid_neurons_draw_the_bias_as_a_weight_on_input_one():
    fig, axes, parts = plot.step_and_sigmoid_neurons(w=(5.0, 3.0), b=-4.0)
    assert len(axes) == 2
    for drawn, g in zip(parts, (activations.step, activations.logistic), strict=True):
        texts = [t.get_text() for t in drawn["labels"]]
        assert {"$x_1$", "$x_2$", "$1$", "$w_1 = 5$", "$w_2 = 3$", "$b = -4$"} <= set(texts)
        colours = [arrow.get_edgecolor() for arrow in drawn["weights"]]
        assert colours[0] == colours[1] != colours[2]  # the negative bias is inhibitory
        y = np.asarray(drawn["icon"].get_ydata())
        np.testing.assert_allclose(y, -0.3 + 0.6 * g(drawn["icon_z"]))
    assert axes[0].get_title() == "threshold neuron" and axes[1].get_title() == "sigmoid neuron"
    plt.close(fig)
    with pytest.raises(ValueError, match="w must hold 1 to 4 weights"):
        plot.step_and_sigmoid_neurons(w=[1.0] * 5)
    with pytest.raises(ValueError, match="b"):
        plot.step_and_sigmoid_neurons(b=np.nan)
