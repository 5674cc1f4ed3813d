"""Each service parser against REAL recorded answers (tests/data/resolver/real, sources in SOURCES.md).

The other resolver fixtures are constructed from the documented schemas; these are what the
services actually sent, replayed through the HTTP layer with `responses` (no network). Expected
values are read off the recorded bodies by hand, so a parser that misreads a real shape fails.
"""
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import responses

from unlearn_bib.resolve import arxiv, crossref, dblp, openreview, s2
from unlearn_bib.resolve.decide import Query, title_score
from unlearn_bib.resolve.http import SERVICES, Client
from unlearn_bib.resolve.resolver import resolve

REAL = Path(__file__).parent / "data" / "resolver" / "real"
ATOM = "application/atom+xml"


@pytest.fixture
def client():
    return Client(cache_dir="", sleep=lambda s: None, timeout=1)


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


def serve(mock, service, path, body, kind="application/json"):
    mock.add(responses.GET, SERVICES[service].base + path, body=body, content_type=kind)


def firsts(candidate):
    """The first folded spelling of each author's family name."""
    return [sorted(f)[0] for f in candidate.families]


# --- arXiv ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("asked", ["1111.2011", "1111.2011v2"])
def test_arxiv_old_feed_format_gives_journal_ref_and_doi(mock, client, asked):
    serve(mock, "arxiv", "/api/query", (REAL / "arxiv" / "1111.2011v2.xml").read_bytes(), ATOM)
    found, dois = arxiv.lookup(client, asked)
    assert dois == ["10.1103/physrevb.85.115117"]
    (cand,) = found
    assert cand.title == "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit"
    assert cand.authors == ("James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic")
    assert cand.venue_text == "Phys. Rev. B 85, 115117 (2012)" and cand.year == 2012
    assert cand.doi == "10.1103/physrevb.85.115117" and cand.venue_id is None  # a physics journal: not in the registry
    assert cand.anchor == f"journal_ref on the arXiv record {asked}" and not cand.preprint


def test_arxiv_current_feed_format_and_an_old_style_id(mock, client):
    serve(mock, "arxiv", "/api/query", (REAL / "arxiv" / "astro-ph_0601001.xml").read_bytes(), ATOM)
    (cand,), dois = arxiv.lookup(client, "astro-ph/0601001")
    assert dois == []  # the record names no DOI
    assert cand.venue_text == "ActaAstron.56:1-50,2006" and cand.year == 2006
    assert firsts(cand) == ["gould", "dorsher", "gaudi", "udalski"]
    assert cand.title.startswith("Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III")


def test_arxiv_record_without_journal_ref_or_doi_gives_nothing(mock, client):
    serve(mock, "arxiv", "/api/query", (REAL / "arxiv" / "1707.08567.xml").read_bytes(), ATOM)
    assert arxiv.lookup(client, "1707.08567") == ([], [])


# (id, journal_ref as recorded or "", DOI as recorded or "", first author's family)
SEARCH_TESTING = [
    ("2202.12139", "Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on Software "
                   "Testing, Verification and Validation Workshops (ICSTW)", "10.1109/ICSTW55395.2022.00035", "ahuja"),
    ("2204.08348", "InProceedings of the 31st ACM SIGSOFT International Symposium on Software Testing and Analysis "
                   "2022 Jul 18 (pp. 289-301)", "10.1145/3533767.3534401", "kim"),
    ("2005.14124", "In Proc. ACM SIGSOFT International Symposium on Software Testing and Analysis (ISSTA 2020), "
                   "pages 14-26. ACM, 2020", "10.1145/3395363.3397376", "chen"),
    ("1202.4527", "International Journal of Software Engineering & Applications (IJSEA), Vol.3, No.1, January 2012",
     "", "isabella"),
    ("2405.13786", "Proc. 2023 IEEE International Conference on Software Testing, Verification and Validation "
                   "Workshops (ICSTW), pp. 66-69", "10.1109/ICSTW58534.2023.00023", "ramirez"),
    ("1205.1866", "", "10.5121/vlsic.2012.3205", None),
]


