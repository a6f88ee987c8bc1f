"""nnlib's MLPClassifier.fit next to scikit-learn's, on the same data and settings.

Run with ``make bench``. For each case both estimators get the same data, architecture,
batch size, random_state and number of epochs (tol=0 and a huge n_iter_no_change, so
neither stops early). Times are the best of several repeats, measured in this run;
peak memory is measured in a separate, untimed fit with tracemalloc.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
import warnings

import numpy as np
from sklearn.datasets import make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier as SkMLPClassifier
from sklearn.preprocessing import StandardScaler

from nnlib import MLPClassifier

CASES = [
    # name, n_samples, hidden layers, epochs, repeats
    ("moons 300, hidden (2,)", 300, (2,), 1000, 7),
    ("moons 300, hidden (3, 3)", 300, (3, 3), 1000, 7),
    ("moons 20000, hidden (64, 64)", 20_000, (64, 64), 10, 3),
]


def _data(n_samples):
    """The book's pipeline: make_moons, a 70/30 split, standard scaling (training part)."""
    X, y = make_moons(n_samples=n_samples, noise=0.1, random_state=42)
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.3, random_state=42)
    return StandardScaler().fit_transform(X_train), y_train


def _estimator(cls, hidden, epochs):
    return cls(hidden_layer_sizes=hidden, activation="relu", solver="sgd", max_iter=epochs,
               tol=0.0, n_iter_no_change=10**9, random_state=0)


def _fit(cls, hidden, epochs, X, y):
    clf = _estimator(cls, hidden, epochs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    return clf


def _best_time(cls, hidden, epochs, X, y, repeats):
    best = np.inf
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        _fit(cls, hidden, epochs, X, y)
        best = min(best, time.perf_counter() - start)
    return best


def _peak_memory(cls, hidden, epochs, X, y):
    gc.collect()
    tracemalloc.start()
    _fit(cls, hidden, min(epochs, 50), X, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main():
    rows = []
    for name, n_samples, hidden, epochs, repeats in CASES:
        X, y = _data(n_samples)
        ours, theirs = _fit(MLPClassifier, hidden, epochs, X, y), _fit(
            SkMLPClassifier, hidden, epochs, X, y)            # warm-up, and a sanity check
        assert ours.n_iter_ == theirs.n_iter_ == epochs
        same = np.allclose(ours.loss_curve_, theirs.loss_curve_, rtol=1e-8)
        # alternate the two so that both see the same machine load
        t_nn = t_sk = np.inf
        for _ in range(repeats):
            t_nn = min(t_nn, _best_time(MLPClassifier, hidden, epochs, X, y, 1))
            t_sk = min(t_sk, _best_time(SkMLPClassifier, hidden, epochs, X, y, 1))
        m_nn = _peak_memory(MLPClassifier, hidden, epochs, X, y)
        m_sk = _peak_memory(SkMLPClassifier, hidden, epochs, X, y)
        batch = min(200, len(X))
        rows.append((name, len(X), batch, epochs, t_nn, t_sk, t_nn / t_sk, m_nn, m_sk,
                     "yes" if same else "NO"))

    header = ("case", "train n", "batch", "epochs", "nnlib s", "sklearn s", "nnlib/sklearn",
              "nnlib MiB", "sklearn MiB", "same loss curve")
    fmt = "{:<30} {:>7} {:>5} {:>6} {:>8} {:>9} {:>13} {:>9} {:>11} {:>15}"
    print("MLPClassifier.fit, solver='sgd', activation='relu', random_state=0, "
          "tol=0 (fixed epochs);")
    print("time: best of repeats in this run; memory: tracemalloc peak during a fit of "
          "<= 50 epochs")
    print()
    print(fmt.format(*header))
    print(fmt.format(*("-" * len(h) for h in header)))
    for name, n, batch, epochs, t_nn, t_sk, ratio, m_nn, m_sk, same in rows:
        print(fmt.format(name, n, batch, epochs, f"{t_nn:.3f}", f"{t_sk:.3f}", f"{ratio:.2f}",
                         f"{m_nn:.2f}", f"{m_sk:.2f}", same))


if __name__ == "__main__":
    main()
