"""`import --online` / `update --online` complete records imported from a list, replayed from
tests/data/resolver (no network): authors, exact title, year, venue, evidence; nothing on a miss."""
import shutil

import pytest
import responses

from conftest import DATA
from replay import register
from unlearn_bib.resolve.http import Client

CATALOG = DATA / "catalogs" / "lists-online.yaml"
ROWS = DATA / "markdown" / "online-rows.md"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register(rsps)
        yield rsps


def invoke(*args):
    from click.testing import CliRunner

    from unlearn_bib.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args])


def _record_text(text, key):
    """The lines of one record in a catalog text (its `- key:` line to the next record)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- key: {key}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- key:")), len(lines))
    return "\n".join(lines[start:end])


def _load(path):
    from unlearn_bib.catalog.load import load_catalog

    return {p.key: p for p in load_catalog(str(path), strict=False)}


def test_update_online_completes_list_records_with_evidence(mock, tmp_path):
    path = tmp_path / "papers.yaml"
    shutil.copy(CATALOG, path)
    before = path.read_text(encoding="utf-8")
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    assert result.exit_code == 3, result.output
    papers = _load(path)
    # authorless rows anchored by their arXiv id + title: full authors, venue, year, DOI, evidence, keys
    eccv = papers["liu2024implicit"]
    assert [a.family for a in eccv.authors] == ["Liu", "Chen", "Zhang", "Han", "Hong", "Xu", "Li", "Yeung", "Kwok"]
    assert (eccv.venue.id, eccv.year, eccv.doi) == ("eccv", 2024, "10.1007/978-3-031-72664-4_26")
    assert "https://arxiv.org/abs/2310.05873" in eccv.sources and "https://doi.org/10.1007/978-3-031-72664-4_26" in eccv.sources
    assert not eccv.needs_verification and "anchored by the identifier" in eccv.notes
    fmn = papers["zhang2024forget"]
    assert (fmn.venue.id, fmn.year, len(fmn.authors)) == ("cvpr/workshop", 2024, 5)
    assert "https://arxiv.org/abs/2303.17591" in fmn.sources
    assert "anon2024implicit" not in papers and "anon2023forgetmenot" not in papers
    # the row contradicts arXiv (ICLR 2022 met before August 2022): the record wins, reported; key kept
    luo = papers["luo2022understanding"]
    assert (luo.venue.id, luo.year) == ("arxiv", 2022) and "Contradictions: the row says ICLR 2022" in luo.notes
    assert "the row says ICLR 2022, but ICLR meets by month 5 and the paper was first posted on arXiv in 2022-08" in result.stderr
    # the row named its first author only: arXiv's full list, the key it had with an author kept
    han = papers["han2024probing"]
    assert [a.family for a in han.authors] == ["Han", "Yang", "Wang", "Li", "Dong"] and not han.needs_verification
    # not anchored: nothing changed, byte for byte; the title search's outcome is reported
    after = path.read_text(encoding="utf-8")
    assert "smith2023receler: unanchored: arXiv 2311.17717 has first author Chi-Pin Huang" in result.stderr
    for key in ("anon2024unrelated", "anon2024separable", "smith2023receler"):
        assert _record_text(after, key) == _record_text(before, key)
        assert papers[key].needs_verification and len(papers[key].authors) <= 1
    assert "anon2024unrelated: unanchored: arXiv 2404.03631 is 'Robust Concept Erasure Using Task Vectors'" in result.stderr
    assert "anon2024separable: candidates: no arXiv id: title search found dblp" in result.stderr
    assert "update: 4 resolved" in result.stderr  # the resolver's summary line


def test_import_online_fills_the_new_rows(mock, tmp_path):
    path = tmp_path / "papers.yaml"
    result = invoke("import", "--from", "markdown", ROWS, "--papers", path, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    papers = _load(path)
    assert set(papers) == {"liu2024implicit", "zhang2024forget", "luo2022understanding"}
    assert papers["luo2022understanding"].venue.id == "arxiv" and papers["luo2022understanding"].authors
    assert all(p.authors and p.sources and not p.needs_verification for p in papers.values())
    assert "import --online: 3 resolved" in result.stderr and "import --online: 1/3" in result.stderr


def test_import_online_again_completes_the_rows_imported_offline_before(mock, tmp_path):
    """A maintainer imports offline, then runs the same command with --online: the rows are already
    in the catalog, and the records they match that still need verification are completed."""
    path = tmp_path / "papers.yaml"
    assert invoke("import", "--from", "markdown", ROWS, "--papers", path).exit_code == 0
    assert all(p.needs_verification for p in _load(path).values())
    result = invoke("import", "--from", "markdown", ROWS, "--papers", path, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    papers = _load(path)
    assert set(papers) == {"liu2024implicit", "zhang2024forget", "luo2022understanding"}
    assert all(p.authors and p.sources and not p.needs_verification for p in papers.values())
    assert "import --online: 3 resolved" in result.stderr


def test_import_online_changes_nothing_the_services_do_not_anchor(tmp_path):
    """Every service unreachable: the import is what it is offline."""
    offline, online = tmp_path / "offline.yaml", tmp_path / "online.yaml"
    assert invoke("import", "--from", "markdown", ROWS, "--papers", offline).exit_code == 0
    with responses.RequestsMock(assert_all_requests_are_fired=False):  # nothing registered: every call fails
        result = invoke("import", "--from", "markdown", ROWS, "--papers", online, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    assert online.read_text(encoding="utf-8") == offline.read_text(encoding="utf-8")
    assert "3 failed" in result.stderr


def _cand(**kw):
    from unlearn_bib.resolve.records import Candidate

    base = dict(service="dblp", record="conf/eccv/X24", url="https://dblp.org/rec/conf/eccv/X24",
                title="Implicit Concept Removal of Diffusion Models", authors=("Zhili Liu",),
                families=(frozenset({"liu"}),), year=2024, venue_text="ECCV", venue_id="eccv", preprint=False)
    return Candidate(**{**base, **kw})


def test_an_authorless_record_is_anchored_by_its_identifier_and_title_only():
    from unlearn_bib.resolve.decide import Query, decide

    query = Query(title="Implicit Concept Removal of Diffusion Models", families=(), arxiv=("2310.05873",))
    anchored = decide(query, [_cand(anchor="DBLP record names arXiv id 2310.05873")], [])
    assert anchored.status == "resolved" and anchored.venue_id == "eccv"
    title_only = decide(query, [_cand()], [])
    assert title_only.status != "resolved" and not title_only.venue_id  # a title alone never anchors
    other = decide(query, [_cand(anchor="x", title="Something Else Entirely About Cats")], [])
    assert other.status == "ambiguous" and "title similarity" in other.reason
    # with authors, the first-author rule still applies
    named = Query(title=query.title, families=(frozenset({"smith"}),), arxiv=query.arxiv)
    assert decide(named, [_cand(anchor="x")], []).status == "ambiguous"


def test_provisional_keys():
    from unlearn_bib.catalog.keys import is_provisional, make_key

    assert is_provisional(make_key("", 2024, "Implicit Concept Removal", set()))
    assert not is_provisional("liu2024implicit") and not is_provisional("anonymous")


def test_arxiv_record_reads_title_authors_and_date(mock):
    from unlearn_bib.resolve import arxiv

    client = Client(cache_dir="", sleep=lambda s: None, timeout=1)
    rec = arxiv.record(client, "2208.11970")
    assert (rec.title, rec.authors) == ("Understanding Diffusion Models: A Unified Perspective", ("Calvin Luo",))
    assert rec.published == "2022-08-25" and rec.url == "https://arxiv.org/abs/2208.11970"
    assert arxiv.record(client, "2404.03631").published == ""  # no <published> in that answer: the id's month serves


def test_a_title_only_record_of_the_rows_venue_keeps_the_row_for_a_person(monkeypatch):
    """Posted after the venue met, but DBLP lists it there by title (an invented stand-in record): not demoted."""
    from types import SimpleNamespace

    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.resolve import arxiv, resolver
    from unlearn_bib.resolve.decide import Decision, Evidence
    from unlearn_bib.tasks import complete

    paper = {p.key: p for p in load_catalog(str(CATALOG), strict=False)}["luo2022understanding"]
    rec = arxiv.Record("2208.11970", "https://arxiv.org/abs/2208.11970", paper.title, ("Calvin Luo",), "2022-08-25",
                       "", "")
    monkeypatch.setattr(arxiv, "record", lambda client, arxiv_id: rec)
    listed = Evidence("dblp", "conf/iclr/Luo22", "https://dblp.org/rec/conf/iclr/Luo22", "ICLR", "iclr", 2022, "",
                      1.0, True, "title only")
    monkeypatch.setattr(resolver, "resolve", lambda client, query: Decision("ambiguous", reason="title only",
                                                                           evidence=[listed]))
    outcome, changes, people, new_key, *_ = complete.complete_record(SimpleNamespace(), paper, {}, set())
    assert "venue" not in changes and "needs_verification" not in changes and new_key == ""
    assert "dblp conf/iclr/Luo22 lists it at ICLR 2022 (by title only): left for a person" in outcome.message


def test_a_venue_the_paper_never_appeared_at_gives_way_to_the_records(mock, tmp_path):
    path = tmp_path / "papers.yaml"
    text = CATALOG.read_text(encoding="utf-8")
    path.write_text(text.replace("    venue: ECCV\n    year: 2024\n    arxiv: '2310.05873'",
                                 "    venue: CVPR\n    year: 2023\n    arxiv: '2310.05873'"), encoding="utf-8")
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    assert result.exit_code == 3, result.output
    paper = _load(path)["liu2024implicit"]
    assert (paper.venue.id, paper.year) == ("eccv", 2024)
    assert "the row says CVPR 2023; the records say ECCV 2024: the records win" in result.stderr
    assert "Contradictions: the row says CVPR 2023" in paper.notes


def test_a_lists_arxiv_doi_gives_way_to_the_published_doi(mock, tmp_path):
    """A row linking arXiv's DOI (doi.org/10.48550/arXiv.ID) imports it as the record's DOI; completing the record
    puts the publication's DOI in its place (the arXiv DOI names the preprint, the arXiv id keeps it)."""
    path = tmp_path / "papers.yaml"
    text = CATALOG.read_text(encoding="utf-8")
    path.write_text(text.replace("    arxiv: '2310.05873'\n", "    arxiv: '2310.05873'\n    doi: 10.48550/arXiv.2310.05873\n", 1),
                    encoding="utf-8")
    assert _load(path)["anon2024implicit"].doi == "10.48550/arXiv.2310.05873"
    invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    eccv = _load(path)["liu2024implicit"]
    assert (eccv.venue.id, eccv.year, eccv.doi, eccv.arxiv) == ("eccv", 2024, "10.1007/978-3-031-72664-4_26", "2310.05873")


def test_import_online_into_a_new_catalog_edits_the_imports_own_records(mock, tmp_path, monkeypatch):
    """A new catalog is completed on the import's own records, without the round-trip YAML editor
    (seconds for thousands of rows), and ends as the same records as completing it on the file."""
    fresh, again = tmp_path / "fresh.yaml", tmp_path / "again.yaml"
    assert invoke("import", "--from", "markdown", ROWS, "--papers", again).exit_code == 0
    assert invoke("import", "--from", "markdown", ROWS, "--papers", again, "--online", "--no-cache").exit_code == 0

    def no_round_trip(*args, **kwargs):
        raise AssertionError("the round-trip editor was used for a new catalog")

    monkeypatch.setattr("unlearn_bib.catalog.edit.edit_text", no_round_trip)
    result = invoke("import", "--from", "markdown", ROWS, "--papers", fresh, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    shown = lambda p: (p.key, p.title, p.authors, p.venue, p.year, p.arxiv, p.doi, p.sources, p.notes,  # noqa: E731
                       p.needs_verification)
    assert [shown(p) for p in _load(fresh).values()] == [shown(p) for p in _load(again).values()]
    assert all(p.authors and not p.needs_verification for p in _load(fresh).values())
