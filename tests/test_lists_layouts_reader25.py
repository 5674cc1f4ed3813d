"""The layouts of the twenty-fifth unseen set (tests/data/lists, SOURCES.md: machine translation, question answering,
relation extraction, text-to-speech, speech AI, dialogue), one small case each in the list's shape: what the reader
must take from a row, and what it must leave alone."""
import time

import pytest

from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def _papers(text):
    rows, troubles = read_list(text)
    return [r for r in rows if not r.needs_id or row_ids(r)], troubles


def test_an_acl_style_reference_gives_its_title_authors_year_and_venue():
    """``A, B, and C. 1993. [Title](link). *Venue*.``: the link's text is the title, the names before the year the
    authors, the italic text the venue (without an ``In`` outside the italics); a note under it is no paper."""
    rows, troubles = _papers(
        "* Peter E. Brown, Stephen A. Della Pietra, and Robert L. Mercer. 1993. [The Mathematics of Statistical Machine "
        "Translation: Parameter Estimation](http://aclweb.org/anthology/J93-2003). *Computational Linguistics*. "
        "([Citation](https://scholar.google.com/scholar?cites=2259057253133260714): 5,218)\n"
        "* Kishore Papineni, Salim Roukos, Todd Ward, and Wei-Jing Zhu. 2002. [BLEU: a Method for Automatic Evaluation "
        "of Machine Translation](http://aclweb.org/anthology/P02-1040). In *Proceedings of ACL 2002*.\n"
        "* Felix Stahlberg. 2020. [Neural Machine Translation: A Review and Survey](https://arxiv.org/abs/1912.02047). "
        "*Journal of Artificial Intelligence Research*.\n"
        "* Raj Dabre, Chenhui Chu, and Anoop Kunchukuttan. 2020. [A Survey of Multilingual Neural Machine Translation]"
        "(https://doi.org/10.1145/3406095). *ACM Computing Surveys*.\n"
        "   * Tutorial on [Multilingual Neural Machine Translation](https://github.com/a/b) at COLING 2020.\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.venue, r.authors) for r in rows] == [
        (1, "The Mathematics of Statistical Machine Translation: Parameter Estimation", 1993, "Computational Linguistics",
         ["Peter E. Brown", "Stephen A. Della Pietra", "Robert L. Mercer"]),
        (2, "BLEU: a Method for Automatic Evaluation of Machine Translation", 2002, "Proceedings of ACL 2002",
         ["Kishore Papineni", "Salim Roukos", "Todd Ward", "Wei-Jing Zhu"]),
        (3, "Neural Machine Translation: A Review and Survey", 2020, "Journal of Artificial Intelligence Research",
         ["Felix Stahlberg"]),
        (4, "A Survey of Multilingual Neural Machine Translation", 2020, "ACM Computing Surveys",
         ["Raj Dabre", "Chenhui Chu", "Anoop Kunchukuttan"])]
    assert row_ids(rows[2]) == {"arxiv": "1912.02047"} and row_ids(rows[3]) == {"doi": "10.1145/3406095"}


def test_a_reference_whose_link_is_only_a_label_is_not_read_as_a_title():
    rows, _ = _papers("* Alice Smith and Bob Jones. 2019. [Code](https://github.com/a/b). *GitHub*.\n")
    assert rows == []


