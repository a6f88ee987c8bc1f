/* Fit wide display equations into a narrow column.
 *
 * MathJax 3 does not break long equations. On a phone an equation wider than the text
 * column was clipped behind its number. After MathJax has typeset the page, each display
 * equation that is still wider than its box is scaled down (font size) until it fits;
 * book.css puts the equation number on its own line at phone widths.
 */
(function () {
  "use strict";
  function fit() {
    document.querySelectorAll("mjx-container[display='true']").forEach(function (eq) {
      eq.style.fontSize = "";
      var box = eq.parentElement;
      if (!box) return;
      var avail = box.clientWidth;
      var width = eq.scrollWidth;
      if (avail > 0 && width > avail) {
        eq.style.fontSize = Math.max(50, Math.floor((100 * avail) / width)) + "%";
      }
    });
  }
  function whenTypeset() {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) {
      mj.startup.promise.then(fit);
    } else {
      setTimeout(whenTypeset, 200);
    }
  }
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(fit, 150);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenTypeset);
  else whenTypeset();
})();
