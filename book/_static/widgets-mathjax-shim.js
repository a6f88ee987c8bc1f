/* Let the Jupyter widgets manager typeset with MathJax 3.
 *
 * The widgets manager shipped with the book (html-manager/embed.js) typesets every
 * widget label through MathJax 2's API, MathJax.Hub.Queue. The book loads MathJax 3,
 * which has no Hub, so each label threw "Cannot read properties of undefined (reading
 * 'Queue')". This shim gives whatever object window.MathJax holds (the configuration
 * first, MathJax 3 itself once it has loaded) a Hub whose Queue hands the element to
 * MathJax 3's typesetPromise.
 */
(function () {
  "use strict";
  var hub = {
    Queue: function (job) {
      var mathjax = window.MathJax;
      var element = job && job[2];
      if (element && mathjax && typeof mathjax.typesetPromise === "function") {
        mathjax.typesetPromise([element]).catch(function () {});
      }
    },
  };
  function withHub(value) {
    if (value && typeof value === "object" && !value.Hub) {
      try {
        Object.defineProperty(value, "Hub", { value: hub, enumerable: false, configurable: true });
      } catch (error) {
        /* a frozen object: leave it alone */
      }
    }
    return value;
  }
  var current = withHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () {
      return current;
    },
    set: function (value) {
      current = withHub(value);
    },
  });
})();
