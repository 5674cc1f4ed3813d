"""BibTeX's ``and others`` (et al.) renders as the style's "et al." term, as pandoc prints it.

Every expected string is pandoc 3's output (``pandoc d.md --citeproc --bibliography X.bib
--csl STYLE.csl -t plain`` with ``nocite: "@*"``) for the same .bib; the CSL-JSON twin
(``{"literal": "others"}``, as pandoc's own bibtex reader writes it) renders identically,
as it does in pandoc. citeproc-js prints "and others" as a name instead.
"""
from __future__ import annotations

import json

import pytest

from unlearn_bib.export import citations
from unlearn_bib.items.load import load_items

BIB = """\
@inproceedings{huang2024receler,
  author    = {Huang, Chi-Pin and Chang, Kai-Po and others},
  title     = {Receler},
  booktitle = {ECCV},
  year      = {2024},
}
@article{lee2021,
  author  = {Lee, Ann and others},
  title   = {Forgetting},
  journal = {Journal X},
  year    = {2021},
}
@book{smith2020,
  editor    = {Smith, John and Doe, Jane and others},
  title     = {Erasing},
  publisher = {Springer},
  year      = {2020},
}
"""


def _person(family, given):
    return {"family": family, "given": given}


OTHERS = {"literal": "others"}
TWIN = [
    {"id": "huang2024receler", "type": "paper-conference", "title": "Receler", "container-title": "ECCV",
     "author": [_person("Huang", "Chi-Pin"), _person("Chang", "Kai-Po"), OTHERS], "issued": {"date-parts": [[2024]]}},
    {"id": "lee2021", "type": "article-journal", "title": "Forgetting", "container-title": "Journal X",
     "author": [_person("Lee", "Ann"), OTHERS], "issued": {"date-parts": [[2021]]}},
    {"id": "smith2020", "type": "book", "title": "Erasing", "publisher": "Springer",
     "editor": [_person("Smith", "John"), _person("Doe", "Jane"), OTHERS], "issued": {"date-parts": [[2020]]}},
]

PANDOC = {
    "apa": [
        "Huang, C.-P., Chang, K.-P., et al. (2024). Receler. ECCV.",
        "Lee, A. et al. (2021). Forgetting. Journal X.",
        "Smith, J., Doe, J., et al. (Eds.). (2020). Erasing. Springer.",
    ],
    "ieee": [
        "[1] C.-P. Huang, K.-P. Chang, et al., “Receler,” in ECCV, 2024.",
        "[2] A. Lee et al., “Forgetting,” Journal X, 2021.",
        "[3] J. Smith, J. Doe, et al., Eds., Erasing. Springer, 2020.",
    ],
    "mla": [  # et-al-min 3: "Huang, Chang, others" is abbreviated as any three names are
        "Huang, Chi-Pin, et al. “Receler.” ECCV, 2024.",
        "Lee, Ann, et al. “Forgetting.” Journal X, 2021.",
        "Smith, John, et al., editors. Erasing. Springer, 2020.",
    ],
    "chicago": [
        "Huang, Chi-Pin, Kai-Po Chang, et al. 2024. “Receler.” ECCV.",
        "Lee, Ann et al. 2021. “Forgetting.” Journal X.",
        "Smith, John, Jane Doe, et al., eds. 2020. Erasing. Springer.",
    ],
    "harvard": [
        "Huang, C.-P., Chang, K.-P., et al. (2024) “Receler,” ECCV.",
        "Lee, A. et al. (2021) “Forgetting,” Journal X [Preprint].",
        "Smith, J., Doe, J., et al. (eds.) (2020) Erasing. Springer.",
    ],
    "nature": [
        "1. Huang, C.-P., Chang, K.-P., et al. Receler. in ECCV (2024).",
        "2. Lee, A. et al. Forgetting. Journal X (2021).",
        "3. Erasing. (Springer, 2020).",
    ],
    "acm": [  # no et-al-min in the style: pandoc too prints "others" as a name
        "[1] Chi-Pin Huang, Kai-Po Chang, and others. 2024. Receler. In ECCV, 2024.",
        "[2] Ann Lee and others. 2021. Forgetting. Journal X (2021).",
        "[3] John Smith, Jane Doe, and others (Eds.). 2020. Erasing. Springer.",
    ],
}


@pytest.fixture
def bib(tmp_path):
    path = tmp_path / "my.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


@pytest.fixture
def twin(tmp_path):
    path = tmp_path / "my.json"
    path.write_text(json.dumps(TWIN), encoding="utf-8")
    return path


def render(path, style):
    return [citations.to_text(e) for e in citations.format_items(list(load_items(str(path)).items), style)]


