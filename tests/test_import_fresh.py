"""A new catalog an import writes is validated from the records it was written from, not by parsing its text back
(``tasks.importer._as_read``): what the records give must be exactly what ``load_yaml`` reads from the text (every
value, its type, the field order, every line a problem would name), or a problem would be missed or misplaced."""
import pytest
from conftest import DATA

from unlearn_bib.catalog.edit import validate_text
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.files.yamlio import Marked, load_yaml
from unlearn_bib.tasks import importer
from unlearn_bib.tasks.import_table import import_markdown


def _same(a, b) -> bool:
    """Equal values of the same types, and for mappings the same order, line and field lines, all the way down."""
    if a != b or type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (list(a) == list(b) and (a.line, a.key_lines) == (b.line, b.key_lines)
                and all(_same(a[k], b[k]) for k in a))
    return all(_same(x, y) for x, y in zip(a, b)) if isinstance(a, list) else True


def _written(monkeypatch) -> list:
    seen, real = [], importer._new_catalog
    monkeypatch.setattr(importer, "_new_catalog",
                        lambda *a, **k: seen.append(real(*a, **k)) or seen[-1])
    return seen


# layouts with authors (one a line, names with accents), venues as written, no years, DOIs, OpenReview ids
LISTS = ["chrisliu298-llm-unlearning.md", "causality-name-citation-link-code-tables.md",
         "agents-numbered-bold-title-blank-italic-authors-abs-comma-date.md", "backdoor-plain-title-subbullet.md",
         "traffic-gbt-citation-bold-title-year-headings-crlf.md", "vqa-venue-heading-linked-title-etal-bold-venue.md"]


@pytest.mark.parametrize("name", LISTS)
def test_the_records_read_as_the_text_written_from_them(name, tmp_path, monkeypatch):
    seen = _written(monkeypatch)
    import_markdown(str(DATA / "lists" / name), str(tmp_path / "p.yaml"))
    (text, data), = seen
    assert data is not None and len(data["papers"]) > 5
    assert _same(data, load_yaml(text.encode("utf-8"), "p.yaml"))


def _records():
    people = [{"family": "Doe", "given": "Jane"}, {"family": "Bouchut", "given": "François"}]
    return [{"key": "doe2024first", "section": "papers", "title": "First: a title", "authors": people, "year": 2024,
             "venue_text": "Some Workshop", "needs_verification": True, "sources": [], "notes": "n"},
            {"key": "doe2024second", "section": "papers", "title": "Second", "year": 3000, "doi": "10.1/x",
             "needs_verification": True, "authors": [dict(people[0])]}]


def test_an_empty_list_reads_as_null_and_a_bad_record_is_reported_on_the_same_line(tmp_path):
    text, data = importer._new_catalog([("papers", "Papers")], _records(), "\n", read_back=True)
    parsed = load_yaml(text.encode("utf-8"), "p.yaml")
    assert data["papers"][0]["sources"] is None and _same(data, parsed)
    with pytest.raises(UnlearnBibError) as from_records:
        validate_text(text, "p.yaml", data)
    with pytest.raises(UnlearnBibError) as from_text:
        validate_text(text + "\n", "p.yaml")  # another text: read and built as before
    assert "year 3000 is out of range" in str(from_records.value)
    assert [str(p) for p in from_records.value.problems] == [str(p) for p in from_text.value.problems]


def test_line_breaks_inside_values_are_escaped_so_the_lines_still_agree():
    records = _records()
    records[0]["notes"], records[1]["title"] = "a\u2028b\rc\x85d", "Second\u2029"  # YAML counts each as a line break
    text, data = importer._new_catalog([("papers", "Papers")], records, "\n", read_back=True)
    assert isinstance(data, Marked) and _same(data, load_yaml(text.encode("utf-8"), "p.yaml"))
    assert data["papers"][1].line == 21 and data["papers"][1]["title"] == "Second\u2029"


def _pyyaml(value) -> str:
    """What yaml_scalar would write by asking PyYAML itself."""
    import yaml

    texts = value.values() if isinstance(value, dict) else [value]
    style = '"' if any(isinstance(t, str) and not t.isprintable() for t in texts) else None
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9, default_style=style,
                          sort_keys=False).removesuffix("\n...\n").rstrip("\n")


def test_dois_numbered_headings_and_accented_names_are_written_without_pyyaml(monkeypatch):
    import yaml

    from unlearn_bib.files.yamlio import yaml_scalar

    texts = ["10.1145/3287560.3287600", "2.1 Base LLMs and Pretraining Strategies", "1-surveys", "Schröder", "Daumé III"]
    expected = {t: _pyyaml(t) for t in texts} | {("flow", t): _pyyaml({"family": t}) for t in texts}
    monkeypatch.setattr(yaml, "safe_dump", lambda *a, **k: pytest.fail("PyYAML asked"))
    assert {t: yaml_scalar(t) for t in texts} | {("flow", t): yaml_scalar({"family": t}) for t in texts} == expected
    assert expected["Schröder"] == "Schröder" and expected[("flow", "1-surveys")] == "{family: 1-surveys}"


_ODD = "aZ09 .,()'/_-:;?&=%+~#!éßΣ中ü١²\u00a0\u2028\ufeff@`\"*|>[]{}\t\\"
_WORDS = ["yes", "No", "on", "null", "true", "1e3", "0x1F", "1:20", "2001-12-14", "0o7", "1_000", ".inf", "12", "~", "<<"]


def test_every_text_is_written_as_pyyaml_writes_it():
    """The quick rules of yaml_scalar (plain, single-quoted) against PyYAML on 5,000 texts made of the characters
    and words that change how YAML writes or reads a scalar (seeded: the same texts every run)."""
    import random

    from unlearn_bib.files.yamlio import yaml_scalar

    pick = random.Random(18)
    for _ in range(5_000):
        text = "".join(pick.choice(_ODD) for _ in range(pick.randint(1, 8)))
        text = pick.choice(["", pick.choice(_WORDS), pick.choice("0123456789")]) + text
        assert yaml_scalar(text) == _pyyaml(text), text
        assert yaml_scalar({"family": text, "given": "A"}) == _pyyaml({"family": text, "given": "A"}), text
