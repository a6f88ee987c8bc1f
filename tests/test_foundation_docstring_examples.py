"""The examples in the docstrings of nnlib's foundation are right (readers copy them)."""

import doctest

import pytest

from nnlib import _validation, activations, data, gradcheck, losses, neuron

MODULES = [_validation, activations, data, gradcheck, losses, neuron]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_examples_exist():
    """Guard against the test above passing vacuously."""
    attempted = sum(doctest.testmod(m).attempted for m in MODULES)
    assert attempted >= 5
