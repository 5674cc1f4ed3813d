"""Style names -> CSL files (unlearn_bib.styles): short names, package names, paths, typos."""
from __future__ import annotations

from pathlib import Path

import pytest

from unlearn_bib.csl import styles
from unlearn_bib.errors import UnlearnBibError

EXPECTED = {
    "apa": "apa", "ieee": "ieee", "acm": "association-for-computing-machinery", "chicago": "chicago-author-date",
    "mla": "modern-language-association", "harvard": "harvard-cite-them-right", "nature": "nature",
    "vancouver": "nlm-citation-sequence", "springer-lncs": "springer-lecture-notes-in-computer-science",
}


def test_short_names_in_index_order():
    assert styles.short_names() == list(EXPECTED)
    assert {name: s.csl for name, s in styles.index().items()} == EXPECTED
    assert all(s.title for s in styles.index().values())


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_short_name_resolves_to_an_independent_style(name):
    resolved = styles.resolve(name)
    assert resolved.path.is_file() and resolved.csl == EXPECTED[name]
    assert styles.independent_parent(resolved.path) is None
    assert "<bibliography" in resolved.path.read_text(encoding="utf-8")


def test_vancouver_is_the_nlm_parent_of_the_dependent_style():
    dependent = styles.resolve("vancouver-nlm")
    assert dependent.csl == "nlm-citation-sequence" == styles.resolve("vancouver").csl
    assert "dependent" not in str(dependent.path)


def test_package_style_by_file_name_and_case():
    assert styles.resolve("elsevier-harvard").csl == "elsevier-harvard"
    assert styles.resolve("IEEE").csl == "ieee"


def test_path_to_a_csl_file(tmp_path):
    own = tmp_path / "mine.csl"
    own.write_text(styles.resolve("nature").path.read_text(encoding="utf-8"))
    assert styles.resolve(str(own)).path == own
    with pytest.raises(UnlearnBibError, match="no such style file"):
        styles.resolve(str(tmp_path / "missing.csl"))


def test_a_style_path_that_is_not_a_small_regular_file_is_refused(tmp_path, monkeypatch):
    """A directory, a FIFO or an oversized file given as --style: one line naming it, nothing parsed."""
    import os

    folder = tmp_path / "dir.csl"
    folder.mkdir()
    with pytest.raises(UnlearnBibError, match=r"dir\.csl: is a directory"):
        styles.resolve(str(folder))
    fifo = tmp_path / "pipe.csl"
    os.mkfifo(fifo)
    with pytest.raises(UnlearnBibError, match=r"pipe\.csl: is a FIFO"):
        styles.resolve(str(fifo))
    big = tmp_path / "big.csl"
    big.write_text(styles.resolve("nature").path.read_text(encoding="utf-8"))
    monkeypatch.setattr(styles, "MAX_STYLE_BYTES", 1000)
    with pytest.raises(UnlearnBibError, match=r"big\.csl: larger than"):
        styles.resolve(str(big))


def test_dependent_style_file_with_unknown_parent(tmp_path):
    path = tmp_path / "dep.csl"
    path.write_text('<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info>'
                    '<link href="http://www.zotero.org/styles/no-such-parent" rel="independent-parent"/>'
                    '</info></style>')
    with pytest.raises(UnlearnBibError, match="parent 'no-such-parent' is not available"):
        styles.resolve(str(path))


@pytest.mark.parametrize("typo, expected", [("iee", "ieee"), ("vancover", "vancouver"), ("chicgo", "chicago"),
                                            ("elsevier-harvad", "elsevier-harvard")])
def test_unknown_names_suggest_the_closest(typo, expected):
    with pytest.raises(UnlearnBibError) as caught:
        styles.resolve(typo)
    message = str(caught.value)
    assert message.startswith(f"unknown style {typo!r} (did you mean ") and expected in message


def test_styles_dir_is_the_repository_one_in_an_editable_install():
    assert styles.styles_dir() == Path(__file__).resolve().parents[1] / "styles"
    assert (styles.styles_dir() / "index.yaml").is_file()


def test_project_styles_take_precedence(tmp_path, monkeypatch):
    own = tmp_path / "ieee.csl"
    own.write_text(styles.resolve("apa").path.read_text(encoding="utf-8"))
    monkeypatch.setattr(styles, "styles_dir", lambda: tmp_path)
    assert styles.resolve("ieee").path == own


def test_all_names_include_package_styles():
    names = styles.all_names()
    assert "elsevier-harvard" in names and "vancouver" in names and "vancouver-nlm" in names
