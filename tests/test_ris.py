"""RIS export: golden file, every field read back by a real RIS parser (rispy), no line injection."""
import dataclasses
import string

import pytest
import rispy
from hypothesis import given, strategies as st

from conftest import EDGE
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.export import ris
from unlearn_bib.catalog.model import Catalog, Person
from unlearn_bib.catalog.venues import resolve


def _ris(run, *args):
    result = run("export", "--format", "ris", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF


def test_golden_and_crlf(run, golden):
    text = _ris(run, "--papers", EDGE)
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF, as the RIS spec says
    assert text.endswith("ER  - \r\n")
    golden("edge.ris", text.replace("\r\n", "\n"))


def _expected(paper):
    """What a reference manager must read back for ``paper``: every field, by rispy's names."""
    venue = paper.venue
    out = {"type_of_reference": "GEN" if venue.is_preprint else ("JOUR" if venue.entry_type == "article" else "CPAPER"),
           "id": paper.key, "title": paper.plain_title, "year": str(paper.year),
           "authors": [ris.person(a) for a in paper.authors], "urls": [paper.url or paper.link]}
    if venue.is_preprint:
        out["publisher"] = "arXiv"
        return out
    container = venue.journal if venue.entry_type == "article" else venue.booktitle
    out["secondary_title"] = container
    if venue.entry_type != "article":
        out["custom3"] = container
        if venue.series:
            out["tertiary_title"] = venue.series
    if paper.effective_publisher:
        out["publisher"] = paper.effective_publisher
    for name, key in (("volume", "volume"), ("number", "number"), ("doi", "doi")):
        if getattr(paper, name):
            out[key] = getattr(paper, name)
    if paper.pages:
        first, _, last = paper.pages.partition("--")
        out["start_page"] = first
        if last:
            out["end_page"] = last
    return out


@pytest.mark.parametrize("papers", [None, EDGE])
def test_rispy_reads_back_every_field(papers):
    catalog = load_catalog(papers)
    records = rispy.loads(ris.render(catalog))
    assert [r["id"] for r in records] == sorted(p.key for p in catalog)
    for record in records:
        paper = catalog.get(record["id"])
        assert record == _expected(paper), paper.key


def test_types_and_tags_on_the_shipped_catalog(run):
    text = _ris(run, "--key", "huang2024receler", "--key", "lu2024mace", "--key", "pham2024robust")
    receler, mace, preprint = text.split("\r\n\r\n")
    assert receler.startswith("TY  - CPAPER\r\nID  - huang2024receler\r\nAU  - Huang, Chi-Pin\r\n")
    assert "\r\nT2  - Computer Vision – ECCV 2024\r\nC3  - Computer Vision – ECCV 2024\r\nT3  - Lecture Notes in Computer Science\r\nPY  - 2024\r\n" in receler
    assert "\r\nSP  - 6430\r\nEP  - 6440\r\nPB  - IEEE\r\nDO  - 10.1109/CVPR52733.2024.00615\r\n" in mace
    assert preprint.startswith("TY  - GEN\r\n") and "\r\nPB  - arXiv\r\nUR  - https://arxiv.org/abs/2404.03631\r\n" in preprint


def test_round_trip_through_rispy_dumps():
    """rispy writes what it read back into the same records (nothing we write is lost or split)."""
    records = rispy.loads(ris.render(load_catalog(None)))
    assert rispy.loads(rispy.dumps(records)) == records


def test_deterministic(run):
    assert _ris(run) == _ris(run)


breaking = st.text(st.sampled_from(string.ascii_letters + " -\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=30)


@given(st.lists(breaking, min_size=1, max_size=3))
def test_no_value_can_start_a_tag_line(parts):
    """A value holding line breaks (even 'ER  - ' or 'TY  - ' after them) stays one tag line."""
    title = "Title \nER  - \nTY  - JOUR\r\n" + "".join(parts)
    base = load_catalog(EDGE).papers[0]
    paper = dataclasses.replace(base, title=title, authors=(Person(family="Doe\nAU  - X", given="J\r\nTI  - Y"),),
                                venue=resolve("eccv", 2024))
    text = ris.render(Catalog((paper,)))
    records = rispy.loads(text)
    assert len(records) == 1
    assert records[0]["title"] == " ".join(title.replace("\x1c", " ").replace("\x1d", " ").replace("\x1e", " ").split())
    assert records[0]["authors"] == ["Doe AU - X, J TI - Y"]
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in text.split("\r\n") if line)


def test_only_http_links_are_written():
    base = load_catalog(EDGE).papers[0]
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://x.org/a b"):
        paper = dataclasses.replace(base, url=bad, list_link="")
        assert "UR  -" not in ris.format_record(paper), bad
    paper = dataclasses.replace(base, url="https://example.org/paper")
    assert "\r\nUR  - https://example.org/paper\r\n" in ris.format_record(paper)
