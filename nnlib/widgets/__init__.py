"""Each chapter's interactive widgets.

A widget here holds no maths of its own: it reads its controls, calls nnlib, and
updates what the reader sees. Every public function builds one widget, takes no
required arguments (its defaults are the book's example) and returns an
:class:`Explorer`.

How an explorer shows itself
----------------------------
An :class:`Explorer` displays its controls (ipywidgets) and then its matplotlib figure,
rendered to PNG, through a display handle: ``display(image, display_id=True)``. When a
control moves, the explorer updates the figure's artists in place and calls
``handle.update(image)`` with a fresh rendering. This

* updates live in JupyterLab,
* leaves a plain image of the default state in the rendered (static) book, and
* passes ``pytest --nbval`` in strict mode, because no ``Output`` widget is cleared
  while the cell runs.

The figure is a bare :class:`matplotlib.figure.Figure`, not a pyplot figure, so the
inline backend never shows it a second time and nothing leaks between redraws.

Tests drive an explorer headless: set ``explorer.controls["w1"].value`` and read back
the artists and HTML it updated.

Modules: ``base`` (:class:`Explorer`), ``live`` (an explorer driven by JSON, for the
rendered book's live widgets), ``spiking`` (chapter 1), ``logic`` (chapter 2),
``activations`` (chapter 3), one module per later chapter:
``classifier`` (chapter 4),
``universality`` (chapter 5),
``softmax`` (chapter 6),
``descent`` (chapter 7),
``playground`` (chapter 8),
``regularisation`` (chapter 9).
Everything public is re-exported here.
"""

from nnlib.widgets.activations import (  # noqa: F401
    ActivationExplorer,
    activation_explorer,
)
from nnlib.widgets.base import (  # noqa: F401
    Explorer,
    new_widget_figure,
)
from nnlib.widgets.classifier import (  # noqa: F401
    NeuronClassifierExplorer,
    neuron_classifier,
)
from nnlib.widgets.descent import (  # noqa: F401
    LearningRateExplorer,
    learning_rate_explorer,
)
from nnlib.widgets.logic import (  # noqa: F401
    ThresholdNeuronExplorer,
    threshold_neuron,
)
from nnlib.widgets.playground import (  # noqa: F401
    Playground,
    playground,
)
from nnlib.widgets.regularisation import (  # noqa: F401
    RegularisationExplorer,
    regularisation_explorer,
)
from nnlib.widgets.softmax import (  # noqa: F401
    SoftmaxExplorer,
    softmax_explorer,
)
from nnlib.widgets.spiking import (  # noqa: F401
    FiringRateExplorer,
    firing_rate_explorer,
)
from nnlib.widgets.universality import (  # noqa: F401
    BumpApproximator,
    bump_approximator,
)
