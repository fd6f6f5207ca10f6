// "Cite this article": the citations are selectable text; where the Clipboard API exists, each
// also gets a Copy button (hidden in the HTML, so the page reads the same without JavaScript).
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll(".cite-this").forEach(function (section) {
    var status = section.querySelector(".cite-status");
    section.querySelectorAll("button.cite-copy[data-copy]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          if (status) status.textContent = status.getAttribute("data-copied");
        });
      });
    });
  });
})();
