"""Chapter 9's regularisation explorer: driven headless, checked against nnlib."""

import itertools
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning

from nnlib import widgets
from nnlib.widgets import RegularisationExplorer


@pytest.fixture
def explorer():
    return widgets.regularisation_explorer()


def test_builds_with_no_arguments(explorer):
    assert isinstance(explorer, RegularisationExplorer)
    assert explorer.values == {"alpha": 0.0001, "dropout": 0.0, "noise": 0.3, "n_samples": 40}
    assert "gap" in explorer.readout.value
    assert explorer.render().data[:4] == b"\x89PNG"


def test_shows_what_nnlib_computes(explorer):
    explorer.controls["alpha"].value = 0.1
    clf = explorer.model()
    X_tr, y_tr, X_te, y_te = explorer.data(0.3, 40)
    assert explorer.train_accuracy == clf.score(X_tr, y_tr)
    assert explorer.test_accuracy == clf.score(X_te, y_te)
    image = np.asarray(explorer.panels[0]["image"].get_array())
    np.testing.assert_allclose(image.ravel(), clf.predict_proba(explorer.points)[:, 1])
    assert f"{explorer.test_accuracy:.1%}" in explorer.readout.value


def test_each_control_changes_the_picture(explorer):
    for name, value in [("alpha", 3.0), ("dropout", 0.5), ("noise", 0.1), ("n_samples", 200)]:
        before = np.array(explorer.panels[0]["image"].get_array())
        explorer.controls[name].value = value
        after = np.array(explorer.panels[0]["image"].get_array())
        assert not np.array_equal(before, after), name
    assert len(explorer.panels[0]["points"][0].get_offsets()) + len(
        explorer.panels[0]["points"][1].get_offsets()) == 200


def test_overfitting_shrinks_with_more_data(explorer):
    explorer.controls["alpha"].value = 0.0
    small_gap = explorer.train_accuracy - explorer.test_accuracy
    explorer.controls["n_samples"].value = 200
    large_gap = explorer.train_accuracy - explorer.test_accuracy
    assert small_gap > large_gap


def test_data_of_a_setting_are_drawn_once(explorer):
    first = explorer.data(0.3, 40)
    assert explorer.data(0.3, 40) is first
    assert len(first[0]) == 40 and len(first[2]) == 200


@pytest.mark.parametrize(("alpha", "dropout", "noise", "n"),
                         list(itertools.product((0.0, 3.0), (0.0, 0.6), (0.0, 0.5), (20, 200))))
def test_survives_every_extreme_without_warnings(alpha, dropout, noise, n):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer = RegularisationExplorer(alpha=alpha, dropout=dropout, noise=noise, n_samples=n)
        explorer.render()
    assert 0.0 <= explorer.test_accuracy <= 1.0


def test_convergence_warning_is_handled_inside_only(explorer):
    # the explorer silences the warning it expects, and only inside its own fit
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        explorer.controls["noise"].value = 0.5
    assert not [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert not any(f[2] is ConvergenceWarning and f[0] == "ignore" for f in warnings.filters)


def test_bad_alpha_is_rejected():
    with pytest.raises(ValueError, match="alpha must be one of"):
        RegularisationExplorer(alpha=0.5)


def _pixels(png_bytes):
    import io

    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(png_bytes))).astype(int)


def test_a_redraw_of_the_moving_parts_equals_a_full_draw(explorer):
    # render() redraws only the dynamic artists on a kept background: the picture must be
    # the one a full draw of the figure gives, after every kind of move
    explorer.render()
    for name, value in [("alpha", 3.0), ("noise", 0.0), ("n_samples", 200), ("dropout", 0.6)]:
        explorer.controls[name].value = value
        fast = _pixels(explorer.render().data)
        explorer.fig.canvas.draw()
        full = np.asarray(explorer.fig.canvas.buffer_rgba())[..., :3].astype(int)  # RGB frames
        assert fast.shape == full.shape
        assert np.abs(fast - full).max() <= 2, name


def test_the_boundary_line_is_where_p_crosses_one_half(explorer):
    from nnlib.plot.regularisation import boundary_line

    x1, x2 = explorer.panels[0]["contour"].get_data()
    assert len(x1) > 10
    keep = np.isfinite(x1)
    P = explorer.model_.predict_proba(np.c_[x1[keep], x2[keep]])[:, 1]
    assert np.median(np.abs(P - 0.5)) < 0.05
    assert boundary_line(np.full((5, 5), 0.9), (0, 1, 0, 1))[0].size == 0
