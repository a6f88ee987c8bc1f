"""The book's figures: one module per subject, one style for all (:mod:`nnlib.plot.style`).

Colours come from the Okabe-Ito palette, which stays distinguishable for readers with
any common form of colour blindness. The same class gets the same colour in every
chapter: class 0 is :data:`CLASS_COLORS[0]` (blue), class 1 is :data:`CLASS_COLORS[1]`
(orange), class 2 is :data:`CLASS_COLORS[2]` (bluish green).

Every plotting function takes an optional ``ax`` and returns the artists it drew, so a
widget can update them instead of redrawing the whole figure.

Modules: ``style`` (palette, figure size), ``neurons`` (drawings of neurons), ``spikes``
(chapter 1), ``logic`` (chapter 2), ``activations`` (chapter 3), one module per later
subject: ``classifiers`` (chapter 4),
``networks`` and ``universality`` (chapter 5),
``softmax`` (chapter 6),
``descent`` (chapter 7),
``boundaries`` (chapter 8),
``regularisation`` (chapter 9).
Everything public is re-exported here, so ``plot.decision_line`` works as before.
"""

from nnlib.plot.activations import (  # noqa: F401
    ACTIVATION_LABELS,
    CH3_ACTIVATIONS,
    activation_curve,
    activation_grid,
    neuron_response_grid,
    secant_to_tangent,
    step_and_sigmoid_neurons,
)
from nnlib.plot.boundaries import (  # noqa: F401
    PROBABILITY_CMAP,
    accuracy_strip,
    boundary_grid,
    class_points,
    decision_boundary,
    loss_curve,
    playground_snapshots,
    probability_image,
    set_probability_image,
)
from nnlib.plot.classifiers import (  # noqa: F401
    MARGIN,
    PROBABILITY_SHADE,
    classifier_plane,
    cost_curve,
    mark_support_vectors,
    probability_contours,
    set_classifier_plane,
    two_class_points,
)
from nnlib.plot.descent import (  # noqa: F401
    PATH_COLORS,
    computational_graph,
    cost_contours,
    cost_levels,
    descent_path,
    path_grid,
    set_descent_path,
)
from nnlib.plot.logic import (  # noqa: F401
    GATE_NAMES,
    decision_line,
    gate_name,
    input_plane,
    set_decision_line,
    set_step_function,
    set_truth_points,
    step_function,
    threshold_circuit,
    threshold_plane,
    truth_points,
    weight_vector,
)
from nnlib.plot.networks import (  # noqa: F401
    NEUTRAL_EDGE,
    UNIT_FILLS,
    network_diagram,
    network_weights,
    weight_legend_handles,
)
from nnlib.plot.neurons import (  # noqa: F401
    NEIGHBOUR_EDGE,
    NEIGHBOUR_FILL,
    NEURON_EDGE,
    NEURON_FILL,
    neuron_model_diagram,
    neuron_schematic,
    threshold_neuron_diagram,
)
from nnlib.plot.regularisation import (  # noqa: F401
    plane_grid,
    probability_panel,
    set_probability_panel,
    train_test_curves_plot,
)
from nnlib.plot.softmax import (  # noqa: F401
    class_regions,
    hidden_layer_view,
    probability_bars,
    scatter_classes,
)
from nnlib.plot.spikes import (  # noqa: F401
    SPIKE_PEAK,
    membrane_trace,
    rate_curve,
    set_membrane_trace,
    spike_raster,
)
from nnlib.plot.style import (  # noqa: F401
    BOOK_WIDTH,
    BOUNDARY,
    CLASS_COLORS,
    CLASS_MARKERS,
    CURVE,
    DERIVATIVE,
    EXCITATORY,
    INHIBITORY,
    OKABE_ITO,
    STYLE,
    new_figure,
    use_style,
)
from nnlib.plot.universality import (  # noqa: F401
    APPROXIMATION,
    TARGET,
    bump_grid,
    bump_plot,
    set_bump_plot,
)
