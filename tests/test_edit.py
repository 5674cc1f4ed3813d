"""catalog/edit.py: the one editor of catalog files. Round trips are byte for byte; an edit
changes only the lines it edits; line endings, symlinks and modes are kept; the packaged
snapshot is never written."""
import difflib
import os
import shutil
import stat

import pytest
import yaml

from conftest import DATA, ROOT
from unlearn_bib.catalog.edit import open_for_edit
from unlearn_bib.errors import UnlearnBibError

CATALOGS = sorted((DATA / "catalogs").glob("*.yaml"))


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(True), after.splitlines(True)) if line[:1] in "+-"]


@pytest.mark.parametrize("path", [ROOT / "papers.yaml", *CATALOGS], ids=lambda p: p.name)
def test_load_and_dump_is_byte_identical(path):
    editor = open_for_edit(path)
    assert editor.text().encode("utf-8") == path.read_bytes()
    assert editor.save() is False  # nothing to write


def first_preprint(editor):
    return next(p.key for p in editor.catalog if p.venue.is_preprint)


@pytest.mark.parametrize("path", [ROOT / "papers.yaml", DATA / "catalogs" / "edge.yaml"], ids=lambda p: p.name)
def test_setting_venue_and_year_changes_exactly_those_lines(tmp_path, path):
    copy = tmp_path / "papers.yaml"
    shutil.copy(path, copy)
    editor = open_for_edit(copy)
    key = first_preprint(editor)
    editor.set_fields(key, {"venue": "NeurIPS", "year": 2031})
    assert editor.save() is True
    before, after = path.read_text(encoding="utf-8"), copy.read_text(encoding="utf-8")
    old_year = next(f"    year: {p.year}\n" for p in editor.catalog if p.key == key)
    assert sorted(changed_lines(before, after)) == sorted(["-     venue: arXiv\n", f"- {old_year}",
                                                           "+     venue: NeurIPS\n", "+     year: 2031\n"])


def test_new_fields_take_their_place_and_sources_grow_at_their_end(tmp_path):
    copy = tmp_path / "edge.yaml"
    shutil.copy(DATA / "catalogs" / "edge.yaml", copy)
    editor = open_for_edit(copy)
    key = first_preprint(editor)
    editor.set_fields(key, {"pages": "1--9"})
    editor.append_to(key, "sources", ["https://example.org/published"])
    editor.save()
    record = next(r for r in yaml.safe_load(copy.read_text())["papers"] if r["key"] == key)
    names = list(record)
    assert names.index("year") < names.index("pages") < names.index("sources")
    assert record["sources"][-1] == "https://example.org/published"
    assert len(changed_lines((DATA / "catalogs" / "edge.yaml").read_text(), copy.read_text())) == 2


NEW = {"key": "new2024paper", "section": "s", "title": "New: A Paper", "venue": "arXiv", "year": 2024,
       "arxiv": "2401.00001", "needs_verification": True, "authors": [{"family": "Doe", "given": "Jane"}]}