@pytest.mark.parametrize("arxiv_id, journal_ref, doi, first", SEARCH_TESTING)
def test_arxiv_picks_the_asked_entry_of_a_real_ten_entry_feed(mock, client, arxiv_id, journal_ref, doi, first):
    serve(mock, "arxiv", "/api/query", (REAL / "arxiv" / "search-testing.xml").read_bytes(), ATOM)
    found, dois = arxiv.lookup(client, arxiv_id)
    assert dois == ([doi.lower()] if doi else [])
    if not journal_ref:
        assert found == []  # a DOI alone is handed on to Crossref, not made a candidate here
        return
    (cand,) = found
    assert cand.record == arxiv_id and cand.venue_text == journal_ref  # "&amp;" decoded, lines joined
    assert firsts(cand)[0] == first
    assert cand.venue_id is None  # software-testing venues and workshops: never mapped onto a registry venue


def test_arxiv_non_ascii_author_names_arrive_intact(mock, client):
    serve(mock, "arxiv", "/api/query", (REAL / "arxiv" / "search-testing.xml").read_bytes(), ATOM)
    (cand,), _ = arxiv.lookup(client, "2405.13786")
    assert cand.authors == ("Aurora Ramírez", "Mario Berrios", "José Raúl Romero", "Robert Feldt")


def test_a_real_workshop_journal_ref_is_never_accepted_as_a_venue(mock, client):
    serve(mock, "arxiv", "/api/query", (REAL / "arxiv" / "search-testing.xml").read_bytes(), ATOM)
    query = Query(title="Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques",
                  families=(frozenset({"ahuja"}),), arxiv=("2202.12139",))
    decision = resolve(client, query, services=("arxiv",))
    assert decision.status == "ambiguous" and decision.venue_id == ""
    (evidence,) = decision.evidence
    assert evidence.verdict == "unknown venue" and evidence.first_author and evidence.title_score == 1.0


# --- Crossref ---------------------------------------------------------------------------------------

