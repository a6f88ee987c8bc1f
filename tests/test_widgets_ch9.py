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
