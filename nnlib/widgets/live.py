"""Run an explorer without a Jupyter kernel: its controls as JSON, actions in, frames out.

The rendered book has no kernel. Its live pages (``book/_live/live.js``) run nnlib in a
WebAssembly Python inside the reader's tab, and this module is all that tab's Python is
asked to do. It knows nothing about a particular widget: it walks an :class:`Explorer`'s
``widget`` tree (the boxes, sliders, dropdowns, buttons, ``Play`` and HTML readouts the
notebook shows), describes each piece as JSON, applies the page's actions to the same
ipywidgets objects a kernel would change, and answers with the figure (a PNG) and the
state of every piece. A chapter gets a live widget by writing its explorer, nothing more.

How a page knows which explorer a saved widget is: when an explorer is built by a public
function of :mod:`nnlib.widgets` (``widgets.threshold_neuron()``), it records that
function's name and the arguments that differ from their defaults
(:func:`factory_origin`). When it is displayed, it adds them to its box as DOM classes
(:func:`origin_classes`), which the notebook saves with the widget's state and the book
prints into the page. The page reads them back (:func:`parse_origin` is the Python
twin of that reading) and asks this module to build the same explorer.

The page talks to this module through one function, :func:`handle`, one JSON message in
and one JSON answer out::

    {"op": "open", "key": "w1", "factory": "threshold_neuron", "kwargs": {}}
        -> {"ok": true, "spec": {...}, "frame": {...}}
    {"op": "act", "key": "w1", "action": {"i": 2, "op": "set", "value": 1.5}}
        -> {"ok": true, "frame": {"png": "<base64>", "state": [...]}}

Actions (``i`` is a piece's index in ``spec["widgets"]``):

* ``set``: ``value`` for sliders, checkboxes and text boxes; ``index`` (the option's
  position) for dropdowns, selection sliders, toggle and radio buttons.
* ``click``: press a button.
* ``play`` / ``pause`` / ``stop`` / ``tick``: a ``Play`` control. The page keeps the
  timer and sends ``tick`` at the control's ``interval``; each tick advances the value by
  ``step`` while ``playing`` (the explorer may stop play itself, and the state says so).
"""

from __future__ import annotations

import base64
import binascii
import inspect
import json
import sys
import traceback

import ipywidgets as widgets

__all__ = [
    "FACTORY_CLASS",
    "LiveExplorer",
    "factory_origin",
    "handle",
    "origin_classes",
    "parse_origin",
]

#: DOM class every explorer's box carries; ``FACTORY_CLASS + "--" + name`` names its
#: factory and ``FACTORY_CLASS + "-args--" + base64url(JSON)`` its non-default arguments.
FACTORY_CLASS = "nnlib-explorer"
_NAME_PREFIX = FACTORY_CLASS + "--"
_ARGS_PREFIX = FACTORY_CLASS + "-args--"

#: Controls whose value is one of a list of options: the page sets them by position.
_SELECTIONS = (widgets.Dropdown, widgets.SelectionSlider, widgets.ToggleButtons,
               widgets.RadioButtons, widgets.Select)
#: Sliders with a numeric value between ``min`` and ``max``.
_SLIDERS = (widgets.IntSlider, widgets.FloatSlider, widgets.FloatLogSlider)
#: Boxes of a number or a text typed by the reader.
_TEXTS = (widgets.IntText, widgets.FloatText, widgets.BoundedIntText,
          widgets.BoundedFloatText, widgets.Text)
#: Read-only pieces whose ``value`` is HTML (tables, readouts) or plain text.
_OUTPUTS = (widgets.HTML, widgets.HTMLMath, widgets.Label)


# --- which explorer a saved widget is ---------------------------------------------------

def _public_factories() -> dict:
    """The explorers' factories: the public functions of :mod:`nnlib.widgets`, by name,
    except the helpers of its ``base`` and ``live`` modules."""
    import nnlib.widgets as package

    return {name: obj for name, obj in vars(package).items()
            if not name.startswith("_") and inspect.isfunction(obj)
            and obj.__module__ not in ("nnlib.widgets.base", __name__)}


