/* A solution's title ("Solution to Exercise 2.1 (...)") is one big toggle button, and
 * sphinx-exercise puts a link to the exercise inside it. sphinx-togglebutton 0.4.5's
 * click handler finds no button when the click lands on that link and throws
 * "ReferenceError: button is not defined", leaving the solution closed. Here a click on
 * the link opens or closes the solution, like a click anywhere else on its title (the
 * exercise itself is just above it on the page).
 */
(function () {
  "use strict";
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest(".toggle > .admonition-title a");
      if (!link) return;
      var title = link.closest(".admonition-title");
      var button = title && title.querySelector(".toggle-button");
      if (!button) return;
      event.preventDefault();
      event.stopPropagation();
      button.click();
    },
    true
  );
})();
