"""The resolver, `update` and `normalize --online`, replayed from tests/data/resolver (no network)."""
import json
import shutil
import socket

import pytest
import requests
import responses

from conftest import DATA, SNAPSHOT
from replay import register
from unlearn_bib.resolve.http import Client, ServiceError

SURVEY = DATA / "bib" / "survey-online.bib"
PREPRINT_CATALOG = DATA / "catalogs" / "resolver.yaml"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """The polite per-service pauses and retry back-offs are recorded, not slept."""
    waits = []
    monkeypatch.setattr("time.sleep", waits.append)
    return waits


@pytest.fixture
def client():
    return Client(cache_dir="", sleep=lambda s: None, timeout=1)


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def invoke(*args):
    from click.testing import CliRunner

    from unlearn_bib.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args])


# --- update ----------------------------------------------------------------------------------------

def test_update_on_the_snapshot_proposes_nothing_for_its_four_preprints(mock):
    register(mock)
    result = invoke("update", "--online", "--no-cache", "--json", "--papers", SNAPSHOT)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["changed"] is False
    statuses = {r["key"]: r["status"] for r in report["records"]}
    assert statuses == {"yang2024pruning": "unpublished", "pham2024robust": "unpublished",
                        "zhao2024separable": "unpublished", "han2024probing": "unpublished"}
    assert "4 unchanged" in result.stderr and "0 failed" in result.stderr


def test_update_proposes_published_versions_with_evidence(mock, tmp_path):
    register(mock)
    catalog = tmp_path / "papers.yaml"
    shutil.copy(PREPRINT_CATALOG, catalog)
    before = catalog.read_text()
    result = invoke("update", "--online", "--no-cache", "--papers", catalog)
    assert result.exit_code == 3, result.output
    diff = result.stdout
    assert catalog.read_text() == before  # no --write: nothing written
    assert "+    venue: ECCV\n+    year: 2024\n" in diff
    assert "+    venue: CVPR\n+    track: workshop\n+    year: 2024\n" in diff  # a workshop is not the main conference
    assert "+    doi: 10.1007/978-3-031-72664-4_26\n" in diff and "+    volume: '15079'\n" in diff
    assert "+      - https://doi.org/10.1007/978-3-031-72664-4_26\n" in diff
    assert "zhao2024separable: unpublished" in result.stderr

    written = invoke("update", "--online", "--no-cache", "--write", "--json", "--papers", catalog)
    assert written.exit_code == 3
    report = json.loads(written.stdout)
    for record in report["records"]:
        if record["status"] == "proposed":
            accepted = [e for e in record["evidence"] if e["verdict"] == "accepted"]
            assert accepted and all(e["anchor"] and e["url"] and e["title_score"] >= 0.9 for e in accepted)
    from unlearn_bib.catalog.load import load_catalog

    updated = load_catalog(str(catalog), strict=False)
    assert (updated.get("huang2024receler").venue.id, updated.get("huang2024receler").year) == ("eccv", 2024)
    assert updated.get("zhang2024forget").venue.id == "cvpr/workshop"
    assert updated.get("zhao2024separable").venue.is_preprint
    untouched = before[before.index("  - key: zhao2024separable"):]
    assert catalog.read_text().endswith(untouched)  # an unpublished record stays byte for byte
    lines_before = [ln for ln in before.splitlines() if ln.startswith("#")]
    assert [ln for ln in catalog.read_text().splitlines() if ln.startswith("#")] == lines_before  # comments kept
    again = invoke("update", "--online", "--no-cache", "--papers", catalog)
    assert again.exit_code == 0 and again.stdout == ""  # nothing new the second time


def test_a_pinned_record_is_never_changed(mock, tmp_path):
    register(mock)
    catalog = tmp_path / "papers.yaml"
    text = PREPRINT_CATALOG.read_text().replace(
        "    arxiv: '2311.17717'\n", "    arxiv: '2311.17717'\n    pinned: [venue, track, year]\n")
    catalog.write_text(text)
    result = invoke("update", "--online", "--no-cache", "--json", "--papers", catalog)
    statuses = {r["key"]: r["status"] for r in json.loads(result.stdout)["records"]}
    assert statuses["huang2024receler"] == "pinned"
    assert statuses["zhang2024forget"] == "proposed"


