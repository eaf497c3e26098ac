// The report's own script. It reads nothing from the corpus: it filters the rows of the
// stances table by the text typed in the filter box, and opens every <details> before
// printing so that the reasons and quotes are on paper too.
(function () {
  "use strict";
  var input = document.getElementById("stance-filter");
  if (input) {
    var rows = document.querySelectorAll("#stance-table tbody tr");
    var count = document.getElementById("stance-count");
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      if (count) { count.textContent = String(shown); }
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
}());
