"""The venue registry grown to ML and its neighbours, and `venues.find` on strings real lists write."""
import pytest

from unlearn_bib.catalog import venues
from unlearn_bib.errors import UnlearnBibError


@pytest.mark.parametrize("text, expected", [
    ("CVPR 2024 Workshop", ("cvpr/workshop", 2024, "workshop")),
    ("CVPRW", ("cvpr/workshop", None, "workshop")),
    ("ICML W", ("icml/workshop", None, "workshop")),
    ("NeurIPS Workshop", ("neurips/workshop", None, "workshop")),
    ("NeurIPS 2023 SoLaR Workshop", ("neurips/workshop", 2023, "workshop")),
    ("ICCV 2023 VCL workshop best paper", ("iccv/workshop", 2023, "workshop")),
    ("NIPS 2021", ("neurips", 2021, None)),
    ("ICLR'24", ("iclr", 2024, None)),
    ("ICLR2025", ("iclr", 2025, None)),
    ("EMNLP 2024 Findings", ("emnlp/findings", 2024, "findings")),
    ("ACL (Findings) 2023", ("acl/findings", 2023, "findings")),
    ("EMNLP 2023 Main Conference Paper", ("emnlp", 2023, None)),
    ("ECCV 2024 Oral", ("eccv", 2024, None)),
    ("S&P 2015", ("sp", 2015, None)),
    ("USENIX Security 2024", ("usenix-security", 2024, None)),
    ("JMLR 2016", ("jmlr", 2016, None)),
    ("IEEE Trans. Dep. Secure Comp.", ("tdsc", None, None)),
    ("Nature Machine Intelligence", ("natmachintell", None, None)),
    ("SIGGRAPH Asia 2024", ("siggraph-asia", 2024, None)),
    ("MICCAI", ("miccai", None, None)),
    ("NeurIPS 2024 Datasets and Benchmarks Track", ("neurips/datasets-and-benchmarks", 2024, "datasets-and-benchmarks")),
    # unknown: a clear "unknown", never an exception, the year and track still read
    ("ORSUM Workshop", (None, None, "workshop")),
    ("AAAI Workshop", (None, None, "workshop")),  # AAAI has no workshop track in the registry
    ("NeurIPS-RegML", (None, None, None)),
    ("Before 2017", (None, None, None)),
    ("arXiv preprint arXiv:2012.01234", ("arxiv", None, None)),  # 2012 is the id's YYMM, not a year
    ("arXiv 2012.01234", ("arxiv", None, None)),
    ("", (None, None, None)),
])
def test_find_reads_list_venue_strings(text, expected):
    assert venues.find(text) == expected


def test_lookup_still_raises_for_an_unknown_venue():
    with pytest.raises(UnlearnBibError, match="unknown venue"):
        venues.lookup("ORSUM")


@pytest.mark.parametrize("name", ["EMNLP", "EACL", "COLING", "COLM", "NAACL", "ICASSP", "Interspeech", "AISTATS",
                                  "UAI", "IJCAI", "AAAI", "KDD", "WWW", "SIGIR", "CIKM", "WSDM", "SIGGRAPH",
                                  "SIGGRAPH Asia", "MICCAI", "BMVC", "ACCV", "WACV", "3DV", "ACM MM", "IEEE S&P",
                                  "USENIX Security", "NDSS", "ACM CCS", "SaTML", "TMLR", "JMLR", "IJCV", "TPAMI",
                                  "TIP", "TIFS", "TNNLS", "Nature Machine Intelligence", "Nature Communications"])
def test_the_issue_s_venues_are_known(name):
    assert venues.lookup(name)


def test_every_venue_builds_with_a_container_title_every_year():
    """No exported entry without its booktitle/journal: an unknown proceedings title falls back to the name."""
    for vid, _short, _name, _aliases in venues.all_venues():
        for year in (2015, 2019, 2024, 2025):
            venue = venues.resolve(vid, year)
            if venue.entry_type == "inproceedings":
                assert venue.booktitle and "{" not in venue.booktitle, (vid, year)
            elif venue.entry_type == "article":
                assert venue.journal, (vid, year)


def test_workshop_tracks_do_not_inherit_the_main_proceedings():
    ws = venues.resolve("icml/workshop", 2023)
    assert ws.booktitle == "ICML 2023 Workshop" and ws.series == "" and ws.publisher == ""
    assert venues.resolve("neurips/workshop", 2023).publisher == ""
    assert venues.resolve("icassp", 2023).booktitle == (
        "ICASSP 2023 - 2023 IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)")
    assert venues.resolve("ijcai", 2024).booktitle == (
        "Proceedings of the Thirty-Third International Joint Conference on Artificial Intelligence")
    assert venues.resolve("interspeech", 2023).booktitle == venues.resolve("interspeech", 2023).name


def test_container_venue_reads_short_forms_through_find():
    from unlearn_bib.match.venue_text import container_venue

    assert container_venue("CVPRW") == "cvpr/workshop"
    assert container_venue("Findings of the Association for Computational Linguistics: EMNLP 2023", 2023) == "emnlp/findings"