def work(name):
    """A recorded /works/{doi} answer; a file holding only the `message` gets the API's envelope."""
    data = json.loads((REAL / "crossref" / name).read_text(encoding="utf-8"))
    if "message" not in data:
        data = {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": data}
    return data


def test_crossref_journal_article_with_an_arxiv_has_preprint_relation(mock, client):
    serve(mock, "crossref", "/works/10.5506/aphyspolb.56.3-a7", json.dumps(work("10.5506_aphyspolb.56.3-a7.json")))
    (cand,) = crossref.by_doi(client, "10.5506/aphyspolb.56.3-a7", "the entry's own DOI")
    assert cand.title == "Gluonic Structure from Instantons"
    assert cand.authors == ("C. Weiss",) and firsts(cand) == ["weiss"]
    assert cand.venue_text == "Acta Physica Polonica B" and cand.venue_id is None
    assert (cand.year, cand.volume, cand.number, cand.pages) == (2025, "56", "3", "1")  # "page": "1" as recorded
    assert cand.doi == "10.5506/aphyspolb.56.3-a7" and cand.url == "https://doi.org/10.5506/aphyspolb.56.3-a7"


@pytest.mark.parametrize("arxiv_id, anchored", [("2503.12208", True), ("2503.12209", False)])
def test_crossref_search_anchors_only_the_arxiv_id_the_work_declares(mock, client, arxiv_id, anchored):
    message = work("10.5506_aphyspolb.56.3-a7.json")["message"]
    assert message["relation"]["has-preprint"] == [{"id-type": "arxiv", "id": "2503.12208", "asserted-by": "subject"}]
    listing = {"status": "ok", "message-type": "work-list", "message": {"items": [message]}}
    serve(mock, "crossref", "/works", json.dumps(listing))
    (cand,) = crossref.search(client, "Gluonic Structure from Instantons", "weiss", arxiv_id)
    assert cand.anchor == (f"Crossref has-preprint relation to arXiv:{arxiv_id}" if anchored else "")


def test_crossref_proceedings_article_uses_its_container_title(mock, client):
    serve(mock, "crossref", "/works/10.1145/3184558.3186235", json.dumps(work("10.1145_3184558.3186235.json")))
    (cand,) = crossref.by_doi(client, "10.1145/3184558.3186235", "the entry's own DOI")
    assert cand.title == "DL-Learner Structured Machine Learning on Semantic Web Data"
    assert firsts(cand) == ["buhmann", "lehmann", "westphal", "bin"]
    assert cand.venue_text == "Companion of the The Web Conference 2018 on The Web Conference 2018 - WWW '18"
    assert (cand.year, cand.pages, cand.volume) == (2018, "", "")  # the record has no page and no volume


def test_crossref_book_chapter_pages(mock, client):
    answer = json.dumps(work("10.1007_978-3-0348-8720-5_13.json"))
    serve(mock, "crossref", "/works/10.1007/978-3-0348-8720-5_13", answer)
    (cand,) = crossref.by_doi(client, "10.1007/978-3-0348-8720-5_13", "the entry's own DOI")
    assert cand.venue_text == "Hyperbolic Problems: Theory, Numerics, Applications"
    assert (cand.year, cand.pages, firsts(cand)) == (1999, "113--118", ["bouchut", "james"])


def test_crossref_real_404_is_text_not_json_and_means_no_record(mock, client):
    body = (REAL / "crossref" / "404-10.1371_notarealdoi.txt").read_text(encoding="utf-8")
    assert body == "Resource not found."
    mock.add(responses.GET, SERVICES["crossref"].base + "/works/10.1371/notarealdoi", body=body, status=404,
             content_type="text/plain")
    assert crossref.by_doi(client, "10.1371/notarealdoi", "the entry's own DOI") == []


def search_listing(mock, client, title="ecology", family="boettiger", arxiv_id="1501.00001"):
    """A real /works?query=...&query.author=... answer (trimmed to the resolver's `select` fields)."""
    serve(mock, "crossref", "/works", (REAL / "crossref" / "search-ecology-boettiger.json").read_text(encoding="utf-8"))
    return {c.record: c for c in crossref.search(client, title, family, arxiv_id)}


def test_crossref_search_keeps_published_types_only(mock, client):
    found = search_listing(mock, client)
    assert len(found) == 17  # 20 items: 17 journal articles, 2 posted-content (bioRxiv), 1 dataset
    assert "10.1101/014852" not in found and "10.32614/cran.package.rfishbase" not in found
    cand = found["10.1111/ele.14024"]
    assert (cand.title, cand.venue_text, cand.year) == ("The forecast trap", "Ecology Letters", 2022)
    assert (cand.volume, cand.number, cand.pages, cand.authors) == ("25", "7", "1655--1664", ("Carl Boettiger",))


def test_crossref_markup_and_entities_are_not_part_of_titles_or_venues(mock, client):
    found = search_listing(mock, client)
    treebase = found["10.1111/j.2041-210x.2012.00247.x"]  # recorded: "<scp>T</scp>reebase: an<scp>R</scp>package ..."
    assert treebase.title == "Treebase: anRpackage for discovery, access and manipulation of online phylogenies"
    assert firsts(treebase) == ["boettiger", "templelang"]
    query = Query(title="Treebase: an R package for discovery, access and manipulation of online phylogenies",
                  families=(frozenset({"boettiger"}),))
    assert title_score(query, treebase) > 0.98
    assert found["10.1177/2053951719836258"].venue_text == "Big Data & Society"  # recorded: "Big Data &amp; Society"


def test_crossref_has_preprint_to_a_biorxiv_doi_anchors_no_arxiv_id(mock, client):
    found = search_listing(mock, client)
    assert found["10.1002/ece3.2314"].title.startswith("After the games are over")
    assert not any(c.anchor for c in found.values())  # its has-preprint is 10.1101/014852, not an arXiv id


# --- DBLP -------------------------------------------------------------------------------------------

NO_IDS = SimpleNamespace(arxiv=(), doi=(), openreview=())


def dblp_hits(mock, client, ids=NO_IDS):
    serve(mock, "dblp", "/search/publ/api", (REAL / "dblp" / "search-test.json").read_text(encoding="utf-8"))
    return {c.record: c for c in dblp.search(client, "test", ids)}


def test_dblp_reads_every_hit_of_a_real_answer(mock, client):
    found = dblp_hits(mock, client)
    assert len(found) == 30  # "@sent": "30"
    cand = found["conf/ats/ShinogiYHTY05"]
    assert cand.title == ("A Test Cost Reduction Method by Test Response and Test Vector Overlapping for "
                          "Full-Scan Test Architecture")  # DBLP's closing period dropped
    assert firsts(cand) == ["shinogi", "yamada", "hayashi", "tsuruoka", "yoshikawa"]
    assert (cand.venue_text, cand.year, cand.pages, cand.doi) == ("Asian Test Symposium", 2005, "366--371",
                                                                  "10.1109/ats.2005.17")
    assert cand.url == "https://dblp.org/rec/conf/ats/ShinogiYHTY05" and not cand.preprint and cand.anchor == ""


def test_dblp_single_author_is_a_bare_string(mock, client):
    found = dblp_hits(mock, client)
    assert found["conf/date/Pomeranz14"].authors == ("Irith Pomeranz",)
    assert found["conf/date/Pomeranz14"].families == (frozenset({"pomeranz"}),)
    assert found["conf/ats/Yamaguchi12"].pages == "245"  # a one-page record


def test_dblp_journal_volume_and_records_without_a_venue(mock, client):
    found = dblp_hits(mock, client)
    stvr = found["journals/stvr/YooH12a"]
    assert (stvr.venue_text, stvr.volume, stvr.pages, stvr.year) == ("Softw. Test., Verif. Reliab.", "22",
                                                                      "171--201", 2012)
    thesis = found["phd/hal/Bessayah10"]
    assert (thesis.venue_text, thesis.venue_id, thesis.year, thesis.doi) == ("", None, 2010, "")


def test_dblp_co_located_workshop_is_not_its_host_conference(mock, client):
    cand = dblp_hits(mock, client)["conf/sigsoft/WetzlmaierR17"]
    assert cand.venue_text == "A-TEST@ESEC/SIGSOFT FSE" and cand.venue_id is None


def test_dblp_anchors_the_record_that_names_the_entrys_doi(mock, client):
    ids = SimpleNamespace(arxiv=(), doi=("10.1109/ats.2005.17",), openreview=())
    found = dblp_hits(mock, client, ids)
    assert [r for r, c in found.items() if c.anchor] == ["conf/ats/ShinogiYHTY05"]
    assert found["conf/ats/ShinogiYHTY05"].anchor == "DBLP record names DOI 10.1109/ats.2005.17"


# --- Semantic Scholar -------------------------------------------------------------------------------

def s2_paper(mock, client, arxiv_id):
    answer = (REAL / "s2" / f"{arxiv_id}.json").read_text(encoding="utf-8")
    serve(mock, "s2", f"/graph/v1/paper/arXiv:{arxiv_id}", answer)
    return s2.by_arxiv(client, arxiv_id)


@pytest.mark.parametrize("arxiv_id, venue, venue_id, year, pages, first", [
    ("1402.0030", "International Conference on Machine Learning", "icml", 2014, "1791--1799", "mnih"),
    ("2310.19943", "International Conference on Machine Learning", "icml", 2023, "30321--30341", "buschoff"),
    ("2310.05280", "Conference on Empirical Methods in Natural Language Processing", "emnlp", 2023, "9677--9705", "wan"),
    ("2402.13372", "International Conference on Language Resources and Evaluation", None, 2024, "6701--6716", "sun"),
])
def test_s2_conference_papers(mock, client, arxiv_id, venue, venue_id, year, pages, first):
    (cand,), external = s2_paper(mock, client, arxiv_id)
    assert external["ArXiv"] == arxiv_id
    assert (cand.venue_text, cand.venue_id, cand.year, cand.pages) == (venue, venue_id, year, pages)
    assert firsts(cand)[0] == first and cand.anchor == f"Semantic Scholar record carries arXiv id {arxiv_id}"
    assert cand.doi == "" and cand.volume == ""  # 2310.19943's DOI is arXiv's own (10.48550/...): not a venue DOI


def test_s2_journal_article_whose_journal_field_still_says_arxiv(mock, client):
    (cand,), external = s2_paper(mock, client, "2404.04750")
    assert (cand.venue_text, cand.doi, cand.year) == ("Communications of the ACM", "10.1145/3637866", 2024)
    assert cand.volume == "" and cand.pages == ""  # never "abs/2404.04750" from journal.volume
    assert external["DBLP"] == "journals/corr/abs-2404-04750"


def test_s2_acm_article_number_pages_are_left_out(mock, client):
    """ "286:1-286:12" is not the catalog's page format (validate.PAGES): dropped, never half-read."""
    (cand,), _ = s2_paper(mock, client, "2401.08572")
    assert (cand.doi, cand.pages, cand.year) == ("10.1145/3613904.3642703", "", 2024)
    assert cand.venue_text == "International Conference on Human Factors in Computing Systems"


@pytest.mark.parametrize("arxiv_id, doi", [("2404.13957", "10.48550/arXiv.2404.13957"),
                                           ("2402.00030", "10.2139/ssrn.4684136")])
def test_s2_preprint_servers_give_no_candidate(mock, client, arxiv_id, doi):
    found, external = s2_paper(mock, client, arxiv_id)
    assert found == [] and external["DOI"] == doi and external["ArXiv"] == arxiv_id


def test_a_real_s2_record_resolves_a_preprint_to_its_conference(mock, client):
    serve(mock, "s2", "/graph/v1/paper/arXiv:1402.0030", (REAL / "s2" / "1402.0030.json").read_text(encoding="utf-8"))
    query = Query(title="Neural Variational Inference and Learning in Belief Networks",
                  families=(frozenset({"mnih"}),), arxiv=("1402.0030",))
    decision = resolve(client, query, services=("s2",))
    assert (decision.status, decision.venue_id, decision.year) == ("resolved", "icml", 2014)
    assert decision.pages == "1791--1799" and decision.doi == ""
    assert [e.verdict for e in decision.evidence] == ["accepted"]


def test_an_ssrn_posting_known_to_s2_leaves_the_preprint_unpublished(mock, client):
    serve(mock, "s2", "/graph/v1/paper/arXiv:2402.00030", (REAL / "s2" / "2402.00030.json").read_text(encoding="utf-8"))
    query = Query(title="Evolution-Bootstrapped Simulation: Artificial or Human Intelligence: Which Came First?",
                  families=(frozenset({"bilokon"}),), arxiv=("2402.00030",))
    decision = resolve(client, query, services=("s2",))
    assert (decision.status, decision.evidence) == ("unpublished", [])


# --- OpenReview API v2 ------------------------------------------------------------------------------

def note_answer():
    return (REAL / "openreview" / "4aMedv0ONH.json").read_text(encoding="utf-8")


def test_openreview_real_workshop_note_is_the_workshop_not_the_conference(mock, client):
    serve(mock, "openreview", "/notes", note_answer())
    (cand,) = openreview.by_id(client, "4aMedv0ONH", "the entry's own OpenReview id")
    assert cand.title == "Emergency Response Measures for Catastrophic Risk"
    assert firsts(cand) == ["zhang", "kodama", "wu", "chen", "zhu", "hong"]
    assert (cand.venue_text, cand.year, cand.openreview) == ("RegML 2025 Poster", 2025, "4aMedv0ONH")
    assert not cand.preprint  # venueid NeurIPS.cc/2025/Workshop/RegML: accepted, at a workshop
    assert cand.venue_id == "neurips/workshop"  # the NeurIPS workshop track; never "neurips" (the main track)


def test_openreview_real_workshop_note_never_resolves_to_neurips(mock, client):
    serve(mock, "openreview", "/notes", note_answer())
    query = Query(title="Emergency Response Measures for Catastrophic Risk", families=(frozenset({"zhang"}),),
                  openreview=("4aMedv0ONH",))
    decision = resolve(client, query, services=("openreview",))
    assert decision.status == "resolved" and decision.venue_id == "neurips/workshop" and decision.year == 2025
    assert [e.verdict for e in decision.evidence] == ["accepted"]


def test_s2_diffusion_papers_journal_and_no_venue(mock, client):
    (cand,), external = s2_paper(mock, client, "2303.13052")
    assert cand.title == "Diffusion-based Reinforcement Learning for Edge-enabled AI-Generated Content Services"
    assert (cand.venue_text, cand.doi, cand.year, cand.venue_id) == ("IEEE Transactions on Mobile Computing",
                                                                     "10.1109/tmc.2024.3356178", 2023, None)
    assert external["DOI"] == "10.1109/tmc.2024.3356178"  # S2 gives year 2023 (the arXiv year), as recorded


def test_s2_record_with_an_empty_venue_gives_no_candidate(mock, client):
    found, external = s2_paper(mock, client, "2405.05667")  # "VM-DDPM: Vision Mamba Diffusion ...", venue ""
    assert found == [] and external == {"ArXiv": "2405.05667", "CorpusId": 269635827}


def test_s2_year_is_the_venues_from_its_dblp_key_not_the_arxiv_years(mock, client):
    """Recorded: "year": 2022, "externalIds": {"DBLP": "conf/icml/AherAK23", ...}: ICML 2023, pages 337-371."""
    (cand,), external = s2_paper(mock, client, "2208.10264")
    assert external["DBLP"] == "conf/icml/AherAK23"
    assert (cand.venue_id, cand.year, cand.pages) == ("icml", 2023, "337--371")
    assert firsts(cand) == ["aher", "arriaga", "kalai"]


def test_a_real_s2_record_alone_proposes_the_venues_year(mock, client):
    answer = (REAL / "s2" / "2208.10264.json").read_text(encoding="utf-8")
    serve(mock, "s2", "/graph/v1/paper/arXiv:2208.10264", answer)
    query = Query(title="Using Large Language Models to Simulate Multiple Humans and Replicate Human Subject Studies",
                  families=(frozenset({"aher"}),), arxiv=("2208.10264",))
    decision = resolve(client, query, services=("s2",))
    assert (decision.status, decision.venue_id, decision.year) == ("resolved", "icml", 2023)


@pytest.mark.parametrize("arxiv_id, journal_ref, year", [
    ("2311.09714", "Software Testing, Verification and Reliability, 35(2):e1914, 2025", 2025),  # not e"1914"
    ("1706.08286", "IEEE Transactions on Information Theory ( Volume: 65 , Issue: 4 , April 2019 )", 2019),
    ("gr-qc/0103067", "Lect.Notes Phys.562:195-212,2001", 2001),
    ("hep-ph/0301050", "Phys.Lett.B573:94-100,2003", 2003),
    ("1906.00673", "Software Testing, Verification & Reliability 2021", 2021),
])
def test_arxiv_journal_ref_year_is_the_year_not_digits_inside_an_article_number(mock, client, arxiv_id, journal_ref,
                                                                                  year):
    serve(mock, "arxiv", "/api/query", (REAL / "arxiv" / "search-testing-100-trimmed.xml").read_bytes(), ATOM)
    (cand,), _ = arxiv.lookup(client, arxiv_id)
    assert (cand.venue_text, cand.year) == (journal_ref, year)
