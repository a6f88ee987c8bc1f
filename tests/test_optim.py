"""SGD and Adam: the update rules (plain, momentum, Nesterov, weight decay), scikit-learn's
optimiser as a reference, training a small network, bad input."""

import numpy as np
import pytest
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer, SGDOptimizer

from nnlib.network import MLP
from nnlib.optim import SGD, Adam


def _params(seed=0):
    rng = np.random.default_rng(seed)
    return [{"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)},
            {"W": rng.normal(size=(2, 1)), "b": rng.normal(size=1)}]


def _grads(seed):
    rng = np.random.default_rng(100 + seed)
    return [{"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)},
            {"W": rng.normal(size=(2, 1)), "b": rng.normal(size=1)}]


def test_plain_sgd_step():
    params = _params()
    before = [{k: v.copy() for k, v in p.items()} for p in params]
    grads = _grads(0)
    SGD(learning_rate=0.1).step(params, grads)
    for p, p0, g in zip(params, before, grads, strict=True):
        for k in p:
            np.testing.assert_allclose(p[k], p0[k] - 0.1 * g[k], rtol=1e-15)


@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_follows_the_recurrence(nesterov):
    params = _params()
    theta = {k: params[0][k].copy() for k in params[0]}
    v = {k: np.zeros_like(theta[k]) for k in theta}
    opt = SGD(learning_rate=0.05, momentum=0.9, nesterov=nesterov)
    for t in range(4):
        grads = _grads(t)
        opt.step(params, grads)
        for k in theta:     # by hand: v = μv − ηg; θ += v  (Nesterov: θ += μv − ηg)
            v[k] = 0.9 * v[k] - 0.05 * grads[0][k]
            theta[k] += (0.9 * v[k] - 0.05 * grads[0][k]) if nesterov else v[k]
            np.testing.assert_allclose(params[0][k], theta[k], rtol=1e-13)


@pytest.mark.parametrize(("momentum", "nesterov"), [(0.0, False), (0.9, False), (0.9, True),
                                                    (0.5, True)])
def test_equals_sklearns_sgd_optimizer(momentum, nesterov):
    ours = _params()
    theirs = [a.copy() for p in _params() for a in (p["W"], p["b"])]
    opt = SGD(learning_rate=0.01, momentum=momentum, nesterov=nesterov)
    ref = SGDOptimizer(theirs, learning_rate_init=0.01, momentum=momentum, nesterov=nesterov)
    for t in range(5):
        grads = _grads(t)
        opt.step(ours, grads)
        ref.update_params(theirs, [a for g in grads for a in (g["W"], g["b"])])
    flat = [a for p in ours for a in (p["W"], p["b"])]
    for a, b in zip(flat, theirs, strict=True):
        np.testing.assert_array_equal(a, b)      # bit for bit


def test_weight_decay_only_on_weights():
    params = _params()
    W0, b0 = params[0]["W"].copy(), params[0]["b"].copy()
    zero = [{k: np.zeros_like(v) for k, v in p.items()} for p in params]
    SGD(learning_rate=0.1, weight_decay=0.5).step(params, zero)
    np.testing.assert_allclose(params[0]["W"], W0 - 0.1 * 0.5 * W0)
    np.testing.assert_array_equal(params[0]["b"], b0)


def test_reset_forgets_velocity():
    params = _params()
    opt = SGD(learning_rate=0.1, momentum=0.9)
    opt.step(params, _grads(0))
    assert opt.velocities is not None
    opt.reset()
    assert opt.velocities is None


def test_single_dict_is_accepted():
    p = {"w": np.array([1.0, 2.0])}
    SGD(learning_rate=0.5).step(p, {"w": np.array([2.0, 2.0])})
    np.testing.assert_allclose(p["w"], [0.0, 1.0])


def test_sgd_trains_xor():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    net = MLP((2, 4, 1), activation="tanh", random_state=0)
    opt = SGD(learning_rate=0.5, momentum=0.9)
    first, _ = net.loss_and_grads(X, y)
    for _ in range(300):
        loss, grads = net.loss_and_grads(X, y)
        opt.step(net.params, grads)
    assert first > 0.6 and loss < 0.01
    np.testing.assert_array_equal(net.predict(X), y)


def test_repr():
    assert repr(SGD(0.1, 0.9, True)) == ("SGD(learning_rate=0.1, momentum=0.9, nesterov=True, "
                                         "weight_decay=0.0)")


@pytest.mark.parametrize(("kwargs", "exc", "msg"), [
    ({"learning_rate": 0}, ValueError, r"learning_rate must be a positive number \(> 0\); got 0"),
    ({"learning_rate": -0.1}, ValueError, r"learning_rate must be a positive number"),
    ({"learning_rate": "fast"}, TypeError, "learning_rate must be a single real number"),
    ({"momentum": 1.5}, ValueError, "momentum must be between 0.0 and 1.0; got 1.5"),
    ({"nesterov": "yes"}, TypeError, "nesterov must be True or False; got str 'yes'"),
    ({"weight_decay": -1}, ValueError, "weight_decay must be a non-negative number"),
])
def test_bad_hyperparameters(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        SGD(**kwargs)


def test_bad_params_and_grads():
    opt = SGD(0.1)
    with pytest.raises(TypeError, match="params must be a dict of arrays or a list of such"):
        opt.step(np.ones(3), [{}])
    with pytest.raises(ValueError, match="params and grads must have the same length; got 2 "
                                         "and 1"):
        opt.step(_params(), _grads(0)[:1])
    bad = _grads(0)
    bad[1]["W"] = np.ones((1, 2))
    with pytest.raises(ValueError, match=r"grads\[1\]\['W'\] must have shape \(2, 1\)"):
        opt.step(_params(), bad)
    with pytest.raises(ValueError, match=r"grads\[0\] must have the keys of params\[0\]"):
        opt.step(_params()[:1], [{"W": np.ones((3, 2))}])
    with pytest.raises(TypeError,
                       match=r"params\[0\]\['w'\] must be a float64 or float32 ndarray"):
        opt.step({"w": [1.0]}, {"w": [1.0]})
    opt = SGD(0.1)
    opt.step(_params(), _grads(0))
    with pytest.raises(ValueError, match="params must have the structure of the first step"):
        opt.step(_params()[:1], _grads(0)[:1])


def test_wrong_gradient_keys_after_the_first_step_are_a_clear_error():
    """Issue 9, item 7: a later step with other keys raised a bare KeyError: 'W'."""
    opt = SGD(0.1, momentum=0.9)
    params = _params()
    opt.step(params, _grads(0))
    wrong = [{"w": g["W"], "b": g["b"]} for g in _grads(0)]
    with pytest.raises(ValueError, match=r"grads\[0\] must have the keys of params\[0\] "
                                         r"\['W', 'b'\]; got \['b', 'w'\]"):
        opt.step(params, wrong)
    bad_shape = _grads(0)
    bad_shape[0]["b"] = np.ones(7)
    with pytest.raises(ValueError, match=r"grads\[0\]\['b'\] must have shape"):
        opt.step(params, bad_shape)


# --- Adam ----------------------------------------------------------------------------------

def test_adam_follows_the_recurrence():
    params = _params()
    theta = params[0]["W"].copy()
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    opt = Adam(learning_rate=0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-7)
    for t in range(1, 6):
        grads = _grads(t)
        opt.step(params, grads)
        g = grads[0]["W"]
        m = 0.8 * m + 0.2 * g
        v = 0.99 * v + 0.01 * g**2
        m_hat, v_hat = m / (1 - 0.8**t), v / (1 - 0.99**t)
        theta = theta - 0.01 * m_hat / (np.sqrt(v_hat) + 1e-7 / np.sqrt(1 - 0.99**t))
        np.testing.assert_allclose(params[0]["W"], theta, rtol=1e-12)
    assert opt.t == 5


def test_adam_equals_scikit_learns_optimizer_bit_for_bit():
    params = _params()
    arrays = [a.copy() for p in _params() for a in (p["W"], p["b"])]
    ours = Adam(learning_rate=0.003)
    theirs = AdamOptimizer(arrays, 0.003, 0.9, 0.999, 1e-8)
    for t in range(20):
        grads = _grads(t)
        ours.step(params, grads)
        theirs.update_params(arrays, [a for g in grads for a in (g["W"], g["b"])])
    for ours_array, their_array in zip([a for p in params for a in (p["W"], p["b"])], arrays,
                                       strict=True):
        np.testing.assert_array_equal(ours_array, their_array)


def test_optimisers_keep_float32_parameters_float32():
    for opt in (SGD(0.1, momentum=0.9), Adam(0.1)):
        params = [{k: v.astype(np.float32) for k, v in p.items()} for p in _params()]
        grads = [{k: v.astype(np.float32) for k, v in g.items()} for g in _grads(0)]
        opt.step(params, grads)
        assert all(a.dtype == np.float32 for p in params for a in p.values())


def test_adam_bad_input():
    with pytest.raises(ValueError, match=r"beta_1 must be in \[0, 1\); got 1.0"):
        Adam(beta_1=1.0)
    with pytest.raises(ValueError, match="epsilon must be a positive number"):
        Adam(epsilon=0)
    opt = Adam()
    opt.step(_params(), _grads(0))
    with pytest.raises(ValueError, match=r"grads\[0\] must have the keys of params\[0\]"):
        opt.step(_params(), [{"w": g["W"], "b": g["b"]} for g in _grads(0)])
    with pytest.raises(ValueError, match="params must have the structure of the first step"):
        opt.step(_params()[:1], _grads(0)[:1])
    opt.reset()
    assert opt.t == 0 and opt.moments is None
    assert repr(opt) == "Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-08)"


@pytest.mark.parametrize("make", [lambda: SGD(0.05, momentum=0.9, nesterov=True),
                                  lambda: Adam(0.05)])
def test_state_follows_the_names_not_the_order_of_the_dicts(make):
    """The optimisers keep one state vector; a later step that lists the same names in
    another order must still pair each array with its own state."""
    ordered, reordered = _params(), _params()
    a, b = make(), make()
    for t in range(4):
        grads = _grads(t)
        a.step(ordered, grads)
        if t % 2:
            b.step([{"b": p["b"], "W": p["W"]} for p in reordered],
                   [{"b": g["b"], "W": g["W"]} for g in grads])
        else:
            b.step(reordered, grads)
    for p, q in zip(ordered, reordered, strict=True):
        for k in p:
            np.testing.assert_array_equal(p[k], q[k])


# --- an MLP's one vector --------------------------------------------------------------------

def _xor():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0, 1, 1, 0])


def _detached(net):
    """Give every layer of ``net`` arrays of its own: no vector behind them any more."""
    for layer in net.dense:
        for d in (layer.params, layer.grads):
            for key in d:
                d[key] = d[key].copy()
    return net


@pytest.mark.parametrize("make", [lambda: SGD(0.5, momentum=0.9, nesterov=True),
                                  lambda: SGD(0.5, momentum=0.9),
                                  lambda: Adam(0.05)])
def test_an_mlp_steps_the_same_through_its_one_vector_as_array_by_array(make):
    """An optimiser updates an MLP through net.theta and reads net.gradient without copies;
    the numbers must be those of the array-by-array path, bit for bit."""
    X, y = _xor()
    whole, detached = MLP((2, 3, 1), random_state=0), _detached(MLP((2, 3, 1), random_state=0))
    opt_whole, opt_detached = make(), make()
    for _ in range(30):
        for net, opt in ((whole, opt_whole), (detached, opt_detached)):
            _, grads = net.loss_and_grads(X, y, alpha=0.01)
            opt.step(net.params, grads)
    assert opt_whole._theta_vector is whole.theta and opt_whole._grad_vector is whole.gradient
    assert opt_detached._theta_vector is None and opt_detached._grad_vector is None
    for a, b in zip(whole.params, detached.params, strict=True):
        np.testing.assert_array_equal(a["W"], b["W"])
        np.testing.assert_array_equal(a["b"], b["b"])
    assert not np.array_equal(whole.theta, MLP((2, 3, 1), random_state=0).theta)  # it moved


def test_weight_decay_does_not_change_the_networks_gradient():
    X, y = _xor()
    net = MLP((2, 3, 1), random_state=0)
    _, grads = net.loss_and_grads(X, y)
    before, W_before = net.gradient.copy(), [p["W"].copy() for p in net.params]
    SGD(0.1, weight_decay=0.5).step(net.params, grads)
    np.testing.assert_array_equal(net.gradient, before)
    for W, W0, g in zip([p["W"] for p in net.params], W_before, grads, strict=True):
        np.testing.assert_allclose(W, W0 - 0.1 * (g["W"] + 0.5 * W0), rtol=1e-15)


def test_a_parameter_replaced_between_steps_is_still_updated():
    """The optimiser notices new arrays (no vector behind them now) and goes on correctly."""
    X, y = _xor()
    net, reference = MLP((2, 3, 1), random_state=0), _detached(MLP((2, 3, 1), random_state=0))
    opt, opt_ref = SGD(0.5, momentum=0.9), SGD(0.5, momentum=0.9)
    for step in range(6):
        if step == 3:
            net.dense[0].params["W"] = net.dense[0].params["W"].copy()
        for n, o in ((net, opt), (reference, opt_ref)):
            _, grads = n.loss_and_grads(X, y)
            o.step(n.params, grads)
    assert opt._theta_vector is None
    for a, b in zip(net.params, reference.params, strict=True):
        np.testing.assert_array_equal(a["W"], b["W"])
        np.testing.assert_array_equal(a["b"], b["b"])
