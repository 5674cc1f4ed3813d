"""Issue 22 (and issue 21 item 5): a hostile or broken service, a hostile cache, a careless `-o`.

Online items run against a stand-in HTTP server on 127.0.0.1 (tests/standin.py) behind the
UNLEARN_BIB_*_URL variables; every answer is bounded in time and size. The paper below is
synthetic (arXiv ids 2311.99901.. were never given out), not a fact about a real paper.
"""
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import zlib

import pytest
from click.testing import CliRunner

from conftest import EDGE
from standin import Standin, atom, json_answer, point_services_at, text_answer
from unlearn_bib.resolve.http import Client, ServiceError

TITLE = "A Study of Erasure in Synthetic Models"
ARXIV = "2311.99901"
DOI = "10.9999/synthetic.1"
CATALOG = f"""sections:
  - id: s
    title: S
papers:
  - key: example2023erasure
    section: s
    title: {TITLE}
    authors:
      - {{family: Example, given: Ada}}
    venue: arXiv
    year: 2023
    arxiv: '{ARXIV}'
    sources:
      - https://arxiv.org/abs/{ARXIV}
"""
BIB = f"""@article{{ex2023,
  title = {{{TITLE}}},
  author = {{Example, Ada}},
  journal = {{arXiv preprint arXiv:{ARXIV}}},
  year = {{2023}}
}}
"""


def crossref_work(**extra):
    work = {"type": "proceedings-article", "DOI": DOI, "title": [TITLE], "author": [{"given": "Ada", "family": "Example"}],
            "container-title": ["European Conference on Computer Vision"], "issued": {"date-parts": [[2024]]},
            "page": "1-10"}
    work.update(extra)
    return json_answer({"message": work})


def s2_paper(**extra):
    paper = {"paperId": "synthetic1", "title": TITLE, "authors": [{"name": "Ada Example"}], "year": 2024,
             "venue": "ECCV", "externalIds": {"ArXiv": ARXIV}}
    paper.update(extra)
    return json_answer(paper)


@pytest.fixture
def services(monkeypatch):
    with Standin() as server:
        point_services_at(monkeypatch, server.base)
        yield server


def invoke(*args):
    from unlearn_bib.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args])


def client(**kw):
    kw.setdefault("cache_dir", "")
    kw.setdefault("sleep", lambda s: None)
    return Client(**kw)


