"""Small rules kept in one place (issue 19 item 6): the writer, patterns, pages, decoding, outcomes."""
from __future__ import annotations

import os

import pytest


# --- the one writer ---------------------------------------------------------------------------
def test_write_atomic_syncs_the_data_before_the_rename(tmp_path, monkeypatch):
    from unlearn_bib.files import write

    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    write.write_atomic(tmp_path / "out.bib", "@misc{a,}\n")
    assert calls == ["fsync", "replace"]
    assert (tmp_path / "out.bib").read_text() == "@misc{a,}\n"



# --- names ------------------------------------------------------------------------------------
def test_the_user_agent_names_the_project_and_the_given_address_only():
    from unlearn_bib import __version__
    from unlearn_bib.resolve.http import user_agent

    assert user_agent("") == f"unlearn-bib/{__version__}"
    assert user_agent("me@example.org") == f"unlearn-bib/{__version__} (mailto:me@example.org)"
    assert "github" not in user_agent("me@example.org")


# --- identifiers ------------------------------------------------------------------------------
def test_every_reader_takes_its_arxiv_pieces_from_identifiers():
    from unlearn_bib.catalog import identifiers
    from unlearn_bib.items import to_papers
    from unlearn_bib.match import rule

    assert (rule._ARXIV_NEW, rule._ARXIV_OLD) == (identifiers.ARXIV_NEW_ID, identifiers.ARXIV_OLD_ID)
    assert to_papers._ARXIV_ID.pattern.startswith(f"({identifiers.ARXIV_NEW_ID}|{identifiers.ARXIV_OLD_ID})")
    # the catalog's schema pattern and the readers' pieces accept the same ids
    for text in ("2401.01234", "hep-th/9901001", "math.AG/0601001", "cs/0701001"):
        assert identifiers.ARXIV_ID.match(text)
        assert rule.arxiv_in(f"arXiv:{text}v2") == [text]


def test_doi_cleaning_and_arxiv_dois_in_one_place():
    from unlearn_bib.catalog.identifiers import clean_doi, is_arxiv_doi

    assert clean_doi(" https://doi.org/10.1109/CVPR\\_2024.1 ") == "10.1109/cvpr_2024.1"
    assert clean_doi("doi: 10.1/X") == "10.1/x"
    assert is_arxiv_doi("10.48550/arXiv.2401.01234") and is_arxiv_doi(" 10.48550/ARXIV.1 ")
    assert not is_arxiv_doi("10.1109/cvpr.2024.1")


# --- page ranges ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, bibtex, csl, catalog", [
    ("3403-3417", "3403--3417", "3403-3417", "3403--3417"),
    ("3403--3417", "3403--3417", "3403-3417", "3403--3417"),
    ("3403 - 3417", "3403--3417", "3403-3417", "3403--3417"),
    ("3403\u20133417", "3403--3417", "3403-3417", "3403--3417"),
    ("3403 \u2014 3417", "3403--3417", "3403-3417", "3403--3417"),
    ("e1234", "e1234", "e1234", "e1234"),
    ("12-15, 20-25", "12--15, 20--25", "12-15, 20-25", ""),
])
def test_one_page_range_rule(text, bibtex, csl, catalog):
    from unlearn_bib.catalog.identifiers import catalog_pages, page_range
    from unlearn_bib.export.ris import _pages
    from unlearn_bib.resolve.records import pages_of

    assert page_range(text) == bibtex and page_range(text, "-") == csl
    assert catalog_pages(text) == catalog == pages_of(text)
    if catalog:
        first, _, last = catalog.partition("--")
        assert _pages(catalog) == (first, last)


# --- decoding a user's file -------------------------------------------------------------------
_BAD = {"LF": b"\xef\xbb\xbfone\ntwo\nthr\xffee\n", "CR": b"one\rtwo\rthr\xffee\r", "CRLF": b"one\r\ntwo\r\nthr\xffee\r\n"}


