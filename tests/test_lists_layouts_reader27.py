"""Layouts of the twenty-seventh and twenty-eighth unseen sets (tests/data/lists, SOURCES.md), one small case each:
what the reader must take from a row and what it must leave alone (reader27)."""
from unlearn_bib.read.mdlist import read_list


def _papers(text):
    """(line, title, year, venue) of the rows that are papers without needing an identifier."""
    rows, _ = read_list(text)
    return [(r.line, r.title, r.year, r.venue) for r in rows if not r.needs_id]


def test_a_bold_title_over_field_bullets_is_one_paper_and_the_fields_are_none():
    rows, _ = read_list(
        "## R-CNN\n\n"
        "**Rich feature hierarchies for accurate object detection**\n\n"
        "- intro: CVPR 2014. UC Berkeley\n"
        "- arxiv: <http://arxiv.org/abs/1311.2524>\n"
        "- supp: <http://people.eecs.berkeley.edu/~rbg/papers/r-cnn-cvpr-supp.pdf>\n"
        "- github(Caffe): <https://github.com/rbgirshick/rcnn>\n\n"
        "**A Survey of Deep Learning-based Object Detection**\n\n"
        "- intro：Submitted to IJCV 2018\n\n"
        "- arXiv：<https://arxiv.org/abs/1907.09408>\n")
    assert [(r.line, r.title, r.venue) for r in rows] == [
        (3, "Rich feature hierarchies for accurate object detection", "CVPR 2014"),
        (10, "A Survey of Deep Learning-based Object Detection", "")]  # "Submitted to …" names no venue
    assert "http://arxiv.org/abs/1311.2524" in [u for _, u, _ in rows[0].links]


def test_a_bold_tool_over_code_fields_is_no_paper():
    rows, _ = read_list(
        "**darkflow - translate darknet to tensorflow**\n\n"
        "- github: <https://github.com/thtrieu/darkflow>\n"
        "- blog: <https://example.org/posts/darkflow>\n")
    assert all(r.needs_id for r in rows)  # no paper link: a record only with an identifier, and it has none


def test_a_checkmarked_bracketed_title_over_its_links_bullet_is_one_paper():
    assert _papers(
        "## First paper\n\n"
        ":heavy_check_mark: [Generative Adversarial Nets]\n"
        "- [[Paper]](https://arxiv.org/abs/1406.2661)[[Code]](https://github.com/goodfeli/adversarial)(NIPS 2014)\n\n"
        ":heavy_check_mark: [Autoencoding beyond pixels using a learned similarity metric] \n"
        "- [[Paper]](https://arxiv.org/abs/1512.09300)[[Tensorflow code]](https://github.com/a/b)(ICML 2016）\n\n"
        ":heavy_check_mark: [3d guided fine-grained face manipulation] [[Paper]](https://arxiv.org/abs/1902.08900)(CVPR 2019)\n"
    ) == [(3, "Generative Adversarial Nets", 2014, "NIPS 2014"),
          (6, "Autoencoding beyond pixels using a learned similarity metric", 2016, "ICML 2016"),
          (9, "3d guided fine-grained face manipulation", 2019, "CVPR 2019")]


def test_a_picture_between_the_title_and_its_fields_changes_nothing():
    assert [p[:2] for p in _papers(
        "**You Only Look Once: Unified, Real-Time Object Detection**\n\n"
        "[![img](https://camo.githubusercontent.com/e69d)](https://camo.githubusercontent.com/e69d)\n\n"
        "- arxiv: <http://arxiv.org/abs/1506.02640>\n"
        "- github: <https://github.com/pjreddie/darknet>\n")] == [(1, "You Only Look Once: Unified, Real-Time Object Detection")]


def test_linked_title_paragraphs_under_a_category_bullet_are_papers_and_the_category_is_not():
    assert [p[:2] for p in _papers(
        "### RAG Foundations\n\n"
        "  - Query-based RAG\n"
        "    \n"
        "    [REALM: Retrieval-Augmented Language Model Pre-Training](https://arxiv.org/abs/2002.08909)\n"
        "    \n"
        "      [Inferfix: End-to-end program repair with llms](https://doi.org/10.1145/3611643.3613892)\n\n"
        "    [Instance-conditioned gan](https://proceedings.neurips.cc/paper/2021/file/e7ac-Paper.pdf)\n")] == [
        (5, "REALM: Retrieval-Augmented Language Model Pre-Training"),
        (7, "Inferfix: End-to-end program repair with llms"),
        (9, "Instance-conditioned gan")]


