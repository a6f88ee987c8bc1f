"""Chapter 2: the threshold-neuron widget and the plotting functions behind it.

Every check compares what the reader sees (line data, point positions, table HTML,
shading) with what nnlib.neuron computes for the same slider settings.
"""

import itertools
import re
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from nnlib import data, neuron, plot, widgets  # noqa: E402

X4 = neuron.binary_inputs(2)


def set_sliders(explorer, w1, w2, theta):
    explorer.controls["w1"].value = w1
    explorer.controls["w2"].value = w2
    explorer.controls["theta"].value = theta


def table_y(explorer):
    """The y column of the HTML truth table, read back from the widget's HTML."""
    html = explorer.table.value
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1])
    return [int(re.findall(r"<td>(.*?)</td>", row)[-1]) for row in rows]


def table_sums(explorer):
    html = explorer.table.value
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1])
    return [float(re.findall(r"<td>(.*?)</td>", row)[2]) for row in rows]


def line_xy(explorer):
    line = explorer.plane["line"]
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


def points_by_output(explorer):
    """{0: set of (x1, x2), 1: set of (x1, x2)} as drawn in the input plane."""
    out = {}
    for k in (0, 1):
        artist = explorer.points[f"y{k}"]
        xs, ys = artist.get_xdata(), artist.get_ydata()
        out[k] = {(float(a), float(b)) for a, b in zip(xs, ys, strict=True)}
    return out


def expected_points(w, theta):
    y = neuron.fire(X4, w, theta)
    return {k: {(float(a), float(b)) for a, b in X4[y == k]} for k in (0, 1)}


@pytest.fixture
def explorer():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return widgets.threshold_neuron()


# --- the widget -------------------------------------------------------------------------

def test_builds_with_no_arguments_and_shows_the_book_example(explorer):
    assert explorer.values == {"w1": 5.0, "w2": 3.0, "theta": 4.0}
    # the title writes the inputs with subscripts, like w₁ and w₂
    assert explorer.fig._suptitle.get_text().endswith("the neuron computes: y = x₁")
    assert table_y(explorer) == [0, 0, 1, 1]
    assert table_sums(explorer) == [0.0, 3.0, 5.0, 8.0]
    assert explorer.table.value.count("<tr>") == 5  # header + four inputs
    assert "y = x1" in explorer.table.value
    assert points_by_output(explorer) == expected_points([5, 3], 4)


def test_default_line_is_the_book_line(explorer):
    x, y = line_xy(explorer)
    assert len(x) == 2
    # every drawn end point lies on 5 x1 + 3 x2 = 4
    np.testing.assert_allclose(5 * x + 3 * y, 4.0, atol=1e-12)
    expected = neuron.decision_boundary([5, 3], 4, (-0.5, 1.5), (-0.5, 1.5))
    np.testing.assert_allclose(np.column_stack([x, y]), np.array(expected))


@pytest.mark.parametrize(
    ("w1", "w2", "theta", "gate"),
    [(1, 1, 2, "AND"), (1, 1, 1, "OR"), (-1, -1, -1.5, "NAND"), (-1, -1, -0.5, "NOR")],
)
def test_sliders_make_logic_gates(explorer, w1, w2, theta, gate):
    set_sliders(explorer, w1, w2, theta)
    target = data.logic_gate(gate)[1].tolist()
    assert table_y(explorer) == target
    assert table_y(explorer) == neuron.truth_table([w1, w2], theta).y.tolist()
    assert f"<b>{gate}</b>" in explorer.table.value
    assert gate in explorer.fig._suptitle.get_text()
    assert points_by_output(explorer) == expected_points([w1, w2], theta)
    x, y = line_xy(explorer)
    np.testing.assert_allclose(w1 * x + w2 * y, theta, atol=1e-12)


