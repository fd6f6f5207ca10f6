// The segment editor, quicker: memory matches in one click, Alt+Up/Down between segments,
// progress counted as you type. The page works without it as a plain form.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("segment-form");
  if (!form) { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("textarea.segment-input"));
  var progress = document.getElementById("segment-progress");

  function updateProgress() {
    if (!progress) { return; }
    var done = inputs.filter(function (input) { return input.value.trim() !== ""; }).length;
    progress.textContent = progress.dataset.template.replace("DONE", String(done));
  }

  form.querySelectorAll("button.use-match").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.target);
      input.value = button.dataset.text;
      input.focus();
      updateProgress();
    });
  });

  inputs.forEach(function (input, index) {
    input.addEventListener("input", updateProgress);
    input.addEventListener("keydown", function (event) {
      if (!event.altKey || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) { return; }
      var next = inputs[index + (event.key === "ArrowDown" ? 1 : -1)];
      if (next) {
        event.preventDefault();
        next.focus();
        next.closest("tr").scrollIntoView({ block: "nearest" });
      }
    });
  });
});
