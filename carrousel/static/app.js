// Progressive enhancement only: every page works without this file.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Occupation autocomplete: suggestions from /api/v1/occupations under the field.
document.addEventListener("DOMContentLoaded", function () {
  var input = document.querySelector("input[data-occupations]");
  if (!input) { return; }
  var list = document.createElement("ul");
  list.className = "suggestions";
  list.id = input.id + "-suggestions";
  list.setAttribute("aria-label", "Suggesties uit de lijst kansrijke beroepen");
  list.hidden = true;
  input.insertAdjacentElement("afterend", list);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      fetch(input.getAttribute("data-occupations") + "?limit=8&q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.items.forEach(function (item) {
            var li = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = item.name + " (" + item.sector + ")";
            button.addEventListener("click", function () { input.value = item.name; list.hidden = true; input.focus(); });
            li.appendChild(button);
            list.appendChild(li);
          });
          list.hidden = data.items.length === 0;
        });
    }, 200);
  });
});

// Phone layout: a table becomes one card per row on a narrow screen (style.css); each cell
// carries its column's header as data-label so the card reads "Route  Snel naar werk".
// A template may set data-label itself; cells spanning columns (empty-list rows) are skipped.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("main table").forEach(function (table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.classList.contains("no-label") ? "" : th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var span = cell.colSpan || 1;
        if (span === 1 && !cell.hasAttribute("data-label") && headers[column]) {
          cell.setAttribute("data-label", headers[column]);
        }
        column += span;
      });
    });
  });
});

// Filters fold away on a phone; on a wide screen there is room to show them open.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.matchMedia("(min-width: 48rem)").matches) { return; }
  document.querySelectorAll("details.filter-panel").forEach(function (panel) { panel.open = true; });
});
