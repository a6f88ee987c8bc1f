/* Saved widgets in the static book: show them, but do not let them pretend.
 *
 * A page of the rendered book has no Python kernel behind it. The Jupyter widgets manager
 * (html-manager/embed.js) still draws a saved widget's sliders and dropdowns from the
 * notebook's saved state, and they would move under the mouse while the figure and the
 * table below them stayed put. So once the manager has drawn a widget, this script makes
 * its controls inert (no pointer, no keyboard focus, greyed) and puts a one-line note on
 * the widget itself saying where it is live. The picture below the controls is the
 * widget's starting position, exactly as the notebook saved it.
 */
(function () {
  "use strict";
  var NOTE =
    "Static picture of this widget at its starting values. Its controls work when you " +
    "run the notebook in JupyterLab (make lab); see \u201cHow to use this book\u201d.";
  // A book built with the live runtime adds live-loader.js and a "Run live" button.
  var NOTE_LIVE =
    "Static picture of this widget at its starting values. Press \u201cRun live in this " +
    "page\u201d to move its controls here, or run the notebook in JupyterLab (make lab); " +
    "see \u201cHow to use this book\u201d.";
  function noteText() {
    return document.querySelector('script[src*="live-loader"]') ? NOTE_LIVE : NOTE;
  }

  function freeze(root) {
    if (root.dataset.nnlibStatic) return;
    root.dataset.nnlibStatic = "1";
    root.setAttribute("inert", "");
    root.setAttribute("aria-disabled", "true");
    root.classList.add("nnlib-static-widget");
    root.querySelectorAll("input, select, button, textarea").forEach(function (el) {
      el.disabled = true;
    });
    var note = document.createElement("p");
    note.className = "nnlib-static-note";
    note.setAttribute("role", "note");
    note.textContent = noteText();
    root.parentNode.insertBefore(note, root);
  }

  function scan() {
    // The outermost rendered widget of each saved view (nested boxes are inside it).
    document.querySelectorAll(".jupyter-widgets.widget-container, .jupyter-widgets.widget-inline-hbox, .jupyter-widgets.widget-box")
      .forEach(function (el) {
        if (!el.parentElement || !el.parentElement.closest(".jupyter-widgets")) freeze(el);
      });
  }

  function start() {
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
