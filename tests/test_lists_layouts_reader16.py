"""The layouts of the fifteenth and sixteenth unseen sets of lists (tests/data/lists, SOURCES.md), one small case
each, written in each list's shape: what a person sees in the rendered README, and what must stay out."""
from unlearn_bib.catalog.identifiers import link_identifier
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def test_a_venue_column_beside_a_source_column_keeps_the_venue_cell():
    rows, _ = read_list(
        "| Venue | Title | Affiliation | Link | &nbsp;&nbsp;Source&nbsp;&nbsp; |\n| :---: | :---: | :---: | :---: | :---: |\n"
        "|CSUR 2024|Distributed Graph Neural Network Training: A Survey|BUPT| [[paper]](https://dl.acm.org/doi/10.1145/3648358)||\n"
        "|CIM 2021|Graph Neural Networks in TensorFlow and Keras with Spektral|USI| [[paper]](https://arxiv.org/abs/2006.12138)"
        "| [[code]](https://github.com/danielegrattarola/spektral)|\n")
    assert [(r.venue, r.year) for r in rows] == [("CSUR 2024", 2024), ("CIM 2021", 2021)]  # not the arXiv id's 2020


def test_a_bare_url_is_a_link_and_never_part_of_the_title():
    rows, _ = read_list("- U-Net [https://arxiv.org/pdf/1505.04597.pdf] [2015]\n"
                        "1. **Training Dynamics for Text Summarization Models** *Tanya Goyal, Jiacheng Xu* "
                        "[https://arxiv.org/abs/2110.08370]\n")
    assert [(r.title, r.year, row_ids(r).get("arxiv")) for r in rows] == [
        ("U-Net", 2015, "1505.04597"), ("Training Dynamics for Text Summarization Models", None, "2110.08370")]
    assert read_list('<a href="https://github.com/a/b">x</a>\n\n- https://github.com/a/b\n') == ([], [])


def test_a_line_that_goes_on_after_a_comma_is_the_same_paragraph():
    rows, _ = read_list(
        "- Transformers4Rec: Bridging the Gap between NLP and Sequential Recommendation, Recsys 2021\n"
        " , [[paper]](https://dl.acm.org/doi/abs/10.1145/3460231.3474255?casa_token=b4-oEo)[[code]](https://github.com/a/b)\n"
        " - Towards Universal Sequence Representation Learning for Recommender Systems , KDD 2022 , "
        "[[paper]](https://arxiv.org/pdf/2206.05941.pdf)\n"
        "* [Learning to Learn without Gradient Descent by Gradient Descent](http://proceedings.mlr.press/v70/chen17e.pdf), "
        "Yutian Chen, Matthew W. Hoffman,\nMatt Botvinick, Nando de Freitas, ICML 2017\n")
    assert [(r.line, r.venue, r.year) for r in rows] == [(1, "Recsys 2021", 2021), (3, "KDD 2022", 2022), (4, "ICML 2017", 2017)]
    assert row_ids(rows[0])["doi"] == "10.1145/3460231.3474255"


def test_quoted_titles_lose_their_quotes():
    rows, _ = read_list('1. **"A Survey on Evaluation of Large Language Models"**. [[paper](https://arxiv.org/abs/2307.03109)]\n'
                        '1. Squad: **"Squad: 100, 000+ questions for machine comprehension of text".** '
                        "[[paper](https://arxiv.org/abs/1606.05250)]\n")
    assert [r.title for r in rows] == ["A Survey on Evaluation of Large Language Models",
                                       "Squad: 100, 000+ questions for machine comprehension of text"]


def test_italic_names_after_a_bold_title_are_its_authors_and_a_digest_gives_no_venue():
    rows, _ = read_list(
        "1. **Summarization Programs: Interpretable Abstractive Summarization** *Swarnadeep Saha, Shiyue Zhang* `ICLR 2023` "
        "[[pdf]](https://arxiv.org/abs/2209.10492)\n"
        "1. **TempoSum: Evaluating the Temporal Generalization** *Chi Seng Cheang, Hou Pong Chan* `` "
        "[[pdf]](https://arxiv.org/abs/2305.01951) <details> <summary>[Abs]</summary> Recent models (PLMs) do well. </details>\n"
        "1. **CTRLsum: Towards Generic Controllable Text Summarization** [[pdf]](https://arxiv.org/abs/2012.04281) `EMNLP 2022`\n")
    assert [(r.title, r.authors, r.venue, r.year) for r in rows] == [
        ("Summarization Programs: Interpretable Abstractive Summarization", ["Swarnadeep Saha", "Shiyue Zhang"], "ICLR 2023", 2023),
        ("TempoSum: Evaluating the Temporal Generalization", ["Chi Seng Cheang", "Hou Pong Chan"], "", None),
        ("CTRLsum: Towards Generic Controllable Text Summarization", None, "EMNLP 2022", 2022)]


