"""The layouts of the twenty-third unseen set (tests/data/lists, SOURCES.md: graph deep learning, GAN zoo,
normalizing flows, LLM guides and surveys, deep learning classics), one small case each in the list's shape: what
the reader must take from a row, and what it must leave alone."""
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def _papers(text):
    rows, troubles = read_list(text)
    return [r for r in rows if not r.needs_id or row_ids(r)], troubles


NOTES = "https://github.com/o/lit/blob/master/years/2025/publications_cvpr26/{}/README.md"


def test_linked_titles_under_a_linked_venue_heading_are_its_papers():
    """``# [CVPR 2026 (Jun)](…)`` over ``- [Title](notes/README.md)``: a reader sees CVPR 2026's papers, whatever the
    links lead to (here the list's own notes); the heading itself is a section, not a paper."""
    rows, troubles = _papers(
        "## ------\n"
        f"# [CVPR 2026 (Jun)]({NOTES.format('index')})\n\n"
        f"- [ZINA: Multimodal Fine-grained Hallucination Detection and Editing]({NOTES.format('zina')})\n"
        f"- [Global-Aware Edge Prioritization for Pose Graph Initialization](./notes/gaep.md)\n\n"
        "<details>\n<summary> more </summary>\n\n"
        f"- [ReLaGS: Relational Language Gaussian Splatting]({NOTES.format('relags')})\n"
        "</details>\n")
    assert not troubles
    assert [(r.line, r.title, r.year) for r in rows] == [
        (4, "ZINA: Multimodal Fine-grained Hallucination Detection and Editing", 2026),
        (5, "Global-Aware Edge Prioritization for Pose Graph Initialization", 2026),
        (10, "ReLaGS: Relational Language Gaussian Splatting", 2026)]
    assert {(r.venue, r.section) for r in rows} == {("CVPR 2026", "CVPR 2026 (Jun)")}  # the month is a note, not the venue


def test_under_a_venue_heading_videos_tools_and_other_sections_give_no_paper():
    rows, _ = _papers(
        "# [CVPR 2026](https://cvpr.thecvf.com/)\n\n"
        "- [Talk on Scene Graph Generation](https://www.youtube.com/watch?v=abc)\n"
        "- [Graph Learning Toolkit](https://github.com/o/toolkit) - a library for graph learning\n"
        "- [CVPR 2025 papers](./2025.md)\n"
        "- [Awesome CVPR 2026 Papers Collection](https://github.com/a/awesome-cvpr)\n"
        "- [Official website of the conference](https://github.com/cvpr/site)\n"
        "# [Tools](https://example.org/tools)\n\n"
        "- [Deep Graph Library for Python](https://github.com/dmlc/dgl)\n"
        "# [Awesome graph papers](https://github.com/o/lit)\n\n"
        "- [Global-Aware Edge Prioritization for Pose Graph Initialization](./notes/gaep.md)\n")
    assert rows == []


def test_a_name_or_a_date_then_a_dash_before_a_linked_title():
    """``* ACGAN - [Title](link)``: the list's short name is no part of the title; ``1. 2022-06-03 - [Title](link)``:
    the date is the row's (kept even when the arXiv id is older), a two-word title is a title."""
    rows, troubles = _papers(
        "* acGAN - [Face Aging With Conditional Generative Adversarial Networks](https://arxiv.org/abs/1702.01983)\n"
        "* ACGAN - [Coverless Information Hiding Based on Generative adversarial networks]"
        "(https://arxiv.org/abs/1712.06951)\n"
        "1. 2022-06-03 - [Graphical Normalizing Flows](https://arxiv.org/abs/2006.02548) by Wehenkel, Louppe<br>\n"
        "   This work revisits coupling and autoregressive transformations as probabilistic graphical models.\n"
        "1. 2020-03-04 - [Gaussianization Flows](https://arxiv.org/abs/2003.01941) by Meng, Song et al.<br>\n"
        "* Bayesian GAN - [Bayesian GAN](https://arxiv.org/abs/1705.09558) ([github](https://github.com/a/bayesgan/))\n"
        "* Notes - [Some notes](https://example.org/notes)\n")
    assert not troubles
    assert [(r.title, r.year) for r in rows] == [
        ("Face Aging With Conditional Generative Adversarial Networks", None),
        ("Coverless Information Hiding Based on Generative adversarial networks", None),
        ("Graphical Normalizing Flows", 2022), ("Gaussianization Flows", 2020), ("Bayesian GAN", None)]


def test_a_short_bold_title_before_its_year_and_authors_stays_the_title():
    """``- **Maxout networks** (2013), I. Goodfellow et al. [[pdf]](…)``: the bold words are the title, however
    short; the names after the comma are its authors, never a title."""
    rows, troubles = _papers(
        "- **Maxout networks** (2013), I. Goodfellow et al. [[pdf]](http://arxiv.org/pdf/1302.4389v4)\n"
        "- **Auto-encoding variational Bayes** (2013), D. Kingma and M. Welling [[pdf]](http://arxiv.org/pdf/1312.6114)\n")
    assert not troubles
    assert [(r.title, r.year, r.authors, r.authors_incomplete) for r in rows] == [
        ("Maxout networks", 2013, ["I. Goodfellow"], True),
        ("Auto-encoding variational Bayes", 2013, ["D. Kingma", "M. Welling"], False)]


