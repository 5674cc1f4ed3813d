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
