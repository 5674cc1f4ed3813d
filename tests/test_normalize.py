"""`unlearn-bib normalize`: real .bib shapes (Google Scholar, DBLP, README blocks) rewritten
into the catalog's published form, everything else byte for byte, reports per entry."""
import re
import shutil
import subprocess

import pytest

from conftest import DATA, SNAPSHOT, have
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.read.bib import read_bib
from unlearn_bib.match.rule import CatalogIndex, Ids, entry_ids, match
from unlearn_bib.read.names import parse_name, split_names
from unlearn_bib.tasks.normalize import normalize_bib
from unlearn_bib.match.venue_text import container_venue

BIB = DATA / "bib"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(SNAPSHOT)  # a frozen copy of papers.yaml: the goldens do not move with the data


def _normalize(name, catalog):
    text = (BIB / name).read_bytes().decode("utf-8")
    return text, normalize_bib(text, catalog, name)


def _statuses(result):
    return {r.key: r.status for r in result.reports if r.key}


def _outside(text, keys):
    """The text between (and around) the entries with these keys: what must not change."""
    bib = read_bib(text, "x.bib")
    spans = sorted((e.start, e.end) for e in bib.entries if e.key in keys)
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return pieces


def _entries(text):
    import bibtexparser

    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.raw[:80] for b in library.failed_blocks]
    return {e.key: e for e in library.entries}


# --- the Google Scholar file a survey author actually has ------------------------------------

def test_scholar_file_counts_and_report(run, monkeypatch, golden):
    monkeypatch.chdir(BIB)
    result = run("normalize", "scholar.bib", "--papers", SNAPSHOT)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "scholar.bib: 17 entries: 13 normalized, 0 already current, 4 unmatched, 0 ambiguous")
    golden("normalize-scholar.bib", result.stdout)
    golden("normalize-scholar.report.txt", result.stderr)


def test_scholar_entries_become_published_versions(catalog):
    text, result = _normalize("scholar.bib", catalog)
    statuses = _statuses(result)
    assert [k for k, s in statuses.items() if s == "unmatched"] == [
        "ho2020denoising", "rombach2022high", "schramowski2023safe", "radford2021learning"]
    entries = _entries(result.text)
    receler = entries["huang2023receler"]  # the user's key stays
    assert receler.entry_type == "inproceedings"
    assert receler["booktitle"] == "Computer Vision {\\textendash} ECCV 2024"
    assert receler["year"] == "2024"
    assert "journal" not in receler.fields_dict
    assert receler["keywords"] == "erasure, adapters" and receler["file"] == ":papers/receler.pdf:PDF"
    # matched by title alone (no id in the entry), then given the DOI from the catalog
    assert entries["lu2024mace"]["doi"] == "10.1109/CVPR52733.2024.00615"
    assert entries["lu2024mace"]["title"] == "{MACE}: Mass Concept Erasure in Diffusion Models"
    # a preprint in the catalog stays a preprint, in the catalog's eprint form
    assert entries["yang2024pruning"].entry_type == "misc"
    assert entries["yang2024pruning"]["eprint"] == "2405.16534"
    # NeurIPS as Google Scholar's @article: same venue and year, so its pages are kept
    assert entries["heng2023selective"].entry_type == "inproceedings"
    assert entries["heng2023selective"]["pages"] == "17170--17194"
    # the abstract the user added survives
    assert entries["fan2023salun"]["abstract"].startswith("With evolving data regulations")
    assert entries["fan2023salun"]["booktitle"] == "The Twelfth International Conference on Learning Representations"


def test_everything_else_is_byte_for_byte(catalog):
    text, result = _normalize("scholar.bib", catalog)
    rewritten = {k for k, s in _statuses(result).items() if s == "normalized"}
    assert len(rewritten) == 13
    assert _outside(text, rewritten) == _outside(result.text, rewritten)
    for key in ("ho2020denoising", "rombach2022high", "schramowski2023safe", "radford2021learning"):
        raw = next(e.raw for e in read_bib(text, "x").entries if e.key == key)
        assert raw in result.text


def test_normalizing_twice_changes_nothing(catalog):
    _, first = _normalize("scholar.bib", catalog)
    second = normalize_bib(first.text, catalog, "again.bib")
    assert second.text == first.text
    assert second.count("normalized") == 0 and second.count("current") == 13


# --- DBLP and README shapes --------------------------------------------------------------------