def test_authors_written_before_a_plain_title_and_a_venue_ending_the_title():
    rows, _ = read_list(
        "- Richard Sutton, Doina Precup, Satinder Singh, Between MDPs and Semi-MDPs: A Framework (AIJ 1999) "
        "[[Paper]](http://www-anw.cs.umass.edu/~barto/courses/cs687/Sutton-Precup-Singh-AIJ99.pdf)\n"
        "- Atari 2600 Games - Volodymyr Mnih, Koray Kavukcuoglu et al., Human-level Control through Deep Reinforcement "
        "Learning (Nature 2015) [[DOI]](https://dx.doi.org/doi:10.1038/nature14236)\n"
        "- P. Travis Jardine, Michael Kogan and Shahram Yousefi, Adaptive predictive control of a differential drive robot "
        "(Int J Adapt Control Signal Process 2019) [[DOI]](https://dx.doi.org/10.1002/acs.2882)\n"
        "- Jan Peters, Sethu Vijayakumar, Stefan Schaal, Natural Actor-Critic (ECML 2005) [[Paper]](http://x.org/nac.pdf)\n")
    assert [(r.title, r.authors, r.authors_incomplete, r.year) for r in rows] == [
        ("Between MDPs and Semi-MDPs: A Framework", ["Richard Sutton", "Doina Precup", "Satinder Singh"], False, 1999),
        ("Human-level Control through Deep Reinforcement Learning", ["Volodymyr Mnih", "Koray Kavukcuoglu"], True, 2015),
        ("Adaptive predictive control of a differential drive robot", ["P. Travis Jardine", "Michael Kogan", "Shahram Yousefi"],
         False, 2019),
        ("Natural Actor-Critic", ["Jan Peters", "Sethu Vijayakumar", "Stefan Schaal"], False, 2005)]
    assert row_ids(rows[1])["doi"] == "10.1038/nature14236"
    assert link_identifier("https://dx.doi.org/doi:10.1038/nature14236") == ("doi", "10.1038/nature14236")
    (row,), _ = read_list("- Tom Schaul, John Quan, Prioritized Experience Replay, ArXiv, 18 Nov 2015 "
                          "[[Paper]](https://arxiv.org/abs/1511.05952)\n")  # a venue and date field end the title
    assert (row.title, row.authors, row.venue, row.year) == ("Prioritized Experience Replay", ["Tom Schaul", "John Quan"],
                                                             "ArXiv", 2015)
    # a title that only begins with capitalised words keeps them
    (row,), _ = read_list("- Deep Learning, A Survey of Methods (Nature 2015) [[Paper]](https://x.org/a.pdf)\n")
    assert (row.title, row.authors) == ("Deep Learning, A Survey of Methods", None)


def test_a_linked_title_tagged_with_its_venue_is_a_paper_over_its_code_sub_bullets():
    rows, _ = read_list(
        "- [Searching for A Robust Neural Architecture in Four GPU Hours](https://xuanyidong.com/publication/gdas/) "
        "| [**CVPR 2019**]\n  + [D-X-Y/GDAS](https://github.com/D-X-Y/GDAS) | [Pytorch]\n\n"
        "- [Neural Architecture Search: A Survey](https://arxiv.org/abs/1808.05377) | [2018/08]\n")
    assert [(r.title, r.venue, r.year) for r in rows if not r.needs_id] == [
        ("Searching for A Robust Neural Architecture in Four GPU Hours", "CVPR 2019", 2019),
        ("Neural Architecture Search: A Survey", "", 2018)]
    assert [r.title for r in rows if r.needs_id] == ["D-X-Y/GDAS"]  # a code repository: no identifier, no record


def test_a_venue_then_a_date_after_a_dash_and_a_date_after_the_links():
    rows, _ = read_list(
        "**RA-DIT: Retrieval-Augmented Dual Instruction Tuning**  \n*Anonymous*  \n"
        "ICLR 24 – Oct 23 [[paper](https://openreview.net/forum?id=22OTbutug9)]\n\n"
        "1. **EduChat: A Large-Scale Language Model-based Chatbot System**\n\n"
        "   *Yuhao Dan, Zhikai Lei, Xipeng Qiu.* [[abs](https://arxiv.org/abs/2308.02773)], 2023.8\n\n"
        "3. **STaR: Self-Taught Reasoner Bootstrapping Reasoning With Reasoning.**\n\n"
        "   *Eric Zelikman, Yuhuai Wu, Noah D. Goodman*  [[pdf](https://arxiv.org/abs/2203.14465)] 2022.3\n")
    assert [(r.venue, r.year) for r in rows] == [("ICLR 24", 2023), ("", 2023), ("", 2022)]  # the row's own date wins
    assert rows[2].authors == ["Eric Zelikman", "Yuhuai Wu", "Noah D. Goodman"]


def test_authors_after_a_linked_title_and_a_full_stop():
    (row,), _ = read_list("* [Gradient-Based Meta-Learning with Learned Layerwise Metric and Subspace]"
                          "(https://arxiv.org/abs/1801.05558). Yoonho Lee, Seungjin Choi.\n")
    assert (row.authors, row.venue) == (["Yoonho Lee", "Seungjin Choi"], "")
