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

  // ---- the correct / add form (review-form.js) -------------------------------------------------
  var form = reviewForm({
    state: state, schema: SCHEMA, byId: byId, toast: toast, decide: decide, select: select, currentClaim: currentClaim,
  });
  var correct = form.correct, addFromSelection = form.addFromSelection, selectedSpan = form.selectedSpan;

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
