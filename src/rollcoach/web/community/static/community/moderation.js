// "Select all" only makes sense with scripting, so it stays hidden without it.
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  if (!all) return;
  var boxes = document.querySelectorAll('input[name="comments"]');
  all.closest("label").hidden = false;
  all.addEventListener("change", function () {
    boxes.forEach(function (box) {
      box.checked = all.checked;
    });
  });
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      var checked = document.querySelectorAll('input[name="comments"]:checked').length;
      all.checked = checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    });
  });
})();
