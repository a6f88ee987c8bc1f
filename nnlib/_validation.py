"""Checks that turn a user's input into clean float64 arrays, or say clearly what is wrong.

Every public function in nnlib calls these at its entry point, so a mistake (a wrong
shape, a NaN, a string, an unknown name) stops there with a message that names what
was expected and what came, instead of a numpy traceback deep inside the maths or,
worse, a silently wrong answer.

All messages follow one pattern: ``"<name> must <expectation>; got <what came>."``
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

__all__ = [
    "as_float_array",
    "as_int_labels",
    "check_binary_labels",
    "check_choice",
    "check_finite",
    "check_in_range",
    "check_integer",
    "check_n_features",
    "check_positive",
    "check_same_length",
    "check_scalar",
    "describe",
    "format_choices",
]


def describe(x) -> str:
    """Describe a value in a few words for an error message.

    Parameters
    ----------
    x : object
        Anything a user passed.

    Returns
    -------
    str
        For example ``"a 1-D array of shape (3,)"``, ``"None"`` or ``"str 'abc'"``.
    """
    if isinstance(x, np.ndarray):
        if x.ndim == 0:
            return f"a 0-D array ({x.item()!r})"
        return f"a {x.ndim}-D array of shape {x.shape}"
    if x is None:
        return "None"
    if isinstance(x, np.generic):  # numpy scalar: "float64 2.5", not "np.float64(2.5)"
        return f"{type(x).__name__} {x.item()!r}"
    text = repr(x)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(x).__name__} {text}"


def _plain(value):
    """A numpy scalar as the Python number it holds, so that messages show 2.5."""
    return value.item() if isinstance(value, np.generic) else value


def _first_non_number(arr: np.ndarray) -> tuple[tuple[int, ...], object] | None:
    """Return (index, element) of the first element of an object array that is not a number."""
    for index, element in np.ndenumerate(arr):
        if not isinstance(element, numbers.Real | np.bool_):  # bool is a Real: 0/1
            return tuple(int(i) for i in index), element
    return None


def _first_non_numeric_text(arr: np.ndarray) -> tuple[tuple[int, ...], object]:
    """Return (index, text) of the first string in a text array that is not a number's
    spelling (or of the first string, if all are)."""
    items = [(tuple(int(i) for i in index), element.item())
             for index, element in np.ndenumerate(arr)]
    for index, text in items:
        try:
            float(text)
        except (TypeError, ValueError):
            return index, text
    return items[0] if items else ((), "")


def _ndim_text(ndim: int | tuple[int, ...]) -> str:
    ndims = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    return " or ".join(f"{d}-D" for d in ndims)


def as_float_array(x, name: str, ndim: int | tuple[int, ...] | None = None, *,
                   finite: bool = True) -> np.ndarray:
    """Convert ``x`` to a float64 ndarray, checking that it holds numbers.

    Parameters
    ----------
    x : array_like
        Numbers: a scalar, a (nested) list, a tuple or an ndarray. Booleans count as 0/1.
    name : str
        The argument's name, used in error messages (``"X"``, ``"w"``, ``"z"``).
    ndim : int or tuple of int, optional
        The allowed number of dimensions, e.g. ``2`` or ``(1, 2)``. None allows any.
    finite : bool, default True
        Also reject NaN and infinity (see :func:`check_finite`).

    Returns
    -------
    ndarray of float64
        A new array when a conversion was needed; ``x`` itself is never modified.

    Raises
    ------
    TypeError
        If ``x`` holds something that is not a number (a string, None, a complex number).
    ValueError
        If ``x`` is ragged, has the wrong number of dimensions, or holds NaN/inf.
    """
    if x is None:
        raise TypeError(f"{name} must be an array of numbers; got None.")
    if isinstance(x, str | bytes):
        raise TypeError(f"{name} must be an array of numbers; got {describe(x)}.")
    try:
        arr = np.asarray(x)
    except ValueError:  # ragged nested lists, e.g. [[1, 2], [3]]
        raise ValueError(
            f"{name} must be a rectangular array (every row the same length); "
            "got rows of different lengths."
        ) from None
    kind = arr.dtype.kind
    if kind == "c":
        raise TypeError(f"{name} must hold real numbers; got complex numbers ({arr.dtype}).")
    if kind in "USV" or (kind == "O" and _first_non_number(arr) is not None):
        index, element = _first_non_number(arr) if kind == "O" else _first_non_numeric_text(arr)
        where = f" at index {index}" if index else ""
        raise TypeError(
            f"{name} must be an array of numbers; got {describe(element)}{where}."
        )
    if kind not in "biufO":
        raise TypeError(f"{name} must be an array of numbers; got dtype {arr.dtype}.")
    arr = arr.astype(np.float64, copy=False)
    if ndim is not None:
        ndims = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in ndims:
            raise ValueError(
                f"{name} must be a {_ndim_text(ndims)} array; got {describe(arr)}."
            )
    if finite:
        check_finite(arr, name)
    return arr


def check_finite(x: np.ndarray, name: str) -> np.ndarray:
    """Raise ValueError if the float array ``x`` holds NaN or +-inf; else return ``x``.

    Parameters
    ----------
    x : ndarray of float
        The values to check.
    name : str
        The argument's name, used in the error message.

    Returns
    -------
    ndarray
        ``x`` unchanged.
    """
    bad = ~np.isfinite(x)
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if np.ndim(x) else ()
        value = np.asarray(x)[index] if index else np.asarray(x).item()
        where = f" at index {index}" if index else ""
        raise ValueError(
            f"{name} must contain only finite numbers (no NaN or inf); "
            f"got {float(value)}{where}."
        )
    return x


def check_scalar(name: str, value, *, finite: bool = True) -> float:
    """Return ``value`` as a Python float, or raise if it is not a single real number.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages (``"theta"``, ``"b"``).
    value : object
        A Python or numpy number, or a 0-D / one-element array.
    finite : bool, default True
        Also reject NaN and infinity.

    Returns
    -------
    float
    """
    if type(value) is float and (not finite or math.isfinite(value)):
        return value  # the common case, decided before the slower checks below
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a number; got {describe(value)}.")
    if isinstance(value, numbers.Real):
        result = float(value)
    elif isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        result = float(value.reshape(()))
    else:
        raise TypeError(f"{name} must be a single real number; got {describe(value)}.")
    if finite and not np.isfinite(result):
        raise ValueError(f"{name} must be a finite number; got {result}.")
    return result


def check_positive(name: str, value, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it is a finite number > 0 (>= 0 with ``allow_zero``).

    Parameters
    ----------
    name : str
        The argument's name, used in error messages (``"h"``, ``"learning_rate"``).
    value : object
        The number to check.
    allow_zero : bool, default False
        Accept 0 as well.

    Returns
    -------
    float
    """
    result = check_scalar(name, value)
    if result < 0 or (result == 0 and not allow_zero):
        expected = "a non-negative number (>= 0)" if allow_zero else "a positive number (> 0)"
        raise ValueError(f"{name} must be {expected}; got {_plain(value)!r}.")
    return result


