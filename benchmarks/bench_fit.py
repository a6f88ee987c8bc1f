"""nnlib's MLPClassifier.fit next to scikit-learn's, on the same data and settings.

Run with ``make bench``. For each case and solver both estimators get the same data,
architecture, batch size, random_state and number of epochs (tol=0 and a huge
n_iter_no_change, so neither stops early). Times are the best of several repeats, the two
estimators alternating, measured in this run; the ratio is nnlib / scikit-learn (below 1:
nnlib is faster; issue 9's target is <= 0.5). Peak memory is measured in a separate,
untimed fit with tracemalloc.

Both libraries spend much of a large fit in the same BLAS matrix products, whose
multi-threaded timings swing widely when the machine is busy. So each case is also timed
with BLAS limited to one thread (threadpoolctl, for both libraries alike), which shows
each library's own overhead.
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
from threadpoolctl import threadpool_limits

from nnlib import MLPClassifier

CASES = [
    # name, n_samples (before the 70/30 split), hidden layers, epochs, repeats
    ("moons 300, hidden (2,)", 300, (2,), 1000, 5),
    ("moons 20000, hidden (64, 64)", 20_000, (64, 64), 5, 5),
]
SOLVERS = ("sgd", "adam")


def _data(n_samples):
    """The book's pipeline: make_moons, a 70/30 split, standard scaling (training part)."""
    X, y = make_moons(n_samples=n_samples, noise=0.1, random_state=42)
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.3, random_state=42)
    return StandardScaler().fit_transform(X_train), y_train


def _fit(cls, solver, hidden, epochs, X, y):
    est = cls(hidden_layer_sizes=hidden, activation="relu", solver=solver, max_iter=epochs,
              tol=0.0, n_iter_no_change=10**9, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return est.fit(X, y)


def _best_times(solver, hidden, epochs, X, y, repeats, blas_threads=None):
    """Best fit time of nnlib and of scikit-learn, alternating between the two."""
    best = {MLPClassifier: np.inf, SkMLPClassifier: np.inf}
    with threadpool_limits(blas_threads):
        for _ in range(repeats):
            for cls in best:
                gc.collect()
                start = time.perf_counter()
                _fit(cls, solver, hidden, epochs, X, y)
                best[cls] = min(best[cls], time.perf_counter() - start)
    return best[MLPClassifier], best[SkMLPClassifier]


def _peak_memory(cls, solver, hidden, epochs, X, y):
    gc.collect()
    tracemalloc.start()
    _fit(cls, solver, hidden, min(epochs, 50), X, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main():
    header = ("case", "solver", "train n", "epochs", "nnlib s", "sklearn s", "ratio",
              "1-thread nnlib s", "sklearn s", "ratio", "nnlib MiB", "sklearn MiB",
              "same losses")
    fmt = ("{:<28} {:<6} {:>7} {:>6} {:>7} {:>9} {:>5} {:>16} {:>9} {:>5} {:>9} {:>11} "
           "{:>11}")
    print("MLPClassifier.fit, activation='relu', random_state=0, tol=0 (a fixed number of "
          "epochs)")
    print("time: best of repeats in this run (ratio = nnlib / scikit-learn; below 1: nnlib "
          "is faster),")
    print("      with the default BLAS threads, then with BLAS limited to 1 thread for both;")
    print("memory: tracemalloc peak during a fit of at most 50 epochs")
    print()
    print(fmt.format(*header))
    print(fmt.format(*("-" * len(h) for h in header)))
    for name, n_samples, hidden, epochs, repeats in CASES:
        X, y = _data(n_samples)
        for solver in SOLVERS:
            ours = _fit(MLPClassifier, solver, hidden, epochs, X, y)   # warm-up, and a check
            theirs = _fit(SkMLPClassifier, solver, hidden, epochs, X, y)
            assert ours.n_iter_ == theirs.n_iter_ == epochs
            same = np.allclose(ours.loss_curve_, theirs.loss_curve_, rtol=1e-8)
            t_nn, t_sk = _best_times(solver, hidden, epochs, X, y, repeats)
            t1_nn, t1_sk = _best_times(solver, hidden, epochs, X, y, repeats, blas_threads=1)
            m_nn = _peak_memory(MLPClassifier, solver, hidden, epochs, X, y)
            m_sk = _peak_memory(SkMLPClassifier, solver, hidden, epochs, X, y)
            print(fmt.format(name, solver, len(X), epochs, f"{t_nn:.3f}", f"{t_sk:.3f}",
                             f"{t_nn / t_sk:.2f}", f"{t1_nn:.3f}", f"{t1_sk:.3f}",
                             f"{t1_nn / t1_sk:.2f}", f"{m_nn:.2f}", f"{m_sk:.2f}",
                             "yes" if same else "NO"), flush=True)


if __name__ == "__main__":
    main()
