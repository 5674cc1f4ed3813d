"""Reading and formatting a list pause Python's cyclic garbage collector (speed, issue 20)
and put it back as they found it, also when they fail."""
import gc

import pytest

from conftest import DATA
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.export.citations import format_items
from unlearn_bib.items.load import load_items


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled, tmp_path):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        items = load_items(str(DATA / "citations" / "refs.bib")).items
        assert gc.isenabled() is enabled
        assert format_items(list(items), "ieee")
        assert gc.isenabled() is enabled
        bad = tmp_path / "bad.json"
        bad.write_text('[{"id": "a", "type": "book", "issued": {"date-parts": [["x"]]}}]', encoding="utf-8")
        with pytest.raises(UnlearnBibError):
            load_items(str(bad))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_paused_while_a_list_is_read(monkeypatch):
    seen = []
    from unlearn_bib.items import from_bib

    real = from_bib.entry_item
    monkeypatch.setattr(from_bib, "entry_item", lambda *a: seen.append(gc.isenabled()) or real(*a))
    assert gc.isenabled()
    load_items(str(DATA / "citations" / "refs.bib"))
    assert seen and not any(seen)
