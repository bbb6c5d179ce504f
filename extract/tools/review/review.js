// The review page: one document at a time from the server, every decision posted at once.
// The server is the only writer of decisions; this page only ever shows what it last fetched,
// and fetches again after each decision and whenever the tab comes back into focus.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config").textContent);
  var SCHEMA = config.schema;
  var ICONS = { accept: "✓", reject: "✗", correct: "✎", add: "+" };
  // seq numbers the document answers asked for, shown the latest one applied: an answer that
  // arrives after a later one (two quick keys) is not shown over it.
  var state = { overview: null, doc: null, current: 0, segments: {}, history: [], form: null, seq: 0, shown: 0 };

  function byId(id) { return document.getElementById(id); }

  function api(method, path, body) {
    var init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || response.statusText); }
        return data;
      });
    }, function () {
      throw new Error("The review server is not answering: start `extract review` again (decisions so far are saved).");
    });
  }

  var toastTimer = null;
  function toast(message) {
    var box = byId("toast");
    box.textContent = message;
    box.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.classList.remove("show"); }, 3500);
  }
  function fail(err) { toast(err.message); }

  function show(value) {
    if (value === null || value === undefined) { return "—"; }
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  // ---- documents -------------------------------------------------------------------------------
  function loadOverview() {
    return api("GET", "/api/overview").then(function (overview) {
      state.overview = overview;
      renderDocList();
      renderStale();
      renderProgress();
    });
  }

  function renderDocList() {
    var list = byId("doc-list");
    list.textContent = "";
    state.overview.documents.forEach(function (doc) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      var name = document.createElement("span");
      var progress = document.createElement("span");
      button.type = "button";
      button.className = "doc-link";
      button.setAttribute("data-index", doc.index);
      name.textContent = doc.title || doc.doc_id;
      progress.className = "progress";
      button.appendChild(name);
      button.appendChild(progress);
      button.addEventListener("click", function () { openDocument(doc.index); });
      item.appendChild(button);
      list.appendChild(item);
    });
    state.overview.documents.forEach(updateDocLink);
  }

  function updateDocLink(doc) {
    var button = document.querySelector('.doc-link[data-index="' + doc.index + '"]');
    if (!button) { return; }
    var label = doc.decided + "/" + doc.claims + (doc.added ? " +" + doc.added : "");
    button.querySelector(".progress").textContent = label;
    button.classList.toggle("done", doc.claims > 0 && doc.decided === doc.claims);
    button.setAttribute("aria-current", state.doc && state.doc.index === doc.index ? "true" : "false");
    button.title = doc.doc_id + ": " + doc.decided + " of " + doc.claims + " claims decided";
  }

  function renderProgress() {
    var docs = state.overview.documents;
    var claims = 0, decided = 0, added = 0;
    docs.forEach(function (d) { claims += d.claims; decided += d.decided; added += d.added; });
    byId("progress").textContent = decided + " of " + claims + " claims decided, " + added + " added, in " +
      docs.length + " documents";
  }

  function renderStale() {
    var box = byId("stale");
    var gone = state.overview.gone, changed = state.overview.changed;
    box.hidden = !(gone.length || changed.length);
    box.querySelector("summary").textContent = gone.length + " decided claims no longer in the KB, " +
      changed.length + " changed since decided";
    var list = box.querySelector("ul");
    list.textContent = "";
    gone.concat(changed).forEach(function (line, i) {
      var item = document.createElement("li");
      item.textContent = (i < gone.length ? "gone: " : "changed: ") + line.doc_id + " " + line.type + " “" +
        line.text + "” (" + line.decision + ")";
      list.appendChild(item);
    });
  }

  function openDocument(index, claimId) {
    var mine = ++state.seq;
    return api("GET", "/api/documents/" + index).then(function (doc) {
      if (mine > state.shown) { state.shown = mine; showDocument(doc, claimId); }
    }).catch(fail);
  }

  function countDocument(doc) {
    var entry = state.overview.documents[doc.index];
    entry.decided = doc.claims.filter(function (c) { return !c.added && c.decision; }).length;
    entry.added = doc.claims.filter(function (c) { return c.added; }).length;
    state.overview.documents.forEach(updateDocLink);
    renderProgress();
  }

  function showDocument(doc, claimId) {
    var previous = state.doc;
    if (!previous || previous.index !== doc.index) { window.scrollTo(0, 0); }
    var keep = claimId || (previous && previous.index === doc.index && currentClaim() ? currentClaim().id : null);
    state.doc = doc;
    byId("doc-title").textContent = doc.title || doc.doc_id;
    byId("doc-meta").textContent = [doc.doc_id, doc.date, doc.claims.length + " claims"].filter(Boolean).join(" · ");
    byId("doc-body").hidden = !doc.body_note;
    byId("doc-body").textContent = !doc.body_note ? "" : doc.body_note +
      (doc.left_out.length ? " (greyed: not the article body; hover it for why)" : "");
    byId("doc-problem").hidden = !doc.problem;
    byId("doc-problem").textContent = doc.problem || "";
    var text = byId("text");
    if (!previous || previous.index !== doc.index || previous.html !== doc.html) {
      text.innerHTML = doc.html || "";  // escaped by the server, as the report escapes it
      indexSegments();
    }
    var names = byId("names");
    names.textContent = "";
    doc.names.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry.name;
      option.label = entry.kind;
      names.appendChild(option);
    });
    var found = doc.claims.findIndex(function (c) { return c.id === keep; });
    state.current = found >= 0 ? found : (previous && previous.index === doc.index ? state.current : 0);
    state.current = Math.max(0, Math.min(state.current, doc.claims.length - 1));
    history.replaceState(null, "", "#doc=" + doc.index);
    countDocument(doc);
    renderStates();
    renderQueue();
    select(state.current, !keep);
  }

  function indexSegments() {
    state.segments = {};
    byId("text").querySelectorAll("mark.hl").forEach(function (segment) {
      segment.removeAttribute("tabindex");
      segment.getAttribute("data-marks").split(" ").forEach(function (id) {
        var claim = id.replace(/-speaker$/, "");
        (state.segments[claim] = state.segments[claim] || []).push(segment);
      });
    });
  }

  // A segment shows the decision of the innermost claim covering it (marks are listed innermost first).
  function renderStates() {
    var decisions = {};
    state.doc.claims.forEach(function (c) { decisions[c.id] = c.decision ? c.decision.decision : null; });
    byId("text").querySelectorAll("mark.hl").forEach(function (segment) {
      var own = segment.getAttribute("data-marks").split(" ").filter(function (id) { return !/-speaker$/.test(id); });
      var decision = own.length ? decisions[own[0]] : null;
      if (decision) { segment.setAttribute("data-state", decision); } else { segment.removeAttribute("data-state"); }
    });
  }

  // ---- the claim under review ------------------------------------------------------------------
  function currentClaim() { return state.doc ? state.doc.claims[state.current] : null; }

  function select(index, quiet) {
    if (!state.doc || !state.doc.claims.length) { renderClaim(); return; }
    state.current = Math.max(0, Math.min(index, state.doc.claims.length - 1));
    byId("text").querySelectorAll("mark.current").forEach(function (s) { s.classList.remove("current"); });
    var claim = currentClaim();
    var segments = state.segments[claim.id] || [];
    segments.forEach(function (s) { s.classList.add("current"); });
    if (segments.length && !quiet) { segments[0].scrollIntoView({ block: "center", behavior: "instant" }); }
    byId("queue").querySelectorAll("button").forEach(function (b, i) {
      b.setAttribute("aria-current", i === state.current ? "true" : "false");
    });
    renderClaim();
  }

  function renderClaim() {
    var box = byId("claim");
    box.textContent = "";
    var claim = currentClaim();
    if (!claim) {
      box.innerHTML = '<p class="muted">No claims in this document. Select missed ones in the text and press <kbd>s</kbd>.</p>';
      return;
    }
    var head = document.createElement("h2");
    head.textContent = (state.current + 1) + " of " + state.doc.claims.length + ": " + claim.type +
      (claim.added ? " (added by a reviewer)" : "");
    var quote = document.createElement("p");
    quote.className = "claim-text";
    quote.textContent = claim.text;
    var status = document.createElement("p");
    var decision = claim.decision;
    status.className = "status " + (decision ? decision.decision : "");
    status.textContent = decision ? "Decided: " + decision.decision + " (" + decision.time + ")" : "Not decided yet";
    box.appendChild(head);
    box.appendChild(quote);
    box.appendChild(status);
    if (claim.left_out) {
      var out = document.createElement("p");
      out.className = "warn";
      out.textContent = "In text the body finder left out (" + claim.left_out + ")" +
        (claim.added ? ": adding it says the finder was wrong here." : ".");
      box.appendChild(out);
    }
    if (decision && decision.changed) {
      var warn = document.createElement("p");
      warn.className = "warn";
      warn.textContent = "This claim changed since it was decided (a re-run): decide it again.";
      box.appendChild(warn);
    }
    var list = document.createElement("dl");
    var corrected = decision ? decision.fields : {};
    SCHEMA[claim.type].forEach(function (field) { row(list, field.name, claim.values[field.name], field.name in corrected); });
    ["rule", "cue", "speaker_mention", "speaker_role", "speaker_org", "period", "purpose"].forEach(function (name) {
      if (claim.record[name] !== undefined && !(name in claim.values)) { row(list, name, claim.record[name], false); }
    });
    box.appendChild(list);
  }

  function row(list, name, value, corrected) {
    var term = document.createElement("dt");
    var detail = document.createElement("dd");
    term.textContent = name.replace(/_/g, " ");
    detail.textContent = show(value) + (corrected ? " (corrected)" : "");
    if (corrected) { detail.className = "corrected"; }
    list.appendChild(term);
    list.appendChild(detail);
  }

  function renderQueue() {
    var queue = byId("queue");
    queue.textContent = "";
    state.doc.claims.forEach(function (claim, i) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      var icon = document.createElement("span");
      var swatch = document.createElement("span");
      var what = document.createElement("span");
      button.type = "button";
      icon.className = "icon";
      icon.textContent = claim.decision ? ICONS[claim.decision.decision] + (claim.decision.changed ? "!" : "") : "·";
      swatch.className = "swatch " + claim.type;
      what.className = "what";
      what.textContent = claim.text;
      button.title = claim.type + ": " + (claim.decision ? claim.decision.decision : "not decided");
      button.appendChild(icon);
      button.appendChild(swatch);
      button.appendChild(what);
      button.addEventListener("click", function () { select(i); });
      item.appendChild(button);
      queue.appendChild(item);
    });
  }

  // ---- decisions -------------------------------------------------------------------------------
  // The answer shows the decided document with the claim ``target`` selected (default: whichever is
  // selected by then). If the reviewer has moved on to another document meanwhile, it only updates
  // the counts, except for an undo, which goes back to the claim it undid.
  function decide(body, target) {
    var mine = ++state.seq;
    return api("POST", "/api/decisions", body).then(function (data) {
      data.lines.forEach(function (line) {
        if (line.decision !== "undo") { state.history.push({ claim: line.claim, id: line.id }); }
      });
      var elsewhere = state.doc && state.doc.index !== data.document.index;
      if (mine < state.shown || (elsewhere && body.decision !== "undo")) { countDocument(data.document); return data; }
      state.shown = mine;
      var selected = currentClaim();
      showDocument(data.document, target === undefined ? (selected && selected.id) : target);
      return data;
    });
  }

  // Accept or reject, and move on at once: the next key acts on the next claim, not this one again.
  function judge(decision) {
    var claim = currentClaim();
    if (!claim) { toast("No claim to " + decision + " here."); return; }
    select(state.current + 1);
    decide({ decision: decision, claim: claim.id }).catch(fail);
  }

  function undo() {
    var last = state.history.pop();
    if (!last) { toast("Nothing to undo in this tab."); return; }
    decide({ decision: "undo", claim: last.claim, undoes: last.id }, last.claim).then(function () {
      toast("Undone.");
    }).catch(fail);
  }

  // ---- the correct / add form ------------------------------------------------------------------
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

  // ---- keys and buttons ------------------------------------------------------------------------
  function step(delta) {
    if (!state.overview) { return; }
    var next = (state.doc ? state.doc.index : 0) + delta;
    if (next >= 0 && next < state.overview.documents.length) { openDocument(next); }
  }

  var KEYS = {
    j: function () { select(state.current + 1); },
    n: function () { select(state.current + 1); },
    k: function () { select(state.current - 1); },
    p: function () { select(state.current - 1); },
    a: function () { judge("accept"); },
    r: function () { judge("reject"); },
    c: correct,
    u: undo,
    s: addFromSelection,
    "]": function () { step(1); },
    "[": function () { step(-1); },
    "?": function () { byId("help").showModal(); }
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || document.querySelector("dialog[open]")) { return; }
    if (event.target.closest && event.target.closest("input, select, textarea")) { return; }
    var action = KEYS[event.key];
    if (action) { event.preventDefault(); action(); }
  });
  byId("do-accept").addEventListener("click", function () { judge("accept"); });
  byId("do-reject").addEventListener("click", function () { judge("reject"); });
  byId("do-correct").addEventListener("click", correct);
  byId("do-undo").addEventListener("click", undo);
  byId("do-add").addEventListener("click", addFromSelection);
  byId("help-button").addEventListener("click", function () { byId("help").showModal(); });
  document.addEventListener("selectionchange", function () { byId("do-add").disabled = !selectedSpan(); });
  byId("text").addEventListener("click", function (event) {
    var segment = event.target.closest("mark.hl");
    if (!segment || !window.getSelection().isCollapsed) { return; }
    var own = segment.getAttribute("data-marks").split(" ")[0].replace(/-speaker$/, "");
    var index = state.doc.claims.findIndex(function (c) { return c.id === own; });
    if (index >= 0) { select(index, true); }
  });
  // Another tab may have decided meanwhile: fetch again when this one comes back.
  window.addEventListener("focus", function () {
    if (!state.doc || document.querySelector("dialog[open]")) { return; }
    loadOverview().then(function () { return openDocument(state.doc.index); }).catch(fail);
  });

  var currencies = byId("currencies");
  config.currencies.forEach(function (code) {
    var option = document.createElement("option");
    option.value = code;
    currencies.appendChild(option);
  });

  var start = /doc=(\d+)/.exec(location.hash);
  loadOverview().then(function () {
    var count = state.overview.documents.length;
    if (!count) { byId("doc-title").textContent = "This KB has no documents."; return; }
    return openDocument(start ? Math.min(Number(start[1]), count - 1) : 0);
  }).catch(fail);
})();
