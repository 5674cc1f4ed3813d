"""The layouts of the sixth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from listcases import one as _one
from unlearn_bib.read.mdlist import read_list


def test_a_bullet_written_as_a_pipe_separated_record():
    rows, _ = read_list(
        "### Frameworks\n"
        "+ #### Expand Reduce\n"
        " - 2022 | A Zero-shot Encoder for AutoML | Mehdi Bahrami, et al. | AutoML | [`PDF`](https://github.com/a/b)\n"
        "  - 2019 | Evolutionary Neural AutoML | Jason Liang, et al. | GECCO | [`PDF`](https://dl.acm.org/doi/pdf/10.1145/1.2)\n"
        "  - 2020 | Bayesian Optimization of Risk Measures | NeurIPS | [`PDF`](https://proceedings.neurips.cc/p.pdf)\n"
        "  - 2019 | Predictive entropy search with constraints | [`PDF`](https://arxiv.org/pdf/1609.01051.pdf)\n")
    got = [(r.line, r.title, r.year, r.venue, r.authors, r.authors_incomplete) for r in rows]
    assert got == [
        (3, "A Zero-shot Encoder for AutoML", 2022, "AutoML", ["Mehdi Bahrami"], True),  # a parent of the lines below
        (4, "Evolutionary Neural AutoML", 2019, "GECCO", ["Jason Liang"], True),
        (5, "Bayesian Optimization of Risk Measures", 2020, "NeurIPS", None, False),  # no authors field
        (6, "Predictive entropy search with constraints", 2019, "", None, False)]  # neither authors nor venue


def test_a_venue_and_year_between_a_bold_title_and_its_link():
    row = _one("1. **Visual Interaction Networks: Learning a Simulator.** NIPS 2017. "
               "[paper](http://papers.nips.cc/paper/7040-v.pdf)\n\n    *Nicholas Watters, Andrea Tacchetti.*\n")
    assert (row.title, row.venue, row.year) == ("Visual Interaction Networks: Learning a Simulator", "NIPS 2017", 2017)
    assert row.authors == ["Nicholas Watters", "Andrea Tacchetti"]
    row = _one("1. **Molecular Graph Convolutions: Moving Beyond Fingerprints.** Journal of computer-aided molecular "
               "design 2016. [paper](https://arxiv.org/pdf/1603.00856.pdf)\n")
    assert (row.title, row.venue) == ("Molecular Graph Convolutions: Moving Beyond Fingerprints",
                                      "Journal of computer-aided molecular design 2016")  # a journal's name in lower case


def test_a_plain_title_with_a_date_or_venue_as_its_link_label_or_a_bracketed_date():
    rows, _ = read_list(
        "- Switch Transformers: Scaling to Trillion Parameter Models [[11 Jan 2021]](https://arxiv.org/abs/2101.03961)\n"
        "- Go Wider Instead of Deeper [[AAAI2022]](https://arxiv.org/abs/2107.11817)\n"
        "- No Language Left Behind: Scaling Translation [[6 Jul 2022]](https://research.facebook.com/publications/nllb/)\n"
        "- OLMoE: Open Mixture-of-Experts Language Models [Sep 2024] [Paper](https://arxiv.org/abs/2409.02060)\n")
    assert [(r.title, r.year, r.venue) for r in rows] == [
        ("Switch Transformers: Scaling to Trillion Parameter Models", 2021, ""),
        ("Go Wider Instead of Deeper", 2022, "AAAI2022"),
        ("No Language Left Behind: Scaling Translation", 2022, ""),
        ("OLMoE: Open Mixture-of-Experts Language Models", 2024, "")]
    assert rows[2].title_url == "https://research.facebook.com/publications/nllb/"  # the dated link is the paper's


def test_a_numbered_bold_block_with_venue_and_authors_paragraphs_below():
    rows, _ = read_list(
        "## Benchmarks\n\n"
        "**1. BiBench: Benchmarking Network Binarization** [[Paper](https://proceedings.mlr.press/v202/qin23a.html)] "
        "[[Code](https://github.com/htqin/BiBench)]\n\n"
        "**Venue:** ICML 2023\n\n"
        "**Authors:** Haotong Qin, Mingyuan Zhang, Xianglong Liu.\n\n"
        "![survey](./Imgs/bibench.png)\n")
    assert [(r.line, r.title, r.venue, r.year, r.authors) for r in rows] == [
        (3, "BiBench: Benchmarking Network Binarization", "ICML 2023", 2023,
         ["Haotong Qin", "Mingyuan Zhang", "Xianglong Liu"])]  # no row "Venue" of its own


def test_a_collapsed_summary_gives_authors_venue_and_year():
    rows, _ = read_list(
        "#### Older\n\n"
        "* *[ERNIE-Layout: Layout Knowledge Enhanced Pre-training](https://arxiv.org/abs/2210.06155)*, \n"
        "  <details>\n"
        "  <summary> Qiming Peng, Yinxu Pan <em>EMNLP (Findings)</em> 2022 </summary>\n"
        "    Recent years have witnessed the rise and success of pre-training techniques.\n"
        "  </details>\n\n"
        "* [Field Extraction by Structural Templates](http://www.cvc.uab.es/~marcal/pdfs/DAS18e.pdf)\n"
        "  <details>\n"
        "  <summary> Vincent Poulain d'Andecy, Marçal Rusiñol <em>DAS</em> 2018 </summary>\n"
        "  </details>\n")
    assert [(r.title, r.venue, r.year, r.authors) for r in rows] == [
        ("ERNIE-Layout: Layout Knowledge Enhanced Pre-training", "EMNLP (Findings)", 2022, ["Qiming Peng", "Yinxu Pan"]),
        ("Field Extraction by Structural Templates", "DAS", 2018, ["Vincent Poulain d'Andecy", "Marçal Rusiñol"])]


def test_a_bullet_linking_an_arxiv_paper_stays_a_row_with_bullets_under_it():
    rows, _ = read_list(
        "### 2023\n\n"
        "- [The Capacity for Moral Self-Correction](https://arxiv.org/pdf/2302.07459.pdf)\n"
        "  - Anthropic\n"
        "  - Keyword: Improve moral self-correction\n"
        "  - Dataset; [BBQ](https://github.com/nyu-mll/BBQ)\n")
    assert [(r.line, r.title, r.year, r.needs_id) for r in rows][0] == (3, "The Capacity for Moral Self-Correction", 2023, False)
    assert all(r.needs_id for r in rows[1:])  # "Dataset; [BBQ](github)" is a paper only if it names an identifier


def test_a_yearless_word_after_a_linked_title_is_a_venue_only_if_the_registry_knows_it(run, tmp_path):
    from unlearn_bib.catalog.load import load_catalog

    text = ("### 2023\n\n"
            "- [Aligning Language Models through f-divergence Minimization](https://arxiv.org/abs/2302.08215) (f-DPG)\n"
            "  - Dongyoung Go, Tomasz Korbak\n\n"
            "- [Reasoning Over Paragraphs for Discrete Questions](https://arxiv.org/abs/1903.00161) (DROP)\n\n"
            "- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385) (CVPR)\n")
    rows, _ = read_list(text)
    assert [(r.venue, r.venue_guess) for r in rows] == [("f-DPG", True), ("DROP", True), ("CVPR", True)]
    (tmp_path / "list.md").write_text(text)
    result = run("import", "--from", "markdown", tmp_path / "list.md", "--papers", tmp_path / "p.yaml")
    assert result.exit_code == 0, result.stderr
    venues = [(p.venue.id if p.venue else None, p.venue_text) for p in load_catalog(tmp_path / "p.yaml", strict=False)]
    assert [v for v in venues if "DROP" in str(v) or "f-DPG" in str(v)] == []  # the papers' short names, not venues
    assert venues[2][0] == "cvpr"  # a venue the registry knows stays