def test_dblp_exports(catalog):
    text, result = _normalize("dblp.bib", catalog)
    statuses = _statuses(result)
    assert statuses == {
        "DBLP:journals/corr/abs-2311-17717": "normalized", "DBLP:conf/eccv/GongCWCJ24": "normalized",
        "DBLP:journals/corr/abs-2403-06135": "normalized", "DBLP:conf/iclr/FanLZW0L24": "normalized",
        "DBLP:conf/icml/HanYWLD25": "normalized", "DBLP:conf/cvpr/RombachBLEO22": "unmatched",
    }
    entries = _entries(result.text)
    corr = entries["DBLP:journals/corr/abs-2311-17717"]
    assert corr.entry_type == "inproceedings"
    # the CoRR record's volume, DOI and eprint describe the preprint: gone; DBLP's own metadata stays
    assert "volume" not in corr.fields_dict and "doi" not in corr.fields_dict
    assert corr["biburl"] == "https://dblp.org/rec/journals/corr/abs-2311-17717.bib"
    gong = entries["DBLP:conf/eccv/GongCWCJ24"]  # the published version already: its pages and editors stay
    assert gong["pages"] == "73--88" and gong["editor"].startswith("Ales Leonardis and")
    assert gong["doi"] == "10.1007/978-3-031-73668-1_5"
    report = {r.key: r.message for r in result.reports}
    assert "by DOI 10.1007/978-3-031-73668-1_5" in report["DBLP:conf/eccv/GongCWCJ24"]
    assert "by OpenReview id PdBEggnDIl" in report["DBLP:conf/icml/HanYWLD25"]
    assert "by arXiv id 2403.06135" in report["DBLP:journals/corr/abs-2403-06135"]


def test_readme_blocks_strings_comments_and_odd_syntax(catalog):
    text, result = _normalize("readme.bib", catalog)
    statuses = _statuses(result)
    assert statuses["wu2025erasing"] == "current"
    assert statuses["stablediffusion"] == "unmatched"
    assert [k for k, s in statuses.items() if s == "normalized"] == [
        "gao2024eraseanything", "cywiński2025saeuroninterpretableconceptunlearning", "ren2024sixcd",
        "chavhan2024conceptprune", "zhang2023forgetmenot", "hong2024all"]
    # @preamble, @string, @comment and % lines untouched
    head = text[: text.index("@article{gao2024eraseanything")]
    assert result.text.startswith(head)
    assert "@STRING{ arxiv = {arXiv preprint} }" in result.text
    entries = _entries(result.text)
    assert entries["zhang2023forgetmenot"]["booktitle"].endswith("(CVPR) Workshops")  # was @article(...) with a macro
    assert "month" not in entries["zhang2023forgetmenot"].fields_dict
    assert entries["chavhan2024conceptprune"]["booktitle"] == "The Thirteenth International Conference on Learning Representations"
    assert "note" not in entries["chavhan2024conceptprune"].fields_dict  # "arXiv:2405.19237" is stale
    # README block with the wrong year (2024 for ICML 2025) and a longer author list: the catalog wins
    assert entries["gao2024eraseanything"]["year"] == "2025"
    assert "Walters" not in entries["gao2024eraseanything"]["author"]
    report = {r.key: r.message for r in result.reports}
    assert report["gao2024eraseanything"].startswith("@article, ICML 2025, 2024 -> @inproceedings, ICML 2025")


def test_tricky_entries_are_left_alone_and_reported(catalog):
    text, result = _normalize("tricky.bib", catalog)
    by_line = {r.line: r for r in result.reports}
    assert by_line[5].status == "ambiguous" and "arXiv id 2310.11868 is zhang2024generate" in by_line[5].message
    assert by_line[13].status == "ambiguous" and "identifiers name different catalog papers" in by_line[13].message
    assert by_line[23].status == "normalized" and "similar title (0.94)" in by_line[23].message
    assert by_line[31].status == "ambiguous" and "first authors differ" in by_line[31].message
    assert by_line[39].status == "ambiguous" and "only at 0.87" in by_line[39].message
    assert by_line[46].status == "ambiguous" and "no author in common" in by_line[46].message
    assert by_line[54].status == "broken" and by_line[54].message.startswith(
        "entry 'broken2024': field 'title': the '{' opened here is never closed (it runs into the next entry at line 59)")
    assert by_line[64].status == "broken" and "stray '}'" in by_line[64].message
    assert by_line[67].status == "broken" and "duplicate key 'kumari2023ablating' (first on line 59)" in by_line[67].message
    assert "also entry 'kumari2023ablating' on line 59" in by_line[74].message
    rewritten = {r.key for r in result.reports if r.status == "normalized"}
    assert rewritten == {"lu2024mass", "kumari2023ablating", "ablating2023"}
    assert _outside(text, rewritten) == _outside(result.text, rewritten)
    # the broken block and the duplicate are exactly as they were
    assert "@article{broken2024,\n  title={Unclosed {brace in the title},\n" in result.text
    assert "@article{kumari2023ablating,\n  title={Ablating concepts in text-to-image diffusion models}" in result.text