def test_names_a_full_stop_then_a_linked_title_the_link_text_is_the_title():
    rows, _ = read_list(
        "### 2010\n"
        "- S. M. Kamruzzaman, Md. Saiful Islam, Mohammad Shamsul Alam .[Rotation Invariant Face Detection Using Wavelet]"
        "(https://arxiv.org/pdf/1009.04974) .[J] arXiv preprint arXiv:1009.04974.\n")
    assert [(r.title, r.authors, r.venue, r.year) for r in rows] == [(
        "Rotation Invariant Face Detection Using Wavelet", ["S. M. Kamruzzaman", "Md. Saiful Islam", "Mohammad Shamsul Alam"],
        "arXiv preprint", 2010)]


def test_a_bracketed_label_before_a_bold_title_is_neither_title_nor_venue():
    assert _papers(
        "- [Alg514] **Learning to automatically solve algebra word problems**, ACL 2014 [[paper](https://aclanthology.org/P14-1026/)]\n"
        "- [DRAW] **Draw: A challenging and diverse algebra word problem set**, 2015 [[paper](https://example.org/tech_rep.pdf)]\n"
        "- [GSM8K] **Training verifiers to solve math word problems**, arXiv:2110.14168 [[paper](https://arxiv.org/abs/2110.14168)]\n"
    ) == [(1, "Learning to automatically solve algebra word problems", 2014, "ACL 2014"),
          (2, "Draw: A challenging and diverse algebra word problem set", 2015, ""),
          (3, "Training verifiers to solve math word problems", None, "")]  # the arXiv id dates it in the import


def test_a_venue_after_a_linked_title_before_a_code_link():
    assert _papers("- [Efficient Large-scale Image Search With a Vocabulary Tree](http://www.ipol.im/pub/art/2018/199/), "
                   "IPOL 2015, [code](https://github.com/fragofer/voctree).\n") == [
        (1, "Efficient Large-scale Image Search With a Vocabulary Tree", 2015, "IPOL 2015")]


def test_a_year_then_a_venue_in_one_bracket_tag():
    assert _papers("- [OPRO: Large Language Models as Optimizers](https://arxiv.org/abs/2309.03409) [2023, NeurIPS 2024] — "
                   "Uses LLMs as optimizers.\n"
                   "- [Prompt Engineering a Prompt Engineer](https://arxiv.org/abs/2311.05661) [2024, ACL Findings] — note.\n") == [
        (1, "OPRO: Large Language Models as Optimizers", 2024, "NeurIPS 2024"),
        (2, "Prompt Engineering a Prompt Engineer", 2024, "ACL Findings")]


def test_a_table_venue_in_a_code_span_and_a_date_with_an_unknown_month():
    assert _papers(
        "| Title | Venue | Date | Code |\n|---|---|---|---|\n"
        "| [**Code Alpaca: An Instruction-following LLaMA Model**](https://github.com/sahil280114/codealpaca) | `Preprint` "
        "| `2023.xx` | [Github](https://github.com/sahil280114/codealpaca) |\n"
        "| [**CrossCodeEval: A Diverse Benchmark**](https://arxiv.org/abs/2306.03091) | `NeurIPS'23` | `2023.11` | |\n") == [
        (3, "Code Alpaca: An Instruction-following LLaMA Model", 2023, "Preprint"),
        (4, "CrossCodeEval: A Diverse Benchmark", 2023, "NeurIPS'23")]


def test_a_hal_archive_link_is_a_paper_link():
    assert [p[:2] for p in _papers("- [Revisiting the VLAD image representation](https://hal.inria.fr/hal-00840653v1/document)\n")] == [
        (1, "Revisiting the VLAD image representation")]


def test_a_bold_heading_over_a_list_of_named_links_is_no_paper():
    assert _papers(
        "**Useful Packages**\n\n"
        "- [Faiss: a library for efficient similarity search](https://github.com/facebookresearch/faiss)\n"
        "- [Annoy](https://github.com/spotify/annoy)\n") == []