def test_records_go_to_their_section_or_beside_a_named_record(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("sections:\n  - id: s\n    title: S\n  - id: t\n    title: T\n\npapers:\n"
                    "  - key: a2024x\n    section: s\n    title: X\n    venue: arXiv\n    year: 2024\n    needs_verification: true\n\n"
                    "  - key: c2024z\n    section: t\n    title: Z\n    venue: arXiv\n    year: 2024\n    needs_verification: true\n")
    editor = open_for_edit(path)
    editor.add_records([NEW])  # end of section s: before t's record
    editor.add_records([dict(NEW, key="top2024", title="Top", arxiv="2401.00003")], before="a2024x")
    editor.save()
    text = path.read_text()
    assert [r["key"] for r in yaml.safe_load(text)["papers"]] == ["top2024", "a2024x", "new2024paper", "c2024z"]
    assert "  - key: new2024paper\n    section: s\n    title: 'New: A Paper'\n    authors:\n" \
           "      - {family: Doe, given: Jane}\n    venue: arXiv\n    year: 2024\n    arxiv: '2401.00001'\n" \
           "    needs_verification: true\n\n  - key: c2024z\n" in text
    assert "    needs_verification: true\n\n  - key: a2024x\n" in text  # records stay separated by one blank line


def test_edits_find_their_record_after_inserts_and_a_renamed_key(tmp_path):
    path = tmp_path / "p.yaml"  # the editor remembers where records were: a moved or renamed one is looked up again
    path.write_text("sections:\n  - id: s\n    title: S\n\npapers:\n"
                    "  - key: a2024x\n    section: s\n    title: X\n    venue: arXiv\n    year: 2024\n    needs_verification: true\n")
    editor = open_for_edit(path)
    editor.set_fields("a2024x", {"note": "first"})
    editor.add_records([dict(NEW, key="top2024", title="Top")], before="a2024x")  # a2024x moves down one
    editor.set_fields("a2024x", {"pages": "1-2"})
    editor.set_fields("a2024x", {"key": "renamed2024x"})
    editor.set_fields("renamed2024x", {"volume": "3"})
    with pytest.raises(UnlearnBibError, match="no record with key 'a2024x'"):
        editor.record("a2024x")
    papers = yaml.safe_load(editor.text())["papers"]
    assert [(r["key"], r.get("note"), r.get("pages"), r.get("volume")) for r in papers] == [
        ("top2024", None, None, None), ("renamed2024x", "first", "1-2", "3")]


def test_other_layouts_and_an_empty_flow_list(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("# head\npapers: []  # none yet\n# about sections\nsections:\n- id: s\n  title: S\n")
    editor = open_for_edit(path)
    editor.add_records([NEW, dict(NEW, key="b2024y", title="Y", arxiv="2401.00002")])
    editor.save()
    data = yaml.safe_load(path.read_text())
    assert [r["key"] for r in data["papers"]] == ["new2024paper", "b2024y"]
    assert path.read_text().startswith("# head\npapers:  # none yet\n")
    assert path.read_text().endswith("# about sections\nsections:\n- id: s\n  title: S\n")


def test_a_new_file_is_started(tmp_path):
    path = tmp_path / "new.yaml"
    editor = open_for_edit(path)
    editor.add_section("s", "S")
    editor.add_records([NEW])
    editor.save()
    data = yaml.safe_load(path.read_text())
    assert data["sections"] == [{"id": "s", "title": "S"}] and data["papers"][0]["key"] == "new2024paper"
    assert path.read_text().startswith("# unlearn-bib catalog, started by `unlearn-bib import`.")
    assert "\n    title: S\n\npapers:\n  - key: new2024paper\n" in path.read_text()


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_are_kept(tmp_path, newline):
    path = tmp_path / "p.yaml"
    source = (DATA / "catalogs" / "edge.yaml").read_text(encoding="utf-8")
    path.write_bytes(source.replace("\n", newline).encode("utf-8"))
    editor = open_for_edit(path)
    assert editor.text() == source.replace("\n", newline)
    editor.set_fields(first_preprint(editor), {"venue": "ICML", "year": 2030})
    editor.save()
    after = path.read_bytes().decode("utf-8")
    assert "\n" not in after.replace("\r\n", "") and after.count(newline) == source.count("\n")
    assert f"    venue: ICML{newline}    year: 2030{newline}" in after


def test_mixed_line_endings_stay_on_unchanged_lines(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"# a CRLF comment\r\nsections:\n  - id: s\n    title: S\npapers:\n"
                     b"  - key: a2024x\r\n    section: s\n    title: X\n    venue: arXiv\n    year: 2024\n    needs_verification: true\n")
    editor = open_for_edit(path)
    editor.set_fields("a2024x", {"year": 2025})
    editor.save()
    assert path.read_bytes() == (b"# a CRLF comment\r\nsections:\n  - id: s\n    title: S\npapers:\n"
                                 b"  - key: a2024x\r\n    section: s\n    title: X\n    venue: arXiv\n    year: 2025\n    needs_verification: true\n")


def test_symlink_is_written_through_and_mode_kept(tmp_path):
    real = tmp_path / "real.yaml"
    shutil.copy(DATA / "catalogs" / "edge.yaml", real)
    os.chmod(real, 0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    editor = open_for_edit(link)
    editor.set_fields(first_preprint(editor), {"year": 2030})
    editor.save()
    assert link.is_symlink() and "year: 2030" in real.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_an_edit_that_breaks_the_catalog_writes_nothing(tmp_path):
    path = tmp_path / "p.yaml"
    shutil.copy(DATA / "catalogs" / "edge.yaml", path)
    before = path.read_bytes()
    editor = open_for_edit(path)
    editor.set_fields(first_preprint(editor), {"venue": "No Such Venue"})
    with pytest.raises(UnlearnBibError) as caught:
        editor.save()
    assert "would leave" in str(caught.value) and "nothing written" in str(caught.value)
    assert path.read_bytes() == before


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    path = tmp_path / "p.yaml"
    shutil.copy(DATA / "catalogs" / "edge.yaml", path)
    editor = open_for_edit(path)
    editor.set_fields(first_preprint(editor), {"year": 2030})
    path.write_text(path.read_text() + "# someone else\n")
    with pytest.raises(UnlearnBibError, match="changed since it was read"):
        editor.save()


def test_bad_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"sections: []\npapers:\n  - key: \xff\n")
    with pytest.raises(UnlearnBibError, match=r"p.yaml:3: not valid UTF-8"):
        open_for_edit(path)


def test_the_packaged_snapshot_is_refused(monkeypatch, tmp_path):
    from unlearn_bib.catalog import load

    inside = load.PACKAGE_DIR / "data" / "venues.yaml"  # any file inside the installed package
    with pytest.raises(UnlearnBibError, match="packaged snapshot of the catalog, which is read-only: pass --papers"):
        open_for_edit(inside)
    monkeypatch.chdir(tmp_path)  # no papers.yaml here: the packaged snapshot is read, never written
    with pytest.raises(UnlearnBibError, match="read-only"):
        open_for_edit(None)
    editor = open_for_edit(None, read_only=True)
    with pytest.raises(UnlearnBibError, match="read-only"):
        editor.save(editor.text() + "# x\n")


def test_save_waits_for_the_folder_lock_import_takes(tmp_path):
    """`update --write` saves through the editor, which takes the folder lock `import` holds."""
    import fcntl
    import threading
    import time

    path = tmp_path / "p.yaml"
    shutil.copy(DATA / "catalogs" / "edge.yaml", path)
    editor = open_for_edit(path)
    editor.set_fields(first_preprint(editor), {"year": 2030})
    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    worker = threading.Thread(target=editor.save)
    try:
        worker.start()
        time.sleep(1.0)
        assert worker.is_alive() and "year: 2030" not in path.read_text()  # waiting, nothing written
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    worker.join(timeout=30)
    assert "year: 2030" in path.read_text()