def test_pinned_is_validated(tmp_path):
    catalog = tmp_path / "papers.yaml"
    catalog.write_text(PREPRINT_CATALOG.read_text().replace("    arxiv: '2311.17717'\n",
                                                            "    arxiv: '2311.17717'\n    pinned: [colour]\n"))
    result = invoke("check", "--papers", catalog)
    assert result.exit_code == 1 and "pinned must be true or a list of fields" in result.stderr


# --- normalize --online --------------------------------------------------------------------------

def test_normalize_online_rewrites_what_it_can_anchor_and_nothing_else(mock, golden):
    register(mock)
    result = invoke("normalize", "--papers", SNAPSHOT, "--online", "--no-cache", "--quiet", SURVEY)
    assert result.exit_code == 0, result.output
    golden("survey-online.normalized.bib", result.stdout)
    out, src = result.stdout, SURVEY.read_text()
    from unlearn_bib.read.bib import read_bib

    assert [e.key for e in read_bib(out, "x").entries] == [e.key for e in read_bib(src, "x").entries]  # nothing lost
    assert "keywords      = {erasure}" in out and "file          = {gal2022.pdf}" in out
    assert '@string{arxiv = "arXiv preprint"}' in out
    for key in ("luo2022understanding", "ho2020ddpm", "song2020mixed"):  # left byte for byte
        block = next(e.raw for e in read_bib(src, "x").entries if e.key == key)
        assert block in out
    report = result.stderr
    assert "gal2022image: resolved online" in report and "ICLR 2023" in report
    assert "song2020score: resolved online" in report and "ICLR 2021" in report
    assert "qu2023unsafe: resolved online" in report and "ACM CCS 2023" in report
    assert "song2020mixed: undecided online" in report and "title similarity" in report
    assert "huang2023receler: normalized" in report  # the catalog first
    asked = [call.request.url for call in mock.calls]
    assert not any("2311.17717" in url or "Receler" in url for url in asked)  # a catalog paper never goes online
    assert not any("Denoising" in url for url in asked)  # a published entry is not a preprint


