"""Chapter 5's figures and widget: network diagrams, bump plots, the bump approximator."""

import io
import itertools
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba

from nnlib import plot, universality, widgets
from nnlib.network import MLP
from nnlib.widgets import BumpApproximator

TARGETS = [name for _, name in BumpApproximator.OPTIONS]


# --- network diagrams ---------------------------------------------------------------------


@pytest.mark.parametrize("orientation", ["left-to-right", "bottom-to-top"])
def test_diagram_colours_edges_by_sign_and_widths_by_size(orientation):
    net = MLP((3, 4, 2), activation="logistic", output="identity", random_state=3)
    fig, ax = plot.new_figure()
    parts = plot.network_diagram(net, ax=ax, orientation=orientation, max_width=6.0)
    assert [len(units) for units in parts["units"]] == [3, 4, 2]
    assert [len(edges) for edges in parts["edges"]] == [12, 8]  # no links inside a layer
    biggest = max(np.abs(layer.W).max() for layer in net.dense)
    for layer, edges in zip(net.dense, parts["edges"], strict=True):
        n_out = layer.W.shape[1]
        for k, edge in enumerate(edges):
            w = layer.W[k // n_out, k % n_out]
            colour = plot.EXCITATORY if w > 0 else plot.INHIBITORY
            assert edge.get_edgecolor()[:3] == pytest.approx(to_rgba(colour)[:3])
            assert edge.get_linewidth() == pytest.approx(0.4 + 5.6 * abs(w) / biggest)
    widths = [e.get_linewidth() for edges in parts["edges"] for e in edges]
    assert max(widths) == pytest.approx(6.0)
    plt.close(fig)


def test_diagram_orientation_puts_inputs_left_or_at_the_bottom():
    sizes = (3, 4, 2)
    fig, axes = plot.new_figure(ncols=2)
    lr = plot.network_diagram(sizes, ax=axes[0])["positions"]
    bt = plot.network_diagram(sizes, ax=axes[1], orientation="bottom-to-top")["positions"]
    assert lr[0][:, 0].max() < lr[1][:, 0].min() < lr[2][:, 0].min()  # left to right
    assert bt[0][:, 1].max() < bt[1][:, 1].min() < bt[2][:, 1].min()  # bottom to top
    plt.close(fig)


def test_diagram_from_sizes_weights_or_sklearn_and_its_labels():
    fig, ax = plot.new_figure()
    parts = plot.network_diagram((2, 2, 1), ax=ax)
    colours = {tuple(e.get_edgecolor()[:3]) for edges in parts["edges"] for e in edges}
    assert colours == {to_rgba(plot.NEUTRAL_EDGE)[:3]}
    texts = [t.get_text() for t in parts["labels"]]
    assert texts == ["$x_1$", "$x_2$", "$a^{[1]}_1$", "$a^{[1]}_2$", r"$\hat{y}$"]
    assert [t.get_text() for t in parts["layer_names"]] == [
        "input layer", "hidden layer\n(layer 1)", "output layer\n(layer 2)"]
    W1, W2 = np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([[1.0], [0.0]])
    parts = plot.network_diagram([W1, W2], ax=ax, unit_labels=[["a", "b"], ["OR", "NAND"],
                                                               ["AND"]])
    assert parts["edges"][1][1].get_edgecolor()[:3] == to_rgba(plot.NEUTRAL_EDGE)[:3]  # w = 0
    assert "NAND" in [t.get_text() for t in parts["labels"]]

    class Fitted:  # what a fitted scikit-learn MLP offers
        coefs_ = [W1, W2]

    sizes, coefs = plot.network_weights(Fitted())
    assert sizes == (2, 2, 1) and coefs[0] is not None
    plt.close(fig)


def test_diagram_bad_input():
    with pytest.raises(ValueError, match="orientation must be one of"):
        plot.network_diagram((2, 1), orientation="right-to-left")
    with pytest.raises(ValueError, match=r"coefs\[1\] must have 4 rows"):
        plot.network_diagram([np.ones((3, 4)), np.ones((3, 1))])
    with pytest.raises(ValueError, match="unit_labels must hold one list"):
        plot.network_diagram((2, 1), unit_labels=[["a", "b"]])
    with pytest.raises(TypeError, match="net must be an MLP"):
        plot.network_diagram("3-4-2")
    plt.close("all")


# --- bump plots ---------------------------------------------------------------------------


def test_bump_plot_draws_nnlib_values():
    fig, ax = plot.new_figure()
    parts = plot.bump_plot("kink", 7, 250.0, ax=ax)
    x = np.asarray(parts["target"].get_xdata())
    np.testing.assert_array_equal(parts["target"].get_ydata(), np.abs(x - 0.5))
    np.testing.assert_array_equal(parts["approximation"].get_ydata(),
                                  universality.bump_approximation("kink", x, 7, 250.0))
    assert len(parts["bumps"].get_segments()) == 7
    errors = plot.set_bump_plot(parts, "sine", 12, 90.0)
    assert errors == universality.approximation_error("sine", 12, 90.0)
    assert len(parts["bumps"].get_segments()) == 12
    plt.close(fig)


def test_bump_grid_errors_are_nnlib_errors():
    fig, axes, errors = plot.bump_grid("bell", n_bumps=(3, 9), steepnesses=(20.0, 200.0))
    assert axes.shape == (2, 2) and errors.shape == (2, 2, 2)
    for (i, m), (j, s) in itertools.product(enumerate((3, 9)), enumerate((20.0, 200.0))):
        assert tuple(errors[i, j]) == universality.approximation_error("bell", m, s)
        title = axes[i, j].get_title()
        assert f"{errors[i, j, 0]:.3f}" in title
        # the book's symbols: M bumps (n is the number of samples), steepness s
        assert f"$M$ = {m}, $s$ = {s:g}" in title
    plt.close(fig)
    with pytest.raises(ValueError, match=r"n_bumps\[i\] must be an integer >= 1; got 0"):
        plot.bump_grid(n_bumps=(0,))
    with pytest.raises(ValueError, match="n_bumps and steepnesses must each hold"):
        plot.bump_grid(n_bumps=())


def test_bump_grid_still_takes_its_old_argument_name_with_a_warning():
    with pytest.warns(FutureWarning, match="ns is now called n_bumps"):
        fig, _, errors = plot.bump_grid("kink", ns=(4,), steepnesses=(50.0,))
    plt.close(fig)
    assert tuple(errors[0, 0]) == universality.approximation_error("kink", 4, 50.0)
    with pytest.raises(TypeError, match="both n_bumps and its old name ns"):
        plot.bump_grid("kink", n_bumps=(4,), ns=(4,))


# --- the widget ---------------------------------------------------------------------------


@pytest.fixture
def explorer():
    return widgets.bump_approximator()


def test_builds_with_no_arguments_and_shows_nnlib_numbers(explorer):
    assert explorer.values == {"target": "wiggle", "n_bumps": 10, "steepness": 300.0}
    x = np.asarray(explorer.parts["approximation"].get_xdata())
    np.testing.assert_array_equal(explorer.parts["approximation"].get_ydata(),
                                  universality.bump_approximation("wiggle", x, 10, 300.0))
    max_error, mean_error = universality.approximation_error("wiggle", 10, 300.0)
    assert f"largest {max_error:.3f}" in explorer.readout.value
    assert f"mean {mean_error:.3f}" in explorer.readout.value
    assert "M = 10 bumps = 20 hidden sigmoid units" in explorer.readout.value
    assert explorer.controls["n_bumps"].description == "bumps M"


def test_steepness_slider_reaches_every_position_and_returns_to_its_start(explorer):
    slider = explorer.controls["steepness"]
    positions = BumpApproximator.STEEPNESSES
    # the default, and every steepness the chapter's prose asks the reader to set,
    # is a position of the slider, exactly
    for s in [300.0, 1.0, 10.0, 30.0, 100.0, 1000.0, 3000.0, 10_000.0]:
        assert s in positions
    assert slider.value == 300.0 and positions[slider.index] == 300.0
    assert positions[0] == 1.0 and positions[-1] == 10_000.0
    assert list(positions) == sorted(set(positions))
    start_title = explorer.ax.get_title()
    titles = set()
    for i, s in enumerate(positions):
        slider.index = i
        assert slider.value == s
        assert explorer.values["steepness"] == s
        assert f"s = {s:,.0f}" in explorer.readout.value or f"s = {s:g}" in explorer.readout.value
        assert explorer.errors == universality.approximation_error("wiggle", 10, s)
        titles.add(explorer.ax.get_title())
    assert len(titles) == len(positions)  # every position draws something new
    slider.value = 300.0  # back to the start: the same picture as at the start
    assert explorer.ax.get_title() == start_title


def test_each_control_changes_the_picture_and_the_readout(explorer):
    before = np.array(explorer.parts["approximation"].get_ydata())
    readouts = [explorer.readout.value]
    for name, value in [("n_bumps", 25), ("steepness", 50.0), ("target", "sine")]:
        explorer.controls[name].value = value
        after = np.array(explorer.parts["approximation"].get_ydata())
        assert not np.array_equal(before, after), name
        assert explorer.readout.value not in readouts, name
        readouts.append(explorer.readout.value)
        before = after
    v = explorer.values
    x = np.asarray(explorer.parts["approximation"].get_xdata())
    np.testing.assert_allclose(
        explorer.parts["approximation"].get_ydata(),
        universality.bump_approximation("sine", x, v["n_bumps"], v["steepness"]), rtol=1e-12)
    assert len(explorer.parts["bumps"].get_segments()) == 25


def test_every_extreme_raises_no_warning_and_nothing_leaves_the_figure(explorer):
    canvas = FigureCanvasAgg(explorer.fig)
    width, height = canvas.get_width_height()
    counts = [1, 2, 60]
    steep = [1.0, 10.0, 10_000.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, m, s in itertools.product(TARGETS, counts, steep):
            explorer.controls["target"].value = name
            explorer.controls["n_bumps"].value = m
            explorer.controls["steepness"].value = s
            canvas.draw()
            y = np.asarray(explorer.parts["approximation"].get_ydata())
            low, high = explorer.ax.get_ylim()
            assert np.all(np.isfinite(y)) and low <= y.min() and y.max() <= high
            renderer = canvas.get_renderer()
            ax = explorer.ax
            texts = [ax.title, ax.xaxis.label, ax.yaxis.label,
                     *explorer.fig.legends[0].get_texts()]
            texts += [t for loc, t in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
                      if low <= loc <= high and t.get_text()]
            texts += [t for loc, t in zip(ax.get_xticks(), ax.get_xticklabels(), strict=True)
                      if 0.0 <= loc <= 1.0 and t.get_text()]
            for text in texts:
                box = text.get_window_extent(renderer)
                assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width \
                    and box.y1 <= height, (name, m, s, text.get_text())
        explorer.fig.savefig(io.BytesIO(), format="png")


def test_render_gives_a_png(explorer):
    image = explorer.render()
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match="target must be one of"):
        widgets.bump_approximator("cosine")
    with pytest.raises(ValueError, match="n_bumps must be an integer <= 60; got 61"):
        widgets.bump_approximator(n_bumps=61)
    with pytest.raises(ValueError, match="steepness must be one of the slider's positions "
                                         "1, 2, 3, 5, 10, .*, 10000; got 316"):
        widgets.bump_approximator(steepness=316.0)
    with pytest.raises(ValueError, match="steepness must be a positive number"):
        widgets.bump_approximator(steepness=-1.0)
    assert widgets.bump_approximator(steepness=1000).values["steepness"] == 1000.0
