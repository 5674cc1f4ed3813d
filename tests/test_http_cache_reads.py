"""Answers read from the HTTP cache (issue 18 item 8: a re-run of `import --online` from the cache
is fast): never paused for, never sent, the same answers as the first run.

Against the stand-in on 127.0.0.1 (tests/standin.py); the paper is made up (arXiv id
2311.99911 was never given out).
"""
import pytest

from standin import Standin, atom, point_services_at
from unlearn_bib.resolve.http import SERVICES, Client

ARXIV = "2311.99911"
TITLE = "A Synthetic Study of Cached Answers"


@pytest.fixture
def services(monkeypatch):
    with Standin() as server:
        point_services_at(monkeypatch, server.base)
        yield server


def test_a_cached_answer_is_not_paused_for(services, tmp_path):
    pauses = []
    client = Client(cache_dir=str(tmp_path / "http"), sleep=pauses.append, clock=lambda: 100.0)
    first = client.get("arxiv", "/api/query", {"id_list": "2311.99911"})
    again = client.get("arxiv", "/api/query", {"id_list": "2311.99911"})  # arXiv's 3 s apply to requests sent
    assert (first.from_cache, again.from_cache, again.text) == (False, True, first.text)
    assert pauses == []
    other = client.get("arxiv", "/api/query", {"id_list": "2311.99912"})  # this one goes out: it waits its turn
    assert not other.from_cache and pauses == [SERVICES["arxiv"].interval]
    assert len(services.asked("arxiv")) == 2
    assert (client.stats.requests, client.stats.cached) == ({"arxiv": 2}, {"arxiv": 1})


def test_a_cached_answer_needs_no_service_and_a_new_question_still_goes_out(services, tmp_path):
    cache = str(tmp_path / "http")
    Client(cache_dir=cache, sleep=lambda s: None).get("s2", "/graph/v1/paper/arXiv:2311.99911", accept=(200, 404))
    seen = len(services.seen)
    client = Client(cache_dir=cache, sleep=lambda s: None)
    reply = client.get("s2", "/graph/v1/paper/arXiv:2311.99911", accept=(200, 404))
    assert (reply.status, reply.from_cache, len(services.seen)) == (404, True, seen)
    client.get("s2", "/graph/v1/paper/arXiv:2311.99911", {"fields": "title"}, accept=(200, 404))  # other query
    assert len(services.seen) == seen + 1


def test_import_online_again_from_the_cache_sends_nothing_and_writes_the_same(services, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from unlearn_bib.cli.main import main

    monkeypatch.setattr("time.sleep", lambda s: None)
    services.routes[("arxiv", "/api/query")] = atom(ARXIV, TITLE, authors=("Ada Placeholder", "Bo Madeup"))
    readme = tmp_path / "README.md"
    readme.write_text(f"| Paper | Venue | Year |\n|---|---|---|\n| [{TITLE}](https://arxiv.org/abs/{ARXIV}) | arXiv | 2023 |\n")
    runs = []
    for name in ("cold.yaml", "warm.yaml"):
        before = len(services.seen)
        result = CliRunner().invoke(main, ["import", "--from", "markdown", str(readme), "--papers", str(tmp_path / name),
                                           "--online", "--cache-dir", str(tmp_path / "http")])
        assert result.exit_code == 0, result.output
        runs.append((len(services.seen) - before, result.stderr))
    (cold, cold_err), (warm, warm_err) = runs
    assert cold >= 2 and warm == 0
    assert "served from cache: 0 of" not in warm_err and "1 resolved" in warm_err
    assert (tmp_path / "warm.yaml").read_text() == (tmp_path / "cold.yaml").read_text()
    assert "Placeholder" in (tmp_path / "warm.yaml").read_text()
