"""Untrusted text made safe for the page: article text is scraped web pages, so every text and value
is HTML-escaped, and data for the page's scripts is JSON that cannot close its ``<script>`` element."""

from __future__ import annotations

import html
import json


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def script_json(data: object) -> str:
    """JSON safe inside <script>: no "<", ">" or "&" survive, so "</script>" in an article cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