def test_and_to_or_changes_only_the_threshold_and_the_table(explorer):
    set_sliders(explorer, 1, 1, 2)
    and_line = line_xy(explorer)
    and_y = table_y(explorer)
    explorer.controls["theta"].value = 1
    or_line = line_xy(explorer)
    assert and_y == [0, 0, 0, 1]
    assert table_y(explorer) == [0, 1, 1, 1]
    # the line moved parallel to itself: x1 + x2 went from 2 to 1
    np.testing.assert_allclose(and_line[0] + and_line[1], 2.0)
    np.testing.assert_allclose(or_line[0] + or_line[1], 1.0)


def test_w2_zero_gives_a_vertical_line(explorer):
    set_sliders(explorer, 2, 0, 1)
    x, y = line_xy(explorer)
    np.testing.assert_allclose(x, [0.5, 0.5])
    assert y.min() == pytest.approx(-0.5) and y.max() == pytest.approx(1.5)
    assert table_y(explorer) == [0, 0, 1, 1]


def test_w1_zero_gives_a_horizontal_line(explorer):
    set_sliders(explorer, 0, 4, 1)
    x, y = line_xy(explorer)
    np.testing.assert_allclose(y, [0.25, 0.25])
    assert table_y(explorer) == [0, 1, 0, 1]


@pytest.mark.parametrize(("theta", "fires"), [(0.0, 1), (-3.0, 1), (0.5, 0), (6.0, 0)])
def test_all_weights_zero_has_no_line_and_says_so(explorer, theta, fires):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        set_sliders(explorer, 0, 0, theta)
    x, _ = line_xy(explorer)
    assert len(x) == 0
    note = explorer.plane["note"]
    assert note.get_visible()
    assert "no line" in note.get_text()
    assert ("always fires" if fires else "never fires") in note.get_text()
    assert table_y(explorer) == [fires] * 4
    assert np.all(np.asarray(explorer.plane["region"].get_array()) == fires)


@pytest.mark.parametrize(("w", "theta"), [((0, 0), -1), ((0, 0), 1), ((1, 1), 10)])
def test_note_hides_none_of_the_four_inputs(w, theta):
    # as in chapter 2's grid of six small panels, where the note is widest for its panel
    fig, axes = plot.new_figure(ncols=3, nrows=2, height=6.0)
    ax = axes[1, 2]
    parts = plot.threshold_plane(w, theta, ax=ax, annotate=False)
    fig.canvas.draw()
    note = parts["boundary"]["note"]
    assert note.get_visible()
    box = note.get_bbox_patch().get_window_extent(fig.canvas.get_renderer())
    marker_radius = parts["points"]["y0"].get_markersize() / 72 * fig.dpi / 2
    for x1, x2 in ax.transData.transform(X4):
        assert not (box.x0 - marker_radius < x1 < box.x1 + marker_radius
                    and box.y0 - marker_radius < x2 < box.y1 + marker_radius)
    matplotlib.pyplot.close(fig)


def test_note_is_hidden_when_there_is_a_line(explorer):
    set_sliders(explorer, 0, 0, 1)
    set_sliders(explorer, 1, 1, 1)
    assert not explorer.plane["note"].get_visible()


def test_shading_is_what_the_neuron_computes(explorer):
    set_sliders(explorer, -2, 3, 0.5)
    region = np.asarray(explorer.plane["region"].get_array())
    points, shape = explorer.plane["grid"]
    np.testing.assert_array_equal(region, neuron.fire(points, [-2, 3], 0.5).reshape(shape))
    assert 0 < region.mean() < 1


def test_step_panel_follows_theta_and_the_sums(explorer):
    set_sliders(explorer, 2, -3, 1.5)
    np.testing.assert_allclose(explorer.step["jump"].get_xdata(), [1.5, 1.5])
    table = neuron.truth_table([2, -3], 1.5)
    drawn = sorted(
        (float(s), int(y))
        for k in (0, 1)
        for s, y in zip(explorer.sums[k].get_xdata(), explorer.sums[k].get_ydata(), strict=True)
    )
    assert drawn == sorted(zip(table.weighted_sum.tolist(), table.y.tolist(), strict=True))


