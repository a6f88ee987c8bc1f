"""Bad input to the foundation of nnlib gets a clear error naming what was expected and what came.

Each case gives the call, the error type and the *whole* message, so a vaguer message, a
numpy traceback or a silent answer all fail.
"""

import re

import numpy as np
import pytest

from nnlib import _validation as v
from nnlib import activations, data, gradcheck, losses, neuron

NAN = float("nan")
ACTIVATION_CHOICES = ("'exp', 'identity', 'leaky_relu', 'logistic', 'relu', 'softmax', 'step', "
                      "'tanh'")
LOSS_CHOICES = ("'binary_cross_entropy', 'categorical_cross_entropy', 'hinge', 'log_loss', "
                "'poisson', 'squared_error'")
RAGGED = "must be a rectangular array (every row the same length); got rows of different lengths."


def exactly(message):
    return "^" + re.escape(message) + "$"


CASES = {
    # ---------------------------------------------------------------- _validation
    "None": (lambda: v.as_float_array(None, "x"), TypeError,
             "x must be an array of numbers; got None."),
    "string": (lambda: v.as_float_array("abc", "x"), TypeError,
               "x must be an array of numbers; got str 'abc'."),
    "None inside": (lambda: v.as_float_array([1.0, None], "x"), TypeError,
                    "x must be an array of numbers; got None at index (1,)."),
    "string inside": (lambda: v.as_float_array([[1, 2], [3, "b"]], "X"), TypeError,
                      "X must be an array of numbers; got str 'b' at index (1, 1)."),
    "ragged": (lambda: v.as_float_array([[1, 2], [3]], "X"), ValueError, "X " + RAGGED),
    "complex": (lambda: v.as_float_array([1 + 2j], "z"), TypeError,
                "z must hold real numbers; got complex numbers (complex128)."),
    "NaN": (lambda: v.as_float_array([1.0, NAN], "x"), ValueError,
            "x must contain only finite numbers (no NaN or inf); got nan at index (1,)."),
    "inf in 2-D": (lambda: v.as_float_array([[1.0, 2.0], [np.inf, 0.0]], "X"), ValueError,
                   "X must contain only finite numbers (no NaN or inf); got inf at index (1, 0)."),
    "-inf scalar": (lambda: v.as_float_array(-np.inf, "theta"), ValueError,
                    "theta must contain only finite numbers (no NaN or inf); got -inf."),
    "1-D for 2-D": (lambda: v.as_float_array([1, 2, 3], "X", ndim=2), ValueError,
                    "X must be a 2-D array; got a 1-D array of shape (3,)."),
    "3-D for 1-D or 2-D": (lambda: v.as_float_array(np.zeros((2, 2, 2)), "x", ndim=(1, 2)),
                           ValueError, "x must be a 1-D or 2-D array; got a 3-D array of "
                           "shape (2, 2, 2)."),
    "scalar: bool": (lambda: v.check_scalar("b", True), TypeError,
                     "b must be a number; got bool True."),
    "scalar: list": (lambda: v.check_scalar("b", [1, 2]), TypeError,
                     "b must be a single real number; got list [1, 2]."),
    "scalar: NaN": (lambda: v.check_scalar("b", NAN), ValueError,
                    "b must be a finite number; got nan."),
    "positive: 0": (lambda: v.check_positive("h", 0), ValueError,
                    "h must be a positive number (> 0); got 0."),
    "non-negative: -1": (lambda: v.check_positive("noise", -1, allow_zero=True), ValueError,
                         "noise must be a non-negative number (>= 0); got -1."),
    "in range": (lambda: v.check_in_range("p", 1.5, 0, 1), ValueError,
                 "p must be between 0 and 1; got 1.5."),
    "integer: float": (lambda: v.check_integer("n", 2.5), TypeError,
                       "n must be an integer; got float 2.5."),
    "integer: too small": (lambda: v.check_integer("n", 0, minimum=1), ValueError,
                           "n must be an integer >= 1; got 0."),
    "numpy scalar shown plainly": (lambda: v.check_integer("n", np.float64(2.5)), TypeError,
                                   "n must be an integer; got float64 2.5."),
    "numpy negative step": (lambda: v.check_positive("h", np.float64(-1.0)), ValueError,
                            "h must be a positive number (> 0); got -1.0."),
    "choice": (lambda: v.check_choice("activation", "rleu", ["relu", "tanh"]), ValueError,
               "activation must be one of 'relu', 'tanh'; got 'rleu'."),
    "choice: not a string": (lambda: v.check_choice("loss", 3, ["hinge"]), TypeError,
                             "loss must be a string, one of 'hinge'; got int 3."),
    "same length": (lambda: v.check_same_length("X", np.zeros((4, 2)), "y", np.zeros(3)),
                    ValueError, "X and y must have the same number of samples; "
                    "got 4 samples in X and 3 in y."),
    "one feature": (lambda: v.check_n_features(np.zeros(1), np.zeros(2)), ValueError,
                    "x has 1 feature but w has 2 weights (one per feature); they must be equal."),
    "binary labels": (lambda: v.check_binary_labels(np.array([0.0, 2.0, 1.0, -1.0])),
                      ValueError, "y must contain only the labels 0 and 1; got -1, 2."),
    "int labels: fraction": (lambda: v.as_int_labels([0, 1.5]), ValueError,
                             "y must hold class labels 0, 1, 2, ... (non-negative integers); "
                             "got 1.5."),
    "int labels: too big": (lambda: v.as_int_labels([0, 3], n_classes=3), ValueError,
                            "y must hold class labels 0 to 2 (3 classes); got 3."),
    # --------------------------------------------------------------------- neuron
    "binary_inputs(0)": (lambda: neuron.binary_inputs(0), ValueError,
                         "n_inputs must be an integer >= 1; got 0."),
    "binary_inputs(2.0)": (lambda: neuron.binary_inputs(2.0), TypeError,
                           "n_inputs must be an integer; got float 2.0."),
    "binary_inputs(21)": (lambda: neuron.binary_inputs(21), ValueError,
                          "n_inputs must be an integer <= 20; got 21."),
    "x has 3 features, w 2": (lambda: neuron.weighted_sum([1, 2, 3], [5, 3]), ValueError,
                              "x has 3 features but w has 2 weights (one per feature); "
                              "they must be equal."),
    "rows have 3 features": (lambda: neuron.weighted_input([[1, 2, 3]], [5, 3], 4), ValueError,
                             "x has 3 features but w has 2 weights (one per feature); "
                             "they must be equal."),
    "w 2-D": (lambda: neuron.weighted_sum([1, 2], [[5, 3]]), ValueError,
              "w must be a 1-D array; got a 2-D array of shape (1, 2)."),
    "x 3-D": (lambda: neuron.fire(np.zeros((2, 2, 2)), [1, 2], 0), ValueError,
              "x must be a 1-D or 2-D array; got a 3-D array of shape (2, 2, 2)."),
    "theta string": (lambda: neuron.weighted_input([1, 0], [5, 3], "4"), TypeError,
                     "theta must be a single real number; got str '4'."),
    "theta NaN": (lambda: neuron.fire([1, 0], [5, 3], NAN), ValueError,
                  "theta must be a finite number; got nan."),
    "theta vector": (lambda: neuron.fire([1, 0], [5, 3], [1, 2]), TypeError,
                     "theta must be a single real number; got list [1, 2]."),
    "x None": (lambda: neuron.fire(None, [5, 3], 4), TypeError,
               "x must be an array of numbers; got None."),
    "x NaN": (lambda: neuron.fire([NAN, 1], [5, 3], 4), ValueError,
              "x must contain only finite numbers (no NaN or inf); got nan at index (0,)."),
    "w string": (lambda: neuron.truth_table(["a", 3], 4), TypeError,
                 "w must be an array of numbers; got str 'a' at index (0,)."),
    "table X 1-D": (lambda: neuron.truth_table([5, 3], 4, X=[0, 1]), ValueError,
                    "X must be a 2-D array; got a 1-D array of shape (2,)."),
    "table X columns": (lambda: neuron.truth_table([5, 3], 4, X=np.zeros((4, 3))), ValueError,
                        "X has 3 features but w has 2 weights (one per feature); "
                        "they must be equal."),
    "boundary: 3 weights": (lambda: neuron.decision_boundary([1, 2, 3], 0, (0, 1), (0, 1)),
                            ValueError, "w must hold 2 weights (w1, w2) for a line in the "
                            "plane; got a 1-D array of shape (3,)."),
    "boundary: xlim reversed": (lambda: neuron.decision_boundary([1, 2], 0, (1, 0), (0, 1)),
                                ValueError, "xlim must be a pair (low, high) with low < high; "
                                "got [1.0, 0.0]."),
    "boundary: ylim of 3": (lambda: neuron.decision_boundary([1, 2], 0, (0, 1), (0, 1, 2)),
                            ValueError, "ylim must be a pair (low, high) with low < high; "
                            "got [0.0, 1.0, 2.0]."),
    "boundary: ylim NaN": (lambda: neuron.decision_boundary([1, 2], 0, (0, 1), (0, NAN)),
                           ValueError, "ylim must contain only finite numbers (no NaN or "
                           "inf); got nan at index (1,)."),
    "bias from string": (lambda: neuron.bias_from_threshold("4"), TypeError,
                         "theta must be an array of numbers; got str '4'."),
    "threshold from None": (lambda: neuron.threshold_from_bias(None), TypeError,
                            "b must be an array of numbers; got None."),
    "augment 3-D": (lambda: neuron.augment(np.zeros((1, 2, 3))), ValueError,
                    "X must be a 1-D or 2-D array; got a 3-D array of shape (1, 2, 3)."),
    "Neuron activation": (lambda: neuron.Neuron([1, 2], activation="rleu"), ValueError,
                          f"activation must be one of {ACTIVATION_CHOICES}; got 'rleu'."),
    "Neuron softmax": (lambda: neuron.Neuron([1, 2], activation="softmax"), ValueError,
                       "activation must not be 'softmax' for a single Neuron: softmax turns a "
                       "vector of several scores into probabilities, and a Neuron has one "
                       "output (use 'logistic' for a probability)."),
    "Neuron 2-D w": (lambda: neuron.Neuron([[1, 2]]), ValueError,
                     "w must be a 1-D array; got a 2-D array of shape (1, 2)."),
    "Neuron b vector": (lambda: neuron.Neuron([1, 2], b=[1, 2]), TypeError,
                        "b must be a single real number; got list [1, 2]."),
    "Neuron X features": (lambda: neuron.Neuron([1, 2]).forward(np.zeros((5, 3))), ValueError,
                          "X has 3 features but w has 2 weights (one per feature); "
                          "they must be equal."),
    # ---------------------------------------------------------------- activations
    "activation name": (lambda: activations.get_activation("rleu"), ValueError,
                        f"activation must be one of {ACTIVATION_CHOICES}; got 'rleu'."),
    "activation not str": (lambda: activations.get_activation(3), TypeError,
                           f"activation must be a string, one of {ACTIVATION_CHOICES}; "
                           "got int 3."),
    "logistic of text": (lambda: activations.logistic("a"), TypeError,
                         "z must be an array of numbers; got str 'a'."),
    "tanh of None": (lambda: activations.tanh(None), TypeError,
                     "z must be an array of numbers; got None."),
    "step of ragged": (lambda: activations.step([[1, 2], [3]]), ValueError, "z " + RAGGED),
    "softmax of a number": (lambda: activations.softmax(3.0), ValueError,
                            "z must have at least one axis (a vector of scores) for softmax; "
                            "got a single number."),
    "softmax of nothing": (lambda: activations.softmax(np.zeros((2, 0))), ValueError,
                           "z must hold at least one score along axis -1; got shape (2, 0)."),
    "softmax axis": (lambda: activations.softmax([1.0, 2.0], axis=1), ValueError,
                     "axis must be an integer <= 0; got 1."),
    "softmax axis float": (lambda: activations.softmax([1.0, 2.0], axis=0.5), TypeError,
                           "axis must be an integer; got float 0.5."),
    "leaky slope": (lambda: activations.leaky_relu([1.0], negative_slope=-0.1), ValueError,
                    "negative_slope must be a non-negative number (>= 0); got -0.1."),
    # --------------------------------------------------------------------- losses
    "BCE label 2": (lambda: losses.binary_cross_entropy([0, 2], [1.0, 1.0]), ValueError,
                    "y must contain only the labels 0 and 1; got 2."),
    "BCE label -1": (lambda: losses.binary_cross_entropy([0, -1], [1.0, 1.0]), ValueError,
                     "y must contain only the labels 0 and 1; got -1."),
    "BCE lengths": (lambda: losses.binary_cross_entropy([0, 1], [1.0, 1.0, 1.0]), ValueError,
                    "y must have one row per sample (3); got 2."),
    "BCE z 3 columns": (lambda: losses.binary_cross_entropy(np.zeros((2, 2)), np.zeros((2, 3))),
                        ValueError, "y must have 3 columns (one per output); got a 2-D array "
                        "of shape (2, 2)."),
    "BCE empty": (lambda: losses.binary_cross_entropy([], []), ValueError,
                  "z must hold at least one sample; got a 1-D array of shape (0,)."),
    "BCE y text": (lambda: losses.binary_cross_entropy(["yes", "no"], [0.0, 1.0]), TypeError,
                   "y must be an array of numbers; got str 'yes' at index (0,)."),
    "CCE Z 1-D": (lambda: losses.categorical_cross_entropy([0, 1], [0.5, 0.5]), ValueError,
                  "Z must be a 2-D array; got a 1-D array of shape (2,)."),
    "CCE one class": (lambda: losses.categorical_cross_entropy([0], np.zeros((1, 1))),
                      ValueError, "one-hot targets need at least 2 classes (columns); got 1. "
                      "For one output use a logistic unit and 0/1 labels."),
    "CCE label = k": (lambda: losses.categorical_cross_entropy([0, 3], np.zeros((2, 3))),
                      ValueError, "y must hold class labels 0 to 2 (3 classes); got 3."),
    "CCE label -1": (lambda: losses.categorical_cross_entropy([0, -1], np.zeros((2, 3))),
                     ValueError, "y must hold class labels 0, 1, 2, ... (non-negative "
                     "integers); got -1."),
    "CCE one-hot columns": (lambda: losses.categorical_cross_entropy(np.eye(2), np.zeros((2, 3))),
                            ValueError, "y must have 3 columns (one per class); got a 2-D "
                            "array of shape (2, 2)."),
    "CCE one-hot two 1s": (lambda: losses.categorical_cross_entropy([[1, 0], [1, 1]],
                                                                    np.zeros((2, 2))),
                           ValueError, "y one-hot rows must hold a single 1 and 0 elsewhere; "
                           "got row 1: [1.0, 1.0]."),
    "CCE lengths": (lambda: losses.categorical_cross_entropy([0, 1, 2], np.zeros((4, 3))),
                    ValueError, "y must have one row per sample (4); got 3."),
    "hinge labels": (lambda: losses.hinge([-1, 0, 1], [0.0, 0.0, 0.0]), ValueError,
                     "y must contain labels -1 and +1 (or 0 and 1); got -1, 0, 1."),
    "hinge s shape": (lambda: losses.hinge([1, -1], np.zeros((2, 3))), ValueError,
                      "s must have shape (n_samples,) or (n_samples, 1) (one score per "
                      "sample); got a 2-D array of shape (2, 3)."),
    "squared shapes": (lambda: losses.squared_error([1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0]),
                       ValueError, "y must have one row per sample (4); got 3."),
    "squared outputs": (lambda: losses.squared_error(np.zeros((3, 2)), np.zeros((3, 1))),
                        ValueError, "y and y_hat must have the same shape; got (3, 2) and "
                        "(3, 1)."),
    "log_loss p > 1": (lambda: losses.log_loss([0, 1], [0.5, 1.5]), ValueError,
                       "p must hold probabilities in [0, 1]; got 1.5 (for logits use "
                       "binary_cross_entropy or categorical_cross_entropy)."),
    "log_loss p < 0": (lambda: losses.log_loss([0, 1], [[-0.2, 1.2], [0.5, 0.5]]), ValueError,
                       "p must hold probabilities in [0, 1]; got -0.2 (for logits use "
                       "binary_cross_entropy or categorical_cross_entropy)."),
    "log_loss label 2": (lambda: losses.log_loss([0, 2], [0.5, 0.5]), ValueError,
                         "y must contain only the labels 0 and 1; got 2."),
    "log_loss label = k": (lambda: losses.log_loss([0, 2], [[0.5, 0.5], [0.5, 0.5]]),
                           ValueError, "y must hold class labels 0 to 1 (2 classes); got 2."),
    "loss name": (lambda: losses.get_loss("mse"), ValueError,
                  f"loss must be one of {LOSS_CHOICES}; got 'mse'."),
    "loss name None": (lambda: losses.get_loss(None), TypeError,
                       f"loss must be a string, one of {LOSS_CHOICES}; got None."),
    # ------------------------------------------------------------------ gradcheck
    "f not callable": (lambda: gradcheck.numerical_gradient(3, [1.0]), TypeError,
                       "f must be a function (callable); got int 3."),
    "h zero": (lambda: gradcheck.numerical_gradient(np.sum, [1.0], h=0), ValueError,
               "h must be a positive number (> 0); got 0."),
    "h negative": (lambda: gradcheck.numerical_gradient(np.sum, [1.0], h=-1e-6), ValueError,
                   "h must be a positive number (> 0); got -1e-06."),
    "f returns a tuple": (lambda: gradcheck.numerical_gradient(
        lambda z: losses.binary_cross_entropy([1], z), [0.0]), TypeError,
        "f must return a single number; got a tuple of length 2 (for a loss that returns "
        "(loss, gradient), use lambda ...: loss(...)[0])."),
    "f returns an array": (lambda: gradcheck.numerical_gradient(lambda t: 2 * t, [1.0, 2.0]),
                           TypeError, "f must return a single number; got a 1-D array of "
                           "shape (2,)."),
    "f returns text": (lambda: gradcheck.numerical_gradient(lambda t: "x", [1.0]), TypeError,
                       "f must return a single number; got str 'x'."),
    "f returns NaN": (lambda: gradcheck.numerical_gradient(lambda t: NAN, [1.0, 2.0]),
                      ValueError, "f must return a finite number; got nan near x[(0,)]."),
    "gradient at NaN": (lambda: gradcheck.numerical_gradient(np.sum, [NAN]), ValueError,
                        "x must contain only finite numbers (no NaN or inf); got nan at "
                        "index (0,)."),
    "relative_error shapes": (lambda: gradcheck.relative_error([1.0, 2.0], [1.0, 2.0, 3.0]),
                              ValueError, "a and b must have the same shape; got (2,) and "
                              "(3,)."),
    # ----------------------------------------------------------------------- data
    "gate name": (lambda: data.logic_gate("XNOR"), ValueError,
                  "gate must be one of 'AND', 'NAND', 'NOR', 'NOT', 'OR', 'XOR'; got 'XNOR'."),
    "gate not str": (lambda: data.logic_gate(2), TypeError,
                     "gate must be a string, one of 'AND', 'NAND', 'NOR', 'NOT', 'OR', 'XOR'; "
                     "got int 2."),
    "three_classes n 0": (lambda: data.three_classes(0), ValueError,
                          "n_per_class must be an integer >= 1; got 0."),
    "three_classes n float": (lambda: data.three_classes(2.5), TypeError,
                              "n_per_class must be an integer; got float 2.5."),
    "three_classes seed": (lambda: data.three_classes(random_state=-1), ValueError,
                           "random_state must be an integer >= 0; got -1."),
    "moons n": (lambda: data.moons(n_samples=1), ValueError,
                "n_samples must be an integer >= 2; got 1."),
    "moons noise": (lambda: data.moons(noise=-0.1), ValueError,
                    "noise must be a non-negative number (>= 0); got -0.1."),
    "moons seed": (lambda: data.moons(random_state=1.5), TypeError,
                   "random_state must be an integer; got float 1.5."),
}


