"""The layouts of the eleventh, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from listcases import fields as _rows
from listcases import one
from unlearn_bib.read.mdlist import read_list


def test_an_index_of_short_names_linking_papers_is_not_a_list_of_papers():
    # bare links whose texts are names (one or two words), one a line: an index of the models, not papers
    assert _rows(
        "- [Pengi](https://arxiv.org/pdf/2305.11834.pdf)\n"
        "- [Qwen-Audio](https://arxiv.org/pdf/2311.07919.pdf)\n"
        "- [Segment-level Q-Former](https://arxiv.org/pdf/2309.13963)\n"
        "- [Prompting LLMs with Speech Recognition](https://arxiv.org/pdf/2307.11795)\n"
        "- [SpeechGPT](https://arxiv.org/pdf/2305.11000.pdf)\n"
        "\n## Papers\n"
        "- [Boosted Off-Policy Learning](https://arxiv.org/abs/2208.01148)\n"
        "- [Federated Unlearning](https://arxiv.org/abs/2012.13891)\n"
        "- [Non-Stationary Off-Policy Optimization](https://arxiv.org/abs/2006.08236)\n"
        "- [Learning When-to-Treat Policies](https://arxiv.org/abs/1905.09751)\n"
    ) == [("Boosted Off-Policy Learning", "", None, False), ("Federated Unlearning", "", None, False),
          ("Non-Stationary Off-Policy Optimization", "", None, False), ("Learning When-to-Treat Policies", "", None, False)]


def test_a_header_bullet_of_tags_with_a_bold_title_authors_and_link_below_is_one_paper():
    rows, troubles = read_list(
        "## Model and Methods\n\n"
        "- `【2024-09】-【Moshi】-【Kyutai】-【Type: Model】`\n"
        "  - **Moshi: a speech-text foundation model for real-time dialogue**\n"
        "  - **Author(s):** Alexandre Défossez, Laurent Mazaré, Neil Zeghidour\n"
        "  - [![GitHub stars](https://img.shields.io/github/stars/kyutai-labs/moshi?style=social)](https://github.com/kyutai-labs/moshi)\n"
        "  - [Paper](https://arxiv.org/pdf/2410.00037) / [Demo](https://moshi.chat/)\n"
        "\n"
        "- `【2024-07】-【DeSTA】-【NTU-Taiwan, Nvidia】-【Type: Model】`\n"
        "  - **DeSTA: Enhancing Speech Language Models through Descriptive Speech-Text Alignment**\n"
        "  - **Author(s):** Authors not specified in the provided information\n"
        "  - [Paper](https://arxiv.org/abs/2406.18871)\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.authors, r.needs_id) for r in rows] == [
        (4, "Moshi: a speech-text foundation model for real-time dialogue", 2024,
         ["Alexandre Défossez", "Laurent Mazaré", "Neil Zeghidour"], False),  # the header's date gives the year
        (10, "DeSTA: Enhancing Speech Language Models through Descriptive Speech-Text Alignment", 2024, None, False)]
    assert rows[0].title_url == "" and ("Paper", "https://arxiv.org/pdf/2410.00037", False) in rows[0].links


def test_a_year_bullet_over_a_bold_venue_over_papers_stays_a_parent():
    # not a header of one paper: "Year 2024" tells its children a year, "**ACM Computing Surveys**" a venue
    assert _rows(
        "- Year 2024\n"
        "  - **ACM Computing Surveys**\n"
        "    - Diffusion Models: A Comprehensive Survey of Methods [[Paper]](https://arxiv.org/pdf/2209.00796.pdf)\n"
    ) == [("Diffusion Models: A Comprehensive Survey of Methods", "ACM Computing Surveys", 2024, False)]


def test_a_heading_linking_a_person_over_a_table_is_the_tables_section():
    rows, troubles = read_list(
        "## [Bryan Hooi](https://bhooi.github.io/) (NUS)\n\n"
        "| TYPE | Venue | Title | Code |\n"
        "| :---: | :---: | :---: | :---: |\n"
        "| ![univariate](https://img.shields.io/badge/-Univariate-blue) | *KDD '17* | Toeplitz Inverse Covariance-Based "
        "Clustering of Multivariate Time Series Data 🌟 | [TICC](https://github.com/davidhallac/TICC) |\n")
    assert not troubles  # before, the heading was a row of its own, reported for having no year
    assert [(r.title, r.venue, r.year, r.section) for r in rows] == [
        ("Toeplitz Inverse Covariance-Based Clustering of Multivariate Time Series Data", "KDD '17", 2017, "(NUS)")]


def test_a_paper_title_and_notes_column_and_two_digit_years_after_a_space():
    assert _rows(
        "| TYPE | Venue | Paper Title and Paper Interpretation | Code |\n"
        "| :---: | :---: | :---: | :---: |\n"
        "| Survey | *Signal Process. '20* | Selective review of offline change point detection methods 🌟 | None |\n"
        "| Survey | *Front. Eng. Manag. '25* | Change-point detection with deep learning: A review | None |\n"
        "| Tensor | *WWW '25 short* | CyberCScope: Mining Skewed Tensor Streams | None |\n"
        "| Survey | *Pattern Recogn. '98* | A survey of an older kind | None |\n"
    ) == [("Selective review of offline change point detection methods", "Signal Process. '20", 2020, False),
          ("Change-point detection with deep learning: A review", "Front. Eng. Manag. '25", 2025, False),
          ("CyberCScope: Mining Skewed Tensor Streams", "WWW '25 short", 2025, False),
          ("A survey of an older kind", "Pattern Recogn. '98", 1998, False)]  # '98: 1998, not 2098


def test_a_quoted_title_after_a_bold_name_holding_a_date_tag_or_a_star():
    row = one('* **[2025-03] Survey (Math Reasoning & Optimization):** "A Survey on Mathematical Reasoning and '
              'Optimization with Large Language Models" ([Paper](https://arxiv.org/abs/2503.17726)) - **Key resource!**\n')
    assert (row.title, row.year) == ("A Survey on Mathematical Reasoning and Optimization with Large Language Models", 2025)
    row = one('* **Q* Framework:** "Q*: Improving Multi-step Reasoning for LLMs with Deliberative Planning" '
              '([Paper](https://arxiv.org/abs/2406.14283)) - *(May 2024)*\n')
    assert row.title.endswith(": Improving Multi-step Reasoning for LLMs with Deliberative Planning")
    assert "Framework" not in row.title


def test_authors_written_as_bibtex_writes_them_after_a_title_linked_or_not():
    # "Last, First and Last, First": each name whole (one comma each), then the year; unlinked, a citation is a paper
    assert [(r.title, r.authors, r.venue, r.year, r.needs_id) for r in read_list(
        "1. [Language (Technology) is Power: A Critical Survey of \"Bias\" in NLP](https://www.aclweb.org/anthology/"
        "2020.acl-main.485), Blodgett, Su Lin  and Barocas, Solon  and Daumé III, Hal  and Wallach, Hanna, 2020\n"
        "1. [Societal Biases in Language Generation](https://aclanthology.org/2021.findings-acl.4), Sheng, Emily  and "
        "Chang, Kai-Wei, EMNLP, 2021\n"
        "1. The problem with bias: Allocative versus representational harms in machine learning, Barocas, Solon and "
        "Crawford, Kate and Wallach, Hanna, 2017\n")[0]] == [
        ("Language (Technology) is Power: A Critical Survey of \"Bias\" in NLP",
         ["Blodgett, Su Lin", "Barocas, Solon", "Daumé III, Hal", "Wallach, Hanna"], "", 2020, False),
        ("Societal Biases in Language Generation", ["Sheng, Emily", "Chang, Kai-Wei"], "EMNLP", 2021, False),
        ("The problem with bias: Allocative versus representational harms in machine learning",
         ["Barocas, Solon", "Crawford, Kate", "Wallach, Hanna"], "", 2017, False)]