def factory_origin():
    """The public :mod:`nnlib.widgets` function building the explorer now, and its arguments.

    Called from :meth:`Explorer.__init__`. It walks up the call stack to the outermost
    frame of a factory (:func:`_public_factories`: the function the notebook called, such
    as ``threshold_neuron``) and reads the arguments that differ from the function's
    defaults from that frame.

    Returns
    -------
    (str, dict) or None
        The factory's name and its non-default arguments (JSON-ready: numbers, strings,
        booleans, lists), or None when no factory is on the stack (an explorer built
        directly from its class) or an argument cannot be written as JSON.
    """
    codes = {function.__code__: function for function in _public_factories().values()}
    frame = sys._getframe(1)
    found = None
    while frame is not None:
        if frame.f_code in codes:
            found = (codes[frame.f_code], dict(frame.f_locals))
        frame = frame.f_back
    if found is None:
        return None
    function, local = found
    kwargs = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            return None
        value = local.get(name, parameter.default)
        if parameter.default is not inspect.Parameter.empty and _same(value, parameter.default):
            continue
        value = _jsonable(value)
        if value is None:
            return None
        kwargs[name] = value
    return function.__name__, kwargs


def _same(a, b) -> bool:
    """Whether an argument ``a`` equals its default ``b`` (5 and 5.0 alike; True and 1 not)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    try:
        return type(a) is type(b) and bool(a == b)
    except (TypeError, ValueError):
        return False


def _jsonable(value):
    """``value`` as plain JSON data, or None if it is not numbers, strings and lists."""
    if isinstance(value, tuple):
        value = list(value)
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return json.loads(text)


def origin_classes(origin) -> list:
    """The DOM classes that name an explorer's factory and arguments in its saved state.

    >>> origin_classes(("threshold_neuron", {}))
    ['nnlib-explorer', 'nnlib-explorer--threshold_neuron']
    >>> origin_classes(("playground", {"depth": 1}))[-1]
    'nnlib-explorer-args--eyJkZXB0aCI6IDF9'
    """
    if origin is None:
        return []
    name, kwargs = origin
    classes = [FACTORY_CLASS, _NAME_PREFIX + name]
    if kwargs:
        encoded = base64.urlsafe_b64encode(json.dumps(kwargs, sort_keys=True).encode())
        classes.append(_ARGS_PREFIX + encoded.decode().rstrip("="))
    return classes


def parse_origin(dom_classes):
    """The (factory name, arguments) that :func:`origin_classes` wrote, or None.

    >>> parse_origin(["nnlib-explorer", "nnlib-explorer--playground",
    ...               "nnlib-explorer-args--eyJkZXB0aCI6IDF9"])
    ('playground', {'depth': 1})
    """
    name, kwargs = None, {}
    for cls in dom_classes:
        if cls.startswith(_ARGS_PREFIX):
            encoded = cls[len(_ARGS_PREFIX):]
            try:
                kwargs = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
            except (binascii.Error, ValueError) as error:
                raise ValueError(f"cannot read the explorer's arguments from {cls!r}") from error
        elif cls.startswith(_NAME_PREFIX):
            name = cls[len(_NAME_PREFIX):]
    return None if name is None else (name, kwargs)


# --- an explorer driven by JSON ----------------------------------------------------------

def _layout(widget) -> dict:
    layout = getattr(widget, "layout", None)
    keys = ("width", "max_width", "min_width", "flex_flow", "align_items", "justify_content")
    return {k: getattr(layout, k) for k in keys if layout is not None and getattr(layout, k, None)}


class LiveExplorer:
    """An :class:`~nnlib.widgets.Explorer` driven by JSON actions instead of a browser's
    widget messages.

    Parameters
    ----------
    explorer : Explorer
        Any explorer. Its ``widget`` (the tree of boxes the notebook displays) is walked
        once: every box becomes a node of :attr:`layout`, every other widget a numbered
        piece of :attr:`widgets`.

    Attributes
    ----------
    widgets : list of ipywidgets.Widget
        The pieces in display order; an action's ``i`` indexes this list.
    layout : dict
        The box tree: ``{"box": "VBox", "layout": {...}, "children": [...]}`` with
        ``{"widget": i}`` leaves.
    """

    def __init__(self, explorer):
        if not hasattr(explorer, "widget") or not hasattr(explorer, "render"):
            raise TypeError("LiveExplorer needs an nnlib.widgets Explorer (with .widget and "
                            f".render()); got {type(explorer).__name__}.")
        self.explorer = explorer
        self.widgets = []
        self.layout = self._walk(explorer.widget)

    @classmethod
    def from_origin(cls, factory: str, kwargs=None) -> LiveExplorer:
        """Build the explorer ``nnlib.widgets.<factory>(**kwargs)`` and wrap it.

        Raises
        ------
        ValueError
            If ``factory`` is not a public function of :mod:`nnlib.widgets`.
        """
        factories = _public_factories()
        if factory not in factories:
            raise ValueError(f"factory must be a public function of nnlib.widgets (one of "
                             f"{', '.join(sorted(factories))}); got {factory!r}.")
        return cls(factories[factory](**dict(kwargs or {})))

    def _walk(self, widget) -> dict:
        if isinstance(widget, widgets.Box):
            return {"box": type(widget).__name__, "layout": _layout(widget),
                    "children": [self._walk(child) for child in widget.children]}
        self.widgets.append(widget)
        return {"widget": len(self.widgets) - 1}

    # --- what the page draws ----------------------------------------------------------
    def describe(self) -> dict:
        """Everything the page needs to draw the controls: ``{"layout", "widgets"}``.

        Each piece is a dict with ``kind`` (the ipywidgets class name), ``group``
        ("slider", "selection", "checkbox", "text", "button", "play", "output" or
        "unsupported"), ``description``, ``tooltip``, ``layout``, and per group: ``min``,
        ``max``, ``step`` (and ``base`` for a log slider); ``options`` (labels);
        ``interval``; plus the current state (:meth:`state`).
        """
        specs = []
        for i, w in enumerate(self.widgets):
            spec = {"i": i, "kind": type(w).__name__, "group": self._group(w),
                    "description": getattr(w, "description", "") or "",
                    "tooltip": getattr(w, "tooltip", None) or "", "layout": _layout(w)}
            style = getattr(w, "style", None)
            if style is not None and getattr(style, "description_width", ""):
                spec["description_width"] = style.description_width
            if isinstance(w, _SLIDERS) or isinstance(w, widgets.Play):
                spec.update(min=w.min, max=w.max, step=w.step)
            if isinstance(w, widgets.FloatLogSlider):
                spec["base"] = w.base
            if isinstance(w, _SELECTIONS):
                spec["options"] = [str(label) for label in w._options_labels]
            if isinstance(w, widgets.Play):
                spec.update(interval=w.interval, repeat=bool(w.repeat))
            spec.update(self._state_of(w))
            specs.append(spec)
        return {"layout": self.layout, "widgets": specs}

    @staticmethod
    def _group(w) -> str:
        if isinstance(w, _SLIDERS):
            return "slider"
        if isinstance(w, _SELECTIONS):
            return "selection"
        if isinstance(w, (widgets.Checkbox, widgets.ToggleButton)):
            return "checkbox"
        if isinstance(w, _TEXTS):
            return "text"
        if isinstance(w, widgets.Button):
            return "button"
        if isinstance(w, widgets.Play):
            return "play"
        if isinstance(w, _OUTPUTS):
            return "output"
        return "unsupported"

    @staticmethod
    def _state_of(w) -> dict:
        state = {"disabled": bool(getattr(w, "disabled", False))}
        if isinstance(w, _SELECTIONS):
            index = w.index
            state.update(index=index,
                         readout="" if index is None else str(w._options_labels[index]))
        elif isinstance(w, _SLIDERS):
            fmt = w.readout_format or ("d" if isinstance(w, widgets.IntSlider) else ".2f")
            # The widget's own readout writes a minus sign (U+2212), as the notebook's does.
            state.update(value=w.value, readout=format(w.value, fmt).replace("-", "\u2212"))
        elif isinstance(w, widgets.Play):
            state.update(value=w.value, playing=bool(w.playing))
        elif isinstance(w, (widgets.Checkbox, widgets.ToggleButton, *_TEXTS, *_OUTPUTS)):
            state["value"] = w.value
        return state

    def state(self) -> list:
        """The current state of every piece (values, readouts, HTML), in order."""
        return [self._state_of(w) for w in self.widgets]

    def frame(self) -> dict:
        """The figure as base64 PNG and the state of every piece: ``{"png", "state"}``."""
        png = self.explorer.render().data
        return {"png": base64.b64encode(png).decode("ascii"), "state": self.state()}

    # --- what the reader did ------------------------------------------------------------
    def act(self, action: dict) -> None:
        """Apply one action of the page (see the module's docstring) to the explorer.

        Raises
        ------
        ValueError
            For an unknown piece, an action the piece does not take or a value out of range.
        """
        if not isinstance(action, dict):
            raise TypeError(f"action must be a dict; got {type(action).__name__}.")
        i, op = action.get("i"), action.get("op")
        if not isinstance(i, int) or not 0 <= i < len(self.widgets):
            raise ValueError(f"action's 'i' must be a piece index in [0, {len(self.widgets)}); "
                             f"got {i!r}.")
        w = self.widgets[i]
        group = self._group(w)
        if op == "set" and group == "selection":
            index = action.get("index")
            if not isinstance(index, int) or not 0 <= index < len(w._options_labels):
                raise ValueError(f"'index' must be an option position in "
                                 f"[0, {len(w._options_labels)}); got {index!r}.")
            w.index = index
        elif op == "set" and group == "slider":
            value = action.get("value")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"a slider's value must be a number; got {value!r}.")
            low, high = w.min, w.max
            if isinstance(w, widgets.FloatLogSlider):  # min and max are exponents
                low, high = w.base ** w.min * (1 - 1e-12), w.base ** w.max * (1 + 1e-12)
            if not low <= value <= high:
                raise ValueError(f"{w.description or 'slider'} takes values in "
                                 f"[{low:g}, {high:g}]; got {value!r}.")
            w.value = int(value) if isinstance(w, widgets.IntSlider) else float(value)
        elif op == "set" and group in ("checkbox", "text"):
            w.value = action.get("value")
        elif op == "click" and group == "button":
            w.click()
        elif group == "play" and op in ("play", "pause", "stop", "tick"):
            self._play(w, op)
        else:
            raise ValueError(f"a {type(w).__name__} does not take the action {op!r}.")

    @staticmethod
    def _play(w, op: str) -> None:
        if op == "play":
            if w.value >= w.max:  # as the notebook's control: play from the start again
                w.value = w.min
            w.playing = True
        elif op == "pause":
            w.playing = False
        elif op == "stop":
            w.playing = False
            w.value = w.min
        elif w.playing:  # tick
            if w.value + w.step <= w.max:
                w.value = w.value + w.step
            elif w.repeat:
                w.value = w.min
            else:
                w.playing = False


# --- the page's one entry point -----------------------------------------------------------

#: The explorers of this Python session, by the page's key.
_SESSION: dict = {}


def handle(message: str) -> str:
    """Answer one JSON message of the live page (see the module's docstring) with JSON.

    Errors do not raise: the answer is ``{"ok": false, "error": "<traceback>"}``.
    """
    try:
        request = json.loads(message)
        op, key = request.get("op"), request.get("key")
        if op == "open":
            live = LiveExplorer.from_origin(request["factory"], request.get("kwargs"))
            _SESSION[key] = live
            answer = {"spec": live.describe(), "frame": live.frame()}
        elif op == "act":
            if key not in _SESSION:
                raise ValueError(f"no explorer opened with key {key!r}.")
            live = _SESSION[key]
            live.act(request["action"])
            answer = {"frame": live.frame()}
        else:
            raise ValueError(f"op must be 'open' or 'act'; got {op!r}.")
    except Exception:  # noqa: BLE001 - the page shows the reason; Python stays usable
        return json.dumps({"ok": False, "error": traceback.format_exc()})
    return json.dumps({"ok": True, **answer})
