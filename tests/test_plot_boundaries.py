"""nnlib.plot.boundaries: the decision-boundary grid and maps of chapter 8."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from nnlib import plot  # noqa: E402
from nnlib.data import moons  # noqa: E402


def test_boundary_grid_is_the_sources_mesh():
    X, _ = moons()
    xx, yy, grid = plot.boundary_grid(X)
    assert xx.shape == yy.shape == (300, 300) and grid.shape == (90000, 2)
    assert xx.min() == pytest.approx(X[:, 0].min() - 0.5)
    assert yy.max() == pytest.approx(X[:, 1].max() + 0.5)
    ref_x, ref_y = np.meshgrid(np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 300),
                               np.linspace(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5, 300))
    np.testing.assert_array_equal(xx, ref_x)
    np.testing.assert_array_equal(grid, np.c_[ref_x.ravel(), ref_y.ravel()])


def test_boundary_grid_checks_input():
    with pytest.raises(ValueError, match="2 features"):
        plot.boundary_grid(np.zeros((5, 3)))
    with pytest.raises(ValueError, match="resolution"):
        plot.boundary_grid(np.zeros((5, 2)), resolution=1)


def test_decision_boundary_regions_follow_the_model():
    X, y = moons()
    model = LogisticRegression().fit(X, y)
    fig, ax = plot.new_figure()
    out = plot.decision_boundary(model, X, y, ax=ax, resolution=50)
    xx, yy, grid = plot.boundary_grid(X, resolution=50)
    np.testing.assert_array_equal(out["proba"].ravel(), model.predict_proba(grid)[:, 1])
    assert list(out["regions"].levels) == [0, 0.5, 1]
    assert out["boundary"] is not None
    # the black line is where the model is undecided
    path = out["boundary"].allsegs[0][0]
    np.testing.assert_allclose(model.predict_proba(path)[:, 1], 0.5, atol=0.02)
    assert sum(len(c.get_offsets()) for c in out["points"]) == len(X)


def test_probability_image_updates_in_place():
    fig, ax = plot.new_figure()
    image = plot.probability_image(ax, (0, 1, 0, 1), resolution=4)
    values = np.linspace(0, 1, 16)
    plot.set_probability_image(image, values)
    np.testing.assert_array_equal(image.get_array(), values.reshape(4, 4))
    with pytest.raises(ValueError, match="16 values"):
        plot.set_probability_image(image, np.zeros(15))


def test_accuracy_strip_marks_each_median():
    fig, ax = plot.new_figure()
    plot.accuracy_strip({"a": [0.5, 0.9, 1.0], "b": [0.8, 0.8]}, ax=ax)
    medians = [c for c in ax.collections if c.get_label() == "median"
               or c.__class__.__name__ == "LineCollection"]
    ys = sorted(seg[0][1] for c in medians for seg in c.get_segments())
    assert ys == [0.8, 0.9]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]
