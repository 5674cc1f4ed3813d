"""The layouts of the eighth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from listcases import fields as _rows
from unlearn_bib.read.mdlist import read_list


def test_a_quoted_title_followed_by_a_date_a_venue_and_topic_tags():
    assert _rows(
        "## Papers\n"
        '- "Visual Adversarial Examples Jailbreak Large Language Models", 2023-06, AAAI(Oral) 24, `multi-modal`, '
        "[[paper]](https://www.themoonlight.io/paper/share/9e12) [[repo]](https://github.com/a/b)\n"
        '- "Effective Prompt Extraction from Language Models", 2023-07, `prompt-extraction`, '
        "[[paper]](https://www.themoonlight.io/paper/share/9c05)\n"
        '- "Not what you\'ve signed up for: Compromising LLM-Integrated Applications", 2023-02, AISec@CCS 23 '
        "[[paper]](https://www.themoonlight.io/paper/share/8e33)\n"
    ) == [
        # the date's year stays the row's year; the venue is kept as written; `code` spans are topics, dropped
        ("Visual Adversarial Examples Jailbreak Large Language Models", "AAAI(Oral) 24", 2023, False),
        ("Effective Prompt Extraction from Language Models", "", 2023, False),
        ("Not what you've signed up for: Compromising LLM-Integrated Applications", "AISec@CCS 23", 2023, False)]


def test_a_quoted_title_with_a_venue_and_a_month_date_keeps_its_old_reading():
    assert _rows('* **ViT**: "An Image is Worth 16x16 Words", *ICLR, June 2021*. [[Paper](https://a.org/p.pdf)]\n') == [
        ("An Image is Worth 16x16 Words", "ICLR", 2021, False)]


def test_a_table_date_written_yy_dot_mm_gives_the_year():
    assert _rows(
        "| Date  | Institute | Publication | Paper |\n"
        "|:-----:|:---------:|:-----------:|:-----:|\n"
        "| 23.12 | OpenAI | Open AI | [Practices for Governing Agentic AI Systems](https://cdn.openai.com/papers/p.pdf) |\n"
    ) == [("Practices for Governing Agentic AI Systems", "Open AI", 2023, False)]


def test_parentheses_after_a_quoted_title_s_venue_and_year_are_notes():
    rows = _rows(
        '* "Attention mechanisms in computer vision: A survey", Computational Visual Media, 2022 (*Tsinghua University, China*). '
        "[[Paper](https://arxiv.org/abs/2111.07624)]\n"
        '* **GCNet**: "Global Context Networks", ICCVW, 2019 (& TPAMI 2020) (*Microsoft*). [[Paper](https://arxiv.org/abs/2012.13375)]\n')
    # the affiliation and "(& TPAMI 2020)" are left out; the year after the venue is the row's year
    assert rows[1] == ("Global Context Networks", "ICCVW", 2019, False)
    title, venue, year, _ = rows[0]
    assert (title, year) == ("Attention mechanisms in computer vision: A survey", 2022)
    assert venue.startswith("Computational Visual Media") and "Tsinghua" not in venue  # a long venue keeps ", 2022"


def test_italic_authors_after_a_bold_title_and_a_year_in_parentheses():
    rows, _ = read_list(
        "* __Siamese Neural Networks for One-shot Image Recognition__, (2015), _Gregory Koch, Richard Zemel, Ruslan Salakhutdinov_. "
        "[[pdf]](https://www.cs.cmu.edu/~r/oneshot1.pdf)\n")
    assert [(r.title, r.year, r.authors) for r in rows] == [
        ("Siamese Neural Networks for One-shot Image Recognition", 2015, ["Gregory Koch", "Richard Zemel", "Ruslan Salakhutdinov"])]
