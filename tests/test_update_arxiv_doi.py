"""`update --online` on records already verified (or completed earlier) puts the publication's DOI in
place of arXiv's own (10.48550/arXiv.ID) when the resolver finds the published version, as
`import --online` does: one rule (tasks.update.lacks). The services are a stand-in on 127.0.0.1
answering the recorded bodies of tests/data/resolver (the ECCV 2024 paper of arXiv 2310.05873)."""
import pytest
from click.testing import CliRunner

from replay import serve
from standin import Standin, point_services_at

ARXIV_DOI = "10.48550/arXiv.2310.05873"
PUBLISHED = "10.1007/978-3-031-72664-4_26"
AUTHORS = "".join(f"      - {{family: {f}, given: {g}}}\n" for g, f in (
    ("Zhili", "Liu"), ("Kai", "Chen"), ("Yifan", "Zhang"), ("Jianhua", "Han"), ("Lanqing", "Hong"), ("Hang", "Xu"),
    ("Zhenguo", "Li"), ("Dit-Yan", "Yeung"), ("James T.", "Kwok")))


def _catalog(venue="arXiv", year=2023, extra=""):
    return ("sections:\n  - id: concept-unlearning\n    title: Concept Unlearning\n\npapers:\n"
            "  - key: liu2023implicit\n    section: concept-unlearning\n"
            "    title: Implicit Concept Removal of Diffusion Models\n    authors:\n" + AUTHORS +
            f"    venue: {venue}\n    year: {year}\n    arxiv: '2310.05873'\n    doi: {ARXIV_DOI}\n{extra}"
            "    sources:\n      - https://arxiv.org/abs/2310.05873\n")


@pytest.fixture
def services(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)
    with Standin() as server:
        point_services_at(monkeypatch, server.base)
        serve(server)
        yield server


def invoke(*args):
    from unlearn_bib.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args])


def _paper(path):
    from unlearn_bib.catalog.load import load_catalog

    return next(iter(load_catalog(str(path), strict=False)))


def test_update_online_replaces_a_verified_preprints_arxiv_doi(services, tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_text(_catalog(), encoding="utf-8")
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    assert result.exit_code == 3, result.output
    paper = _paper(path)
    assert (paper.venue.id, paper.year, paper.doi, paper.arxiv) == ("eccv", 2024, PUBLISHED, "2310.05873")
    assert f"https://doi.org/{PUBLISHED}" in paper.sources  # the evidence for the DOI
    assert f"doi: {PUBLISHED}" in result.stderr and f"doi: {ARXIV_DOI}" not in path.read_text(encoding="utf-8")
    assert f"arXiv's DOI {ARXIV_DOI} gave way to the publication's." in paper.notes
    assert ("crossref", f"/works/{PUBLISHED}") in services.seen  # the published DOI was read, not only named


def test_update_online_missing_treats_arxivs_doi_as_no_doi(services, tmp_path):
    """A published record that kept arXiv's DOI (pages known, so only the DOI is missing) is checked with --missing."""
    path = tmp_path / "papers.yaml"
    path.write_text(_catalog("ECCV", 2024, "    pages: 1--10\n"), encoding="utf-8")
    result = invoke("update", "--online", "--missing", "--no-cache", "--write", "--papers", path)
    assert result.exit_code == 3, result.output
    paper = _paper(path)
    assert (paper.venue.id, paper.year, paper.doi, paper.pages) == ("eccv", 2024, PUBLISHED, "1--10")
    assert f"https://doi.org/{PUBLISHED}" in paper.sources


def test_a_publications_doi_is_never_replaced(services, tmp_path):
    path = tmp_path / "papers.yaml"
    text = _catalog().replace(ARXIV_DOI, "10.9999/another.publication.1")
    path.write_text(text, encoding="utf-8")
    result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    assert result.exit_code == 3, result.output
    assert _paper(path).doi == "10.9999/another.publication.1"


def test_import_online_asks_arxiv_once_per_paper(services, tmp_path):
    """arXiv's record anchors the row and is a resolver candidate too: read once per run, not once for each
    (without a cache, a second request would wait arXiv's 3 s between requests again)."""
    readme = tmp_path / "README.md"
    readme.write_text("# Papers\n\n| Paper | Venue | Year |\n|---|---|---|\n"
                      "| [Implicit Concept Removal of Diffusion Models](https://arxiv.org/abs/2310.05873) | ECCV | 2024 |\n",
                      encoding="utf-8")
    path = tmp_path / "papers.yaml"
    result = invoke("import", "--from", "markdown", readme, "--papers", path, "--online", "--no-cache")
    assert result.exit_code == 0, result.output
    assert (_paper(path).venue.id, _paper(path).doi) == ("eccv", PUBLISHED)
    assert len(services.asked("arxiv")) == 1, services.asked("arxiv")
