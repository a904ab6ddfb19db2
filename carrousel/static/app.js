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

// Placement form: the organisation's kind decides the types on offer; the type decides the
// default phase, its own time-limit hint and whether loonkostensubsidie (paid work only) fits.
// The server checks all of this too; this only saves the poster a refused save.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-type-defaults]");
  if (!form) { return; }
  var defaults = JSON.parse(form.getAttribute("data-type-defaults"));
  var kindTypes = JSON.parse(form.getAttribute("data-kind-types"));
  var paidTypes = JSON.parse(form.getAttribute("data-paid-types"));
  var type = form.querySelector("#type");
  var phase = form.querySelector("#phase");
  var organisation = form.querySelector("#organisation_id");
  var previous = organisation ? organisation.selectedOptions[0] : null;

  function showForType() {
    var chosen = type.value;
    form.querySelectorAll("[data-only-type]").forEach(function (hint) {
      hint.hidden = hint.getAttribute("data-only-type") !== chosen;
    });
    var paid = !chosen || paidTypes.indexOf(chosen) >= 0;
    form.querySelectorAll("[data-paid-only]").forEach(function (label) {
      var box = label.querySelector("input");
      if (!paid && box.checked) { box.checked = false; }
      label.hidden = !paid;
    });
  }

  function followOrganisation() {
    var option = organisation.selectedOptions[0];
    var allowed = kindTypes[option.getAttribute("data-kind")] || null;
    Array.prototype.forEach.call(type.options, function (o) {
      var fits = !o.value || !allowed || allowed.indexOf(o.value) >= 0;
      o.hidden = !fits;
      o.disabled = !fits;
    });
    if (type.selectedOptions[0] && type.selectedOptions[0].disabled) { type.value = ""; showForType(); }
    ["postcode", "sector"].forEach(function (name) {
      var field = form.querySelector("#" + name);
      var before = previous ? previous.getAttribute("data-" + name) || "" : "";
      if (field && (field.value === "" || field.value === before)) {
        field.value = option.getAttribute("data-" + name) || "";
      }
    });
    previous = option;
  }

  type.addEventListener("change", function () {
    var wanted = defaults[type.value] && defaults[type.value].phase;
    if (phase && wanted) { phase.value = wanted; }
    showForType();
  });
  if (organisation) {
    organisation.addEventListener("change", followOrganisation);
    if (organisation.value) { followOrganisation(); }
  }
  showForType();
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

// After a submit the answer must be where the eyes and the screen reader are (GOV.UK and NL
// Design System pattern): the error summary, else the confirmation, gets focus and is scrolled
// into view. Without this a refused form shows its errors below the fold and looks saved.
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("main .error-summary") ||
    document.querySelector("main [data-focus-on-load]") ||
    document.querySelector("main .flashes");
  if (!target) { return; }
  if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
});

// A "Printen" button (the inzage): the browser's own print dialog.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
});