@pytest.mark.parametrize("ending", sorted(_BAD))
def test_every_reader_names_the_same_line_for_bad_utf8(tmp_path, ending):
    from unlearn_bib.errors import UnlearnBibError
    from unlearn_bib.files.read import decode, read_text
    from unlearn_bib.files.yamlio import load_yaml
    from unlearn_bib.items.load import load_items

    data = _BAD[ending]
    readers = {"decode": lambda p: decode(data, str(p)), "read_text": read_text, "load_items": load_items,
               "load_yaml": lambda p: load_yaml(data, str(p))}
    for suffix in (".bib", ".json"):
        path = tmp_path / f"mine{suffix}"
        path.write_bytes(data)
        for name, reader in readers.items():
            with pytest.raises(UnlearnBibError) as caught:
                reader(path)
            assert str(caught.value).startswith(f"{path}:3: not valid UTF-8"), (name, str(caught.value))


def test_decode_drops_a_bom_only_when_asked():
    from unlearn_bib.files.read import decode

    assert decode(b"\xef\xbb\xbfa", "x") == "\ufeffa"
    assert decode(b"\xef\xbb\xbfa", "x", bom=True) == "a"


# --- one vocabulary of outcomes ---------------------------------------------------------------
def _members():
    from unlearn_bib import outcomes

    return [m for kind in (outcomes.Tally, outcomes.MatchStatus, outcomes.Verdict, outcomes.Resolution,
                           outcomes.EntryStatus, outcomes.RecordStatus, outcomes.ImportCount) for m in kind]


def test_an_outcome_is_its_word_in_json_text_and_dicts():
    import json

    for member in _members():
        word = member.value
        assert json.dumps({"status": member}) == json.dumps({"status": word})
        assert f"{member}" == str(member) == "%s" % member == word
        assert member == word and {word: 1}[member] == 1 and {member: 1}[word] == 1


def test_the_summary_counts_every_command_s_words_without_knowing_them():
    from pathlib import Path
    from types import SimpleNamespace

    from unlearn_bib.outcomes import RecordStatus as R, Resolution
    from unlearn_bib.resolve import progress

    stats = SimpleNamespace(failures={}, requests={"arxiv": 3}, cached={"arxiv": 1})
    statuses = [R.PROPOSED, R.COMPLETED, R.PINNED, R.CURRENT, R.UNCHANGED, R.UNPUBLISHED, R.CANDIDATES,
                R.UNANCHORED, R.AMBIGUOUS, R.FAILED, Resolution.RESOLVED, "undecided", "matched"]
    assert progress.summary("update", statuses, stats) == (
        "update: 3 resolved, 4 unchanged, 4 ambiguous, 1 failed; served from cache: 1 of 4 answers")
    source = Path(progress.__file__).read_text()
    assert not any(f'"{word}"' in source for word in ("proposed", "pinned", "undecided", "current", "unpublished"))


def test_write_tree_syncs_every_file_before_renaming(tmp_path, monkeypatch):
    from unlearn_bib.files import write

    synced, real_fsync = [], os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    write.write_tree(tmp_path / "out", {"a.txt": b"a", "sub/b.txt": b"b"}, marker=".marker", owned=lambda data: None)
    assert len(synced) >= 2 and (tmp_path / "out" / "sub" / "b.txt").read_bytes() == b"b"


def test_diff_against_a_manifest_whose_papers_json_is_not_utf8_is_one_line(tmp_path):
    import hashlib
    import json

    from unlearn_bib.errors import UnlearnBibError
    from unlearn_bib.release.changes import load

    papers = tmp_path / "papers.json"
    papers.write_bytes(b'[\n{"id": "a",\n"title": "b\xff"}]\n')
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"tool": "unlearn-bib", "files": {
        "papers.json": {"sha256": hashlib.sha256(papers.read_bytes()).hexdigest()}}}))
    with pytest.raises(UnlearnBibError) as caught:
        load(str(manifest))
    assert str(caught.value).startswith(f"{papers}:3: not valid UTF-8")