def test_nothing_leaves_the_machine_without_online(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("network access without --online")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert invoke("normalize", "--papers", SNAPSHOT, SURVEY).exit_code == 0
    catalog = tmp_path / "papers.yaml"
    shutil.copy(PREPRINT_CATALOG, catalog)
    result = invoke("update", "--papers", catalog)
    assert result.exit_code == 0 and "pass --online" in result.stderr and result.stdout == ""
    assert catalog.read_text() == PREPRINT_CATALOG.read_text()


# --- faults ----------------------------------------------------------------------------------------

def test_429_then_success_honours_retry_after(mock):
    waits = []
    client = Client(cache_dir="", sleep=waits.append)
    url = "https://api.semanticscholar.org/graph/v1/paper/arXiv:2311.17717"
    mock.add(responses.GET, url, status=429, headers={"Retry-After": "7"})
    mock.add(responses.GET, url, json={"paperId": "x"})
    reply = client.get("s2", "/graph/v1/paper/arXiv:2311.17717")
    assert reply.status == 200 and 7.0 in waits
    assert len(mock.calls) == 2


def test_5xx_is_retried_then_reported(mock):
    client = Client(cache_dir="", sleep=lambda s: None, retries=2)
    mock.add(responses.GET, "https://dblp.org/search/publ/api", status=503)
    with pytest.raises(ServiceError, match="HTTP 503"):
        client.get("dblp", "/search/publ/api", {"q": "x"})
    assert len(mock.calls) == 3 and client.stats.failures["dblp"]


def test_timeout_is_a_failure_not_a_crash(mock):
    client = Client(cache_dir="", sleep=lambda s: None, retries=1, timeout=0.5)
    mock.add(responses.GET, "https://export.arxiv.org/api/query", body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(ServiceError, match="timed out"):
        client.get("arxiv", "/api/query", {"id_list": "2305.13873"})


def test_malformed_json_and_services_down_are_reported_not_crashes(mock, tmp_path):
    mock.add(responses.GET, "https://api.semanticscholar.org/graph/v1/paper/arXiv:2305.13873", body="{not json")
    register(mock, skip=("dblp",))  # the broken answer above comes first; DBLP refuses connections
    result = invoke("normalize", "--papers", SNAPSHOT, "--online", "--no-cache", SURVEY)
    assert result.exit_code == 0, result.output  # a failure is never a crash
    assert "qu2023unsafe: undecided online: not resolved online: Semantic Scholar: unreadable JSON" in result.stderr
    assert "DBLP: skipped (cannot connect earlier in this run)" in result.stderr  # asked once, then skipped
    assert "; service failures: Crossref 2 (cannot connect" in result.stderr
    assert "DBLP 5 (cannot connect" in result.stderr and "skipped for the rest of the run)" in result.stderr
    assert "@article{qu2023unsafe," in result.stdout  # left as it was
    out = tmp_path / "out.bib"
    strict = invoke("normalize", "--papers", SNAPSHOT, "--online", "--no-cache", "--strict", "-o", out, SURVEY)
    assert strict.exit_code == 1 and "--strict" in strict.stderr and not out.exists()


def test_a_service_down_while_the_others_answer(mock, client):
    from unlearn_bib.resolve.decide import Query
    from unlearn_bib.resolve.resolver import resolve

    register(mock, skip=("dblp",))  # DBLP unreachable: responses refuses the connection
    query = Query("Unsafe Diffusion: On the Generation of Unsafe Images and Hateful Memes From Text-To-Image Models",
                  (frozenset({"qu"}),), arxiv=("2305.13873",))
    decision = resolve(client, query)
    assert decision.status == "resolved" and decision.venue_id == "ccs" and decision.year == 2023
    assert decision.doi == "10.1145/3576915.3616679" and decision.pages == "3403--3417"
    assert any(f.startswith("DBLP: cannot connect") for f in decision.failures)


def test_an_empty_answer_everywhere_is_unpublished(mock, client):
    from unlearn_bib.resolve.decide import Query
    from unlearn_bib.resolve.resolver import resolve

    register(mock)
    decision = resolve(client, Query("Understanding Diffusion Models: A Unified Perspective", (frozenset({"luo"}),),
                                     arxiv=("2208.11970",)))
    assert decision.status == "unpublished" and not decision.failures


# --- deciding (synthetic records: not real papers; arXiv ids 9912.* cannot exist) -------------------

def _cand(**kw):
    from unlearn_bib.resolve.records import Candidate

    base = dict(service="dblp", record="r", url="u", title="A Study of Erasure in Synthetic Models",
                authors=("Ada Example",), families=(frozenset({"example"}),), year=2024, venue_text="ECCV",
                venue_id="eccv", preprint=False)
    base.update(kw)
    return Candidate(**base)


def _query():
    from unlearn_bib.resolve.decide import Query

    return Query("A Study of Erasure in Synthetic Models", (frozenset({"example"}),), arxiv=("9912.00001",))


def test_a_title_only_candidate_is_reported_never_applied():
    from unlearn_bib.resolve.decide import decide

    decision = decide(_query(), [_cand()], [])
    assert decision.status == "ambiguous" and "title only" in decision.reason


def test_a_journal_extension_with_the_same_title_is_a_different_publication():
    from unlearn_bib.resolve.decide import decide

    conference = _cand(service="s2", anchor="Semantic Scholar record carries arXiv id 9912.00001")
    journal = _cand(record="journals/pami/X", venue_text="IEEE Trans. Pattern Anal. Mach. Intell.", venue_id="tpami",
                    year=2025, doi="10.9999/synthetic")
    decision = decide(_query(), [conference, journal], [])
    assert decision.status == "resolved" and decision.venue_id == "eccv" and decision.doi == ""
    alone = decide(_query(), [journal], [])
    assert alone.status == "ambiguous"


def test_a_same_title_paper_by_someone_else_is_not_the_entry():
    from unlearn_bib.resolve.decide import decide

    other = _cand(service="s2", anchor="Semantic Scholar record carries arXiv id 9912.00001",
                  authors=("Bo Other",), families=(frozenset({"other"}),))
    decision = decide(_query(), [other], [])
    assert decision.status == "ambiguous" and "first author differs" in decision.reason


def test_anchored_records_that_disagree_on_the_venue_are_ambiguous():
    from unlearn_bib.resolve.decide import decide

    a = _cand(service="s2", anchor="x")
    b = _cand(service="crossref", anchor="y", venue_text="CVPR", venue_id="cvpr")
    assert decide(_query(), [a, b], []).status == "ambiguous"


@pytest.mark.parametrize("text, expected", [
    ("European Conference on Computer Vision", "eccv"),
    ("2024 IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops (CVPRW)", "cvpr/workshop"),
    ("CVPR Workshops", "cvpr/workshop"),
    ("NAACL (Findings)", "naacl/findings"),
    ("NeurIPS Datasets and Benchmarks Track", "neurips/datasets-and-benchmarks"),
    ("ICLR 2024 Workshop on Secure and Trustworthy Large Language Models", "iclr/workshop"),
    ("AAAI 2024 Workshop on Responsible Language Models", None),  # no such track in the registry
    ("Proceedings of the 2023 ACM SIGSAC Conference on Computer and Communications Security", "ccs"),
    ("Neural Information Processing Systems Datasets and Benchmarks", "neurips/datasets-and-benchmarks"),
])
def test_venues_map_through_the_registry_track_aware(text, expected):
    from unlearn_bib.resolve.records import venue_of

    assert venue_of(text, 2024) == expected


# --- the cache ---------------------------------------------------------------------------------------

def test_answers_come_from_the_cache_the_second_time(mock, tmp_path):
    register(mock)
    cache = tmp_path / "cache"
    first = invoke("normalize", "--papers", SNAPSHOT, "--online", "--cache-dir", cache, SURVEY)
    calls = len(mock.calls)
    second = invoke("normalize", "--papers", SNAPSHOT, "--online", "--cache-dir", cache, SURVEY)
    assert second.stdout == first.stdout
    assert len(mock.calls) == calls  # nothing asked again
    import re

    total = int(re.search(r"served from cache: \d+ of (\d+) answers", first.stderr).group(1))
    assert calls < total  # the same question twice in one run is asked once
    assert f"served from cache: {total} of {total} answers" in second.stderr


def test_a_corrupt_cache_is_ignored_with_a_warning(mock, tmp_path):
    register(mock)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "responses.sqlite").write_bytes(b"this is not a database" * 100)
    result = invoke("normalize", "--papers", SNAPSHOT, "--online", "--cache-dir", cache, SURVEY)
    assert result.exit_code == 0
    assert "warning: HTTP cache" in result.stderr and "running without it" in result.stderr
    assert "gal2022image: resolved online" in result.stderr


def test_base_urls_can_be_overridden(mock, monkeypatch, client):
    monkeypatch.setenv("UNLEARN_BIB_S2_URL", "http://mirror.test/s2/")
    mock.add(responses.GET, "http://mirror.test/s2/graph/v1/paper/arXiv:2311.17717", json={})
    client.get("s2", "/graph/v1/paper/arXiv:2311.17717")
    assert mock.calls[0].request.url.startswith("http://mirror.test/s2/graph/v1/paper/arXiv:2311.17717")


@pytest.mark.parametrize("venueid, venue, expected", [
    ("ICLR.cc/2024/Conference", "ICLR 2024 poster", ("ICLR 2024", 2024)),
    ("ICLR.cc/2024/Conference/Rejected_Submission", "Submitted to ICLR 2024", None),
    ("ICLR.cc/2025/Conference/Withdrawn_Submission", "ICLR 2025 Conference Withdrawn Submission", None),
    ("NeurIPS.cc/2024/Workshop/SafeGenAi", "NeurIPS 2024 Workshop SafeGenAi", ("NeurIPS 2024 Workshop", 2024)),
    ("TMLR", "Accepted by TMLR", ("TMLR", None)),
])
def test_openreview_takes_only_accepted_notes(venueid, venue, expected):
    from unlearn_bib.resolve.openreview import accepted_venue

    assert accepted_venue(venueid, venue) == expected


def test_update_missing_fills_a_published_records_doi(mock, tmp_path):
    register(mock)
    catalog = tmp_path / "papers.yaml"
    text = PREPRINT_CATALOG.read_text()
    start = text.index("  - key: liu2024implicit")
    end = text.index("  - key: zhao2024separable")
    block = text[start:end].replace("    venue: arXiv\n    year: 2023\n", "    venue: ECCV\n    year: 2024\n")
    catalog.write_text(text[:start] + block + text[end:])
    plain = invoke("update", "--online", "--no-cache", "--papers", catalog)
    assert "liu2024implicit" not in plain.stderr  # published: only checked with --missing
    result = invoke("update", "--online", "--no-cache", "--missing", "--papers", catalog)
    assert result.exit_code == 3
    assert "+    volume: '15079'\n" in result.stdout and "+    doi: 10.1007/978-3-031-72664-4_26\n" in result.stdout
    assert "-    venue: ECCV" not in result.stdout
