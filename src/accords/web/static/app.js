// accords workbench: progressive enhancement only; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filter the rows of a table: <input class="filter" data-table="ID">.
  document.querySelectorAll("input.filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var needle = input.value.toLowerCase();
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
  });
  // Bring a highlighted passage into view (the browser scrolls; this centres it).
  if (location.hash && /^#q-\d+-\d+$/.test(location.hash)) {
    var name = location.hash.slice(1);
    document.querySelectorAll("mark." + name).forEach(function (mark) { mark.classList.add("current"); });
    var target = document.getElementById(name);
    if (target && target.scrollIntoView) { target.scrollIntoView({block: "center"}); }
  }
});