def test_every_slider_extreme_is_safe():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer = widgets.threshold_neuron()
        FigureCanvasAgg(explorer.fig)
        names = ["w1", "w2", "theta"]
        extremes = [(explorer.controls[n].min, 0.0, explorer.controls[n].max) for n in names]
        for combo in itertools.product(*extremes):
            set_sliders(explorer, *combo)
            explorer.fig.canvas.draw()
            assert table_y(explorer) == neuron.truth_table(combo[:2], combo[2]).y.tolist()
            assert points_by_output(explorer) == expected_points(combo[:2], combo[2])


def test_random_slider_positions_agree_with_nnlib(explorer):
    """200 seeded random positions on the slider grid: table, points, line and shading."""
    rng = np.random.default_rng(2)
    grid = np.arange(-6.0, 6.25, 0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for w1, w2, theta in rng.choice(grid, size=(200, 3)):
            set_sliders(explorer, w1, w2, theta)
            w = [w1, w2]
            assert table_y(explorer) == neuron.truth_table(w, theta).y.tolist()
            assert points_by_output(explorer) == expected_points(w, theta)
            x, y = line_xy(explorer)
            segment = neuron.decision_boundary(w, theta, (-0.5, 1.5), (-0.5, 1.5))
            if segment is None:
                assert len(x) == 0
            else:
                np.testing.assert_allclose(np.column_stack([x, y]), np.array(segment))
            points, shape = explorer.plane["grid"]
            np.testing.assert_array_equal(explorer.plane["region"].get_array(),
                                          neuron.fire(points, w, theta).reshape(shape))
            gate = plot.gate_name(table_y(explorer)).replace("x1", "x₁").replace("x2", "x₂")
            assert gate in explorer.fig._suptitle.get_text()


def test_a_line_outside_the_view_is_mentioned(explorer):
    set_sliders(explorer, 1, 0, 6)  # the line x1 = 6 lies far right of the square
    assert len(line_xy(explorer)[0]) == 0
    assert explorer.plane["note"].get_text() == "the line lies outside this view"
    assert table_y(explorer) == [0, 0, 0, 0]


def test_slider_ranges_are_sensible(explorer):
    for name in ("w1", "w2", "theta"):
        slider = explorer.controls[name]
        assert (slider.min, slider.max, slider.step) == (-6.0, 6.0, 0.5)


def test_out_of_range_start_is_a_clear_error():
    with pytest.raises(ValueError, match=r"theta must lie in \[-6, 6\]; got 9"):
        widgets.threshold_neuron(theta=9)


def test_gate_name_agrees_with_the_logic_gates():
    for gate in ("AND", "OR", "NAND", "NOR", "XOR"):
        assert plot.gate_name(data.logic_gate(gate)[1]) == gate
    assert len(set(plot.GATE_NAMES.values())) == 16
    assert set(plot.GATE_NAMES) == {tuple(r) for r in neuron.binary_inputs(4).tolist()}


def test_gate_name_rejects_bad_input():
    with pytest.raises(ValueError, match="four values, each 0 or 1"):
        plot.gate_name([0, 1, 2, 0])
    with pytest.raises(ValueError, match="four values"):
        plot.gate_name([0, 1])
    with pytest.raises(TypeError, match="sequence of four 0/1 values"):
        plot.gate_name(3)


def test_step_function_jumps_at_theta():
    fig, ax = plot.new_figure()
    artists = plot.step_function(ax, theta=4, zlim=(-2, 10))
    assert list(artists["low"].get_xdata()) == [-2, 4]
    assert list(artists["high"].get_xdata()) == [4, 10]
    assert list(artists["closed"].get_ydata()) == [1]  # u(0) = 1: the sum 4 fires
    assert list(artists["open"].get_ydata()) == [0]
    plot.set_step_function(artists, 20)  # off the chart: no jump drawn
    assert not artists["jump"].get_visible()
    with pytest.raises(ValueError, match="zlim"):
        plot.step_function(ax, zlim=(1, 1))
    matplotlib.pyplot.close(fig)


def test_truth_points_checks_its_input():
    fig, ax = plot.new_figure()
    with pytest.raises(ValueError, match=r"shape \(n_samples, 2\)"):
        plot.truth_points(np.zeros((4, 3)), [0, 0, 0, 0], ax=ax)
    artists = plot.truth_points(X4, [0, 1, 1, 0], ax=ax)
    with pytest.raises(ValueError, match="each 0 or 1"):
        plot.set_truth_points(artists, [0, 1, 2, 0])
    assert [t.get_text() for t in artists["labels"]] == ["$y=0$", "$y=1$", "$y=1$", "$y=0$"]
    matplotlib.pyplot.close(fig)


def test_threshold_plane_titles_with_the_gate():
    fig, ax = plot.new_figure()
    out = plot.threshold_plane([1, 1], 2, ax=ax)
    assert "AND" in ax.get_title()
    assert out["table"].y.tolist() == [0, 0, 0, 1]
    plot.threshold_plane([5, 3], 4, ax=ax)  # Example 1 copies x1: the title says so in maths
    assert ax.get_title().endswith("\n$y = x_1$")
    matplotlib.pyplot.close(fig)


def test_gate_name_in_maths_for_titles():
    assert plot.gate_name([0, 0, 1, 1]) == "y = x1"
    assert plot.gate_name([0, 0, 1, 1], math=True) == "$y = x_1$"
    assert plot.gate_name([0, 0, 1, 0], math=True) == "$x_1$ AND NOT $x_2$"
    assert plot.gate_name([1, 1, 0, 1], math=True) == "$x_2$ OR NOT $x_1$"
    # names without inputs are unchanged
    for y, name in plot.GATE_NAMES.items():
        if "x1" not in name and "x2" not in name:
            assert plot.gate_name(y, math=True) == name


def test_threshold_neuron_diagram_colours_weights_by_sign():
    fig, ax = plot.new_figure()
    parts = plot.threshold_neuron_diagram([5, -3], theta=4, ax=ax)
    colours = [matplotlib.colors.to_hex(a.get_edgecolor()) for a in parts["weights"]]
    assert colours == [plot.EXCITATORY.lower(), plot.INHIBITORY.lower()]
    # the larger weight is drawn thicker
    assert parts["weights"][0].get_linewidth() > parts["weights"][1].get_linewidth()
    texts = [t.get_text() for t in parts["labels"]]
    assert "$w_1 = 5$" in texts and "$w_2 = -3$" in texts
    assert any("4" in t and "fires" in t for t in texts)
    with pytest.raises(ValueError, match="1 to 6 finite weights"):
        plot.threshold_neuron_diagram([], ax=ax)
    with pytest.raises(ValueError, match="input_names must name 2 inputs"):
        plot.threshold_neuron_diagram([1, 2], input_names=["a"], ax=ax)
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("y", [[0, 1.9, 1, 1], [0, 0.5, 1, 1], [0, 1, 1], [0, 1, 1, 1, 0],
                               [0, float("nan"), 1, 1]])
def test_gate_name_requires_exact_zero_one(y):
    # Regression: int() truncation once read [0, 1.9, 1, 1] as OR.
    with pytest.raises(ValueError, match="each 0 or 1"):
        plot.gate_name(y)


def test_gate_name_accepts_float_and_bool_zero_one():
    assert plot.gate_name([0.0, 1.0, 1.0, 1.0]) == "OR"
    assert plot.gate_name(np.array([False, False, False, True])) == "AND"


@pytest.mark.parametrize("limit", [2.0, 6.0, 20.0])
def test_step_panel_spans_every_slider_position(limit):
    # Regression: the panel was fixed at +-13, so theta = 19.5 fell off it at limit 20.
    explorer = widgets.threshold_neuron(w1=limit, w2=limit, theta=limit - 0.5, limit=limit)
    lo, hi = explorer.fig.axes[1].get_xlim()
    assert lo <= -2 * limit and hi >= 2 * limit
    explorer.controls["theta"].value = limit
    explorer.controls["w1"].value = -limit
    explorer.controls["w2"].value = -limit
    lo2, hi2 = explorer.fig.axes[1].get_xlim()
    assert (lo2, hi2) == (lo, hi)


# --- issue 10 item 10: the widget's layout ------------------------------------------------

def test_sliders_get_a_full_row_each(explorer):
    for slider in explorer.controls.values():
        assert slider.layout.width == "100%"
        assert slider.style.description_width == "2em"


def test_panel_titles_sit_at_one_height(explorer):
    renderer = explorer.fig.canvas.get_renderer()
    explorer.fig.canvas.draw()
    plane, step = explorer.fig.axes[:2]
    y_plane = plane.title.get_window_extent(renderer).y0
    y_step = step.title.get_window_extent(renderer).y0
    assert abs(y_plane - y_step) < 1.0  # pixels


@pytest.mark.parametrize(("w1", "w2", "theta"), [(5, 3, 4), (1, 1, 2), (1, 1, 1.5),
                                                  (3, 3.5, 3.5), (-1, 2, 1.5)])
def test_sum_labels_do_not_cross_the_threshold_line(explorer, w1, w2, theta):
    set_sliders(explorer, w1, w2, theta)
    explorer.fig.canvas.draw()
    renderer = explorer.fig.canvas.get_renderer()
    ax = explorer.fig.axes[1]
    x_jump = ax.transData.transform((theta, 0))[0]
    for text in explorer.sum_labels:
        box = text.get_window_extent(renderer)
        assert not box.x0 < x_jump < box.x1, (text.get_text(), box, x_jump)


# --- the geometry of w and the XOR circuit ------------------------------------------------

@pytest.mark.parametrize(("w", "theta"), [([5, 3], 4), ([1, 1], 1.5), ([-1, 2], -0.5),
                                          ([0, 1], 0.5)])
def test_weight_vector_is_perpendicular_and_points_to_the_firing_side(w, theta):
    fig, ax = plot.new_figure()
    plot.decision_line(w, theta, ax=ax)
    parts = plot.weight_vector(w, theta, ax=ax, length=0.4)
    foot = np.column_stack(parts["distance"].get_data())[1]
    np.testing.assert_allclose(foot, neuron.perpendicular_foot(w, theta))
    np.testing.assert_allclose(np.column_stack(parts["distance"].get_data())[0], [0, 0])
    np.testing.assert_allclose(np.linalg.norm(foot), abs(theta) / np.linalg.norm(w))
    start, tip = (np.asarray(p) for p in parts["arrow"]._posA_posB)
    np.testing.assert_allclose(start, foot)
    arrow = tip - start
    np.testing.assert_allclose(np.linalg.norm(arrow), 0.4)
    # perpendicular to the drawn line
    xs, ys = plot_line = np.asarray(ax.lines[0].get_data())
    direction = plot_line[:, 1] - plot_line[:, 0]
    assert abs(arrow @ direction) < 1e-9 * np.linalg.norm(direction)
    # the tip lies on the firing side, the far side of the foot does not
    assert neuron.fire(tip, w, theta) == 1
    assert neuron.fire(start - arrow, w, theta) == 0
    distance = abs(neuron.signed_distance([0, 0], w, theta))
    assert f"{distance:.2f}" in parts["labels"][0].get_text()
    matplotlib.pyplot.close(fig)


def test_weight_vector_rejects_bad_input():
    fig, ax = plot.new_figure()
    with pytest.raises(ValueError, match="nonzero weight"):
        plot.weight_vector([0, 0], 1, ax=ax)
    with pytest.raises(ValueError, match="length must be a number > 0"):
        plot.weight_vector([1, 1], 1, ax=ax, length=0)
    matplotlib.pyplot.close(fig)


def test_threshold_circuit_draws_every_neuron_and_weight():
    fig, ax = plot.new_figure()
    hidden = [("OR", [1, 1], 0.5), ("NAND", [-1, -1], -1.5)]
    parts = plot.threshold_circuit(hidden, ("AND", [1, 1], 1.5), ax=ax)
    assert len(parts["neurons"]) == 2 + 2 + 1
    weights = sorted(e[2] for e in parts["edges"])
    assert weights == sorted([1, 1, -1, -1, 1, 1])
    colours = {e[2]: matplotlib.colors.to_hex(e[3].get_edgecolor()) for e in parts["edges"]}
    assert colours[-1.0] == plot.INHIBITORY.lower() and colours[1.0] == plot.EXCITATORY.lower()
    texts = [t.get_text() for t in parts["labels"]]
    for name in ("OR", "NAND", "AND", r"$\theta = -1.5$", r"$\theta = 0.5$"):
        assert name in texts
    with pytest.raises(ValueError, match="needs 2 weights"):
        plot.threshold_circuit([("OR", [1], 0.5)], ("AND", [1], 0.5), ax=ax)
    with pytest.raises(ValueError, match="one per hidden"):
        plot.threshold_circuit(hidden, ("AND", [1, 1, 1], 1.5), ax=ax)
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize(("w1", "w2", "theta"), [(5, 3, 4), (1, 1, 2), (3, 3.5, 3.5),
                                                  (6, 6, 0), (0.5, 1, -1), (-6, 6, 0.5)])
def test_sum_labels_do_not_overlap_each_other(explorer, w1, w2, theta):
    set_sliders(explorer, w1, w2, theta)
    explorer.fig.canvas.draw()
    renderer = explorer.fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in explorer.sum_labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)