def test_a_titled_bullet_over_its_authors_and_venue_sub_bullets_is_one_paper():
    """``* Title [[paper]](…) [[code]](…)`` over ``* A, B and C`` and ``* ACL 2016`` (tabs or spaces; the links may
    sit on lines of their own; ``AAAI 21`` and ``WWW'21`` name 2021): the sub-bullets are the paper's authors and
    venue, never papers of their own."""
    rows, troubles = _papers(
        "* Convolution Neural Network for Relation Extraction [[paper]](https://link.springer.com/chapter/"
        "10.1007/978-3-642-53917-6_21) [[code]](https://github.com/a/b) [[review]](https://github.com/c/d)\n"
        "\t* ChunYang Liu, WenBo Sun, WenHan Chao and WanXiang Che\n"
        "\t* ADMA 2013\n"
        "* Factor-based Compositional Embedding Models [[paper]](https://www.cs.cmu.edu/~mgormley/papers/yu.pdf)\n"
        "\t* Mo Yu, Matthw R. Gormley and Mark Dredze\n"
        "\t* NIPS Workshop on Learning Semantics 2014\n"
        "* GDPNet: Refining Latent Multi-View Graph for Relation Extraction \n"
        "    [[paper]](https://arxiv.org/abs/2012.06780.pdf)\n"
        "    [[code]](https://github.com/XueFuzhao/GDPNet)\n"
        "    * Fuzhao Xue, Aixin Sun, Hao Zhang, Eng Siong Chng\n"
        "    * AAAI 21\n"
        "* RECON: Relation Extraction using Knowledge Graph Context in a Graph Neural Network\n"
        "    [[parer]](https://arxiv.org/abs/2009.08694.pdf)\n"
        "    * Anson Bastos, Abhishek Nadgeri\n"
        "    * WWW'21\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.venue, r.authors) for r in rows] == [
        (1, "Convolution Neural Network for Relation Extraction", 2013, "ADMA 2013",
         ["ChunYang Liu", "WenBo Sun", "WenHan Chao", "WanXiang Che"]),
        (4, "Factor-based Compositional Embedding Models", 2014, "NIPS Workshop on Learning Semantics 2014",
         ["Mo Yu", "Matthw R. Gormley", "Mark Dredze"]),
        (7, "GDPNet: Refining Latent Multi-View Graph for Relation Extraction", 2021, "AAAI 21",
         ["Fuzhao Xue", "Aixin Sun", "Hao Zhang", "Eng Siong Chng"]),
        (12, "RECON: Relation Extraction using Knowledge Graph Context in a Graph Neural Network", 2021, "WWW'21",
         ["Anson Bastos", "Abhishek Nadgeri"])]
    assert row_ids(rows[0]) == {"doi": "10.1007/978-3-642-53917-6_21"} and row_ids(rows[2]) == {"arxiv": "2012.06780"}
    assert rows[0].code == "https://github.com/a/b"


def test_a_category_bullet_over_names_and_venues_is_no_paper():
    """Two venues under a bullet, or names without a venue: a category or notes, never one paper from its lines."""
    rows, _ = _papers(
        "* Groups working on relation extraction [[site]](https://example.org/groups)\n"
        "  * Stanford NLP Group\n  * ACL 2016\n  * EMNLP 2017\n"
        "* Useful tools for relation extraction [[code]](https://github.com/a/b)\n"
        "  * Alice Smith and Bob Jones\n")
    assert rows == []


def test_a_title_and_its_papers_address_over_notes_is_a_paper_and_the_notes_are_not():
    """``- TTS-GAN: https://arxiv.org/pdf/ID.pdf`` over comment sub-bullets: GitHub shows the address as a link, so the
    bullet names its paper however short the title; the notes are none. A title over a blog address is no paper."""
    rows, troubles = _papers(
        "- TTS-GAN: https://arxiv.org/pdf/1909.11646.pdf\n"
        "    - they use duration and linguistic features for en2en TTS.\n"
        "    - Close to WaveNet performance.\n"
        "- Voice Loop - https://arxiv.org/abs/1707.06588\n"
        "- My thoughts on attention: https://erogol.com/attention-post/\n"
        "    - Some notes here.\n")
    assert not troubles
    assert [(r.line, r.title, row_ids(r)) for r in rows] == [(1, "TTS-GAN", {"arxiv": "1909.11646"}),
                                                           (4, "Voice Loop", {"arxiv": "1707.06588"})]