@pytest.fixture
def catalog(tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_text(CATALOG)
    return path


# --- severe 1: deadlines, and the run's budget ------------------------------------------------------

@pytest.mark.parametrize("headers_too", [False, True])
def test_a_trickling_service_is_cut_at_the_deadline_and_not_retried(services, headers_too):
    services.routes[("dblp", "/search/publ/api")] = services.trickle(b'{"result": {}}' * 50, 0.2, headers_too)
    start = time.monotonic()
    with pytest.raises(ServiceError, match="timed out"):
        client(deadline=1.5, timeout=1).get("dblp", "/search/publ/api", {"q": "x"})
    assert time.monotonic() - start < 4
    assert len(services.asked("dblp")) == 1  # a truncated body is not asked for again


def test_the_run_budget_stops_asking(services):
    services.routes[("dblp", "/search/publ/api")] = services.stall(10)
    c = client(deadline=5, budget=1)
    start = time.monotonic()
    with pytest.raises(ServiceError):
        c.get("dblp", "/search/publ/api", {"q": "x"})
    with pytest.raises(ServiceError, match="time budget of 1 s is spent"):
        c.get("crossref", "/works/10.1/x")
    assert time.monotonic() - start < 4 and services.asked("crossref") == []


# --- severe 2 and 3: the HTTP cache ------------------------------------------------------------------

class _Planted:
    def __reduce__(self):
        return (os.system, (f"touch {os.environ['PLANTED_MARKER']}",))


def test_a_planted_pickle_in_the_http_cache_is_never_run(services, tmp_path, monkeypatch):
    import pickle

    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = s2_paper()
    cache = tmp_path / "cache"
    client(cache_dir=str(cache)).get("s2", f"/graph/v1/paper/arXiv:{ARXIV}")
    marker = tmp_path / "marker"
    monkeypatch.setenv("PLANTED_MARKER", str(marker))
    with sqlite3.connect(cache / "responses.sqlite") as con:
        assert con.execute("SELECT count(*) FROM responses").fetchone()[0] == 1
        con.execute("UPDATE responses SET value = ?", (pickle.dumps(_Planted()),))
    reply = client(cache_dir=str(cache)).get("s2", f"/graph/v1/paper/arXiv:{ARXIV}")
    assert not marker.exists()  # never unpickled
    assert json.loads(reply.text)["paperId"] == "synthetic1" and not reply.from_cache


def test_a_cache_other_users_may_write_is_not_used(services, tmp_path):
    cache = tmp_path / "cache"
    client(cache_dir=str(cache)).get("s2", "/graph/v1/paper/arXiv:1", accept=(404,))
    os.chmod(cache / "responses.sqlite", 0o666)
    warnings = []
    c = client(cache_dir=str(cache), warn=warnings.append)
    assert not hasattr(c.session, "cache")
    assert warnings and "may be written by other users" in warnings[0] and "running without it" in warnings[0]


def test_a_locked_cache_database_means_no_cache_not_a_hang(services, tmp_path):
    cache = tmp_path / "cache"
    client(cache_dir=str(cache)).get("s2", "/graph/v1/paper/arXiv:1", accept=(404,))
    holder = sqlite3.connect(cache / "responses.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    box, warnings = {}, []
    try:
        worker = threading.Thread(target=lambda: box.setdefault("c", client(cache_dir=str(cache), warn=warnings.append)),
                                  daemon=True)
        worker.start()
        worker.join(15)
        assert not worker.is_alive(), "opening a locked cache hangs"
        assert box["c"].get("s2", "/graph/v1/paper/arXiv:1", accept=(404,)).status == 404
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert warnings and "running without it" in warnings[0]


# --- severe 4 and 5: service values are checked before anything is proposed ------------------------

def test_update_write_never_stores_injected_values(services, catalog):
    services.routes[("arxiv", "/api/query")] = atom(ARXIV, TITLE, doi=DOI)
    services.routes[("crossref", f"/works/{DOI}")] = crossref_work(
        volume="1}, note = {\\input{/etc/hostname}", issue="<script>alert(1)</script>")
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", catalog)
    assert result.exit_code == 3, result.output
    text = catalog.read_text()
    assert "venue: ECCV" in text and "year: 2024" in text and f"doi: {DOI}" in text  # the valid values
    assert "input" not in text and "script" not in text and "volume" not in text and "number" not in text
    assert "left out" in result.stderr
    assert invoke("check", "--papers", catalog).exit_code in (0, 1)  # still a readable catalog


@pytest.mark.parametrize("extra", [{"year": 2019}, {"externalIds": {"ArXiv": ARXIV, "DBLP": "conf/eccv/Example99"}}])
def test_update_refuses_a_year_before_the_arxiv_id(services, catalog, extra):
    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = s2_paper(**extra)
    before = catalog.read_text()
    result = invoke("update", "--online", "--no-cache", "--write", "--json", "--papers", catalog)
    assert catalog.read_text() == before, result.output
    record = json.loads(result.stdout)["records"][0]
    assert record["status"] == "ambiguous"


def test_a_huge_doi_is_neither_asked_for_nor_written(services, catalog):
    long_doi = "10.9999/" + "a" * 100_000
    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = s2_paper(externalIds={"ArXiv": ARXIV, "DOI": long_doi})
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", catalog)
    text = catalog.read_text()
    assert "aaaaaaaaaa" not in text and "venue: ECCV" in text, result.output
    assert all(len(path) < 1000 for path in services.asked("crossref"))


def test_normalize_online_writes_no_control_characters_from_a_service(services, tmp_path):
    services.routes[("arxiv", "/api/query")] = atom(ARXIV, TITLE, doi=DOI)
    services.routes[("crossref", f"/works/{DOI}")] = crossref_work(
        volume="\x1b]0;pwned\x07", issue="7\x00", page="1\u202e-10")
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    result = invoke("normalize", "--online", "--no-cache", "--papers", EDGE, bib)
    assert result.exit_code == 0, result.output
    assert "ex2023: resolved online" in result.stderr and "booktitle" in result.stdout
    for bad in ("\x1b", "\x07", "\x00", "\u202e"):
        assert bad not in result.stdout


# --- severe 6 and D14: -o never onto an input --------------------------------------------------------

def test_o_onto_its_own_input_is_refused_for_every_command(tmp_path, monkeypatch):
    cat = tmp_path / "cat.yaml"
    cat.write_bytes(EDGE.read_bytes())
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    monkeypatch.chdir(tmp_path)
    for args, target in ((["export", "--papers", cat, "-o", cat], cat),
                         (["export", "--papers", cat, "-o", "nosuchdir/../cat.yaml"], cat),
                         (["cite", "--papers", bib, "ex2023", "-o", bib], bib),
                         (["diff", cat, cat, "-o", cat], cat)):
        before = target.read_bytes()
        result = invoke(*args)
        assert result.exit_code == 2 and "is the input file" in result.stderr, (args, result.output)
        assert target.read_bytes() == before


def test_normalize_o_through_a_missing_folder_onto_the_input_is_refused(tmp_path, monkeypatch):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    monkeypatch.chdir(tmp_path)
    result = invoke("normalize", "--papers", EDGE, "refs.bib", "-o", "nosuchdir/../refs.bib")
    assert result.exit_code == 2 and "is the input file" in result.stderr
    assert bib.read_text() == BIB


# --- defects ----------------------------------------------------------------------------------------

def test_a_gzip_bomb_is_capped_on_its_decoded_size(services):
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    zeros = b"\0" * (1 << 20)
    bomb = b"".join(packer.compress(zeros) for _ in range(200)) + packer.flush()  # 200 MB decoded
    services.routes[("dblp", "/search/publ/api")] = text_answer(bomb, headers=(("Content-Encoding", "gzip"),))
    start = time.monotonic()
    with pytest.raises(ServiceError, match="over the cap"):
        client().get("dblp", "/search/publ/api", {"q": "x"})
    assert time.monotonic() - start < 5


def test_an_answer_over_the_cap_never_reaches_the_cache(services, tmp_path):
    services.routes[("dblp", "/search/publ/api")] = text_answer(b"[" + b" " * (9 << 20) + b"]")
    cache = tmp_path / "cache"
    with pytest.raises(ServiceError, match="over the cap"):
        client(cache_dir=str(cache)).get("dblp", "/search/publ/api", {"q": "x"})
    assert (cache / "responses.sqlite").stat().st_size < (1 << 20)


@pytest.mark.parametrize("answer", ["stall", "429"])
def test_a_failed_service_is_skipped_for_the_rest_of_the_run(services, tmp_path, monkeypatch, answer):
    services.routes[("dblp", "/search/publ/api")] = (
        services.stall(30) if answer == "stall" else json_answer({}, 429, headers=(("Retry-After", "3600"),)))
    bib = tmp_path / "refs.bib"
    bib.write_text("".join(BIB.replace("ex2023", f"ex{n}").replace(ARXIV, f"2311.9990{n}") for n in range(1, 4)))
    monkeypatch.setattr("unlearn_bib.resolve.transport.DEADLINE", 1.0)
    start = time.monotonic()
    result = invoke("normalize", "--online", "--no-cache", "--papers", EDGE, bib)
    assert result.exit_code == 0, result.output
    assert len(services.asked("dblp")) == 1
    assert "DBLP 3 (" in result.stderr and "skipped for the rest of the run" in result.stderr
    assert time.monotonic() - start < 15


@pytest.mark.parametrize("value", ["\u00b2", "Wed, 21 Oct 2015 07:28:00 -0000", "soon", "9" * 400])
def test_a_malformed_retry_after_never_crashes(services, value):
    from unlearn_bib.resolve.http import _retry_after

    assert 0 <= _retry_after(value, 2.0) < float("inf")
    services.routes[("dblp", "/search/publ/api")] = json_answer({}, 429, headers=(("Retry-After", value),))
    with pytest.raises(ServiceError, match="HTTP 429"):
        client(retries=1).get("dblp", "/search/publ/api", {"q": "x"})


@pytest.mark.parametrize("body", [json.dumps({"paperId": "x", "title": TITLE, "venue": "ECCV", "year": 2024,
                                              "authors": ["Ada Example"], "externalIds": {"ArXiv": ARXIV}}),
                                  "[" * 100_000 + "]" * 100_000])
def test_a_type_confused_or_deeply_nested_answer_is_that_services_unreadable_answer(services, tmp_path, body):
    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = text_answer(body)
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    result = invoke("normalize", "--online", "--no-cache", "--papers", EDGE, bib)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "Semantic Scholar: unreadable" in result.stderr and "Semantic Scholar 1 (unreadable" in result.stderr
    strict = invoke("normalize", "--online", "--no-cache", "--strict", "--papers", EDGE, bib)
    assert strict.exit_code == 1 and "--strict" in strict.stderr


def test_strict_fails_when_every_service_answers_garbage(services, tmp_path):
    for service, path in (("arxiv", "/api/query"), ("s2", f"/graph/v1/paper/arXiv:{ARXIV}"),
                          ("crossref", "/works"), ("dblp", "/search/publ/api")):
        services.routes[(service, path)] = text_answer("<<garbage>>")
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    result = invoke("normalize", "--online", "--no-cache", "--strict", "--papers", EDGE, bib)
    assert result.exit_code == 1, result.output
    for name in ("arXiv 1", "Crossref 1", "DBLP 1", "Semantic Scholar 1"):
        assert name in result.stderr


def test_a_doi_with_dot_dot_segments_is_never_asked_for(services, tmp_path):
    services.routes[("arxiv", "/api/query")] = atom(ARXIV, TITLE, doi="10.9999/../../members/1")
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    invoke("normalize", "--online", "--no-cache", "--papers", EDGE, bib)
    assert services.seen and not any(".." in path or "%2E%2E" in path.upper() for _, path in services.seen)
    # the dot segments would have been resolved on the way: /works/10.9999/../../members/1 is /members/1
    assert all(path.startswith("/works") for path in services.asked("crossref")), services.asked("crossref")


@pytest.mark.parametrize("mailto", ["j\u00f6e@ex\u00e4mple.org", "a@example.org\r\nX-Evil: 1", "not an address"])
def test_a_bad_mailto_is_one_line(tmp_path, mailto):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    result = invoke("normalize", "--online", "--no-cache", "--mailto", mailto, bib)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "not a plain e-mail address" in result.stderr and "\r" not in result.stderr


def test_update_json_escapes_direction_marks_from_service_text(services, catalog):
    services.routes[("arxiv", "/api/query")] = atom(ARXIV, TITLE, doi=DOI)
    services.routes[("crossref", f"/works/{DOI}")] = crossref_work(
        **{"container-title": ["European Conference on Computer Vision\u202e"]},
        author=[{"given": "Ada\u202e\u2066", "family": "Example"}])
    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = json_answer(
        {"paperId": "x\u202ey", "title": TITLE + "\u202e", "authors": [{"name": "Ada Example"}], "year": 2024,
         "venue": "Some Workshop\u202e", "externalIds": {"ArXiv": ARXIV}})
    result = invoke("update", "--online", "--no-cache", "--json", "--papers", catalog)
    assert result.exit_code == 3, result.output
    for bad in ("\u202e", "\u2066"):
        assert bad not in result.stdout and bad not in result.stderr
    json.loads(result.stdout)


def test_a_broken_answer_is_not_cached(services, tmp_path):
    answers = iter(["{not json", json.dumps({"paperId": "x", "externalIds": {"ArXiv": ARXIV}, "venue": ""})])
    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = lambda h: text_answer(next(answers))(h)
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    cache = tmp_path / "cache"
    first = invoke("normalize", "--online", "--cache-dir", cache, "--papers", EDGE, bib)
    assert "unreadable JSON" in first.stderr
    second = invoke("normalize", "--online", "--cache-dir", cache, "--papers", EDGE, bib)
    assert "unreadable" not in second.stderr
    assert len(services.asked("s2")) == 2  # asked again: the broken answer was dropped from the cache


@pytest.mark.parametrize("command", ["diff", "release"])
def test_deeply_nested_json_is_one_line_in_diff_and_release(tmp_path, command):
    deep = tmp_path / "manifest.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    args = ["diff", deep, EDGE] if command == "diff" else ["release", "--papers", EDGE, "--out", tmp_path / "dist",
                                                           "--previous", deep]
    result = invoke(*args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "nested too deeply" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_previous_releases_version_and_date_are_not_trusted(tmp_path):
    dist = tmp_path / "dist"
    assert invoke("release", "--papers", EDGE, "--out", dist).exit_code == 0
    manifest = json.loads((dist / "manifest.json").read_text())
    manifest["version"] = "1.0\x1b]0;pwned\x07\u202e"
    manifest["built"] = "2025-01-01\u202e\x1b[2J"
    manifest["release"] = "v1\u202e\x1b]0;pwned\x07"
    (dist / "manifest.json").write_text(json.dumps(manifest))
    result = invoke("diff", dist / "manifest.json", EDGE)
    assert result.exit_code == 0, result.output
    assert "undated" in result.stdout and "made with unlearn-bib ?" in result.stdout
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in result.stdout and bad not in result.stderr
    again = invoke("release", "--papers", EDGE, "--out", tmp_path / "next", "--previous", dist / "manifest.json")
    assert again.exit_code == 0, again.output
    for name in ("CHANGES.md", "index.html"):
        text = (tmp_path / "next" / name).read_text()
        assert "\x1b" not in text and "\u202e" not in text and "pwned" not in text


def test_cite_with_a_huge_query_is_fast_and_short(tmp_path):
    start = time.monotonic()
    result = invoke("cite", "--papers", EDGE, "erasure concept " * 8000 + "x" * 2000)
    assert result.exit_code == 1 and time.monotonic() - start < 5
    assert len(result.stderr) < 2000 and "characters)" in result.stderr


def test_update_write_waits_for_the_folder_lock_import_takes(services, catalog):
    import fcntl
    import queue

    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = s2_paper()
    fd = os.open(catalog.parent, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    lines: queue.Queue = queue.Queue()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "unlearn_bib", "update", "--online", "--no-cache", "--write",
                                 "--quiet", "--papers", str(catalog)], env=os.environ.copy(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
        seen, stop = [], time.monotonic() + 60
        while not any("waiting for another unlearn-bib run" in line for line in seen):
            assert time.monotonic() < stop and (proc.poll() is None or not lines.empty()), f"never waited: {seen}"
            try:
                seen.append(lines.get(timeout=0.5))
            except queue.Empty:
                pass
        assert proc.poll() is None and "ECCV" not in catalog.read_text()
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    assert proc.wait(timeout=60) == 3
    assert "venue: ECCV" in catalog.read_text()


def test_a_journal_article_sharing_a_conference_papers_title_is_ambiguous_offline(tmp_path):
    cat = tmp_path / "papers.yaml"
    cat.write_text(CATALOG.replace("venue: arXiv\n    year: 2023", "venue: ECCV\n    year: 2024"))
    bib = tmp_path / "refs.bib"
    journal = (f"@article{{ex2025,\n  title = {{{TITLE}}},\n  author = {{Example, Ada and Other, Bo}},\n"
               "  journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence},\n"
               "  volume = {47},\n  year = {2025}\n}\n")
    bib.write_text(journal)
    result = invoke("normalize", "--papers", cat, bib)
    assert result.exit_code == 0, result.output
    assert result.stdout == journal  # left as it is
    assert "ex2025: ambiguous" in result.stderr and "journal article" in result.stderr
    tied = journal.replace("  year = {2025}\n", f"  year = {{2025}},\n  eprint = {{{ARXIV}}}\n")
    bib.write_text(tied)
    assert "ex2025: normalized" in invoke("normalize", "--papers", cat, bib).stderr  # an identifier ties it


# --- issue 21 item 5 ----------------------------------------------------------------------------------

def test_online_without_a_network_stops_within_seconds(tmp_path, monkeypatch):
    import socket

    with socket.socket() as s:  # a port nothing listens on: every connection is refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    point_services_at(monkeypatch, f"http://127.0.0.1:{port}")
    bib = tmp_path / "refs.bib"
    bib.write_text("".join(BIB.replace("ex2023", f"ex{n}").replace(ARXIV, f"2311.9990{n}") for n in range(1, 6)))
    out = tmp_path / "out.bib"
    start = time.monotonic()
    result = invoke("normalize", "--online", "--no-cache", "--papers", EDGE, bib, "-o", out)
    assert time.monotonic() - start < 15
    assert result.exit_code == 1 and "no service reachable (offline?)" in result.stderr, result.output
    assert not out.exists()


def test_a_cache_locked_in_the_middle_of_a_run_is_dropped_not_waited_on(services, tmp_path):
    services.routes[("s2", f"/graph/v1/paper/arXiv:{ARXIV}")] = s2_paper()
    warnings = []
    c = client(cache_dir=str(tmp_path / "cache"), warn=warnings.append)
    assert hasattr(c.session, "cache")
    holder = sqlite3.connect(tmp_path / "cache" / "responses.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing (reads go on) while this run saves an answer
    box = {}
    try:
        worker = threading.Thread(target=lambda: box.setdefault(
            "reply", c.get("s2", f"/graph/v1/paper/arXiv:{ARXIV}")), daemon=True)
        worker.start()
        worker.join(20)
        assert not worker.is_alive(), "saving into a locked cache hangs"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert json.loads(box["reply"].text)["paperId"] == "synthetic1"
    assert warnings and "HTTP cache failed" in warnings[0] and "running without it" in warnings[0]
    assert not hasattr(c.session, "cache")