def test_threshold_circuit_names_fit_inside_their_circles():
    # laid out as in chapter 2's figure: the circuit beside a square input plane
    fig, (ax, ax_plane) = plot.new_figure(ncols=2, height=3.9,
                                          gridspec_kw={"width_ratios": [1.6, 1]})
    plot.input_plane(ax_plane)
    hidden = [("OR", [1, 1], 0.5), ("NAND", [-1, -1], -1.5)]
    parts = plot.threshold_circuit(hidden, ("AND", [1, 1], 1.5), ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    names = {"$x_1$", "$x_2$", "OR", "NAND", "AND"}
    checked = set()
    for circle in parts["neurons"]:
        centre = ax.transData.transform(circle.center)
        radius = ax.transData.transform(np.add(circle.center, (circle.radius, 0)))[0] - centre[0]
        for text in parts["labels"]:
            if text.get_text() in names and np.allclose(text.get_position(), circle.center):
                box = text.get_window_extent(renderer)
                corners = np.array([[box.x0, box.y0], [box.x0, box.y1],
                                    [box.x1, box.y0], [box.x1, box.y1]])
                assert np.all(np.hypot(*(corners - centre).T) < radius), text.get_text()
                checked.add(text.get_text())
    assert checked == names
    matplotlib.pyplot.close(fig)


def test_widget_table_prints_minus_signs_as_the_sliders_do():
    # Issue 10 item 15: the sliders print "−2.0"; the table printed "-2".
    explorer = widgets.threshold_neuron(w1=-2.0, w2=1.0, theta=0.5)
    html = explorer.table.value
    assert "\u22122" in html
    text = re.sub(r"<style.*?</style>|<[^>]*>", " ", html, flags=re.DOTALL)
    assert not re.search(r"(?<![\w-])-\d", text), text
    explorer.controls["w1"].value = -3.0
    text = re.sub(r"<style.*?</style>|<[^>]*>", " ", explorer.table.value, flags=re.DOTALL)
    assert "\u22123" in text and not re.search(r"(?<![\w-])-\d", text)
