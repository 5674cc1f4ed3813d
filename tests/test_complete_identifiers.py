"""`import --online` / `update --online` complete list records that carry a DOI or an OpenReview id and no
arXiv id, anchored by the record that identifier names: authors, exact title, year, venue, pages, with
evidence; nothing changes when that record does not anchor the paper.

The services' answers are REAL recorded ones (tests/data/resolver/real, SOURCES.md there), replayed
through `responses` (no network): Crossref's works 10.1145/3184558.3186235 (a WWW '18 companion
proceedings-article, no pages) and 10.1007/978-3-0348-8720-5_13 (a Springer book chapter, pages
113-118), Crossref's 404 for 10.1371/notarealdoi, and the OpenReview note 4aMedv0ONH (accepted at a
NeurIPS 2025 workshop). Expected values are read off those bodies.
"""
import json
import shutil

import pytest
import responses

from conftest import DATA
from unlearn_bib.resolve.http import SERVICES

REAL = DATA / "resolver" / "real"
ROWS = DATA / "markdown" / "identifier-rows.md"
CATALOG = DATA / "catalogs" / "lists-identifiers.yaml"
WWW = "10.1145/3184558.3186235"
CHAPTER = "10.1007/978-3-0348-8720-5_13"


def note_body(**content):
    """The recorded OpenReview answer, with ``content`` values replaced (for a constructed variant)."""
    data = json.loads((REAL / "openreview" / "4aMedv0ONH.json").read_text(encoding="utf-8"))
    for name, value in content.items():
        data["notes"][0]["content"][name] = {"value": value}
    return json.dumps(data)


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)


