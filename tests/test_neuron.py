"""Tests of nnlib.neuron: the threshold neuron, truth tables, the decision line, Neuron."""

import dataclasses

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnlib import activations
from nnlib.neuron import (
    Neuron,
    TruthTable,
    augment,
    bias_from_threshold,
    binary_inputs,
    decision_boundary,
    fire,
    perpendicular_foot,
    signed_distance,
    threshold_from_bias,
    truth_table,
    weighted_input,
    weighted_sum,
)


@pytest.fixture
def rng():
    return np.random.default_rng(7)


# ------------------------------------------------------------ binary_inputs


def test_binary_inputs_order_for_two_inputs():
    X = binary_inputs(2)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    assert X.dtype.kind == "i"


@pytest.mark.parametrize("n", [1, 3, 5])
def test_binary_inputs_lists_every_combination_once_in_counting_order(n):
    X = binary_inputs(n)
    assert X.shape == (2**n, n)
    assert set(np.unique(X)) <= {0, 1}
    # Read as binary numbers (first column most significant) the rows count 0, 1, 2, ...
    np.testing.assert_array_equal(X @ (2 ** np.arange(n - 1, -1, -1)), np.arange(2**n))


# ------------------------------------------------------- the book's example


def test_truth_table_of_the_book_example():
    """w1 = 5, w2 = 3, θ = 4: weighted sums 0, 3, 5, 8 and outputs 0, 0, 1, 1."""
    table = truth_table([5, 3], 4)
    assert isinstance(table, TruthTable)
    np.testing.assert_array_equal(table.X, binary_inputs(2))
    np.testing.assert_array_equal(table.weighted_sum, [0, 3, 5, 8])
    np.testing.assert_array_equal(table.z, [-4, -1, 1, 4])
    np.testing.assert_array_equal(table.y, [0, 0, 1, 1])
    np.testing.assert_array_equal(table.w, [5, 3])
    assert table.theta == 4


def test_truth_table_agrees_with_fire_and_weighted_input(rng):
    w = rng.normal(size=3)
    theta = 0.3
    table = truth_table(w, theta)
    X = binary_inputs(3)
    np.testing.assert_allclose(table.weighted_sum, X @ w)
    np.testing.assert_allclose(table.z, weighted_input(X, w, theta))
    np.testing.assert_array_equal(table.y, fire(X, w, theta))


def test_truth_table_with_given_inputs():
    X = [[0.5, 2.0], [1.0, -1.0]]
    table = truth_table([2, 1], 1, X=X)
    np.testing.assert_allclose(table.weighted_sum, [3.0, 1.0])
    np.testing.assert_array_equal(table.y, [1, 1])


def test_truth_table_text_and_html():
    table = truth_table([5, 3], 4)
    text = repr(table)
    lines = text.splitlines()
    assert lines[0] == "TruthTable(w1 = 5, w2 = 3, θ = 4)"
    assert lines[1].split() == ["x1", "x2", "w·x", "z", "=", "w·x", "−", "θ", "y"]
    assert [line.split() for line in lines[3:]] == [
        ["0", "0", "0", "-4", "0"],
        ["0", "1", "3", "-1", "0"],
        ["1", "0", "5", "1", "1"],
        ["1", "1", "8", "4", "1"],
    ]
    html = table._repr_html_()
    for header in ["<th>x1</th>", "<th>x2</th>", "<th>w·x</th>", "<th>z = w·x − θ</th>",
                   "<th>y</th>"]:
        assert header in html
    assert html.count("<tr>") == 5
    assert "<td>8</td><td>4</td><td>1</td>" in html


