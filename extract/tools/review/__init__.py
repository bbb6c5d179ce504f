"""The review loop: people check claims in the browser, and their decisions become gold.

``extract review`` serves the page (``server``, ``session``, the assets ``review.html``,
``review.js`` and its correct / add form ``review-form.js``); decisions are appended to
``KB.review.jsonl`` (``decisions``), each judging the fields ``fields`` declares; ``extract gold``
turns them into gold for ``extract eval`` and counterexamples for the rules (``gold``), or reads the
decisions from an annotation tool's export (``imports``). ``sources`` finds the articles through the
documents list.
"""