@pytest.mark.parametrize("style", sorted(PANDOC))
def test_bib_and_others_renders_as_pandoc_does(bib, style):
    assert render(bib, style) == PANDOC[style]


@pytest.mark.parametrize("style", sorted(PANDOC))
def test_csl_json_literal_others_renders_as_its_bib_twin(twin, style):
    assert render(twin, style) == PANDOC[style]


def test_the_names_keep_others_as_the_last_name(bib):
    """The mapping stays lossless: the engine, not the .bib reader, turns "others" into "et al."."""
    items = {item["id"]: item for item in load_items(str(bib)).items}
    assert items["lee2021"]["author"] == [_person("Lee", "Ann"), OTHERS]
    assert items["smith2020"]["editor"][-1] == OTHERS


AMBIGUOUS = """\
@article{a1,
  author = {Huang, Chi-Pin and Chang, Kai-Po and others},
  title = {First}, journal = {J}, year = {2024},
}
@article{a2,
  author = {Huang, Chi-Pin and Lee, Ann and Park, Bo},
  title = {Second}, journal = {J}, year = {2024},
}
@article{a3,
  author = {Huang, Chi-Pin and others},
  title = {Third}, journal = {J}, year = {2024},
}
"""


@pytest.mark.parametrize("style, expected", [
    # the cites "(Huang et al., 2024)" tell nothing apart; names added to the entries, and the
    # entry sorted without its "et al."
    ("apa", ["Huang, C.-P. et al. (2024). Third. J.",
             "Huang, C.-P., Chang, K.-P., et al. (2024). First. J.",
             "Huang, C.-P., Lee, A., & Park, B. (2024). Second. J."]),
    # "(Huang et al.)": the second name added to both abbreviated entries, "et al." kept
    ("mla", ["Huang, Chi-Pin, Kai-Po Chang, et al. “First.” J, 2024.",
             "Huang, Chi-Pin, Ann Lee, et al. “Second.” J, 2024.",
             "Huang, Chi-Pin, et al. “Third.” J, 2024."]),
    ("harvard", ["Huang, C.-P. et al. (2024) “Third,” J [Preprint].",
                 "Huang, C.-P., Chang, K.-P., et al. (2024) “First,” J [Preprint].",
                 "Huang, C.-P., Lee, A. and Park, B. (2024) “Second,” J [Preprint]."]),
])
def test_disambiguation_and_sorting_with_others_match_pandoc(tmp_path, style, expected):
    path = tmp_path / "d.bib"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    assert render(path, style) == expected


STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="4" et-al-use-first="2" disambiguate-add-names="true">
    <layout><names variable="author"><name form="short" and="text"/></names></layout>
  </citation>
  <bibliography et-al-min="{min}" et-al-use-first="2">
    <layout suffix="."><group delimiter=". "><names variable="author"><name and="text"/></names>
    <text variable="title"/></group></layout>
  </bibliography>
</style>
"""


@pytest.mark.parametrize("bib_min, first", [
    ("4", "Chi-Pin Huang, Kai-Po Chang, et al. First."),
    # the bibliography abbreviates the three names itself: the name disambiguation added to
    # the cites "Huang, Chang, et al." is "others", printed as a name (pandoc's output too)
    ("3", "Chi-Pin Huang, Kai-Po Chang, and others. First."),
])
def test_others_as_a_name_disambiguation_adds(tmp_path, bib_min, first):
    style = tmp_path / "s.csl"
    style.write_text(STYLE.replace("{min}", bib_min), encoding="utf-8")
    path = tmp_path / "g.bib"
    path.write_text("@article{a, author = {Huang, Chi-Pin and Chang, Kai-Po and others}, title = {First}, year = {2024}}\n"
                    "@article{b, author = {Huang, Chi-Pin and Chang, Kai-Po and Wu, Tao and Zhu, Lin}, title = {Second},"
                    " year = {2024}}\n", encoding="utf-8")
    assert render(path, str(style)) == [first, "Chi-Pin Huang, Kai-Po Chang, Tao Wu, et al. Second."]


def test_capitalised_others_is_a_name_as_in_bibtex_and_pandoc():
    """BibTeX's styles and pandoc take only lower-case "others" as et al.; "Others" is an author."""
    from unlearn_bib.items.from_bib import names
    from unlearn_bib.match.rule import entry_ids

    assert names("Smith, John and Others") == [_person("Smith", "John"), {"family": "Others"}]
    assert names("Smith, John and others") == [_person("Smith", "John"), OTHERS]
    assert len(entry_ids({"author": "Smith, John and Others"}).families) == 2
    assert len(entry_ids({"author": "Smith, John and others"}).families) == 1