def test_truth_table_is_frozen():
    table = truth_table([5, 3], 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.theta = 1.0
    with pytest.raises(ValueError, match="read-only"):
        table.y[0] = 1


def test_truth_table_never_prints_negative_zero():
    table = truth_table([-1, -2], 0)  # w·x = -0.0 in floating point for x = (0, 0)
    assert "-0 " not in repr(table) and "<td>-0</td>" not in table._repr_html_()


# ------------------------------------------------------------ the threshold rule


def test_weighted_sum_of_one_input_and_of_rows():
    assert weighted_sum([1, 1], [5, 3]) == 8.0
    assert type(weighted_sum([1, 1], [5, 3])) is float
    np.testing.assert_array_equal(weighted_sum([[1, 0], [0, 1]], [5, 3]), [5.0, 3.0])


def test_weighted_input_is_weighted_sum_minus_theta(rng):
    X = rng.normal(size=(6, 3))
    w = rng.normal(size=3)
    np.testing.assert_allclose(weighted_input(X, w, 1.5), X @ w - 1.5)
    np.testing.assert_allclose(weighted_input(X, w), X @ w)


def test_fire_at_the_threshold_fires():
    """w·x = θ exactly: the neuron fires (w·x >= θ)."""
    assert fire([1, 0], [1, 1], 1) == 1
    assert fire([0, 0], [1, 1], 1) == 0
    assert type(fire([1, 0], [1, 1], 1)) is int


def test_fire_on_rows_returns_int_array():
    y = fire(binary_inputs(2), [5, 3], 4)
    np.testing.assert_array_equal(y, [0, 0, 1, 1])
    assert y.dtype.kind == "i"


def test_and_or_not_by_hand_set_weights():
    X = binary_inputs(2)
    np.testing.assert_array_equal(fire(X, [1, 1], 2), X[:, 0] & X[:, 1])  # AND
    np.testing.assert_array_equal(fire(X, [1, 1], 1), X[:, 0] | X[:, 1])  # OR
    np.testing.assert_array_equal(fire([[0], [1]], [-1], 0), [1, 0])  # NOT


# ------------------------------------------------------------ ties and rounding


def test_decimal_weights_that_reach_the_threshold_fire():
    """Issue 8, error 16: 0.1 + 0.7 is 0.7999999999999999 in floating point."""
    assert 0.1 + 0.7 < 0.8  # the rounding the tolerance is there for
    assert fire([1, 1], [0.1, 0.7], 0.8) == 1
    table = truth_table([0.1, 0.7], 0.8)
    assert table.y.tolist() == [0, 0, 0, 1]
    assert table.z[-1] == 0.0  # the tie is shown as z = 0, not -1.1e-16
    assert table.rows()[-1][-2:] == ["0", "1"]


def test_rtol_zero_compares_exactly():
    assert fire([1, 1], [0.1, 0.7], 0.8, rtol=0) == 0
    assert truth_table([0.1, 0.7], 0.8, rtol=0).y.tolist() == [0, 0, 0, 0]


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_the_tolerance_is_relative_to_the_magnitudes(scale):
    w = np.array([0.1, 0.7]) * scale
    theta = 0.8 * scale
    assert fire([1, 1], w, theta) == 1
    # a real gap of one part in a million is not a tie, at any scale
    assert fire([1, 1], w, theta * (1 + 1e-6)) == 0
    assert fire([1, 1], w, theta * (1 - 1e-6)) == 1


def test_fire_and_truth_table_decide_ties_alike(rng):
    # decimal weights on a 0.1 grid and thresholds, typed as decimals, that equal sums of
    # them: many ties, several of which floating point misses by one rounding
    for _ in range(200):
        w = rng.integers(-9, 10, size=3) / 10
        X = binary_inputs(3)
        theta = round(float(X[rng.integers(8)] @ w), 1)
        table = truth_table(w, theta)
        np.testing.assert_array_equal(table.y, fire(X, w, theta))
        exact = (np.round(X @ (w * 10)) >= round(theta * 10)).astype(int)  # integers
        np.testing.assert_array_equal(table.y, exact)


def test_rtol_must_be_a_number_at_least_zero():
    with pytest.raises(ValueError, match="rtol must be a number >= 0; got -1"):
        fire([1, 1], [1, 1], 1, rtol=-1)
    with pytest.raises(TypeError, match="rtol"):
        truth_table([1, 1], 1, rtol="tiny")


# ------------------------------------------------------------ the geometry of w


def test_signed_distance_is_z_over_the_length_of_w(rng):
    X = rng.normal(size=(10, 2))
    w, theta = np.array([5.0, 3.0]), 4.0
    d = signed_distance(X, w, theta)
    np.testing.assert_allclose(d, (X @ w - theta) / np.sqrt(34))
    # positive exactly where the neuron fires
    np.testing.assert_array_equal((d >= 0).astype(int), fire(X, w, theta))
    # the origin lies theta/|w| from the line, on the silent side for theta > 0
    assert signed_distance([0, 0], w, theta) == pytest.approx(-4 / np.sqrt(34))


def test_signed_distance_is_the_geometric_distance(rng):
    # moving a point by t along the unit vector w/|w| changes its distance by t;
    # moving it along the line does not change it
    w, theta = rng.normal(size=2), rng.normal()
    unit = w / np.linalg.norm(w)
    along = np.array([-unit[1], unit[0]])
    x = rng.normal(size=2)
    d0 = signed_distance(x, w, theta)
    assert signed_distance(x + 0.7 * unit, w, theta) == pytest.approx(d0 + 0.7)
    assert signed_distance(x + 3.0 * along, w, theta) == pytest.approx(d0)


@pytest.mark.parametrize(("w", "theta"), [([5, 3], 4), ([1, 1], 1.5), ([-1, 2], -3),
                                          ([0, 2], 1), ([1, 1, 1], 2)])
def test_perpendicular_foot_is_on_the_line_and_along_w(w, theta):
    w = np.asarray(w, float)
    foot = perpendicular_foot(w, theta)
    assert foot @ w == pytest.approx(theta)  # on the line (plane)
    np.testing.assert_allclose(np.cross(np.append(foot, 0)[:3], np.append(w, 0)[:3]),
                               0, atol=1e-12)  # parallel to w
    assert np.linalg.norm(foot) == pytest.approx(abs(theta) / np.linalg.norm(w))


def test_geometry_needs_a_nonzero_w():
    with pytest.raises(ValueError, match="at least one nonzero weight"):
        signed_distance([1, 1], [0, 0], 1)
    with pytest.raises(ValueError, match="at least one nonzero weight"):
        perpendicular_foot([0.0, 0.0], 1)


# ----------------------------------------------------------- decision_boundary


def on_line(point, w, theta):
    return np.isclose(w[0] * point[0] + w[1] * point[1], theta, rtol=1e-12, atol=1e-12)


def test_decision_boundary_of_the_book_example():
    # 5 x1 + 3 x2 = 4 crosses the bottom edge x2 = -0.5 at x1 = 1.1 and the top edge
    # x2 = 1.5 at x1 = -0.1; it misses the left and right edges.
    (a, b) = decision_boundary([5, 3], 4, (-0.5, 1.5), (-0.5, 1.5))
    np.testing.assert_allclose(a, ((4 - 3 * 1.5) / 5, 1.5))
    np.testing.assert_allclose(b, ((4 + 3 * 0.5) / 5, -0.5))
    assert on_line(a, (5, 3), 4) and on_line(b, (5, 3), 4)


def test_decision_boundary_vertical_when_w2_is_zero():
    segment = decision_boundary([5, 0], 4, (-0.5, 1.5), (-1, 2))
    assert segment == ((0.8, -1.0), (0.8, 2.0))


def test_decision_boundary_horizontal_when_w1_is_zero():
    segment = decision_boundary([0, 2], 1, (-1, 3), (0, 1))
    assert segment == ((-1.0, 0.5), (3.0, 0.5))


def test_decision_boundary_is_none_without_weights():
    assert decision_boundary([0, 0], 4, (0, 1), (0, 1)) is None
    assert decision_boundary([0, 0], 0, (0, 1), (0, 1)) is None


def test_decision_boundary_is_none_when_the_line_misses_the_box():
    assert decision_boundary([1, 1], 10, (0, 1), (0, 1)) is None
    assert decision_boundary([5, 0], 40, (0, 1), (0, 1)) is None  # vertical, far right
    assert decision_boundary([1, 1], 2, (0, 1), (0, 1)) is None  # only touches a corner


def test_decision_boundary_through_two_corners_is_the_diagonal():
    assert decision_boundary([1, 1], 1, (0, 1), (0, 1)) == ((0.0, 1.0), (1.0, 0.0))


box = st.floats(-5, 5)
weight = st.one_of(st.just(0.0), st.floats(-10, 10))


@settings(max_examples=300, deadline=None)
@given(weight, weight, st.floats(-20, 20), box, box)
def test_decision_boundary_properties(w1, w2, theta, x_lo, y_lo):
    xlim, ylim = (x_lo, x_lo + 2.0), (y_lo, y_lo + 3.0)
    segment = decision_boundary([w1, w2], theta, xlim, ylim)
    corners = np.array([[x, y] for x in xlim for y in ylim])
    z = corners @ [w1, w2] - theta
    scale = 1e-9 * (abs(w1) + abs(w2) + abs(theta) + 1)
    if segment is None:
        # Every corner lies on the same side of the line (or on it, at one corner only).
        assert np.all(z >= -scale) or np.all(z <= scale)
    else:
        assume(abs(w1) + abs(w2) > 1e-6)
        for point in segment:
            assert xlim[0] <= point[0] <= xlim[1] and ylim[0] <= point[1] <= ylim[1]
            assert abs(w1 * point[0] + w2 * point[1] - theta) <= 1e-9 * (
                abs(w1) + abs(w2)) * 10 + scale
        # A real segment has corners strictly on both sides, or lies along an edge.
        assert (z.min() < scale and z.max() > -scale)


# ------------------------------------------------------------ bias and augment


def test_bias_is_minus_threshold():
    assert bias_from_threshold(4) == -4.0
    assert threshold_from_bias(-4) == 4.0
    assert threshold_from_bias(bias_from_threshold(2.5)) == 2.5
    np.testing.assert_array_equal(bias_from_threshold([1, -2]), [-1.0, 2.0])
    assert repr(bias_from_threshold(0)) == "0.0"  # not -0.0


def test_augment_appends_a_column_of_ones(rng):
    X = rng.normal(size=(5, 3))
    A = augment(X)
    assert A.shape == (5, 4)
    np.testing.assert_array_equal(A[:, :3], X)
    np.testing.assert_array_equal(A[:, 3], 1.0)
    np.testing.assert_array_equal(augment([2.0, 3.0]), [2.0, 3.0, 1.0])


def test_inner_product_with_augmented_input_is_the_weighted_input(rng):
    """z = (x, 1)·(w, b) with b = -θ equals w·x - θ."""
    X = binary_inputs(2)
    w, theta = np.array([5.0, 3.0]), 4.0
    wb = np.append(w, bias_from_threshold(theta))
    np.testing.assert_array_equal(augment(X) @ wb, weighted_input(X, w, theta))
    X = rng.normal(size=(10, 4))
    w, theta = rng.normal(size=4), rng.normal()
    np.testing.assert_allclose(augment(X) @ np.append(w, -theta), weighted_input(X, w, theta),
                               rtol=1e-12, atol=1e-12)


# --------------------------------------------------------------------- Neuron


def test_neuron_z_and_forward(rng):
    X = rng.normal(size=(6, 2))
    neuron = Neuron([5, 3], b=-4, activation="logistic")
    np.testing.assert_allclose(neuron.z(X), X @ [5, 3] - 4)
    np.testing.assert_allclose(neuron.forward(X), 1 / (1 + np.exp(-(X @ [5, 3] - 4))))
    assert neuron.z([1, 1]) == 4.0


def test_neuron_with_step_is_the_threshold_neuron():
    X = binary_inputs(2)
    neuron = Neuron([5, 3], b=bias_from_threshold(4), activation="step")
    np.testing.assert_array_equal(neuron.forward(X), fire(X, [5, 3], 4))


@pytest.mark.parametrize("name", ["identity", "step", "logistic", "tanh", "relu", "leaky_relu",
                                  "sigmoid", "linear"])
def test_neuron_uses_the_named_activation(name, rng):
    X = rng.normal(size=(4, 3))
    w = rng.normal(size=3)
    f, _ = activations.get_activation(name)
    np.testing.assert_array_equal(Neuron(w, 0.5, name).forward(X), f(X @ w + 0.5))


def test_neuron_repr():
    assert repr(Neuron([5, 3], b=-4)) == "Neuron(w=[5, 3], b=-4, activation='logistic')"
    assert repr(Neuron([0.5], activation="relu")) == "Neuron(w=[0.5], b=0, activation='relu')"
