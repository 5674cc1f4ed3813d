"""Growing an existing catalog with many records: the text route (lines inserted into the file's
own text) against the round-trip editor it stands in for: the same records in the same places,
every existing line kept byte for byte, and the editor still used for layouts the text route
does not know."""
import pytest

from conftest import DATA, only_inserted
from unlearn_bib.catalog.edit import edit_text
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.files.yamlio import load_yaml
from unlearn_bib.catalog.validate import build_catalog
from unlearn_bib.tasks import importer

CATALOG = """\
# A hand-kept catalog (invented papers): comments between records and at the end stay.
sections:
  - id: methods
    title: Methods
  - id: attacks
    title: Attacks

papers:
  - key: anon2024first
    section: methods
    title: A First Invented Method
    authors:
      - {family: Doe, given: Jane}
    venue: arXiv
    year: 2024
    arxiv: '2401.00001'

  # the second method, kept by hand
  - key: anon2024second
    section: methods
    title: A Second Invented Method
    authors:
      - {family: Doe, given: Jane}
    venue: arXiv
    year: 2024
    arxiv: '2401.00002'

  - key: anon2024attack
    section: attacks
    title: An Invented Attack
    authors:
      - {family: Doe, given: Jane}
    venue: arXiv
    year: 2024
    arxiv: '2401.00003'

# end of the catalog
"""


def _record(key, section, title):
    return {"key": key, "section": section, "title": title, "venue": "arXiv", "year": 2025, "url": "https://example.org/" + key, "needs_verification": True,
            "notes": "Imported from a list, line 1; not verified yet.", "authors": [{"family": "Roe", "given": "Ann"}]}


RECORDS = [
    _record("anon2025between", "methods", "Placed After the First Method"),  # after an old record
    _record("anon2025next", "methods", "Placed After the Record Just Added"),  # after a new one
    _record("anon2025ahead", "attacks", "Placed Before the Attack"),  # before an old record
    _record("anon2025methods", "methods", "At the End of the Methods"),  # no hint: end of its section
    _record("anon2025attacks", "attacks", "At the End of the Attacks"),  # the end of the list
    _record("anon2025surveys", "surveys", "In a New Section"),
    _record("anon2025surveys2", "surveys", "Second in the New Section"),
]
PLACES = {"anon2025between": ("after", "anon2024first"), "anon2025next": ("after", "anon2025between"),
          "anon2025ahead": ("before", "anon2024attack")}
SECTIONS = [("surveys", "Surveys")]


def _target(text):
    editor = edit_text(text, "papers.yaml", "papers.yaml")
    return importer.Target(editor.file, editor.shown, text, editor.catalog, editor)


def _by_editor(text):
    editor = edit_text(text, "papers.yaml", "papers.yaml")
    for section_id, title in SECTIONS:
        editor.add_section(section_id, title)
    for record in RECORDS:
        how, other = PLACES.get(record["key"], ("", None))
        editor.add_records([record], after=other if how == "after" else None, before=other if how == "before" else None)
    return editor.text()


def _order(text):
    catalog = build_catalog(load_yaml(text.encode("utf-8"), "papers.yaml"), "papers.yaml", strict=False)
    return [s.id for s in catalog.sections], [p.key for p in catalog]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_text_route_places_records_as_the_editor_does_and_changes_no_line(newline):
    text = CATALOG.replace("\n", newline)
    spliced = importer._spliced(_target(text), SECTIONS, [dict(r) for r in RECORDS], PLACES)
    assert spliced is not None
    assert _order(spliced) == _order(_by_editor(text))
    assert _order(spliced)[1] == ["anon2024first", "anon2025between", "anon2025next", "anon2024second",
                                  "anon2025methods", "anon2025ahead", "anon2024attack", "anon2025attacks",
                                  "anon2025surveys", "anon2025surveys2"]
    added = only_inserted(text.encode(), spliced.encode())
    assert all(line.endswith(newline.encode()) for line in added)
    # the comment above a record stays with it; the last comment stays last
    assert "  - key: anon2025next" in spliced.split("# the second method")[0]
    assert f"  # the second method, kept by hand{newline}  - key: anon2024second{newline}" in spliced
    assert spliced.endswith(f"# end of the catalog{newline}")
    assert importer.grow(_target(text), SECTIONS, [dict(r) for r in RECORDS], PLACES) == spliced


def test_the_editor_grows_what_the_text_route_does_not_know():
    unspaced = (DATA / "catalogs" / "reader.yaml").read_text()  # records not separated by blank lines
    literal = CATALOG.replace("'2401.00003'\n", "'2401.00003'\n    notes: |\n      kept\n")
    for text in (unspaced, literal, "\ufeff" + CATALOG):
        assert importer._spliced(_target(text), [], [_record("anon2025x", "methods", "A Paper")], {}) is None
    grown = importer.grow(_target(literal), SECTIONS, [dict(r) for r in RECORDS], PLACES)
    assert _order(grown) == _order(_by_editor(literal))
    only_inserted(literal.encode(), grown.encode())


def test_a_real_list_into_an_existing_catalog_only_inserts(run, tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_text(CATALOG)
    result = run("import", "--from", "markdown", DATA / "lists" / "genai-unlearning-tagged.md", "--papers", path)
    assert result.exit_code == 0, result.stderr
    added = only_inserted(CATALOG.encode(), path.read_bytes())
    catalog = load_catalog(path, strict=False)
    assert len(catalog) == 3 + 90 and sum(line.startswith(b"  - key: ") for line in added) == 90
