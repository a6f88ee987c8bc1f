"""nnlib: the small neural-network package behind the book.

Every chapter's notebook imports from here. The modules follow the book:

- :mod:`nnlib.spiking`      a leaky integrate-and-fire neuron and its firing rate
- :mod:`nnlib.neuron`       the threshold neuron and the single neuron with an activation
- :mod:`nnlib.activations`  activation functions and their derivatives, keyed by name
- :mod:`nnlib.losses`       losses that return ``(loss, gradient)``
- :mod:`nnlib.layers`       ``Dense`` and ``Dropout``
- :mod:`nnlib.network`      ``MLP``
- :mod:`nnlib.architecture` counting layers and parameters; linear layers collapse
- :mod:`nnlib.universality` a curve drawn by one hidden layer of sigmoid bumps
- :mod:`nnlib.optim`        SGD with momentum, Adam, and L2 weight decay
- :mod:`nnlib.descent`      a two-parameter cost and the paths optimisers take on it
- :mod:`nnlib.training`     one epoch of mini-batch training; a run the playground steps
- :mod:`nnlib.estimators`   ``MLPClassifier`` and ``MLPRegressor``, drop-ins for scikit-learn's
- :mod:`nnlib.gradcheck`    numerical gradients
- :mod:`nnlib.data`         the book's small data sets
- :mod:`nnlib.plot`         one visual style for every figure
- :mod:`nnlib.widgets`      each chapter's interactive widgets

Conventions: rows are samples, ``X`` has shape ``(n_samples, n_features)``, a layer's
``W`` has shape ``(n_in, n_out)`` and its ``b`` shape ``(n_out,)``.

``import nnlib`` needs only NumPy: the estimators, which use scikit-learn and SciPy, are
imported on first use of ``nnlib.MLPClassifier`` or ``nnlib.MLPRegressor``.
"""

__version__ = "0.1.0"

__all__ = ["MLPClassifier", "MLPRegressor"]

_LAZY = {"MLPClassifier": "nnlib.estimators", "MLPRegressor": "nnlib.estimators"}


def __getattr__(name):
    """Import the estimators (and so scikit-learn) only when they are first used."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nnlib' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
