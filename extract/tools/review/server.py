"""The review page's server: the standard library's threading HTTP server on 127.0.0.1 only.

Three reads and one write: the page itself (``/``, self-contained, no network), the documents
with their progress (``/api/overview``), one document (``/api/documents/<n>``), and a decision
(``POST /api/decisions``, JSON). Only this machine can connect, and a request must name this
server as its Host (so a web page cannot reach it through a rebound DNS name) and a decision must
be JSON from this server's own page (so another site cannot post one through a form).
"""

from __future__ import annotations

import json
import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from string import Template
from typing import Any
from urllib.parse import urlsplit

from extract.tools.report.body import OUT_STYLES
from extract.tools.report.escape import script_json
from extract.tools.report.marks import layer_styles, layers
from extract.tools.review.fields import page_schema
from extract.tools.review.session import RequestError, ReviewSession

HOST = "127.0.0.1"
MAX_BODY = 1 << 20  # a decision is a few hundred bytes; anything this large is not one
_DOCUMENT = re.compile(r"/api/documents/(\d+)")
SCRIPTS = ("review-form.js", "review.js")  # the form first: review.js calls its reviewForm


def render_page(title: str, currencies: list[str]) -> str:
    """The review page: markup, styles and script from the package, the settings as JSON."""
    assets = files("extract.tools.review")
    template = Template(assets.joinpath("review.html").read_text(encoding="utf-8"))
    config = {"title": title, "schema": page_schema(), "currencies": currencies}
    return template.substitute(
        title=title.replace("&", "&amp;").replace("<", "&lt;"),
        type_styles=layer_styles(layers()),
        out_styles=OUT_STYLES,
        config=script_json(config),
        script="\n".join(assets.joinpath(name).read_text(encoding="utf-8") for name in SCRIPTS),
    )


class ReviewServer(ThreadingHTTPServer):
    """Serves one ``ReviewSession``; ``port=0`` takes a free port (see ``server_port``)."""

    daemon_threads = True

    def __init__(self, session: ReviewSession, page: str, port: int = 0) -> None:
        super().__init__((HOST, port), _Handler)
        self.session = session
        self.page = page.encode("utf-8")
        self.hosts = {f"{HOST}:{self.server_port}", f"localhost:{self.server_port}"}

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A tab closed mid-answer is not worth a traceback; anything else still gets one."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "extract-review"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows what the command prints, not a line per request."""

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, data: Any, status: int = 200) -> None:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        self._json({"error": message}, status)

    def _trusted(self) -> bool:
        if self.headers.get("Host") not in self.server.hosts:
            self._error(HTTPStatus.FORBIDDEN, "open the review page at the address `extract review` printed")
            return False
        return True

    def do_GET(self) -> None:
        if not self._trusted():
            return
        path = urlsplit(self.path).path
        session = self.server.session
        try:
            if path == "/":
                self._send(200, self.server.page, "text/html; charset=utf-8")
            elif path == "/favicon.ico":
                self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            elif path == "/api/overview":
                self._json(session.overview())
            elif match := _DOCUMENT.fullmatch(path):
                self._json(session.document(int(match.group(1))))
            else:
                self._error(HTTPStatus.NOT_FOUND, f"nothing at {path}")
        except RequestError as err:
            self._error(err.status, str(err))

    def do_POST(self) -> None:
        if not self._trusted():
            return
        if urlsplit(self.path).path != "/api/decisions":
            self._error(HTTPStatus.NOT_FOUND, "decisions go to /api/decisions")
            return
        origin = self.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc not in self.server.hosts:
            self._error(HTTPStatus.FORBIDDEN, "decisions come from the review page only")
            return
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the decision as application/json")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            self._error(HTTPStatus.BAD_REQUEST, "a decision is a JSON object of at most 1 MB")
            return
        try:
            request = json.loads(self.rfile.read(length))
            if not isinstance(request, dict):
                raise RequestError("a decision is a JSON object")
            self._json(self.server.session.decide(request))
        except json.JSONDecodeError as err:
            self._error(HTTPStatus.BAD_REQUEST, f"not JSON: {err.msg}")
        except RequestError as err:
            self._error(err.status, str(err))
        except OSError as err:
            self._error(HTTPStatus.INSUFFICIENT_STORAGE, f"{self.server.session.log.path}: cannot write ({err})")
