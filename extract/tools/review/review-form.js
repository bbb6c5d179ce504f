// The review page's correct / add form: a dialog over the claim under review (correct) or over
// the reader's selection in the article (add a missed claim). ``reviewForm`` is called once by
// review.js, which hands it what the form shares with the page; it returns the page's entry points.
function reviewForm(page) {
  "use strict";
  var state = page.state, SCHEMA = page.schema, byId = page.byId, toast = page.toast;
  var decide = page.decide, select = page.select, currentClaim = page.currentClaim;

  function inputFor(field, value) {
    var input;
    if (field.kind === "choice") {
      input = document.createElement("select");
      [""].concat(field.choices).forEach(function (choice) {
        var option = document.createElement("option");
        option.value = choice;
        option.textContent = choice || "—";
        input.appendChild(option);
      });
    } else {
      input = document.createElement("input");
      input.autocomplete = "off";
      if (field.kind === "name") { input.setAttribute("list", "names"); }
      if (field.kind === "code") { input.setAttribute("list", "currencies"); input.maxLength = 3; }
      if (field.kind === "number") { input.inputMode = "decimal"; }
    }
    input.name = field.name;
    input.value = value === null || value === undefined ? "" : String(value);
    input.setAttribute("data-original", input.value);
    return input;
  }

  // A name field offers the document's names as buttons too (a datalist's list is easy to miss).
  function nameChoices(input) {
    var box = document.createElement("div");
    box.className = "choices";
    box.setAttribute("aria-label", "Names in this document");
    state.doc.names.forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = entry.name;
      button.title = entry.kind;
      button.addEventListener("click", function () { input.value = entry.name; input.focus(); });
      box.appendChild(button);
    });
    return box;
  }

  function buildFields(type, values) {
    var box = byId("edit-fields");
    box.textContent = "";
    SCHEMA[type].filter(function (f) { return f.editable; }).forEach(function (field) {
      var label = document.createElement("label");
      var input = inputFor(field, values[field.name]);
      label.textContent = field.name.replace(/_/g, " ") + (field.kind === "name" ? " (choose or type a name)" : "");
      label.appendChild(input);
      box.appendChild(label);
      if (field.kind === "name" && state.doc.names.length) { box.appendChild(nameChoices(input)); }
    });
  }

  // Why the text start-end is not article body (the first left-out piece it overlaps), or null.
  function leftOut(start, end) {
    var piece = (state.doc.left_out || []).find(function (p) { return p[0] < end && start < p[1]; });
    return piece ? piece[2] : null;
  }

  function openForm(form) {
    state.form = form;
    byId("edit-error").textContent = "";
    var why = form.selection ? leftOut(form.selection.start, form.selection.end) : null;
    byId("edit-note").hidden = !why;
    byId("edit-note").textContent = why ? "This text was left out of the article body (" + why + "), so the run " +
      "took no claims from it. You can still add it, if the finder was wrong here." : "";
    byId("edit-title").textContent = form.claim ? "Correct this " + form.claim.type : "Add a missed claim";
    byId("edit-text").textContent = form.claim ? form.claim.text : form.selection.text;
    byId("edit-type-row").hidden = !!form.claim;
    var type = form.claim ? form.claim.type : byId("edit-type").value;
    buildFields(type, form.claim ? form.claim.values : {});
    byId("edit").showModal();
    var first = byId("edit-fields").querySelector("input, select");
    (form.claim ? first : byId("edit-type")).focus();
  }

  function correct() {
    var claim = currentClaim();
    if (!claim) { toast("No claim to correct here."); return; }
    openForm({ claim: claim });
  }

  function selectedSpan() {
    var selection = window.getSelection();
    var text = byId("text");
    if (!selection.rangeCount || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return null; }
    // Offsets count code points, as the KB does: a character outside the BMP is one, not two.
    var before = document.createRange();
    before.setStart(text, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = Array.from(before.toString()).length;
    var chosen = range.toString();
    return { start: start, end: start + Array.from(chosen).length, text: chosen };
  }

  function addFromSelection() {
    var span = selectedSpan();
    if (!span || !span.text.trim()) { toast("Select the missed claim's words in the article first."); return; }
    openForm({ selection: span });
  }

  byId("edit-type").innerHTML = "";
  Object.keys(SCHEMA).forEach(function (type) {
    var option = document.createElement("option");
    option.value = option.textContent = type;
    byId("edit-type").appendChild(option);
  });
  byId("edit-type").addEventListener("change", function () { buildFields(byId("edit-type").value, {}); });
  byId("edit-cancel").addEventListener("click", function () { byId("edit").close(); });
  byId("edit-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = state.form;
    var fields = {};
    byId("edit-fields").querySelectorAll("input, select").forEach(function (input) {
      if (form.claim ? input.value !== input.getAttribute("data-original") : input.value.trim() !== "") {
        fields[input.name] = input.value;
      }
    });
    var body;
    if (form.claim) {
      if (!Object.keys(fields).length) { byId("edit-error").textContent = "Nothing changed: change a field, or Esc."; return; }
      body = { decision: "correct", claim: form.claim.id, fields: fields };
    } else {
      body = { decision: "add", doc_id: state.doc.doc_id, type: byId("edit-type").value, start: form.selection.start,
        end: form.selection.end, text: form.selection.text, fields: fields };
    }
    decide(body).then(function (data) {
      byId("edit").close();
      window.getSelection().removeAllRanges();
      if (form.claim) {
        select(state.current + 1);  // a correction, like a judgement, moves on
      } else if (data.lines.length) {
        select(state.doc.claims.findIndex(function (c) { return c.id === data.lines[0].claim; }));
      }
      var outside = !form.claim && leftOut(form.selection.start, form.selection.end);
      toast(form.claim ? "Corrected." : outside ? "Added, in text left out of the body." : "Added.");
    }).catch(function (err) { byId("edit-error").textContent = err.message; });
  });
  byId("edit").addEventListener("close", function () { state.form = null; });
  // Enter saves from any field; a select does not submit its form by itself.
  byId("edit-form").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "SELECT") {
      event.preventDefault();
      byId("edit-form").requestSubmit();
    }
  });

  return { correct: correct, addFromSelection: addFromSelection, selectedSpan: selectedSpan };
}
