"""Chapter 8's playground: driven headless, checked against nnlib's training run."""

import io
import itertools
import warnings

import numpy as np
import pytest
from PIL import Image

from nnlib import plot, widgets
from nnlib.data import playground_split
from nnlib.training import TrainingRun
from nnlib.widgets import Playground


@pytest.fixture
def pg():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield widgets.playground()


def tick(pg, n=1):
    """What the Play widget does on every tick of its timer (play pressed first)."""
    pg.play.playing = True
    for _ in range(n):
        pg.play.value += 1


def test_builds_with_no_arguments(pg):
    assert isinstance(pg, Playground)
    v = pg.values
    assert (v["dataset"], v["depth"], v["width"], v["activation"]) == ("moons", 2, 3, "relu")
    assert pg.run.epoch == 0
    assert pg.run.net.layer_sizes == (2, 3, 3, 1)
    assert "epoch 0" in pg.readout.value
    png = pg.render().data
    assert Image.open(io.BytesIO(png)).size[0] >= 600


def test_the_map_is_the_runs_probabilities(pg):
    tick(pg, 3)
    proba = pg.run.predict_proba(pg.grid).reshape(pg.RESOLUTION, pg.RESOLUTION)
    np.testing.assert_array_equal(pg.image.get_array(), proba)
    hidden = pg.run.hidden_activations(pg.grid, 1)
    for i in range(3):
        np.testing.assert_array_equal(pg.tiles[i].get_array(),
                                      hidden[:, i].reshape(pg.RESOLUTION, pg.RESOLUTION))
    assert [ax.get_visible() for ax in pg.ax_units] == [True] * 3 + [False] * 5


def test_play_trains_and_the_loss_falls(pg):
    loss0 = pg.run.train_loss[0]
    tick(pg, 40)
    assert pg.run.epoch == 40 * pg.EPOCHS_PER_FRAME
    assert pg.run.train_loss[-1] < 0.6 * loss0
    assert pg.run.test_loss[-1] < pg.run.test_loss[0]
    x, y = pg.train_line.get_data()
    np.testing.assert_array_equal(y, pg.run.train_loss)
    assert f"epoch {pg.run.epoch}" in pg.readout.value


def test_the_same_as_a_run_outside_the_widget(pg):
    tick(pg, 5)
    X_train, X_test, y_train, y_test = playground_split("moons", 300, 0.1, 42)
    run = TrainingRun(X_train, y_train, X_test, y_test, (3, 3), "relu", "sgd", 0.03, 0.0,
                      0.0, 30, random_state=0).step(5 * pg.EPOCHS_PER_FRAME)
    np.testing.assert_array_equal(run.train_loss, pg.run.train_loss)


def test_step_button_and_reset(pg):
    first = pg.run.net.get_weights()[0][0].copy()
    pg.buttons["step"].click()
    assert pg.run.epoch == pg.EPOCHS_PER_FRAME
    tick(pg, 4)
    pg.play.playing = True
    pg.buttons["reset"].click()
    assert pg.run.epoch == 0 and not pg.play.playing
    assert len(pg.run.train_loss) == 1
    np.testing.assert_array_equal(pg.run.net.get_weights()[0][0], first)
    assert len(pg.train_line.get_xdata()) == 1


def test_a_tick_that_arrives_after_reset_is_ignored(pg):
    tick(pg, 3)
    pg.buttons["reset"].click()  # stops play in the kernel
    pg.play.value += 1  # a tick the browser sent before it heard of the reset
    assert pg.run.epoch == 0 and not pg.play.playing


def test_play_rewound_by_stop_is_not_a_tick(pg):
    tick(pg, 2)
    epoch = pg.run.epoch
    pg.play.value = 0  # play's stop button
    assert pg.run.epoch == epoch


