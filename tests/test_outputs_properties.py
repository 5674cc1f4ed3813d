"""Property tests for the new outputs: RIS round trip through rispy, CHANGES.md escaping."""
import dataclasses
import re

import rispy
from hypothesis import given, strategies as st

from conftest import EDGE
from unlearn_bib.release import changes
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.export import ris
from unlearn_bib.catalog.model import Catalog, Person

BASE = load_catalog(EDGE).get("vanderberg2024receler")
words = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30).filter(
    lambda s: s.strip())
titles = words.map(lambda s: s.replace("{", "").replace("}", "")).filter(lambda s: s.strip())
names = st.builds(lambda f, g: Person(family=" ".join(f.replace(",", " ").split()) or "X",
                                      given=" ".join(g.replace(",", " ").split())), words, words)


@given(titles, st.lists(names, min_size=1, max_size=4))
def test_ris_round_trip_any_unicode(title, people):
    paper = dataclasses.replace(BASE, title=title, authors=tuple(people))
    [record] = rispy.loads(ris.render(Catalog((paper,))))
    assert record["title"] == paper.plain_title
    assert record["authors"] == [ris.person(a) for a in people]
    assert record["secondary_title"] == BASE.venue.booktitle and record["doi"] == BASE.doi


@given(titles, titles)
def test_changes_markdown_escapes_every_special_and_stays_on_one_line(old_title, new_title):
    old = dataclasses.replace(BASE, title=old_title)
    new = dataclasses.replace(BASE, title=new_title)
    diff = changes.compare(changes.Snapshot(Catalog((old,)), "old"), changes.Snapshot(Catalog((new,)), "new"))
    text = changes.to_markdown(diff)
    if old.plain_title == new.plain_title:
        assert "No changes." in text
        return
    [line] = [l for l in text.splitlines() if l.startswith("- `vanderberg2024receler`: title: ")]
    body = line[len("- `vanderberg2024receler`: title: "):]
    # every special is escaped ('#' in the middle of a line starts nothing: text/markdown.py)
    assert not re.search(r"(?<!\\)[`*_\[\]<>|~$]", body.replace("\\\\", ""))
    unescaped = re.sub(r"\\(.)", r"\1", body)
    assert unescaped == f"{' '.join(old.plain_title.split())} → {' '.join(new.plain_title.split())}"
    html = changes.to_html(diff)
    assert "<" not in re.sub(r"</?(?:p|h3|ul|li|code)>", "", html)
