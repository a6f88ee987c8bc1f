"""Chapter 9's widget: how L2, dropout, noise and the amount of data change overfitting."""

from __future__ import annotations

import warnings

import ipywidgets as widgets
import numpy as np

from nnlib import plot
from nnlib.widgets.base import new_widget_figure
from nnlib.widgets.blit import BlitExplorer

#: The grid of the explorer's plane: fixed, so the image is updated in place.
_CORNERS = np.array([[-1.9, -1.4], [2.9, 1.9]])
_N_TEST = 200


class RegularisationExplorer(BlitExplorer):
    """Train a small network on noisy moons; show its boundary over training and test points.

    Each redraw trains ``nnlib.MLPClassifier(hidden, solver="adam")`` for a fixed number
    of epochs with the chosen L2 strength α and dropout rate p, on ``n`` training points
    drawn by ``make_moons`` with the chosen noise, and measures the accuracy on those
    points and on 200 fresh test points from the same distribution. The data of each
    (noise, n) setting are drawn once and kept, and so is the network of each setting of
    the four controls (moving back to a setting shows it at once).

    Attributes
    ----------
    model_ : MLPClassifier
        The network now shown.
    train_accuracy, test_accuracy : float
    remember : bool
        Keep each setting's network (default True); the benchmark sets it to False to
        time the training.

    Parameters
    ----------
    alpha : float, default 0.0001
        L2 strength α (one of :attr:`ALPHAS`).
    dropout : float, default 0.0
        Dropout rate p of the hidden layers.
    noise : float, default 0.3
        Standard deviation of the noise added by ``make_moons``.
    n_samples : int, default 40
        Number of training points.
    hidden : tuple of int, default (32, 32)
    epochs : int, default 50
        Epochs of Adam per redraw (a fixed budget, so no stopping rule decides). Fifty
        epochs with step 0.04 reach what 100 with step 0.02 reach (a network that fits
        all 40 noisy points at α = 0), in half the time a reader waits.
    learning_rate : float, default 0.04
        Adam's step size η.
    random_state : int, default 0
        Seed of the data and of the network.
    """

    ALPHAS = (0.0, 0.0001, 0.001, 0.01, 0.1, 1.0, 3.0)

    def __init__(self, alpha=0.0001, dropout=0.0, noise=0.3, n_samples=40, hidden=(32, 32),
                 epochs=50, learning_rate=0.04, random_state=0):
        if alpha not in self.ALPHAS:
            raise ValueError(f"alpha must be one of {self.ALPHAS}; got {alpha!r}.")
        self.hidden, self.epochs, self.random_state = tuple(hidden), int(epochs), random_state
        self.learning_rate = float(learning_rate)
        self._data, self._models = {}, {}
        #: Keep the network of each setting, so that moving back to it is instant.
        self.remember = True
        style = {"description_width": "initial"}
        layout = widgets.Layout(width="260px")
        controls = {
            "alpha": widgets.SelectionSlider(options=[(f"{a:g}", a) for a in self.ALPHAS],
                                             value=alpha, description="L2 α",
                                             style=style, layout=layout),
            "dropout": widgets.FloatSlider(value=dropout, min=0.0, max=0.6, step=0.1,
                                           description="dropout p", readout_format=".1f",
                                           style=style, layout=layout),
            "noise": widgets.FloatSlider(value=noise, min=0.0, max=0.5, step=0.05,
                                         description="noise", readout_format=".2f",
                                         style=style, layout=layout),
            "n_samples": widgets.IntSlider(value=n_samples, min=20, max=200, step=20,
                                           description="training points n",
                                           style=style, layout=layout),
        }
        fig, axes = new_widget_figure(ncols=2, height=3.4, sharey=True)
        self.axes = axes
        self.readout = widgets.HTML()
        self.extent, self.points = plot.plane_grid(_CORNERS, margin=0.0, resolution=60)
        self.grid_shape = (60, 60)
        self.panels = None
        super().__init__(controls, fig, extra=[self.readout])
        # Lay the figure out once: the titles change only in their numbers, and measuring
        # every text at every redraw would be half of a redraw's time.
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")

    def data(self, noise, n_samples):
        """Training and test set of one (noise, n) setting (drawn once, then kept)."""
        from sklearn.datasets import make_moons

        key = (round(float(noise), 4), int(n_samples))
        if key not in self._data:
            X, y = make_moons(n_samples=key[1] + _N_TEST, noise=key[0],
                              random_state=self.random_state)
            self._data[key] = (X[:key[1]], y[:key[1]], X[key[1]:], y[key[1]:])
        return self._data[key]

    def model(self):
        """The classifier the current controls describe, trained on the current data."""
        from sklearn.exceptions import ConvergenceWarning

        import nnlib

        v = self.values
        X_train, y_train, _, _ = self.data(v["noise"], v["n_samples"])
        clf = nnlib.MLPClassifier(
            self.hidden, activation="relu", solver="adam", alpha=v["alpha"],
            dropout=round(float(v["dropout"]), 4), learning_rate_init=self.learning_rate,
            max_iter=self.epochs, n_iter_no_change=self.epochs, random_state=self.random_state)
        # A fixed budget of epochs is the point here, so reaching max_iter is expected:
        # the ConvergenceWarning would only say so at every redraw.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.fit(X_train, y_train)
        return clf

    def dynamic_artists(self) -> list:
        """What a move changes (and what lies on it): maps, boundaries, points, titles."""
        out = []
        for ax, panel in zip(self.axes, self.panels, strict=True):
            out += [panel["image"], panel["contour"], *panel["points"], ax.title,
                    *ax.spines.values()]
        return out

    def update(self) -> None:
        v = self.values
        X_train, y_train, X_test, y_test = self.data(v["noise"], v["n_samples"])
        key = (v["alpha"], round(float(v["dropout"]), 4), round(float(v["noise"]), 4),
               v["n_samples"])
        if key not in self._models or not self.remember:
            self._models[key] = self.model()
        clf = self.model_ = self._models[key]
        # The estimator's own accuracy: no decision rule is written again here (two more
        # validated calls cost about 2 ms of a 50 ms redraw).
        self.train_accuracy = clf.score(X_train, y_train)
        self.test_accuracy = clf.score(X_test, y_test)
        P = clf.predict_proba(self.points)[:, 1].reshape(self.grid_shape)  # both panels
        if self.panels is None:
            self.panels = [
                plot.probability_panel(clf, X_train, y_train, ax=self.axes[0],
                                       extent=self.extent, points=self.points),
                plot.probability_panel(clf, X_test, y_test, ax=self.axes[1], hollow=True,
                                       extent=self.extent, points=self.points),
            ]
            self.axes[1].set_ylabel("")
            # Below the maps, not on them: it hides no point, and it is drawn once with
            # the background instead of over every new map (a tenth of a frame).
            handles, labels = self.axes[0].get_legend_handles_labels()
            self.fig.legend(handles, labels, loc="outside lower center", ncols=2,
                            fontsize=8)
            for ax in self.axes:
                ax.grid(False)   # under the image; a map needs none
        else:
            plot.set_probability_panel(self.panels[0], X=X_train, y=y_train, proba=P)
            plot.set_probability_panel(self.panels[1], X=X_test, y=y_test, proba=P)
        self.axes[0].set_title(f"{len(y_train)} training points: "
                               f"accuracy {self.train_accuracy:.0%}", fontsize=10,
                               y=1.0)  # a fixed place: nothing above the axes to avoid
        self.axes[1].set_title(f"{len(y_test)} test points: "
                               f"accuracy {self.test_accuracy:.0%}", fontsize=10, y=1.0)
        gap = self.train_accuracy - self.test_accuracy
        self.readout.value = (
            f"α = {v['alpha']:g}, p = {v['dropout']:.1f}, noise {v['noise']:.2f}, "
            f"n = {v['n_samples']}: training accuracy <b>{self.train_accuracy:.1%}</b>, "
            f"test accuracy <b>{self.test_accuracy:.1%}</b>, gap <b>{gap:+.1%}</b> "
            "(a large gap: the network has learned its training points, not the moons).")


def regularisation_explorer() -> RegularisationExplorer:
    """Chapter 9's explorer: L2 α, dropout p, noise and n → boundary, accuracies, gap."""
    return RegularisationExplorer()
