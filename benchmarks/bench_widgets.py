"""How long a reader waits after moving a slider: one benchmark per widget.

For every widget in :mod:`nnlib.widgets` this moves each numeric control (a slider, or
a selection slider's positions) back and forth between its extremes and times what
happens in JupyterLab after a move: the explorer's ``update()`` (called by the slider's
observer) plus the PNG rendering that replaces the image on screen. Run with ``make
bench``. A benchmark, not a test: it prints, it does not assert. The target is 30 ms,
the limit 100 ms.
"""

from __future__ import annotations

import os
import statistics
import time

from ipywidgets import SelectionSlider

from nnlib import widgets

WIDGETS = (
    "firing_rate_explorer",   # chapter 1
    "threshold_neuron",       # chapter 2
    "activation_explorer",    # chapter 3
    "neuron_classifier",      # chapter 4
    "bump_approximator",      # chapter 5
    "softmax_explorer",       # chapter 6
    "learning_rate_explorer", # chapter 7
    "playground",             # chapter 8
    "regularisation_explorer",  # chapter 9
)
#: Widgets that train while they play: one frame is one tick of their Play widget.
TRAINING_WIDGETS = ("playground",)
REPEATS = 21


def time_moves(explorer, control) -> list[float]:
    """Milliseconds for each of REPEATS moves of one control, update plus render."""
    if hasattr(control, "max"):
        attribute, low, high = "value", control.min, control.max
    else:  # a SelectionSlider: its first and its last position
        attribute, low, high = "index", 0, len(control.options) - 1
    values = [high if i % 2 else low for i in range(REPEATS)]
    times = []
    for value in values:
        start = time.perf_counter()
        setattr(control, attribute, value)  # the observer calls explorer.update()
        explorer.render()
        times.append((time.perf_counter() - start) * 1000)
    return times


def time_frames(explorer) -> list[float]:
    """Milliseconds for each of REPEATS frames of play: a tick's training plus the render."""
    times = []
    explorer.play.playing = True  # the reader pressed play
    for _ in range(REPEATS):
        start = time.perf_counter()
        explorer.play.value += 1  # what the Play widget's timer does
        explorer.render()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'widget':24} {'control':10} {'median ms':>10} {'best ms':>8}")
    for name in WIDGETS:
        explorer = getattr(widgets, name)()
        explorer.render()  # first draw: fonts, layout
        if hasattr(explorer, "remember"):
            explorer.remember = False  # time the training, not the cache of settings
        for label, control in explorer.controls.items():
            if not (hasattr(control, "max") or isinstance(control, SelectionSlider)):
                continue
            times = time_moves(explorer, control)
            print(f"{name:24} {label:10} {statistics.median(times):10.1f} {min(times):8.1f}")
        if name in TRAINING_WIDGETS:
            explorer.buttons["reset"].click()
            times = time_frames(explorer)
            label = f"frame ({explorer.EPOCHS_PER_FRAME} epochs + redraw)"
            print(f"{name:24} {label:10} {statistics.median(times):10.1f} {min(times):8.1f}")


if __name__ == "__main__":
    main()
