// The image library's focal point (library/admin.py): a click on the preview puts the point
// there, in percent, in the two fields "across" and "down" (which also work without script).
(function () {
  "use strict";

  function percent(offset, size) {
    return Math.min(100, Math.max(0, Math.round((offset / size) * 100)));
  }

  function setUp(box) {
    var image = box.querySelector("img");
    var marker = box.querySelector(".focal-marker");
    var across = document.getElementById("id_focus_x");
    var down = document.getElementById("id_focus_y");
    if (!image || !marker || !across || !down) {
      return;
    }
    function show() {
      var x = parseInt(across.value, 10);
      var y = parseInt(down.value, 10);
      var set = !isNaN(x) && !isNaN(y);
      marker.style.left = (set ? x : 50) + "%";
      marker.style.top = (set ? y : 50) + "%";
    }
    box.classList.add("focal-point-active");
    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      across.value = percent(event.clientX - rect.left, rect.width);
      down.value = percent(event.clientY - rect.top, rect.height);
      show();
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".focal-point").forEach(setUp);
  });
})();