def test_training_controls_change_the_running_network(pg):
    tick(pg, 5)
    epoch = pg.run.epoch
    net = pg.run.net
    pg.controls["learning_rate"].value = 0.1
    pg.controls["alpha"].value = 0.01
    pg.controls["batch_size"].value = 100
    assert pg.run.epoch == epoch and pg.run.net is net
    assert pg.run.optimizer.learning_rate == 0.1
    assert (pg.run.alpha, pg.run.batch_size) == (0.01, 100)
    pg.controls["dropout"].value = 0.2
    assert pg.run.epoch == epoch and pg.run.net.dropout == 0.2
    tick(pg)
    assert pg.run.epoch == epoch + pg.EPOCHS_PER_FRAME


@pytest.mark.parametrize(("name", "value"), [("dataset", "spiral"), ("noise", 0.3),
                                             ("n_points", 100), ("depth", 3), ("width", 5),
                                             ("activation", "tanh"), ("seed", 4)])
def test_problem_controls_start_a_new_run(pg, name, value):
    tick(pg, 3)
    pg.controls[name].value = value
    assert pg.run.epoch == 0
    v = pg.values
    assert pg.run.net.layer_sizes == (2, *(v["width"],) * v["depth"], 1)
    assert pg.run.X_train.shape[0] + pg.run.X_test.shape[0] == v["n_points"]


def test_no_hidden_layer(pg):
    pg.controls["depth"].value = 0
    tick(pg, 2)
    assert not any(ax.get_visible() for ax in pg.ax_units)
    assert pg.no_hidden.get_visible()
    pg.render()


def _extremes(control):
    if hasattr(control, "options"):
        opts = control.options
        values = [o[1] if isinstance(o, tuple) else o for o in opts]
        return [values[0], values[-1]] if len(values) > 2 else values
    return [control.min, control.max]


def test_every_control_at_its_extremes_survives(pg):
    """Each control at each end, combined with the other controls at theirs, pairwise."""
    names = list(pg.controls)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, other in itertools.combinations(names, 2):
            for a, b in itertools.product(_extremes(pg.controls[name]),
                                          _extremes(pg.controls[other])):
                pg.controls[name].value = a
                pg.controls[other].value = b
                tick(pg)
        for name in names:  # every option of the dropdowns
            control = pg.controls[name]
            for value in getattr(control, "options", []):
                control.value = value[1] if isinstance(value, tuple) else value
                tick(pg)
        pg.render()


def test_a_diverging_run_stops_and_says_so(pg):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg.controls["activation"].value = "identity"
        pg.controls["depth"].value = 4
        pg.controls["width"].value = 8
        pg.controls["learning_rate"].value = 3.0
        pg.controls["batch_size"].value = 1
        pg.play.playing = True
        tick(pg, 3)
        assert pg.run.diverged
        assert not pg.play.playing
        assert "diverged" in pg.readout.value
        epoch = pg.run.epoch
        tick(pg)
        assert pg.run.epoch == epoch
        pg.render()
        pg.buttons["reset"].click()
        assert not pg.run.diverged


def test_loss_axis_follows_the_run(pg):
    tick(pg, 10)
    assert pg.ax_loss.get_xlim()[1] >= pg.run.epoch
    assert pg.ax_loss.get_ylim()[1] >= max(pg.run.train_loss)


def test_static_snapshots_show_the_run_at_each_epoch():
    X_train, X_test, y_train, y_test = playground_split("moons", 300, 0.1, 42)
    run = TrainingRun(X_train, y_train, X_test, y_test, (3, 3))
    fig, axes = plot.playground_snapshots(run, epochs=(0, 5, 12))
    assert run.epoch == 12 and len(axes) == 3
    assert [ax.get_title().splitlines()[0] for ax in axes] == ["epoch 0", "epoch 5", "epoch 12"]
    image = axes[-1].images[0].get_array()
    ref = TrainingRun(X_train, y_train, X_test, y_test, (3, 3)).step(12)
    from nnlib.plot import boundary_grid
    _, _, grid = boundary_grid(np.vstack([X_train, X_test]), 0.5, 60)
    np.testing.assert_array_equal(image.ravel(), ref.predict_proba(grid))
    with pytest.raises(ValueError, match="increase"):
        plot.playground_snapshots(run, epochs=(20, 10))


