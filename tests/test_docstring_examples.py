"""The examples in the docstrings of every nnlib module run and are right (readers copy them)."""

import doctest
import importlib
import pkgutil

import pytest

import nnlib

MODULES = sorted(
    ["nnlib"] + [info.name for info in pkgutil.walk_packages(nnlib.__path__, "nnlib.")]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_examples_exist():
    """Guard against the test above passing vacuously: the maths modules have examples."""
    for name in ("activations", "gradcheck", "layers", "losses", "network", "neuron",
                 "spiking"):
        module = importlib.import_module(f"nnlib.{name}")
        assert doctest.testmod(module).attempted >= 1, name