def test_truncated_file_is_an_error_naming_the_line(run, tmp_path):
    result = run("normalize", BIB / "truncated.bib", "-o", tmp_path / "out.bib")
    assert result.exit_code == 1
    assert ("truncated.bib:11: entry 'gong2024reliable': field 'journal': the '{' opened here is never closed "
            "(it runs to the end of the file)") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.bib").exists()


def test_not_utf8_is_an_error_naming_the_line(run, tmp_path):
    path = tmp_path / "latin1.bib"
    path.write_bytes(b"@article{a,\n  title={Ok},\n  author={M\xfcller, A.},\n  year={2020}\n}\n")
    result = run("normalize", path)
    assert result.exit_code == 1
    assert "latin1.bib:3: not valid UTF-8" in result.stderr


# --- line endings, BOM ----------------------------------------------------------------------------

def test_crlf_file_keeps_crlf_everywhere(catalog):
    text = (BIB / "scholar.bib").read_text(encoding="utf-8").replace("\n", "\r\n")
    result = normalize_bib(text, catalog, "crlf.bib")
    assert result.count("normalized") == 13
    assert re.search(r"(?<!\r)\n", result.text) is None


def test_bom_is_kept(catalog):
    text = "\ufeff" + (BIB / "scholar.bib").read_text(encoding="utf-8")
    result = normalize_bib(text, catalog, "bom.bib")
    assert result.text.startswith("\ufeff% refs.bib")
    assert result.count("normalized") == 13


# --- the command: stdout, -o, --in-place, --dry-run ------------------------------------------------

def test_stdout_is_default_and_input_untouched(run, tmp_path):
    path = tmp_path / "refs.bib"
    shutil.copy(BIB / "scholar.bib", path)
    before = path.read_bytes()
    result = run("normalize", path)
    assert result.exit_code == 0
    assert "@inproceedings{huang2023receler," in result.stdout
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


def test_dry_run_prints_a_diff_and_writes_nothing(run, tmp_path):
    path = tmp_path / "refs.bib"
    shutil.copy(BIB / "scholar.bib", path)
    before = path.read_bytes()
    result = run("normalize", path, "--dry-run", "-o", tmp_path / "out.bib")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"--- {path}\n+++ {path}\n@@")
    assert "-  journal={arXiv preprint arXiv:2311.17717}," in result.stdout
    assert "+  booktitle     = {Computer Vision {\\textendash} ECCV 2024}," in result.stdout
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


