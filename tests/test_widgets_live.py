"""nnlib.widgets.live: any explorer described as JSON, driven by JSON actions, under CPython.

The rendered book's live pages run this same module in a WebAssembly Python; here it runs
in the test's own Python, against every explorer of the book.
"""

import base64
import io
import json
import warnings

import ipywidgets
import numpy as np
import pytest
from PIL import Image

from nnlib import widgets
from nnlib.widgets import live
from nnlib.widgets.live import LiveExplorer

#: Every explorer factory of the book, found the way the live page finds them.
FACTORIES = sorted(live._public_factories())


def open_live(name, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return LiveExplorer.from_origin(name, kwargs)


def png_of(frame):
    return Image.open(io.BytesIO(base64.b64decode(frame["png"])))


def test_every_public_factory_is_an_explorer():
    assert len(FACTORIES) >= 9
    for name in FACTORIES:
        assert isinstance(getattr(widgets, name)(), widgets.Explorer), name


@pytest.mark.parametrize("name", FACTORIES)
def test_every_explorer_names_its_factory(name):
    explorer = getattr(widgets, name)()
    assert explorer.origin == (name, {})
    assert live.parse_origin(live.origin_classes(explorer.origin)) == (name, {})


def test_origin_records_only_the_arguments_that_differ_from_the_defaults():
    assert widgets.playground(depth=1, learning_rate=0.1).origin == (
        "playground", {"depth": 1, "learning_rate": 0.1})
    assert widgets.playground(depth=2).origin == ("playground", {})
    # 5 and 5.0 are the same starting value; the alias "sigmoid" is not the default name
    assert widgets.threshold_neuron(w1=5).origin == ("threshold_neuron", {})
    assert widgets.activation_explorer("sigmoid", w=2).origin == (
        "activation_explorer", {"activation": "sigmoid", "w": 2.0})


def test_an_explorer_built_from_its_class_has_no_origin():
    explorer = widgets.RegularisationExplorer()
    assert explorer.origin is None
    assert live.origin_classes(None) == []


def test_the_origin_reaches_the_saved_widget_state():
    """Displaying an explorer puts the classes on its box, which the notebook saves."""
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    explorer = widgets.playground(width=5)
    explorer._ipython_display_()
    classes = explorer.widget.get_state()["_dom_classes"]
    assert live.parse_origin(classes) == ("playground", {"width": 5})


def test_parse_origin_round_trips_unicode_and_rejects_garbage():
    origin = ("softmax_explorer", {"label": "θ ≥ −1", "values": [1, 2.5]})
    assert live.parse_origin(live.origin_classes(origin)) == origin
    assert live.parse_origin(["jp-OutputArea", "widget-vbox"]) is None
    with pytest.raises(ValueError, match="arguments"):
        live.parse_origin(["nnlib-explorer--playground", "nnlib-explorer-args--!!!"])


def test_from_origin_refuses_what_is_not_a_factory():
    with pytest.raises(ValueError, match="public function of nnlib.widgets"):
        LiveExplorer.from_origin("Explorer")
    with pytest.raises(ValueError, match="got 'os.system'"):
        LiveExplorer.from_origin("os.system")
    with pytest.raises(TypeError, match="Explorer"):
        LiveExplorer(object())


@pytest.mark.parametrize("name", FACTORIES)
def test_describe_lists_every_widget_of_the_tree_once(name):
    lv = open_live(name)
    spec = lv.describe()
    json.dumps(spec, allow_nan=False)  # plain JSON, as the page reads it
    leaves = []

    def walk(node):
        if "widget" in node:
            leaves.append(node["widget"])
        else:
            assert node["box"] in ("VBox", "HBox", "Box", "GridBox")
            for child in node["children"]:
                walk(child)

    walk(spec["layout"])
    assert leaves == list(range(len(spec["widgets"])))
    groups = {w["group"] for w in spec["widgets"]}
    assert "unsupported" not in groups, spec["widgets"]
    # every control the explorer names is among the pieces, with its value
    for control_name, control in lv.explorer.controls.items():
        assert control in lv.widgets, control_name
    # and the readouts/tables (the extras and any HTML in the tree) are there too
    assert "output" in groups


def test_a_description_of_a_slider_and_a_dropdown():
    spec = open_live("activation_explorer").describe()["widgets"]
    by_description = {w["description"]: w for w in spec}
    w = by_description["weight w"]
    assert (w["kind"], w["group"], w["min"], w["max"], w["step"], w["value"],
            w["readout"]) == ("FloatSlider", "slider", -10.0, 10.0, 0.1, 1.0, "1.0")
    a = by_description["activation"]
    assert a["group"] == "selection"
    assert a["options"] == [label for label, _ in widgets.ActivationExplorer.OPTIONS]
    assert a["options"][a["index"]] == "sigmoid"


def test_set_moves_the_control_and_the_frame_matches_the_explorer():
    lv = open_live("threshold_neuron")
    i = lv.widgets.index(lv.explorer.controls["theta"])
    before = lv.frame()
    lv.act({"i": i, "op": "set", "value": -1.5})
    assert lv.explorer.controls["theta"].value == -1.5
    after = lv.frame()
    assert after["png"] != before["png"]
    assert after["state"][i]["readout"] == "\u22121.5"  # a minus sign, as the notebook's
    table = lv.widgets.index(lv.explorer.table)
    assert after["state"][table]["value"] == lv.explorer.table.value
    assert "always fires" in after["state"][table]["value"]  # θ < 0: every input fires
    assert png_of(after).size == png_of(before).size


def test_selections_are_set_by_position():
    lv = open_live("activation_explorer")
    i = lv.widgets.index(lv.explorer.controls["activation"])
    lv.act({"i": i, "op": "set", "index": 4})
    assert lv.explorer.values["activation"] == "relu"
    assert lv.state()[i] == {"disabled": False, "index": 4, "readout": "ReLU"}


def test_a_log_slider_takes_its_value_not_its_exponent():
    lv = open_live("learning_rate_explorer")
    i = lv.widgets.index(lv.explorer.controls["eta"])
    lv.act({"i": i, "op": "set", "value": 10 ** -0.5})
    assert lv.explorer.controls["eta"].value == pytest.approx(10 ** -0.5)
    lv.act({"i": i, "op": "set", "value": 1.0})  # the top end, 10 ** 0
    with pytest.raises(ValueError, match="takes values in"):
        lv.act({"i": i, "op": "set", "value": 2.0})


def test_a_button_click_runs_the_explorers_handler():
    lv = open_live("neuron_classifier")
    i = lv.widgets.index(lv.explorer.step_button)
    w_before = lv.explorer.w.copy()
    lv.act({"i": i, "op": "click"})
    assert not np.array_equal(lv.explorer.w, w_before)
    state = lv.state()
    w1 = lv.widgets.index(lv.explorer.controls["w1"])
    assert state[w1]["value"] == lv.explorer.controls["w1"].value  # the page moves its slider
    assert "Last gradient step" in state[lv.widgets.index(lv.explorer.readout)]["value"]


def test_play_ticks_train_the_playground_and_stop_rewinds():
    lv = open_live("playground")
    p = lv.widgets.index(lv.explorer.play)
    lv.act({"i": p, "op": "tick"})  # not playing: a tick does nothing
    assert lv.explorer.run.epoch == 0
    lv.act({"i": p, "op": "play"})
    for _ in range(3):
        lv.act({"i": p, "op": "tick"})
    assert lv.explorer.run.epoch == 3 * lv.explorer.EPOCHS_PER_FRAME
    assert lv.state()[p] == {"disabled": False, "value": 3, "playing": True}
    readout = lv.widgets.index(lv.explorer.readout)
    assert lv.state()[readout]["value"].startswith("epoch 6 ")
    lv.act({"i": p, "op": "pause"})
    lv.act({"i": p, "op": "tick"})
    assert lv.explorer.run.epoch == 6
    lv.act({"i": p, "op": "stop"})
    assert lv.state()[p] == {"disabled": False, "value": 0, "playing": False}
    assert lv.explorer.run.epoch == 6  # rewinding play is not a tick and not a reset


def test_the_playground_stops_play_itself_on_reset():
    lv = open_live("playground")
    p = lv.widgets.index(lv.explorer.play)
    reset = next(i for i, w in enumerate(lv.widgets)
                 if isinstance(w, ipywidgets.Button) and w.description == "reset")
    lv.act({"i": p, "op": "play"})
    lv.act({"i": p, "op": "tick"})
    lv.act({"i": reset, "op": "click"})
    assert lv.state()[p]["playing"] is False  # the page's timer stops on this
    assert lv.explorer.run.epoch == 0


def test_play_stops_at_its_max():
    play = ipywidgets.Play(value=0, min=0, max=2, step=1)
    LiveExplorer._play(play, "play")
    for _ in range(3):
        LiveExplorer._play(play, "tick")
    assert (play.value, play.playing) == (2, False)
    LiveExplorer._play(play, "play")  # play again from the start, as the notebook's does
    assert (play.value, play.playing) == (0, True)


@pytest.mark.parametrize("action, message", [
    ({"i": 99, "op": "set", "value": 1}, "piece index"),
    ({"i": "0", "op": "set", "value": 1}, "piece index"),
    ({"i": 1, "op": "set", "value": "big"}, "must be a number"),
    ({"i": 1, "op": "set", "value": True}, "must be a number"),
    ({"i": 1, "op": "set", "value": 11.0}, "takes values in"),
    ({"i": 0, "op": "set", "index": 6}, "option position"),
    ({"i": 0, "op": "set", "value": "relu"}, "option position"),
    ({"i": 1, "op": "click"}, "does not take the action 'click'"),
    ({"i": 0, "op": "explode"}, "does not take the action"),
])
def test_bad_actions_say_what_was_expected(action, message):
    lv = open_live("activation_explorer")
    assert lv.widgets[0] is lv.explorer.controls["activation"]
    assert lv.widgets[1] is lv.explorer.controls["w"]
    with pytest.raises(ValueError, match=message):
        lv.act(action)
    with pytest.raises(TypeError, match="must be a dict"):
        lv.act([0, "set"])


def test_handle_opens_acts_and_reports_errors_as_json():
    opened = json.loads(live.handle(json.dumps(
        {"op": "open", "key": "k1", "factory": "softmax_explorer", "kwargs": {}})))
    assert opened["ok"] is True
    assert [w["description"] for w in opened["spec"]["widgets"]][:2] == ["logit z0", "logit z1"]
    png0 = opened["frame"]["png"]
    acted = json.loads(live.handle(json.dumps(
        {"op": "act", "key": "k1", "action": {"i": 0, "op": "set", "value": 5.0}})))
    assert acted["ok"] is True and acted["frame"]["png"] != png0
    for bad, reason in (({"op": "act", "key": "nope", "action": {}}, "no explorer opened"),
                        ({"op": "open", "key": "k2", "factory": "nope"}, "public function"),
                        ({"op": "fly"}, "op must be")):
        answer = json.loads(live.handle(json.dumps(bad)))
        assert answer["ok"] is False and reason in answer["error"]
    assert json.loads(live.handle("not json"))["ok"] is False


@pytest.mark.parametrize("name", FACTORIES)
def test_every_control_survives_its_extremes_live(name):
    """Each slider to both ends and each option of each selection, warnings as errors."""
    lv = open_live(name)
    spec = lv.describe()["widgets"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for w in spec:
            if w["group"] == "slider":
                ends = ((w["base"] ** w["min"], w["base"] ** w["max"]) if "base" in w
                        else (w["min"], w["max"]))
                for value in (*ends, w["value"]):
                    lv.act({"i": w["i"], "op": "set", "value": value})
                    lv.frame()
            elif w["group"] == "selection":
                for index in range(len(w["options"])):
                    lv.act({"i": w["i"], "op": "set", "index": index})
                    lv.frame()
                lv.act({"i": w["i"], "op": "set", "index": w["index"]})
            elif w["group"] == "button":
                lv.act({"i": w["i"], "op": "click"})
                lv.frame()


def test_chapters_1_to_7_widgets_start_without_sklearn_or_scipy():
    """A live page starts Python in the reader's tab and imports what its explorer needs.
    Importing scikit-learn (and the SciPy it imports) takes about a second natively and
    several seconds in the tab; the explorers of chapters 1-7 need neither (chapter 4's
    and 7's iris is read from scikit-learn's file by :func:`nnlib.data.iris`), so
    importing nnlib.widgets and building and drawing them must not import them; nor
    pyplot (a quarter of a second natively), which an explorer's own figure does not use."""
    import subprocess
    import sys

    factories = ("firing_rate_explorer", "threshold_neuron", "activation_explorer",
                 "neuron_classifier", "bump_approximator", "softmax_explorer",
                 "learning_rate_explorer")
    code = ("import sys; from nnlib import widgets; "
            f"[getattr(widgets, f)().render() for f in {factories!r}]; "
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')"
            " or m == 'matplotlib.pyplot'); "
            "assert not loaded, loaded[:5]")
    subprocess.run([sys.executable, "-c", code], check=True)