def test_a_frame_drawn_over_the_kept_background_equals_a_full_draw(pg):
    # render() draws only the moving artists on a kept background; after frames, a
    # training control, a restart and a new data set it must match a full draw
    def same_as_full_draw():
        fast = np.asarray(Image.open(io.BytesIO(pg.render().data))).astype(int)
        pg.fig.canvas.draw()
        full = np.asarray(pg.fig.canvas.buffer_rgba())[..., :3].astype(int)  # frames are RGB
        return np.abs(fast - full).max() <= 2

    pg.render()
    tick(pg, 8)   # the loss axes grow from 10 to 20 epochs on the way
    assert same_as_full_draw()
    pg.controls["learning_rate"].value = 0.3
    tick(pg, 3)
    assert same_as_full_draw()
    pg.controls["width"].value = 8
    tick(pg)
    assert same_as_full_draw()
    pg.controls["dataset"].value = "spiral"
    pg.controls["depth"].value = 0
    tick(pg)
    assert same_as_full_draw()


def test_the_loss_axes_grow_in_steps(pg):
    from nnlib.widgets.playground import _next_step

    assert [_next_step(x) for x in (1, 10, 11, 20, 21, 51, 101, 999, 1001)] == [
        10, 10, 20, 20, 50, 100, 200, 1000, 2000]
    tick(pg, 6)
    assert pg.ax_loss.get_xlim() == (0, 20)


def test_a_new_seed_keeps_the_background_and_still_draws_right(pg):
    # the seed changes the network, not the data: the map's axes stay as they are
    pg.render()
    pg.controls["seed"].value = 7
    assert pg._background is not None
    fast = np.asarray(Image.open(io.BytesIO(pg.render().data))).astype(int)
    pg.fig.canvas.draw()
    assert np.abs(fast - np.asarray(pg.fig.canvas.buffer_rgba())[..., :3]).max() <= 2
    pg.controls["noise"].value = 0.5   # new data, new limits: drawn in full again
    assert pg._background is None


class _Shown:
    """Stands in for the display handle: keeps every picture the playground shows."""

    def __init__(self):
        self.pictures = []

    def update(self, image):
        self.pictures.append(image.data)


def test_a_reset_waits_for_a_tick_on_another_thread(pg):
    """ipykernel 7 can deliver Play's ticks on a subshell's thread while a button's click
    runs on the main one. A click that arrives while a tick holds the playground waits
    for it, and the picture shown last is the new run's first."""
    import threading

    pg._handle = _Shown()
    first = pg.render().data
    tick(pg, 6)
    with pg._lock:  # a tick is drawing on another thread
        clicker = threading.Thread(target=pg.buttons["reset"].click)
        clicker.start()
        clicker.join(timeout=0.5)
        assert clicker.is_alive(), "reset ran while a tick held the playground"
        assert pg.run.epoch == 6 * pg.EPOCHS_PER_FRAME
    clicker.join()
    assert pg.run.epoch == 0 and not pg.play.playing
    assert pg._handle.pictures[-1] == first


def test_ticks_and_a_reset_from_two_threads_end_on_the_first_picture(pg):
    """Ticks on one thread, reset on another, many times over: each handler runs whole,
    so the last picture shown is always the new run's first (a picture drawn half from
    the old run and half from the new one was what the browser test once caught)."""
    import threading

    pg._handle = _Shown()
    first = pg.render().data
    for _ in range(5):
        pg.play.playing = True
        ticker = threading.Thread(target=lambda: [pg._on_tick({"old": i, "new": i + 1})
                                                  for i in range(30)])
        ticker.start()
        pg.buttons["reset"].click()
        ticker.join()
        assert pg.run.epoch == 0 and not pg.play.playing
        assert pg._handle.pictures[-1] == first