def test_output_file_and_in_place(run, tmp_path):
    path = tmp_path / "refs.bib"
    shutil.copy(BIB / "dblp.bib", path)
    out = tmp_path / "out.bib"
    result = run("normalize", path, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert "@inproceedings{DBLP:journals/corr/abs-2311-17717," in out.read_text()
    assert run("normalize", path, "-o", path).exit_code == 2  # never over the input without --in-place
    assert run("normalize", path, "--in-place", "-o", out).exit_code == 2
    result = run("normalize", path, "--in-place")
    assert result.exit_code == 0
    assert path.read_bytes() == out.read_bytes()


# --- matching rules -----------------------------------------------------------------------------

@pytest.mark.parametrize("fields,expected", [
    ({"eprint": "2311.17717v3", "archiveprefix": "arXiv"}, ("2311.17717",)),
    ({"url": "https://arxiv.org/pdf/2311.17717v2.pdf"}, ("2311.17717",)),
    ({"journal": "arXiv preprint arXiv:2311.17717"}, ("2311.17717",)),
    ({"journal": "ArXiv", "volume": "abs/2311.17717"}, ()),  # only DBLP's CoRR volume counts
    ({"journal": "CoRR", "volume": "abs/2311.17717"}, ("2311.17717",)),
    ({"note": "arXiv:2311.17717 [cs.CV]"}, ("2311.17717",)),
    ({"howpublished": "\\url{http://arxiv.org/abs/2311.17717}"}, ("2311.17717",)),
    ({"doi": "10.48550/ARXIV.2311.17717"}, ("2311.17717",)),
    ({"arxivid": "2311.17717"}, ("2311.17717",)),
    ({"url": "https://github.com/jasper0314-huang/Receler", "note": "Code 2311.17717"}, ()),
])
def test_arxiv_ids_wherever_people_put_them(fields, expected):
    assert entry_ids(fields).arxiv == expected


def test_doi_and_openreview_forms():
    ids = entry_ids({"doi": "https://doi.org/10.1007/978-3-031-73668-1\\_5",
                     "url": "https://openreview.net/pdf?id=PdBEggnDIl"})
    assert ids.doi == ("10.1007/978-3-031-73668-1_5",)
    assert ids.openreview == ("PdBEggnDIl",)


def test_names():
    assert split_names("Huang, Chi-Pin and {Smith and Sons} and Wang, Y.  AND others") == [
        "Huang, Chi-Pin", "{Smith and Sons}", "Wang, Y.", "others"]
    assert parse_name("Chi{-}Pin Huang") == {"family": "Huang", "given": "Chi-Pin"}
    assert parse_name("Jan van der Berg") == {"family": "Berg", "given": "Jan", "particle": "van der"}
    assert parse_name("van der Berg, Jr., Jan") == {"family": "Berg", "given": "Jan", "particle": "van der", "suffix": "Jr."}
    assert parse_name("Cywi{\\'n}ski, Bartosz") == {"family": "Cywiński", "given": "Bartosz"}
    assert parse_name("{The Unlearning Consortium}") == {"literal": "The Unlearning Consortium"}


def test_fuzzy_match_needs_threshold_and_first_author(catalog):
    index = CatalogIndex(catalog)
    close = "Mass Concept Erasure in Diffusion Models"
    assert match(Ids(title=close, families=("lu",)), index).paper.key == "lu2024mace"
    assert match(Ids(title=close, families=("wang", "lu")), index).status == "ambiguous"
    assert match(Ids(title=close), index).status == "ambiguous"  # no author to confirm
    assert match(Ids(title="Diffusion Models Beat GANs on Image Synthesis", families=("dhariwal",)), index).status == "unmatched"
    # title aliases count as exact titles
    found = match(Ids(title="EraseDiff: Erasing Data Influence in Diffusion Models", families=("wu",)), index)
    assert (found.status, found.paper.key, found.how) == ("matched", "wu2025erasing", "title")
    # an exact title whose arXiv id contradicts the catalog is not trusted
    found = match(Ids(title="Erasing Concepts from Diffusion Models", arxiv=("2301.00001",), families=("gandikota",)), index)
    assert found.status == "ambiguous" and "differs from the catalog's 2303.07345" in found.reason


def test_container_venues_as_people_write_them():
    assert container_venue("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", 2024) == "cvpr"
    assert container_venue("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops", 2024) == "cvpr/workshop"
    assert container_venue("Computer Vision - {ECCV} 2024 - 18th European Conference, Milan, Italy, Proceedings, Part {LIII}", 2024) == "eccv"
    assert container_venue("Forty-second International Conference on Machine Learning, {ICML} 2025, Vancouver", 2025) == "icml"
    assert container_venue("Proceedings of the 2024 on ACM SIGSAC Conference on Computer and Communications Security", 2024) == "ccs"
    assert container_venue("Advances in Neural Information Processing Systems (Datasets and Benchmarks Track)", 2024) == "neurips/datasets-and-benchmarks"
    assert container_venue("Journal of Irreproducible Results", 2024) is None


# --- BibTeX itself ---------------------------------------------------------------------------------

needs_bibtex = pytest.mark.skipif(not have("pdflatex", "bibtex"), reason="pdflatex/bibtex not installed (apt: texlive-latex-base)")


@needs_bibtex
@pytest.mark.parametrize("name", ["scholar.bib", "dblp.bib", "readme.bib"])
def test_normalized_files_compile_with_bibtex(tmp_path, catalog, name):
    _, result = _normalize(name, catalog)
    (tmp_path / "refs.bib").write_text(result.text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{url}\n"
        "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n"
    )
    sh = lambda *cmd: subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, errors="replace", timeout=300)  # noqa: E731
    assert sh("pdflatex", "-interaction=nonstopmode", "doc.tex").returncode == 0
    done = sh("bibtex", "doc")
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert done.returncode == 0, blg
    assert "error" not in blg.lower(), blg
    # the only warning is about fields the user brought along (AAAI volume + number, kept)
    warnings = [line for line in blg.splitlines() if line.startswith("Warning--")]
    assert warnings in ([], ["Warning--can't use both volume and number fields in hong2024all"]), warnings
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert len(re.findall(r"\\bibitem\{", bbl)) == len(read_bib(result.text, name).entries)
    second = sh("pdflatex", "-interaction=nonstopmode", "doc.tex")
    assert second.returncode == 0, second.stdout[-2000:]


def test_records_still_needing_verification_are_not_written_into_a_bib(run, tmp_path):
    """A catalog grown from a README has no authors yet: its records are matched, never used."""
    papers = tmp_path / "seeded.yaml"
    assert run("import", "--from", "markdown", DATA / "markdown" / "awesome-diffusion-model-unlearning.md",
               "--papers", papers).exit_code == 0
    result = run("normalize", BIB / "scholar.bib", "--papers", papers)
    assert result.exit_code == 0
    assert result.stdout == (BIB / "scholar.bib").read_text()
    assert "huang2023receler: not rewritten: is anon2024receler (arXiv id 2311.17717), but that catalog record still needs verification" in result.stderr
    assert result.stderr.splitlines()[-1].endswith("0 normalized, 0 already current, 4 unmatched, 0 ambiguous, 13 not rewritten")