# A few representative messages are pinned word for word (EXACT); for the other cases the
# test asserts the behaviour (the error type, and a message that starts with the argument's
# name as the expected one does), so rewording a message does not break dozens of tests.
EXACT = {
    # _validation and data (every helper's message pattern)
    *(k for k in CASES if not k.startswith(("BCE", "CCE", "hinge", "squared", "log_loss",
                                             "loss name", "activation", "logistic", "relu",
                                             "tanh", "step", "softmax", "leaky", "jacobian",
                                             "f ", "h ", "gradient", "relative", "binary_inputs",
                                             "x ", "rows", "w ", "theta", "table", "boundary",
                                             "bias", "threshold", "augment", "Neuron"))),
    # the maths modules: one or two per kind of mistake
    "activation name", "softmax of a number",
    "BCE label 2", "BCE empty", "CCE one-hot two 1s", "CCE label = k", "squared outputs",
    "log_loss p > 1", "loss name",
    "f not callable", "f returns a tuple", "relative_error shapes",
    "x has 3 features, w 2", "theta NaN", "Neuron softmax", "boundary: xlim reversed",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gets_a_clear_error(case):
    call, error, message = CASES[case]
    if case in EXACT:
        with pytest.raises(error, match=exactly(message)):
            call()
    else:
        first_word = message.split()[0]
        with pytest.raises(error, match="^" + re.escape(first_word) + " "):
            call()


def test_nan_in_the_maths_propagates_as_in_numpy():
    """Activations and losses take the network's own numbers: NaN in, NaN out (no error)."""
    assert np.isnan(activations.relu([0.0, NAN])[1])
    with np.errstate(invalid="ignore"):
        assert np.isnan(activations.softmax_jacobian([np.inf, 0.0])).any()
        assert np.isnan(losses.binary_cross_entropy([0, 1], [NAN, 0.0])[0])


def test_as_float_array_accepts_good_input():
    np.testing.assert_array_equal(v.as_float_array([True, 2, 3.5], "x"), [1.0, 2.0, 3.5])
    assert v.as_float_array(np.arange(3, dtype=np.float32), "x").dtype == np.float64
    assert np.isnan(v.as_float_array([NAN], "x", finite=False)[0])
    assert v.as_float_array(np.array([1, 2], dtype=object), "x").dtype == np.float64
    assert v.check_scalar("b", np.array([2.5])) == 2.5
    assert v.check_positive("alpha", 0, allow_zero=True) == 0.0
    assert v.check_integer("n", np.int64(3), minimum=1) == 3
    np.testing.assert_array_equal(v.as_int_labels([0.0, 2.0, 1.0]), [0, 2, 1])
