"""A stand-in for the five services on 127.0.0.1 (issue 22): a threaded http.server behind the
UNLEARN_BIB_*_URL variables, answering what a test scripts, hostile answers included.

Every service lives under its own prefix (``/arxiv``, ``/s2``, ...). ``routes`` maps
``(service, path)`` (path without the query) to a function ``(handler) -> None`` that writes
the answer; unscripted requests get an empty, valid "nothing found". Handlers that trickle
or stall stop as soon as the test ends (``stop`` is set), so no test can hang on them.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from unlearn_bib.resolve.http import SERVICES

EMPTY_FEED = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'


def send(handler, body, status=200, kind="application/json", headers=()):
    data = body.encode("utf-8") if isinstance(body, str) else body
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(data)))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)


def json_answer(value, status=200, headers=()):
    return lambda h: send(h, json.dumps(value), status, headers=headers)


def text_answer(body, status=200, kind="application/json", headers=()):
    return lambda h: send(h, body, status, kind, headers)


def atom(arxiv_id, title="", doi="", journal_ref="", authors=("Ada Example",)):
    """An arXiv API feed with one entry (the elements the resolver reads)."""
    from xml.sax.saxutils import escape

    people = "".join(f"<author><name>{escape(a)}</name></author>" for a in authors)
    extra = (f"<arxiv:doi>{escape(doi)}</arxiv:doi>" if doi else "") + (
        f"<arxiv:journal_ref>{escape(journal_ref)}</arxiv:journal_ref>" if journal_ref else "")
    body = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
            f"<entry><id>http://arxiv.org/abs/{arxiv_id}v1</id><title>{escape(title)}</title>{people}{extra}</entry></feed>")
    return text_answer(body, kind="application/atom+xml")


class Standin:
    def __init__(self):
        self.routes: dict = {}
        self.seen: list[tuple[str, str]] = []  # (service, path with query) in arrival order
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                service, _, rest = parts.path.lstrip("/").partition("/")
                outer.seen.append((service, "/" + rest + (f"?{parts.query}" if parts.query else "")))
                answer = outer.routes.get((service, "/" + rest)) or outer.default(service)
                try:
                    answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.server.handle_error = lambda request, address: None  # a client that hung up is no news
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @staticmethod
    def default(service):
        if service == "arxiv":
            return text_answer(EMPTY_FEED, kind="application/atom+xml")
        if service == "dblp":
            return json_answer({"result": {"hits": {"@total": "0"}}})
        return json_answer({"message": "not found"}, status=404)

    def asked(self, service: str) -> list[str]:
        return [path for s, path in self.seen if s == service]

    def trickle(self, body: bytes, every: float, headers_too: bool = False):
        """An answer sent one byte every ``every`` seconds (its headers too, if asked)."""
        def answer(handler):
            head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode()
            if not headers_too:
                handler.wfile.write(head)
                handler.wfile.flush()
                head = b""
            for byte in head + body:
                if self.stop.wait(every):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        return answer

    def stall(self, seconds: float):
        """No answer at all for ``seconds`` (a service that hangs)."""
        return lambda handler: self.stop.wait(seconds)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def point_services_at(monkeypatch, base: str) -> None:
    for service in SERVICES.values():
        monkeypatch.setenv(service.env, f"{base}/{service.id}")