def test_a_short_name_before_a_bold_title_and_a_year_of_its_own_after_it():
    """``- GPT-2 **Title**. 2018. [Paper](pdf)``, ``- MT-NLG **"Title"**. 2021.``, ``<u>Name</u>: **"Title"**.
    *A et al.* 2021.``: the name is the list's label, the bold text without its quotation marks the title, the bare
    year the row's (a PDF without an identifier: the year must come from the row)."""
    rows, troubles = _papers(
        "- GPT-2 **Language Models are Unsupervised Multitask Learners**. 2018. "
        "[Paper](https://cdn.example.org/language_models_are_unsupervised_multitask_learners.pdf)\n"
        '- MT-NLG **"Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B"**. 2021. '
        "[Paper](https://arxiv.org/abs/2201.11990)\n"
        '7. <u>Jurassic-1</u>: **"Jurassic-1: Technical details and evaluation"**. *Opher Lieber et al.* 2021. '
        "[[Paper](https://assets.example.org/jurassic_tech_paper.pdf)]\n"
        "- **Improving Language Understanding by Generative Pre-Training**. 2018. "
        "[Paper](https://cdn.example.org/language_understanding_paper.pdf)\n"
        '24. <u>Flan-PaLM && Flan-U-PaLM</u>: **"Scaling Instruction-Finetuned Language Models"**. *Hyung Won Chung et al.* '
        "arXiv 2022. [[Paper](https://arxiv.org/abs/2210.11416)]\n")
    assert not troubles
    assert [(r.title, r.year) for r in rows][-1] == ("Scaling Instruction-Finetuned Language Models", 2022)
    assert [(r.title, r.year) for r in rows][:-1] == [
        ("Language Models are Unsupervised Multitask Learners", 2018),
        ("Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B", 2021),
        ("Jurassic-1: Technical details and evaluation", 2021),
        ("Improving Language Understanding by Generative Pre-Training", 2018)]


def test_a_named_bold_post_or_dataset_stays_out():
    rows, _ = _papers(
        "- Blog **How we trained our large language model**. 2023. [Blog](https://medium.com/x/how-we-trained)\n"
        "- RedPajama **An open dataset for training large language models**. 2023. "
        "[Repo](https://github.com/togethercomputer/RedPajama-Data)\n"
        "- **2016** : +60 citations\n")
    assert rows == []


def test_names_after_by_right_after_a_linked_title_are_its_authors():
    """``[Title](link) by Surname, Surname et al.<br>``; a stray ``)`` before "by" is a typo; a sentence with "by"
    in a description line below is no authors line, and "by" not right after the title gives none."""
    rows, troubles = _papers(
        "1. 2022-06-03 - [Graphical Normalizing Flows](https://arxiv.org/abs/2006.02548) by Wehenkel, Louppe<br>\n"
        "   Introduced by the authors as a graphical view of flows, with code by them.\n"
        "1. 2019-04-09 - [Block Neural Autoregressive Flow](https://arxiv.org/abs/1904.04676)) by Cao, Titov et al.<br>\n"
        "1. 2021-01-01 - [Flows for simultaneous manifold learning](https://arxiv.org/abs/2003.13913) by Brehmer and Cranmer\n"
        "- [A Paper With Its Code](https://arxiv.org/abs/2001.00001), code by the authors\n"
        "- [Another Paper About Flows](https://arxiv.org/abs/2001.00002) by 2021 [code](https://github.com/a/b)\n")
    assert not troubles
    assert [(r.authors, r.authors_incomplete) for r in rows] == [
        (["Wehenkel", "Louppe"], False), (["Cao", "Titov"], True), (["Brehmer", "Cranmer"], False),
        (None, False), (None, False)]


def test_a_model_name_before_a_linked_title_and_a_year_alone_after_a_title():
    """``GPT-2 [Title](link) 2019``: the model's name is the list's label, the link text the title, the lone year the
    row's; ``ICLR'24 [Title](link)``: a venue tag; ``Title. 2017. [[pdf]](…)`` and ``[Title](link). 2017.``: the
    year is no part of the title. A date as a link's label stays a date, a year inside a title stays the title's."""
    rows, troubles = _papers(
        "- GPT-2 [Language Models are Unsupervised Multitask Learners](https://cdn.example.org/x.pdf) 2019\n"
        "- ICLR'24 [Some Paper Title Here](https://arxiv.org/abs/2401.00001)\n"
        "- Attention Is All You Need. 2017. [[pdf]](https://papers.nips.cc/paper/7181.pdf)\n"
        "- [Deep Residual Learning for Image Recognition](https://www.cv-foundation.org/x.pdf). 2016.\n"
        "- Spatial Mixture-of-Experts [[24 Nov 2022]](https://arxiv.org/abs/2211.13491)\n"
        "- Findings of the WMT 2017 Shared Task [[pdf]](https://aclanthology.org/W17-4717.pdf)\n")
    assert not troubles
    assert [(r.title, r.year, r.venue) for r in rows] == [
        ("Language Models are Unsupervised Multitask Learners", 2019, ""),
        ("Some Paper Title Here", 2024, "ICLR'24"),
        ("Attention Is All You Need", 2017, ""),
        ("Deep Residual Learning for Image Recognition", 2016, ""),
        ("Spatial Mixture-of-Experts", 2022, ""),
        ("Findings of the WMT 2017 Shared Task", 2017, "")]
