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


def bare_numpy_fit(solver, hidden, epochs, X, y):
    """The same fit as ``_fit``, as a bare loop of numpy operations: a lower bound.

    No objects, no checks, no options: the arithmetic of scikit-learn's MLPClassifier
    (ReLU, one logistic output, alpha = 1e-4, batches of min(200, n), the default 'sgd'
    (Nesterov momentum 0.9) or 'adam', the same draws from RandomState(0)), with the
    parameters and gradients in one vector each. What no library built on numpy can beat
    by much, since it does only what every such library must do. Returns the loss curve.
    """
    rng = np.random.RandomState(0)
    sizes = (X.shape[1], *hidden, 1)
    Ws, bs = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):  # Glorot, as scikit-learn
        bound = np.sqrt(6.0 / (n_in + n_out))
        Ws.append(rng.uniform(-bound, bound, (n_in, n_out)))
        bs.append(rng.uniform(-bound, bound, n_out))
    theta = np.concatenate([a.ravel() for W, b in zip(Ws, bs, strict=True) for a in (W, b)])
    grad = np.zeros_like(theta)

    def pieces(vector):
        out, start = [], 0
        for W, b in zip(Ws, bs, strict=True):
            out.append(vector[start:start + W.size].reshape(W.shape))
            out.append(vector[start + W.size:start + W.size + b.size])
            start += W.size + b.size
        return out[0::2], out[1::2]

    (W, b), (dW, db) = pieces(theta), pieces(grad)
    m, v, tmp = np.zeros_like(theta), np.zeros_like(theta), np.zeros_like(theta)
    n, alpha, lr, eps = len(X), 1e-4, 1e-3, np.finfo(np.float64).eps
    batch, Y, idx, t, curve, L = min(200, n), y.astype(np.float64)[:, None], np.arange(n), \
        0, [], len(Ws)
    for _ in range(epochs):
        idx = idx[rng.permutation(n)]
        total = 0.0
        for start in range(0, n, batch):
            rows = idx[start:start + batch]
            nb, A, Z = len(rows), [X.take(rows, axis=0)], []
            Yb = Y.take(rows, axis=0)
            for i in range(L):
                Z.append(A[-1] @ W[i] + b[i])
                if i < L - 1:
                    A.append(np.maximum(Z[-1], 0.0))
            e = np.exp(-np.abs(Z[-1]))
            P = np.where(Z[-1] >= 0, 1.0, e) / (1.0 + e)
            Pc = np.clip(P, eps, 1 - eps)
            loss = -np.log(np.where(Yb == 1, Pc, 1 - Pc)).sum() / nb
            loss += 0.5 * alpha * sum(np.vdot(w, w) for w in W) / nb
            total += loss * nb
            delta = (P - Yb) / nb
            for i in range(L - 1, -1, -1):
                dW[i][...] = A[i].T @ delta + (alpha / nb) * W[i]
                db[i][...] = delta.sum(axis=0)
                if i > 0:
                    # np.dot: @ skips BLAS when W has one column (the output layer)
                    delta = np.dot(delta, W[i].T) * (Z[i - 1] > 0)
            if solver == "sgd":   # Nesterov: v = 0.9 v - lr g; theta += 0.9 v - lr g
                np.multiply(grad, lr, out=tmp)
                v *= 0.9
                v -= tmp
                theta += 0.9 * v - tmp
            else:                 # Adam
                t += 1
                lr_t = lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
                m *= 0.9
                m += 0.1 * grad
                v *= 0.999
                v += 0.001 * np.square(grad)
                theta -= lr_t * m / (np.sqrt(v) + 1e-8)
        curve.append(total / n)
    return curve


def _best_times(solver, hidden, epochs, X, y, repeats, blas_threads=None):
    """Best fit time of nnlib, of scikit-learn and of the bare numpy loop, alternating."""
    fits = {"nnlib": lambda: _fit(MLPClassifier, solver, hidden, epochs, X, y),
            "sklearn": lambda: _fit(SkMLPClassifier, solver, hidden, epochs, X, y),
            "bare": lambda: bare_numpy_fit(solver, hidden, epochs, X, y)}
    best = dict.fromkeys(fits, np.inf)
    with threadpool_limits(blas_threads):
        for _ in range(repeats):
            for name, fit in fits.items():
                gc.collect()
                start = time.perf_counter()
                fit()
                best[name] = min(best[name], time.perf_counter() - start)
    return best["nnlib"], best["sklearn"], best["bare"]


def _peak_memory(cls, solver, hidden, epochs, X, y):
    gc.collect()
    tracemalloc.start()
    _fit(cls, solver, hidden, min(epochs, 50), X, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main():
    header = ("case", "solver", "train n", "epochs", "nnlib s", "sklearn s", "ratio",
              "bare", "1-thread nnlib s", "sklearn s", "ratio", "bare", "nnlib MiB",
              "sklearn MiB", "same losses")
    fmt = ("{:<28} {:<6} {:>7} {:>6} {:>7} {:>9} {:>5} {:>5} {:>16} {:>9} {:>5} {:>5} {:>9} "
           "{:>11} {:>11}")
    print("MLPClassifier.fit, activation='relu', random_state=0, tol=0 (a fixed number of "
          "epochs)")
    print("time: best of repeats in this run (ratio = nnlib / scikit-learn; below 1: nnlib "
          "is faster),")
    print("      with the default BLAS threads, then with BLAS limited to 1 thread for both;")
    print("bare: the same fit as a bare loop of numpy operations (bare_numpy_fit), / "
          "scikit-learn:")
    print("      about the least time any numpy library can take;")
    print("memory: tracemalloc peak during a fit of at most 50 epochs")
    print()
    print(fmt.format(*header))
    print(fmt.format(*("-" * len(h) for h in header)))
    for name, n_samples, hidden, epochs, repeats in CASES:
        X, y = _data(n_samples)
        for solver in SOLVERS:
            ours = _fit(MLPClassifier, solver, hidden, epochs, X, y)   # warm-up, and a check
            theirs = _fit(SkMLPClassifier, solver, hidden, epochs, X, y)
            bare = bare_numpy_fit(solver, hidden, epochs, X, y)
            assert ours.n_iter_ == theirs.n_iter_ == epochs
            assert np.allclose(bare, theirs.loss_curve_, rtol=1e-8), "bare loop: other losses"
            same = np.allclose(ours.loss_curve_, theirs.loss_curve_, rtol=1e-8)
            t_nn, t_sk, t_bare = _best_times(solver, hidden, epochs, X, y, repeats)
            t1_nn, t1_sk, t1_bare = _best_times(solver, hidden, epochs, X, y, repeats,
                                                blas_threads=1)
            m_nn = _peak_memory(MLPClassifier, solver, hidden, epochs, X, y)
            m_sk = _peak_memory(SkMLPClassifier, solver, hidden, epochs, X, y)
            print(fmt.format(name, solver, len(X), epochs, f"{t_nn:.3f}", f"{t_sk:.3f}",
                             f"{t_nn / t_sk:.2f}", f"{t_bare / t_sk:.2f}", f"{t1_nn:.3f}",
                             f"{t1_sk:.3f}", f"{t1_nn / t1_sk:.2f}", f"{t1_bare / t1_sk:.2f}",
                             f"{m_nn:.2f}", f"{m_sk:.2f}", "yes" if same else "NO"),
                  flush=True)


if __name__ == "__main__":
    main()