def test_a_details_summary_that_names_a_paper_and_its_address_is_a_paper():
    """``<details><summary> Title: URL (Click to Expand)</summary>`` over hidden notes: one paper, the hint dropped,
    the notes no papers (a PDF's address with no identifier still names a paper); a summary of a blog post, of a BibTeX entry or of an abstract names none."""
    rows, troubles = _papers(
        "<details>\n"
        "<summary> Glow-TTS: https://arxiv.org/pdf/2005.11129.pdf (Click to Expand)</summary>\n\n"
        "  - Use Monotonic Alignment Search to learn the alignment b/w text and spectrogram\n"
        "  - [Samples](https://jaywalnut310.github.io/glow-tts-demo/index.html)\n"
        "\t\t- nested note\n\n"
        "</details>\n\n"
        "<details>\n"
        "<summary> Towards Universal Text-to-Speech: http://www.interspeech2020.org/uploadfile/pdf/Wed-3-4-3.pdf "
        "(Click to Expand)</summary>\n\n"
        "  - A framework for a sequence to sequence multi-lingual TTS\n\n"
        "</details>\n\n"
        "<details>\n<summary> Double Decoder Consistency: https://erogol.com/solving-attention-problems "
        "(Click to Expand)</summary>\n\n  - The model uses a Tacotron like architecture.\n\n</details>\n\n"
        "<details><summary>Bibtex</summary>\n\n</details>\n")
    assert not troubles
    assert [(r.line, r.title, row_ids(r)) for r in rows] == [(2, "Glow-TTS", {"arxiv": "2005.11129"}),
                                                           (11, "Towards Universal Text-to-Speech", {})]  # a PDF, no id
    from unlearn_bib.read.mdsummary import summary_bullet
    assert summary_bullet("<summary>[Abs]</summary> text") == "<summary>[Abs]</summary> text"
    assert summary_bullet("<details><summary>Bibtex</summary>") == "<details><summary>Bibtex</summary>"
    assert summary_bullet("<details><summary><b>Glow-TTS</b>: https://arxiv.org/pdf/2005.11129.pdf</summary>") == (
        "- Glow-TTS: https://arxiv.org/pdf/2005.11129.pdf")  # bold tags are no part of the text shown
    assert summary_bullet('<summary><a href="x">y</a> https://a.b/c</summary>').startswith("<summary>")


def test_a_short_bold_name_before_its_year_and_authors_is_the_title():
    """``- **Whisper** (2022), Radford et al. [pdf](…)``: the bold name is the title, however short; the names after
    the year its authors (the year in parentheses is no tag before a title that starts with a comma)."""
    rows, _ = _papers(
        "- **Whisper** (2022), Radford et al. [pdf](https://arxiv.org/abs/2212.04356) [code](https://github.com/o/w)"
        " - Large-scale weakly supervised multilingual ASR.\n"
        "- **SeamlessM4T** (2023), Meta AI [pdf](https://arxiv.org/abs/2308.11596) - Speech-text translation.\n")
    assert [(r.title, r.year, r.authors, r.authors_incomplete) for r in rows] == [
        ("Whisper", 2022, ["Radford"], True), ("SeamlessM4T", 2023, ["Meta AI"], False)]


def test_a_month_date_after_the_venue_of_a_citation():
    """``[Title](link), First Author, et al., ACL 2019, Jun 2019.``: the month the paper came out follows the venue;
    with no other year, ``arXiv preprint, May 2019`` gives the venue and the year. A venue and authors make a row
    whose link is a company's page a paper."""
    rows, _ = _papers(
        "### ACL 2019\n"
        "  - [Towards Scalable and Reliable Capsule Networks for Challenging NLP Applications]"
        "(https://arxiv.org/pdf/1906.02829v1.pdf), Wei Zhao, et al., ACL 2019, Jun 2019.\n"
        "  - [Natural Questions: a Benchmark for Question Answering Research](https://ai.google/research/pubs/pub47761), "
        "Tom Kwiatkowski, et al., TACL 2019, Jan 2019.\n"
        "### Arxiv\n"
        "  - [Passage Re-ranking with BERT](https://arxiv.org/abs/1901.04085), Rodrigo Nogueira, et al., arXiv preprint, "
        "Jan 2019.\n")
    assert [(r.line, r.year, r.venue, r.authors, r.authors_incomplete) for r in rows] == [
        (2, 2019, "ACL 2019", ["Wei Zhao"], True), (3, 2019, "TACL 2019", ["Tom Kwiatkowski"], True),
        (5, 2019, "arXiv preprint", ["Rodrigo Nogueira"], True)]


@pytest.mark.parametrize("line", [
    "<summary>" + " " * 1_990 + "x",  # a summary never closed, all spaces
    "<details><summary>a" + " " * 1_990 + "</summary",
    "<summary> T: http://a.b/" + " (click" * 2_000,
    "- A" + ". " * 9_000 + "2019. [",  # an ACL reference's names and year that never end
    "- A, B. 2019. [T](u)." + " *" * 9_000,
    "* T [[paper]](u)\n" + "\t* A, B and C\n" * 400 + "\t* ACL 2016",  # a byline of many names lines
    "- [T](u), A, et al., ACL 2019" + ", " * 9_000 + "Jun 2019",
])
def test_hostile_lines_of_these_layouts_take_linear_time(line):
    text = (line + "\n") * 20
    started = time.perf_counter()
    read_list(text)
    assert time.perf_counter() - started < 10  # quadratic backtracking would take minutes


