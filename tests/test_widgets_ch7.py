"""Chapter 7's learning-rate explorer: driven headless, checked against nnlib.descent."""

import itertools
import warnings

import numpy as np
import pytest

from nnlib import descent, widgets
from nnlib.widgets import LearningRateExplorer

NAMES = [name for _, name in LearningRateExplorer.OPTIONS]


@pytest.fixture(scope="module")
def explorer():
    return widgets.learning_rate_explorer()


def expected_path(explorer):
    v = explorer.values
    opt = descent.make_optimizer(v["optimizer"], v["eta"], v["momentum"])
    return descent.descend(explorer.problem, explorer.START, opt, v["steps"])


def test_builds_with_no_arguments(explorer):
    assert isinstance(explorer, LearningRateExplorer)
    assert explorer.values["optimizer"] == "sgd"
    path = expected_path(explorer)
    np.testing.assert_allclose(explorer.line.get_xdata(), path.theta[:, 0])
    assert "2/λ" in explorer.readout.value


def test_every_control_changes_the_picture(explorer):
    for name, value in [("eta", 0.01), ("steps", 120), ("optimizer", "momentum"),
                        ("momentum", 0.5)]:
        before = np.array(explorer.line.get_xydata())
        explorer.controls[name].value = value
        after = np.array(explorer.line.get_xydata())
        assert before.shape != after.shape or not np.allclose(before, after), name
        path = expected_path(explorer)
        np.testing.assert_allclose(after, path.theta)
        np.testing.assert_allclose(explorer.curve.get_ydata(), path.cost)


def test_survives_every_extreme_without_warnings(explorer):
    eta, mu, steps = explorer.controls["eta"], explorer.controls["momentum"], \
        explorer.controls["steps"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, e, m, s in itertools.product(NAMES, (eta.min, eta.max), (mu.min, mu.max),
                                               (steps.min, steps.max)):
            explorer.controls["optimizer"].value = name
            eta.value, mu.value, steps.value = 10.0**e, m, s
            path = expected_path(explorer)
            np.testing.assert_allclose(explorer.line.get_xydata(), path.theta)
            assert np.all(np.isfinite(explorer.curve.get_ydata()))
            assert explorer.render().data[:4] == b"\x89PNG"


def test_large_learning_rate_reports_divergence(explorer):
    explorer.controls["optimizer"].value = "sgd"
    explorer.controls["steps"].value = 200
    explorer.controls["eta"].value = 0.2
    assert "diverged" in explorer.readout.value
    assert "diverged" in explorer.note.get_text()
    explorer.controls["eta"].value = 0.05
    assert "diverged" not in explorer.readout.value
