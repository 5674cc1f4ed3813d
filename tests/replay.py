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