def check_in_range(name: str, value, low: float, high: float) -> float:
    """Return ``value`` as a float if ``low <= value <= high``; else raise ValueError.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    value : object
        The number to check.
    low, high : float
        Inclusive bounds.

    Returns
    -------
    float
    """
    result = check_scalar(name, value)
    if not low <= result <= high:
        raise ValueError(f"{name} must be between {low} and {high}; got {_plain(value)!r}.")
    return result


def check_integer(name: str, value, *, minimum: int | None = None,
                  maximum: int | None = None) -> int:
    """Return ``value`` as an int if it is an integer within the bounds; else raise.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages (``"n_inputs"``).
    value : object
        A Python or numpy integer (booleans are refused).
    minimum, maximum : int, optional
        Inclusive bounds.

    Returns
    -------
    int
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {describe(value)}.")
    result = int(value)
    if minimum is not None and result < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {result}.")
    if maximum is not None and result > maximum:
        raise ValueError(f"{name} must be an integer <= {maximum}; got {result}.")
    return result


def check_layer_sizes(layer_sizes, what: str = "") -> tuple[int, ...]:
    """Units per layer, input first and output last, as a tuple of ints >= 1.

    Parameters
    ----------
    layer_sizes : sequence of int
        At least two entries (an input and an output layer).
    what : str, default ''
        What else the caller accepts, added to the TypeError (e.g. ``", or an MLP"``).

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> check_layer_sizes([2, 3, 1])
    (2, 3, 1)
    """
    if isinstance(layer_sizes, str | bytes) or not hasattr(layer_sizes, "__len__"):
        raise TypeError("layer_sizes must be a sequence of layer widths such as (2, 3, 1)"
                        f"{what}; got {describe(layer_sizes)}.")
    if len(layer_sizes) < 2:
        raise ValueError("layer_sizes must list at least an input and an output size, such "
                         f"as (2, 1); got {tuple(layer_sizes)!r}.")
    return tuple(check_integer(f"layer_sizes[{i}]", n, minimum=1)
                 for i, n in enumerate(layer_sizes))


def format_choices(choices: Iterable[str]) -> str:
    """Return the choices sorted and quoted: ``"'a', 'b', 'c'"``."""
    return ", ".join(repr(c) for c in sorted(choices))


def check_choice(name: str, value, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``; else raise with the list of choices.

    Parameters
    ----------
    name : str
        What is being chosen, used in the message (``"activation"``, ``"loss"``).
    value : object
        The user's choice; must be a string.
    choices : iterable of str
        The valid names.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If it is not one of the choices, for example
        ``activation must be one of 'identity', 'relu'; got 'rleu'.``
    """
    choices = list(choices)
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a string, one of {format_choices(choices)}; "
            f"got {describe(value)}."
        )
    if value not in choices:
        raise ValueError(
            f"{name} must be one of {format_choices(choices)}; got {_plain(value)!r}."
        )
    return value


