"""How long a reader waits after moving a control: one benchmark per widget and control.

For every widget in :mod:`nnlib.widgets` this moves each control back and forth and times
what happens in JupyterLab after a move: the explorer's ``update()`` (called by the
control's observer) plus the PNG rendering that replaces the image on screen. Sliders go
between their two ends, selection sliders between their first and last option, dropdowns
through every option; buttons are clicked; a widget that trains while it plays is timed
per frame (one tick of its Play widget). Run with ``make bench``. A benchmark, not a test:
it prints, it does not assert. The target is 30 ms, the limit 100 ms.

The machine may be shared: the wall-clock times (what the reader waits) are printed with
the load average, beside the process's CPU time, which other programs disturb less.
"""

from __future__ import annotations

import os
import statistics
import time

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


def _timed(action, explorer) -> tuple[float, float]:
    """Wall and CPU milliseconds of ``action()`` plus the render that follows it."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    explorer.render()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def moves(control) -> list:
    """The values a control is set to in turn: its ends, or every option."""
    if hasattr(control, "max"):                       # slider: one end, the other
        return [control.max if i % 2 else control.min for i in range(REPEATS)]
    options = [o[1] if isinstance(o, tuple) else o for o in control.options]
    if type(control).__name__ == "SelectionSlider":   # first and last option
        ends = [options[0], options[-1]]
        return [ends[i % 2] for i in range(REPEATS)]
    others = options[1:] + options[:1]                # a dropdown: every option in turn
    return [others[i % len(others)] for i in range(max(REPEATS, len(others)))]


def time_moves(explorer, control) -> list[tuple[float, float]]:
    """(wall, CPU) milliseconds of each move of one control, update plus render."""
    def setter(value):
        return lambda: setattr(control, "value", value)  # the observer calls update()
    return [_timed(setter(value), explorer) for value in moves(control)]


def time_clicks(explorer, button) -> list[tuple[float, float]]:
    """(wall, CPU) milliseconds of each of REPEATS clicks of a button, plus the render."""
    return [_timed(button.click, explorer) for _ in range(REPEATS)]


def time_frames(explorer) -> list[tuple[float, float]]:
    """(wall, CPU) milliseconds of REPEATS frames of play: a tick's training, the render."""
    explorer.play.playing = True  # the reader pressed play

    def tick():
        explorer.play.value += 1  # what the Play widget's timer does
    return [_timed(tick, explorer) for _ in range(REPEATS)]


def report(name, label, times) -> None:
    wall = [w for w, _ in times]
    cpu = [c for _, c in times]
    print(f"{name:24} {label:26} {statistics.median(wall):9.1f} {min(wall):8.1f} "
          f"{statistics.median(cpu):9.1f}")


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'widget':24} {'control':26} {'median ms':>9} {'best ms':>8} {'median CPU':>9}")
    for name in WIDGETS:
        explorer = getattr(widgets, name)()
        explorer.render()  # first draw: fonts, layout
        defaults = explorer.values
        if hasattr(explorer, "remember"):
            explorer.remember = False  # time the training, not the cache of settings
        for label, control in explorer.controls.items():
            if hasattr(control, "max") or hasattr(control, "options"):
                report(name, label, time_moves(explorer, control))
                control.value = defaults[label]
        if hasattr(explorer, "remember"):  # moving back to settings already seen
            explorer.remember = True
            for label, control in explorer.controls.items():
                report(name, f"{label} (seen before)", time_moves(explorer, control))
                control.value = defaults[label]
        for label, button in getattr(explorer, "buttons", {}).items():
            report(name, f"{label} (button)", time_clicks(explorer, button))
        if name in TRAINING_WIDGETS:
            explorer.buttons["reset"].click()
            label = f"frame ({explorer.EPOCHS_PER_FRAME} epochs + redraw)"
            report(name, label, time_frames(explorer))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