@pytest.fixture
def mock():
    """Only these answers; any other request fails (a service that cannot be reached)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        crossref = SERVICES["crossref"].base
        for doi in (WWW, CHAPTER):
            body = (REAL / "crossref" / f"{doi.replace('/', '_')}.json").read_text(encoding="utf-8")
            rsps.add(responses.GET, f"{crossref}/works/{doi}", body=body, content_type="application/json")
        rsps.add(responses.GET, f"{crossref}/works/10.1371/notarealdoi", status=404, content_type="text/plain",
                 body=(REAL / "crossref" / "404-10.1371_notarealdoi.txt").read_text(encoding="utf-8"))
        yield rsps


def serve_note(mock, body):
    mock.add(responses.GET, SERVICES["openreview"].base + "/notes", body=body, content_type="application/json",
             match=[responses.matchers.query_param_matcher({"id": "4aMedv0ONH"}, strict_match=False)])


def invoke(*args):
    from click.testing import CliRunner

    from unlearn_bib.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args])


def _load(path):
    from unlearn_bib.catalog.load import load_catalog

    return {p.key: p for p in load_catalog(str(path), strict=False)}


def _record_text(text, key):
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- key: {key}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- key:")), len(lines))
    return "\n".join(lines[start:end])


def test_import_online_completes_doi_and_openreview_rows(mock, tmp_path):
    serve_note(mock, note_body())
    path = tmp_path / "papers.yaml"
    result = invoke("import", "--from", "markdown", ROWS, "--papers", path, "--online", "--no-cache")
    assert result.exit_code == 0, result.output + result.stderr
    papers = _load(path)
    assert set(papers) == {"buhmann2018dl", "bouchut1998differentiability", "zhang2025emergency"}, result.stderr
    # a DOI, no year, no authors, no venue: all four authors, WWW 2018, the year, the key by the rule
    www = papers["buhmann2018dl"]
    assert [(a.given, a.family) for a in www.authors] == [("Lorenz", "Bühmann"), ("Jens", "Lehmann"),
                                                          ("Patrick", "Westphal"), ("Simon", "Bin")]
    assert (www.venue.id, www.year, www.doi) == ("www", 2018, WWW) and not www.needs_verification
    assert f"https://doi.org/{WWW}" in www.sources
    assert f"from Crossref {WWW} (title similarity 1.00, anchored by the identifier)" in www.notes
    # a book chapter: the row's "et al." completed, the exact venue text and pages; the row's 1998 loses to 1999
    chapter = papers["bouchut1998differentiability"]  # a key made with a first author and a year is kept
    assert [a.family for a in chapter.authors] == ["Bouchut", "James"] and not chapter.authors_incomplete
    assert (chapter.venue.id, chapter.venue_text) == ("", "Hyperbolic Problems: Theory, Numerics, Applications")
    assert (chapter.year, chapter.pages) == (1999, "113--118") and f"https://doi.org/{CHAPTER}" in chapter.sources
    assert "first author agrees" in chapter.notes
    assert "Contradictions: the row says Hyperbolic Problems 1998; the records say " in chapter.notes
    assert "bouchut1998differentiability: completed:" in result.stderr and "the records win" in result.stderr
    # an OpenReview id: the accepted note's authors and its venue, the NeurIPS 2025 workshop track
    note = papers["zhang2025emergency"]
    assert [a.family for a in note.authors] == ["Zhang", "Kodama", "Wu", "Chen", "Zhu", "Hong"]
    assert (note.venue.id, note.year) == ("neurips/workshop", 2025) and not note.needs_verification
    assert "https://openreview.net/forum?id=4aMedv0ONH" in note.sources and "OpenReview 4aMedv0ONH" in note.notes


def test_update_online_changes_nothing_the_dois_record_does_not_anchor(mock, tmp_path):
    path = tmp_path / "papers.yaml"
    shutil.copy(CATALOG, path)
    before = path.read_text(encoding="utf-8")
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    assert path.read_text(encoding="utf-8") == before, result.stderr  # byte for byte
    # each outcome says why: the title, the first author, the DOI unknown to Crossref
    assert (f"anon2018title: unanchored: Crossref {WWW} is 'DL-Learner Structured Machine Learning on Semantic Web "
            "Data', not this title") in result.stderr
    assert (f"smith1999differentiability: unanchored: Crossref {CHAPTER} has first author François Bouchut, "
            "the row another; nothing changed") in result.stderr
    assert ("anonunregistered: unanchored: Crossref has no published work (journal or proceedings article, book "
            "chapter) with the DOI 10.1371/notarealdoi; nothing changed") in result.stderr
    assert all(p.needs_verification for p in _load(path).values())


def test_an_openreview_submission_gives_authors_and_title_but_no_venue(mock, tmp_path):
    """The recorded note ALTERED into a submission that was not accepted (venueid .../Submission)."""
    serve_note(mock, note_body(venueid="NeurIPS.cc/2025/Workshop/RegML/Submission", venue="Submitted to RegML 2025"))
    path = tmp_path / "papers.yaml"
    result = invoke("import", "--from", "markdown", ROWS, "--papers", path, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    note = _load(path)["zhang2025emergency"]
    assert [a.family for a in note.authors] == ["Zhang", "Kodama", "Wu", "Chen", "Zhu", "Hong"]
    assert not note.venue.id and note.year == 2025 and note.needs_verification  # the row's year; no venue from it
    assert "OpenReview 4aMedv0ONH is a submission, not an accepted paper (Submitted to RegML 2025): no venue" in note.notes


def test_a_note_or_record_that_cannot_be_reached_changes_nothing(tmp_path):
    """Every service unreachable: the import is what it is offline, each record reported as failed."""
    offline, online = tmp_path / "offline.yaml", tmp_path / "online.yaml"
    assert invoke("import", "--from", "markdown", ROWS, "--papers", offline).exit_code == 0
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        result = invoke("import", "--from", "markdown", ROWS, "--papers", online, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    assert online.read_text(encoding="utf-8") == offline.read_text(encoding="utf-8")
    assert "3 failed" in result.stderr and "anondl: failed: Crossref" in result.stderr


def test_crossrefs_name_parts_are_kept_a_two_word_family_name_stays_one(tmp_path):
    """The recorded chapter ALTERED: its second author's family name made "De Cao" (a two-word family
    name, as Crossref structures it); read back from "Given Family" it would become "Cao"."""
    data = json.loads((REAL / "crossref" / f"{CHAPTER.replace('/', '_')}.json").read_text(encoding="utf-8"))
    data["message"]["author"][1].update(given="Nicola", family="De Cao")
    path = tmp_path / "papers.yaml"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.GET, f"{SERVICES['crossref'].base}/works/{CHAPTER}", json=data)
        rsps.add(responses.GET, f"{SERVICES['crossref'].base}/works/{WWW}", content_type="application/json",
                 body=(REAL / "crossref" / f"{WWW.replace('/', '_')}.json").read_text(encoding="utf-8"))
        result = invoke("import", "--from", "markdown", ROWS, "--papers", path, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    chapter = _load(path)["bouchut1998differentiability"]
    assert [(a.given, a.family) for a in chapter.authors] == [("François", "Bouchut"), ("Nicola", "De Cao")]


def test_a_registry_venue_against_a_container_the_registry_does_not_know_is_left_for_a_person(mock, tmp_path):
    """ALTERED row: the chapter's DOI and title under "ICLR 1999". Crossref's container ("Hyperbolic Problems:
    ...") is not in the registry, so it cannot say whether that is the same venue: the authors and title are
    filled from the anchor, the venue and year stay the row's, and the record stays needs_verification."""
    path = tmp_path / "papers.yaml"
    path.write_text("sections:\n  - id: papers\n    title: Papers\n\npapers:\n  - key: bouchut1999differentiability\n"
                    "    section: papers\n    title: Differentiability with Respect to Initial Data for a Scalar "
                    "Conservation Law\n    venue: ICLR\n    year: 1999\n    doi: 10.1007/978-3-0348-8720-5_13\n"
                    "    needs_verification: true\n", encoding="utf-8")
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    paper = _load(path)["bouchut1999differentiability"]
    assert [a.family for a in paper.authors] == ["Bouchut", "James"], result.stderr
    assert (paper.venue.id, paper.year, paper.venue_text, paper.needs_verification) == ("iclr", 1999, "", True)
    assert ("the row says ICLR 1999; Crossref 10.1007/978-3-0348-8720-5_13 says 'Hyperbolic Problems: Theory, "
            "Numerics, Applications', which the venue registry does not know: left for a person") in paper.notes
