"""The layouts of the ninth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from listcases import fields as _rows
from listcases import one
from unlearn_bib.read.mdlist import read_list


def test_an_italic_venue_in_parentheses_before_a_plain_title():
    assert _rows(
        "### Agents\n"
        "- (*ICLR'25*) Benchmarking Agentic Workflow Generation [[paper](https://arxiv.org/abs/2410.07869)] "
        "[[code](https://github.com/zjunlp/WorFBench)]![GitHub Repo stars](https://img.shields.io/github/stars/zjunlp/WorFBench)\n"
        "- (*arXiv 2024.06*) GNN-RAG: Graph Neural Retrieval for Large Language Model Reasoning "
        "[[paper](https://arxiv.org/abs/2405.20139)]\n"
        "- [*KDD'24*] LLM4DyG: Can Large Language Models Solve Problems on Dynamic Graphs? "
        "[[paper](https://arxiv.org/abs/2310.17110)]\n"
    ) == [("Benchmarking Agentic Workflow Generation", "ICLR'25", 2025, False),  # the venue's year, not the arXiv id's
          ("GNN-RAG: Graph Neural Retrieval for Large Language Model Reasoning", "arXiv 2024.06", 2024, False),
          ("LLM4DyG: Can Large Language Models Solve Problems on Dynamic Graphs?", "KDD'24", 2024, False)]


def test_paper_sub_bullets_under_a_date_bullet_are_papers():
    rows, troubles = read_list(
        "### Week Papers\n\n"
        "- **[2026.05.27]**\n"
        "  - Paper: [Periodic RoPE for Infinite Context LLMs](https://arxiv.org/abs/2605.27980)\n"
        "  - Paper: [Self-Prophetic Decoding to Unlock Visual Search in LVLMs](https://arxiv.org/abs/2605.28741) (ICML 2026) "
        "[![GitHub Repo stars](https://img.shields.io/github/stars/a/b)](https://github.com/a/b)\n\n"
        "- **[2025.12.30]**\n\n"
        "  - Paper: [Thinking Ahead: Prospection-Guided Retrieval of Memory](https://example.org/thinking-ahead.html)\n")
    assert not troubles
    # each is a paper of its own; the date bullet gives the year and is no paper itself
    assert [(r.line, r.title, r.venue, r.year, r.title_url) for r in rows] == [
        (4, "Periodic RoPE for Infinite Context LLMs", "", 2026, "https://arxiv.org/abs/2605.27980"),
        (5, "Self-Prophetic Decoding to Unlock Visual Search in LVLMs", "ICML 2026", 2026, "https://arxiv.org/abs/2605.28741"),
        (9, "Thinking Ahead: Prospection-Guided Retrieval of Memory", "", 2025, "https://example.org/thinking-ahead.html")]


def test_linked_titles_under_a_date_or_venue_bullet_and_a_date_heading():
    assert _rows(
        "- 2024.05.27\n"
        "  - [An Unlabelled Sub Bullet Title](https://example.org/paper.pdf)\n"
        "  - [Another Unlabelled Sub Bullet](https://example.org/paper2.pdf)\n"
        "- **CVPR 2023**\n"
        "  - [A Paper Title Under a Venue](https://openaccess.thecvf.com/a.pdf)\n"
        "#### 2022.11.30\n"
        "- Paper: [A Title Under a Date Heading](https://example.org/paper3.pdf)\n"
    ) == [("An Unlabelled Sub Bullet Title", "", 2024, False), ("Another Unlabelled Sub Bullet", "", 2024, False),
          ("A Paper Title Under a Venue", "CVPR 2023", 2023, False), ("A Title Under a Date Heading", "", 2022, False)]


def test_a_paper_line_under_a_titled_item_still_belongs_to_it():
    row = one("- **A Title of Its Own for This Paper**\n"
              "  - Paper: [Another Linked Title Here](https://arxiv.org/abs/2401.01234)\n"
              "  - Venue: ICML 2024\n")
    assert (row.title, row.venue, row.year) == ("A Title of Its Own for This Paper", "ICML 2024", 2024)


def test_authors_and_year_in_parentheses_after_a_linked_bold_title():
    rows, _ = read_list(
        "- [**Membership inference attacks against machine learning models**](https://ieeexplore.ieee.org/document/7958568) "
        "(Shokri et al., 2017) ([code](https://github.com/csong27/membership-inference))\n"
        "- [**Privacy risks of securing machine learning models against adversarial examples**]"
        "(https://dl.acm.org/doi/pdf/10.1145/3319535.3354211) (Song L. et al., 2019)\n"
        "- [**A Survey of Privacy Attacks in Machine Learning**](https://arxiv.org/abs/2007.07646) (Rigaki and Garcia, 2023)\n"
        "- [**Logan: Membership inference attacks against generative models**](https://sciendo.com/a.xml) (Hayes et al. 2019)\n"
        "- [**Privacy risk in machine learning**](https://ieeexplore.ieee.org/document/8429311), (Yeom et al., 2018) "
        "([code](https://github.com/samuel-yeom/ml-privacy-csf18))\n"
        "- [**Membership inference attacks from first principles**](https://arxiv.org/abs/2112.03570) - Carlini et al., 2022\n")
    # the parenthesis names authors, never a venue
    assert [(r.venue, r.year, r.authors, r.authors_incomplete) for r in rows] == [
        ("", 2017, ["Shokri"], True), ("", 2019, ["Song L"], True), ("", 2023, ["Rigaki", "Garcia"], False),
        ("", 2019, ["Hayes"], True), ("", 2018, ["Yeom"], True), ("", 2022, ["Carlini"], True)]


def test_a_tool_s_organisation_after_its_name_is_not_authors_nor_a_paper():
    rows, _ = read_list("- [**Adversarial Robustness Toolbox (ART)**](https://github.com/Trusted-AI/adversarial-robustness-toolbox) (IBM)\n"
                        "- [Some Privacy Meter Tool](https://tool.example.org/meter) - Google Research, 2021\n"
                        "- [Some Privacy Meter Tool](https://tool.example.org/meter) - *Google Research*, `2021`\n")
    # imported only if a link carried an identifier: a name and a year are no citation, a year alone no venue
    assert [(r.authors, r.needs_id) for r in rows] == [(None, True)] * 3 and [r.venue for r in rows[1:]] == ["", ""]


def test_a_dash_italic_authors_and_a_venue_in_inline_code_after_a_linked_title():
    rows, _ = read_list(
        "### Speech + Text\n\n"
        "- [A general multi-task learning framework to leverage text data for speech to text tasks]"
        "(https://arxiv.org/abs/2010.11338) - *Y Tang et al*, `ICASSP 2021`\n"
        "- STPT: [Unified Speech-Text Pre-training for Speech Translation and Recognition](https://arxiv.org/abs/2204.05409)"
        " - *YA Chung et al*, `ACL 2022`\n"
        "- [SpeechT5 for spoken language processing](https://arxiv.org/abs/2110.07205)- *J Ao et al*, `ACL 2022`\n"
        "### 2020\n"
        "- [Decoar 2.0: Deep contextualized acoustic representations with vector quantization]"
        "(https://arxiv.org/abs/2012.06659)`arXiv 2020, ICASSP 2021`\n")
    assert [(r.title[:20], r.venue, r.year, r.authors, r.authors_incomplete) for r in rows] == [
        ("A general multi-task", "ICASSP 2021", 2021, ["Y Tang"], True),
        ("Unified Speech-Text ", "ACL 2022", 2022, ["YA Chung"], True),  # "YA Chung et al" is a name, not a venue
        ("SpeechT5 for spoken ", "ACL 2022", 2022, ["J Ao"], True),
        # two venues in one span: kept as written; the heading gives the year
        ("Decoar 2.0: Deep con", "arXiv 2020, ICASSP 2021", 2020, None, False)]


def test_a_bold_name_in_parentheses_an_italic_title_and_a_triple_backtick_venue_with_links_below():
    assert _rows(
        "<h3 id=\"general-language\">Language</h3>\n\n"
        "- **(SciGPT2)** _Explaining Relationships between Scientific Documents_ ```ACL 2021```     \n"
        "[[Paper](https://arxiv.org/abs/2002.00317)] [[GitHub](https://github.com/Kel-Lu/SciGen)]\n\n"
        "- **(WizardMath)** _WizardMath: Empowering Mathematical Reasoning for Large Language Models_ ```ICLR 2025```     \n"
        "[[Paper](https://arxiv.org/abs/2308.09583)]\n\n"
        "- **(FORGE)** _FORGE: Pre-training Open Foundation Models for Science_ ```SC 2023```     \n"
        "[[Paper](https://doi.org/10.1145/3581784.3613215)] [[GitHub](https://github.com/at-aaims/forge)]\n"
    ) == [("Explaining Relationships between Scientific Documents", "ACL 2021", 2021, False),
          ("WizardMath: Empowering Mathematical Reasoning for Large Language Models", "ICLR 2025", 2025, False),
          ("FORGE: Pre-training Open Foundation Models for Science", "SC 2023", 2023, False)]


def test_a_venue_written_out_in_inline_code_ends_the_title():
    assert _rows("- **(AstroLLaMA-Chat)** _AstroLLaMA-Chat: Scaling AstroLLaMA with Conversational and Diverse Datasets_ "
                 "```Research Notes of the AAS 2024```     \n[[Paper](https://arxiv.org/abs/2401.01916)]\n") == [
        ("AstroLLaMA-Chat: Scaling AstroLLaMA with Conversational and Diverse Datasets", "Research Notes of the AAS 2024", 2024, False)]


def test_a_venue_text_naming_a_preprint_and_its_publication_is_kept_as_written(run, tmp_path):
    from unlearn_bib.catalog.load import load_catalog

    readme = tmp_path / "README.md"
    readme.write_text(
        "### 2019\n\n"
        "- [vq-wav2vec: Self-Supervised Learning of Discrete Speech Representations](https://arxiv.org/abs/1910.05453)"
        " - *A Baevski et al*, `arXiv 2019, ICLR 2020`\n"
        "- [wav2vec: Unsupervised Pre-training for Speech Recognition](https://arxiv.org/abs/1904.05862)"
        " - *S Schneider et al*, `INTERSPEECH 2019`\n", encoding="utf-8")
    result = run("import", "--from", "markdown", readme, "--papers", tmp_path / "p.yaml")
    assert result.exit_code == 0, result.stderr
    got = {p.arxiv: (p.venue.id if p.venue else "", getattr(p, "venue_text", None), p.year, [a.family for a in p.authors])
           for p in load_catalog(tmp_path / "p.yaml", strict=False)}
    # two venues in one text are not one venue: no registry venue is picked, the row keeps its own year
    assert got["1910.05453"] == ("", "arXiv 2019, ICLR 2020", 2019, ["Baevski"])
    assert got["1904.05862"][0] == "interspeech" and got["1904.05862"][2] == 2019


def test_authors_and_a_venue_after_a_dash_by_or_in_parentheses():
    rows, _ = read_list(
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00001) - *A Smith, B Jones*, ICASSP 2021\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00002) - A Smith et al., ICASSP 2021\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00003) by A Smith et al. (ICASSP 2021)\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00004), *Smith et al.*, `CVPR 2021`\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00005) (Smith and Jones, ICML 2020)\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00006) (Smith et al., ICML 2020)\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00007) `LLM` (CVPR 2020)\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2101.00008) - a short description of it, 2020\n")
    assert [(r.venue, r.year, r.authors, r.authors_incomplete) for r in rows] == [
        ("ICASSP 2021", 2021, ["A Smith", "B Jones"], False), ("ICASSP 2021", 2021, ["A Smith"], True),
        ("ICASSP 2021", 2021, ["A Smith"], True), ("CVPR 2021", 2021, ["Smith"], True),
        ("ICML 2020", 2020, ["Smith", "Jones"], False), ("ICML 2020", 2020, ["Smith"], True),
        ("CVPR 2020", 2020, None, False),  # a topic in inline code is no venue
        ("", None, None, False)]  # a description is not a citation


def test_a_venue_between_dashes_or_pipes_after_a_title():
    rows, _ = read_list(
        "- 📄 [Learning Speech Representations at Scale](https://arxiv.org/abs/2210.00005) — ICLR 2023\n"
        "- [Learning Speech Representations at Scale](https://arxiv.org/abs/2210.00007) | ICLR 2023 | [code](https://github.com/a/b)\n"
        "- **Learning Speech Representations at Scale** - Ann Lee, Bob Ray - NeurIPS 2022 - "
        "[[Paper](https://arxiv.org/abs/2201.00002)]\n"
        "- **(UniMath-Flan-T5)** _UniMath: A Foundational and Multimodal Mathematical Reasoner_ ```EMNLP 2023```\n"
        "[[Paper](https://aclanthology.org/2023.emnlp-main.440)]\n")
    # the venue's year, not the arXiv id's; an italic title with "and" in it is not a list of authors
    assert [(r.title, r.venue, r.year, r.authors) for r in rows] == [
        ("Learning Speech Representations at Scale", "ICLR 2023", 2023, None),
        ("Learning Speech Representations at Scale", "ICLR 2023", 2023, None),
        ("Learning Speech Representations at Scale", "NeurIPS 2022", 2022, ["Ann Lee", "Bob Ray"]),
        ("UniMath: A Foundational and Multimodal Mathematical Reasoner", "EMNLP 2023", 2023, None)]