def test_an_address_in_parentheses_or_angle_brackets_is_a_link():
    """GitHub links ``(https://…)`` and ``<https://…>`` as it links a bare address: the title before it names the paper
    (a link's own target in double parentheses, ``[pdf]((https://…))``, stays a target)."""
    rows, _ = _papers(
        "- FastSpeech: Fast, Robust and Controllable Text to Speech (https://arxiv.org/abs/1905.09263)\n"
        "- MelNet (https://arxiv.org/abs/1906.01083)\n"
        "- Glow-TTS <https://arxiv.org/abs/2005.11129>\n"
        "- [Neural Machine Translation by Jointly Learning](<https://arxiv.org/abs/1409.0473>)\n")
    assert [(r.title, row_ids(r)["arxiv"]) for r in rows] == [
        ("FastSpeech: Fast, Robust and Controllable Text to Speech", "1905.09263"), ("MelNet", "1906.01083"),
        ("Glow-TTS", "2005.11129"), ("Neural Machine Translation by Jointly Learning", "1409.0473")]
    from unlearn_bib.read.mdauto import autolink
    assert autolink("[[pdf]((https://www.aclweb.org/anthology/C18-1041/))]") == (
        "[[pdf]((https://www.aclweb.org/anthology/C18-1041/))]")


def test_a_note_under_a_paper_is_not_its_author():
    """``- DurIAN: <link>`` over ``  - Duration aware Tacotron``: a word no name has (lower case, not a particle such
    as ``van``) makes the line a note on the paper, not its author; a person's name stays the author."""
    rows, _ = _papers(
        "- DurIAN: https://arxiv.org/pdf/1909.01700.pdf\n    - Duration aware Tacotron\n"
        "- Sample Efficient Adaptive TTS - https://openreview.net/pdf?id=rkzjUoAcFX\n"
        "    - WaveNet + Speaker Embedding approach\n"
        "- Deep Reinforcement Learning with Double Q-learning: https://arxiv.org/abs/1509.06461\n"
        "    - Hado van Hasselt\n")
    assert [(r.title, r.authors) for r in rows] == [("DurIAN", None), ("Sample Efficient Adaptive TTS", None),
                                                   ("Deep Reinforcement Learning with Double Q-learning",
                                                    ["Hado van Hasselt"])]


def test_acl_style_names_with_the_year_in_parentheses_or_none_before_a_linked_title():
    """``A, B. [Title](link). NAACL 2019.`` and ``A, B (2020). [Title](link). ICLR.``: the names before the title's
    link are its authors, a plain venue after it its venue; a short name before a colon is no author
    (``Tacotron V1: [Title](…)``)."""
    rows, _ = _papers(
        "- Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova. [BERT: Pre-training of Deep Bidirectional "
        "Transformers](https://arxiv.org/abs/1810.04805). NAACL 2019.\n"
        "- Kevin Clark, Minh-Thang Luong (2020). [ELECTRA: Pre-training Text Encoders as Discriminators]"
        "(https://openreview.net/forum?id=r1xMH1BtvB). ICLR.\n"
        "- Alice Smith and Bob Jones. 2019. Learning to Skim Text Quickly. In *Proceedings of ACL 2019*, pages 1-9. "
        "[[pdf]](https://aclanthology.org/P19-1001.pdf)\n"
        "- MonoBERT & PolyBERT: [Pushing the Limits of Unsupervised Unit Discovery](https://arxiv.org/abs/2306.08920)\n"
        "- Rico Sennrich, Barry Haddow. 2016. In Defense of Subwords: A Study. In Proceedings of ACL, pages 1-9. "
        "[[pdf]](https://arxiv.org/abs/1508.07909)\n")
    assert [(r.title, r.year, r.venue, r.authors) for r in rows] == [
        ("BERT: Pre-training of Deep Bidirectional Transformers", 2019, "NAACL 2019",
         ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"]),
        ("ELECTRA: Pre-training Text Encoders as Discriminators", 2020, "ICLR", ["Kevin Clark", "Minh-Thang Luong"]),
        ("Learning to Skim Text Quickly", 2019, "Proceedings of ACL 2019", ["Alice Smith", "Bob Jones"]),
        ("Pushing the Limits of Unsupervised Unit Discovery", None, "", None),
        ("In Defense of Subwords: A Study", 2016, "Proceedings of ACL", ["Rico Sennrich", "Barry Haddow"])]
