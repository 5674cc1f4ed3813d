"""Replay the recorded service answers of tests/data/resolver through `responses` (no network)."""
from pathlib import Path

import yaml

from unlearn_bib.resolve.http import SERVICES

DIR = Path(__file__).parent / "data" / "resolver"


def recordings():
    return yaml.safe_load((DIR / "recordings.yaml").read_text(encoding="utf-8"))


def register(mock, *, skip=(), only=None):
    """Register every recording (but those of services in ``skip``) on a RequestsMock."""
    import responses
    from responses import matchers

    for item in recordings():
        if item["service"] in skip or (only and item["service"] not in only):
            continue
        body = (DIR / item["body"]).read_text(encoding="utf-8")
        kind = "application/atom+xml" if item["body"].endswith(".xml") else "application/json"
        match = [matchers.query_param_matcher(item.get("params", {}), strict_match=False)]
        mock.add(responses.GET, SERVICES[item["service"]].base + item["path"], body=body, status=item.get("status", 200),
                 content_type=kind, match=match)


def serve(standin, *, skip=()):
    """Answer every recording from a stand-in on 127.0.0.1 (tests/standin.py): the same bodies, over a real
    socket and the client's whole HTTP path. A request no recording's parameters fit gets the stand-in's
    "nothing found"."""
    from urllib.parse import parse_qs, urlsplit

    from standin import Standin, send

    by_path: dict = {}
    for item in recordings():
        if item["service"] not in skip:
            by_path.setdefault((item["service"], item["path"]), []).append(item)

    def route(service, items):
        def answer(handler):
            asked = {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}
            for item in items:
                if all(asked.get(k) == str(v) for k, v in item.get("params", {}).items()):
                    kind = "application/atom+xml" if item["body"].endswith(".xml") else "application/json"
                    return send(handler, (DIR / item["body"]).read_bytes(), item.get("status", 200), kind)
            return Standin.default(service)(handler)
        return answer

    for (service, path), items in by_path.items():
        standin.routes[(service, path)] = route(service, items)
