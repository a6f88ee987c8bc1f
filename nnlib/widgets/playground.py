"""Chapter 8's widget: the playground, the book's answer to TensorFlow Playground.

A network trains on a two-class data set in the reader's kernel while they watch. An
``ipywidgets.Play`` ticks; every tick trains a few epochs (:class:`nnlib.training.
TrainingRun`) and redraws: the plane coloured by P(class 1), the train and test loss
curves, and each first-layer hidden unit's output over the plane as a small tile. Between
ticks the kernel is free, so pause, the sliders and reset answer at once.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from nnlib import plot
from nnlib.data import PLAYGROUND_DATA, playground_split
from nnlib.plot.boundaries import (
    boundary_grid,
    probability_image,
    set_probability_image,
)
from nnlib.training import SOLVERS, TrainingRun
from nnlib.widgets.base import one_at_a_time
from nnlib.widgets.blit import BlitExplorer

__all__ = ["Playground", "playground"]

#: A hidden unit's output: negative blue, zero white, positive orange (as TF Playground).
UNIT_CMAP = LinearSegmentedColormap.from_list(
    "unit_output", [plot.OKABE_ITO["blue"], "#FFFFFF", plot.OKABE_ITO["orange"]])


class Playground(BlitExplorer):
    """Train a small network on a two-class data set and watch it learn.

    Controls that change the problem or the network (data set, noise, points, depth,
    width, activation, seed) start a new run at epoch 0. Controls of the training
    (solver, learning rate, α, dropout, batch size) act on the running network from the
    next epoch on. ``play`` (an ``ipywidgets.Play``) trains ``EPOCHS_PER_FRAME`` epochs
    per tick; the buttons take one such step or reset the run. Built by
    :func:`playground`.
    """

    #: Epochs trained per tick of play (and per press of step).
    EPOCHS_PER_FRAME = 2
    #: Points along each side of the grid the maps are drawn on.
    RESOLUTION = 60
    #: Hidden units of the first layer shown as tiles (the widest layer allowed).
    MAX_WIDTH = 8
    #: Controls that start a new run; the others change the running one.
    RESTART = ("dataset", "noise", "n_points", "depth", "width", "activation", "seed")

    def __init__(self, controls, play, buttons, readout):
        self.play, self.buttons, self.readout = play, buttons, readout
        plot.use_style()
        fig = Figure(figsize=(plot.BOOK_WIDTH, 5.4), layout="constrained")
        FigureCanvasAgg(fig)
        grid = fig.add_gridspec(2, self.MAX_WIDTH, height_ratios=(3.2, 1.0))
        self.ax_map = fig.add_subplot(grid[0, :4])
        self.ax_loss = fig.add_subplot(grid[0, 4:])
        self.ax_units = [fig.add_subplot(grid[1, i]) for i in range(self.MAX_WIDTH)]
        self._draw_static(fig)
        self._restart_values = None
        self.run = None
        super().__init__(controls, fig, extra=[])
        self.widget = widgets.VBox([
            widgets.HBox(list(controls.values())[:4], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(list(controls.values())[4:7],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(list(controls.values())[7:], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([play, *buttons.values(), readout],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
        ])
        play.observe(self._on_tick, names="value")
        buttons["step"].on_click(lambda _: self.advance())
        buttons["reset"].on_click(lambda _: self.reset())
        # room at the right for the loss axis's last epoch label, which moves as it grows
        fig.get_layout_engine().set(rect=(0.0, 0.0, 0.96, 1.0))
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")  # laid out once: a frame need not measure text

    # --- the figure's artists, made once --------------------------------------------------
    def _draw_static(self, fig):
        ax = self.ax_map
        self.image = probability_image(ax, (-1, 1, -1, 1), self.RESOLUTION)
        self.points = {}
        for part, hollow in (("train", False), ("test", True)):
            for k in (0, 1):
                style = ({"facecolors": "white", "edgecolors": plot.CLASS_COLORS[k],
                          "linewidths": 1.2} if hollow else
                         {"color": plot.CLASS_COLORS[k], "edgecolors": "black",
                          "linewidths": 0.5})
                self.points[part, k] = ax.scatter(
                    [], [], s=14, marker=plot.CLASS_MARKERS[k], zorder=3,
                    label=f"class {k}, {part}", **style)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.grid(False)
        ax.set_title("P(class 1): filled = training, hollow = test", fontsize=10,
                     y=1.0)  # a fixed place: nothing is above the axes to avoid
        # Few ticks and no legend box: text is most of what a frame draws.
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax = self.ax_loss
        (self.train_line,) = ax.plot([], [], color=plot.OKABE_ITO["blue"], lw=2,
                                     label="training loss")
        (self.test_line,) = ax.plot([], [], color=plot.OKABE_ITO["vermillion"], lw=2,
                                    ls="--", label="test loss")
        ax.set_xlabel("epoch")
        ax.set_ylabel("cross-entropy $J$")
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.set_title("loss on the training and test sets", fontsize=11, y=1.0)
        ax.legend(loc="upper right", fontsize=9)
        self.tiles = []
        for i, ax in enumerate(self.ax_units):
            self.tiles.append(ax.imshow(np.zeros((self.RESOLUTION, self.RESOLUTION)),
                                        origin="lower", cmap=UNIT_CMAP, vmin=-1, vmax=1,
                                        interpolation="bilinear", aspect="equal"))
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            ax.set_title(f"unit {i + 1}", fontsize=8, pad=2, y=1.0)
        self.ax_units[0].set_ylabel("layer 1", fontsize=8)
        self.no_hidden = fig.text(0.5, 0.08, "no hidden layer: logistic regression",
                                  ha="center", fontsize=10, visible=False)

    # --- runs -----------------------------------------------------------------------------
    @one_at_a_time
    def reset(self):
        """A new run from epoch 0 with the current settings; play stops."""
        v = self.values
        self.play.playing = False
        X_train, X_test, y_train, y_test = playground_split(
            v["dataset"], v["n_points"], v["noise"], random_state=42)
        self.run = TrainingRun(
            X_train, y_train, X_test, y_test, (v["width"],) * v["depth"], v["activation"],
            v["solver"], v["learning_rate"], v["alpha"], v["dropout"], v["batch_size"],
            random_state=v["seed"])
        xx, yy, self.grid = boundary_grid(np.vstack([X_train, X_test]), 0.5, self.RESOLUTION)
        extent = (xx.min(), xx.max(), yy.min(), yy.max())
        self.image.set_extent(extent)
        self.ax_map.set_xlim(extent[:2])
        self.ax_map.set_ylim(extent[2:])
        for part, X, y in (("train", X_train, y_train), ("test", X_test, y_test)):
            for k in (0, 1):
                self.points[part, k].set_offsets(X[y == k])
        self._restart_values = {name: v[name] for name in self.RESTART}
        self._redraw()
        static = (extent, tuple(ax.get_visible() for ax in self.ax_units),
                  self.no_hidden.get_visible())
        if static != getattr(self, "_static", None):  # new map limits, other tiles shown
            self._static = static
            self.invalidate()
        self._show()

    @one_at_a_time
    def advance(self, epochs=None):
        """Train ``epochs`` (default ``EPOCHS_PER_FRAME``) more epochs and redraw."""
        if self.run.diverged:
            self.play.playing = False
            return
        self.run.step(self.EPOCHS_PER_FRAME if epochs is None else epochs)
        if self.run.diverged:
            self.play.playing = False
        self._redraw()
        self._show()

    def update(self):
        """Called when a control moves: restart, or change the running network."""
        v = self.values
        if self.run is None or {n: v[n] for n in self.RESTART} != self._restart_values:
            self.reset()
            return
        self.run.set(learning_rate=v["learning_rate"], alpha=v["alpha"],
                     batch_size=v["batch_size"], solver=v["solver"], dropout=v["dropout"])
        self._redraw()

    @one_at_a_time
    def _on_change(self, change):
        self.update()
        self._show()

    @one_at_a_time
    def _on_tick(self, change):
        # Play's stop button rewinds it: not a tick. Ticks the browser sent before it heard
        # that reset stopped play (a busy kernel answers late) find play stopped: ignored.
        # The lock is held here, so a reset running on another thread has finished.
        if change["new"] > change["old"] and self.play.playing:
            self.advance()

    def _show(self):
        if self._handle is not None:
            self._handle.update(self.render())

    # --- drawing --------------------------------------------------------------------------
    def dynamic_artists(self):
        """What a frame changes: the map and its points, the loss curves, the tiles
        shown; and the frames drawn over the images."""
        out = [self.image, *self.points.values(), *self.ax_map.spines.values(),
               self.train_line, self.test_line, *self.ax_loss.spines.values(),
               self.ax_loss.get_legend(), self.no_hidden]
        for ax, tile in zip(self.ax_units, self.tiles, strict=True):
            if ax.get_visible():
                out += [tile, *ax.spines.values()]
        return out

    def _redraw(self):
        run = self.run
        set_probability_image(self.image, run.predict_proba(self.grid))
        epochs = np.arange(run.epoch + 1)
        self.train_line.set_data(epochs, run.train_loss)
        self.test_line.set_data(epochs, run.test_loss)
        losses = np.array(run.train_loss + run.test_loss)
        finite = losses[np.isfinite(losses)]
        top = min(float(finite.max()) if finite.size else 1.0, 5.0)
        # The loss axes grow in steps (epochs 10, 20, 50, 100, ...; loss in halves), so
        # most frames, and most new runs, draw only the two curves on the axes drawn before.
        # The limits depend on the run alone (not on what was shown before), so a reset
        # draws a run's first picture again.
        top = np.ceil(top * 1.05 * 2) / 2 or 0.5
        limits = (_next_step(max(10, run.epoch)), top)
        if limits != (self.ax_loss.get_xlim()[1], self.ax_loss.get_ylim()[1]):
            self.ax_loss.set_xlim(0, limits[0])
            self.ax_loss.set_ylim(0, limits[1])
            self.invalidate()
        depth = len(run.hidden_layer_sizes)
        width = run.hidden_layer_sizes[0] if depth else 0
        if depth:
            A = run.hidden_activations(self.grid, 1)
        for i, (ax, tile) in enumerate(zip(self.ax_units, self.tiles, strict=True)):
            ax.set_visible(i < width)
            if i < width:
                a = A[:, i].reshape(self.RESOLUTION, self.RESOLUTION)
                scale = np.nanmax(np.abs(a)) if np.isfinite(a).any() else 0.0
                tile.set_data(a)
                tile.set_clim(-scale if scale > 0 else -1, scale if scale > 0 else 1)
        self.no_hidden.set_visible(depth == 0)
        self.readout.value = self._readout_html()

    def _readout_html(self):
        run = self.run
        if run.diverged:
            return ("<b>The run diverged</b> (the weights overflowed): lower the learning "
                    "rate and press reset.")
        return html.escape(
            f"epoch {run.epoch:,} · training loss {run.train_loss[-1]:.3f} · test loss "
            f"{run.test_loss[-1]:.3f} · training accuracy {run.accuracy('train'):.2f} · "
            f"test accuracy {run.accuracy('test'):.2f}")


def _next_step(x):
    """The smallest of 10, 20, 50, 100, 200, 500, ... that is at least ``x``."""
    step = 10
    while True:
        for factor in (1, 2, 5):
            if step * factor >= x:
                return step * factor
        step *= 10


def playground(dataset="moons", depth=2, width=3, activation="relu", solver="sgd",
               learning_rate=0.03):
    """The playground: pick data and a network, press play, watch it train.

    The defaults are the source's second network on its data: make_moons (300 points,
    noise 0.1), two hidden layers of three ReLU units, SGD with momentum.

    Parameters
    ----------
    dataset : {'moons', 'circles', 'xor', 'spiral'}, default 'moons'
    depth : int, default 2
        Hidden layers, 0 to 4.
    width : int, default 3
        Units per hidden layer, 1 to 8.
    activation : str, default 'relu'
    solver : str, default 'sgd'
        A key of :data:`nnlib.training.SOLVERS`.
    learning_rate : float, default 0.03

    Returns
    -------
    Playground
    """
    style = {"description_width": "initial"}
    wide = widgets.Layout(width="230px")
    lr_options = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
    controls = {
        "dataset": widgets.Dropdown(options=list(PLAYGROUND_DATA), value=dataset,
                                    description="data", style=style, layout=wide),
        "noise": widgets.FloatSlider(value=0.1, min=0.0, max=0.5, step=0.05,
                                     description="noise", style=style, layout=wide),
        "n_points": widgets.IntSlider(value=300, min=50, max=600, step=50,
                                      description="points", style=style, layout=wide),
        "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed", style=style,
                                  layout=wide),
        "depth": widgets.IntSlider(value=depth, min=0, max=4, description="hidden layers",
                                   style=style, layout=wide),
        "width": widgets.IntSlider(value=width, min=1, max=Playground.MAX_WIDTH,
                                   description="units per layer", style=style, layout=wide),
        "activation": widgets.Dropdown(
            options=["relu", "tanh", "logistic", "leaky_relu", "identity"], value=activation,
            description="activation", style=style, layout=wide),
        "solver": widgets.Dropdown(options=list(SOLVERS), value=solver, description="solver",
                                   style=style, layout=wide),
        "learning_rate": widgets.SelectionSlider(
            options=lr_options, value=learning_rate, description="learning rate η",
            style=style, layout=wide),
        "alpha": widgets.SelectionSlider(
            options=(0.0, 0.0001, 0.001, 0.01, 0.1, 1.0, 10.0), value=0.0,
            description="L2 α", style=style, layout=wide),
        "dropout": widgets.SelectionSlider(
            options=(0.0, 0.1, 0.2, 0.3, 0.5, 0.8), value=0.0, description="dropout p",
            style=style, layout=wide),
        "batch_size": widgets.SelectionSlider(
            options=(1, 5, 10, 30, 100, 600), value=30, description="batch size",
            style=style, layout=wide),
    }
    play = widgets.Play(value=0, min=0, max=10**6, step=1, interval=120,
                        description="play", show_repeat=False)
    buttons = {"step": widgets.Button(description="step", layout=widgets.Layout(width="70px")),
               "reset": widgets.Button(description="reset",
                                       layout=widgets.Layout(width="70px"))}
    readout = widgets.HTML()
    return Playground(controls, play, buttons, readout)