def check_same_length(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray,
                      what: str = "samples") -> None:
    """Raise ValueError unless ``a`` and ``b`` have the same number of rows.

    Parameters
    ----------
    name_a, name_b : str
        The arguments' names (``"X"``, ``"y"``).
    a, b : ndarray
        Arrays whose first dimension counts samples.
    what : str, default "samples"
        What a row is, used in the message.
    """
    if len(a) != len(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same number of {what}; "
            f"got {len(a)} {what} in {name_a} and {len(b)} in {name_b}."
        )


def check_n_features(x: np.ndarray, w: np.ndarray, x_name: str = "x",
                     w_name: str = "w") -> None:
    """Raise ValueError unless the last axis of ``x`` matches the length of ``w``.

    Parameters
    ----------
    x : ndarray, shape (n_features,) or (n_samples, n_features)
        Inputs.
    w : ndarray, shape (n_features,) or (n_features, n_out)
        Weights, one row per input feature.
    x_name, w_name : str
        The arguments' names, used in the message, e.g.
        ``"x has 3 features but w has 2 weights (one per feature)."``
    """
    n_x = x.shape[-1]
    n_w = w.shape[0]
    if n_x != n_w:
        raise ValueError(
            f"{x_name} has {n_x} feature{'s' if n_x != 1 else ''} but {w_name} has "
            f"{n_w} weight{'s' if n_w != 1 else ''} (one per feature); "
            "they must be equal."
        )


def check_binary_labels(y: np.ndarray, name: str = "y") -> np.ndarray:
    """Raise ValueError unless every entry of ``y`` is 0 or 1; return ``y``.

    Parameters
    ----------
    y : ndarray of float
        Labels.
    name : str, default "y"
        The argument's name, used in the message.

    Returns
    -------
    ndarray
        ``y`` unchanged.
    """
    bad = (y != 0) & (y != 1)
    if np.any(bad):
        found = np.unique(y[bad])[:5]
        raise ValueError(
            f"{name} must contain only the labels 0 and 1; "
            f"got {', '.join(f'{v:g}' for v in found)}."
        )
    return y


def as_int_labels(y, name: str = "y", n_classes: int | None = None) -> np.ndarray:
    """Convert class labels 0, 1, ..., k-1 to a 1-D int array.

    Parameters
    ----------
    y : array_like, shape (n_samples,)
        Class indices; floats are accepted if they are whole numbers (2.0).
    name : str, default "y"
        The argument's name, used in error messages.
    n_classes : int, optional
        If given, every label must be below it.

    Returns
    -------
    ndarray of int64, shape (n_samples,)
    """
    arr = as_float_array(y, name, ndim=1)
    if np.any(arr != np.round(arr)) or np.any(arr < 0):
        bad = arr[(arr != np.round(arr)) | (arr < 0)][0]
        raise ValueError(
            f"{name} must hold class labels 0, 1, 2, ... (non-negative integers); got {bad:g}."
        )
    labels = arr.astype(np.int64)
    if n_classes is not None and labels.size and labels.max() >= n_classes:
        raise ValueError(
            f"{name} must hold class labels 0 to {n_classes - 1} ({n_classes} classes); "
            f"got {labels.max()}."
        )
    return labels
