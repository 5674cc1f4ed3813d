"""The layouts of the fifth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
import pytest

from listcases import one as _one
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def test_labelled_bullets_under_a_paper_heading_are_notes_on_that_paper():
    rows, _ = read_list(
        "## Papers and Summaries\n\n"
        "### [The Hidden Life of Tokens: Reducing Hallucination](https://arxiv.org/abs/2502.03628)\n"
        "- **Metrics:** CHAIRs, CHAIRi, POPE Accuracy/F1, MME score\n"
        "- **Datasets:** MSCOCO 2014 (CHAIR, 500 images), POPE (COCO subset), MME\n"
        "- **Comments:** Introduces **VISTA**, a training-free inference-time framework (LLaVA-1.5, MiniGPT-4, "
        "Shikra, InstructBLIP) under three decoding strategies.\n\n"
        "### [Look Twice Before You Answer](https://arxiv.org/abs/2410.03577)\n"
        "- **Metrics:** AUROC, AUPR\n"
        "- **Dataset:** HotpotQA, TriviaQA\n")
    assert [(r.line, r.title) for r in rows] == [(3, "The Hidden Life of Tokens: Reducing Hallucination"),
                                                 (8, "Look Twice Before You Answer")]


def test_a_labelled_bullet_that_links_a_paper_under_a_heading_stays_a_row():
    rows, _ = read_list("### [A Survey of Things](https://arxiv.org/abs/2401.00001)\n"
                        "- **Extension:** [A Longer Study of Things](https://arxiv.org/abs/2402.00002)\n")
    assert len(rows) == 2


@pytest.mark.parametrize("line, title, venue, year", [
    ('8. "Deep Learning for Code Intelligence: Survey, Benchmark and Toolkit" [2023-12] '
     "[[paper](https://arxiv.org/abs/2401.00288)]",
     "Deep Learning for Code Intelligence: Survey, Benchmark and Toolkit", "", 2023),
    ('1. **NL2Code**: "Large Language Models Meet NL2Code: A Survey" [2022-12] [ACL 2023] '
     "[[paper](https://arxiv.org/abs/2212.09420)]",
     "Large Language Models Meet NL2Code: A Survey", "ACL 2023", 2023),
    ('20. **Gemma**: "Gemma: Open Models Based on Gemini Research and Technology" [2024-02] '
     "[[paper](https://storage.googleapis.com/deepmind-media/gemma/gemma-report.pdf)] [[blog](https://blog.google/x/)]",
     "Gemma: Open Models Based on Gemini Research and Technology", "", 2024),
])
def test_a_quoted_title_then_bracketed_date_and_venue_tags(line, title, venue, year):
    row = _one(line + "\n")
    assert (row.title, row.venue, row.year) == (title, venue, year)


def test_the_venue_as_the_label_of_the_paper_link_before_a_plain_title():
    rows, _ = read_list(
        "## 2019\n"
        "- [[CVPR](http://export.arxiv.org/abs/1904.07601)] Relation-Shape Convolutional Neural Network for Point Cloud "
        "Analysis. [[pytorch](https://github.com/a/b)] [__`cls.`__ __`seg.`__ __`oth.`__] :fire:\n"
        "- [[CVPR](https://raoyongming.github.io/files/SFCNN.pdf)] Spherical Fractal Convolutional Neural Networks. "
        "[__`cls.`__ __`seg.`__]\n"
        "- [[CVPR](http://openaccess.thecvf.com/content_CVPR_2019/html/x.html)] Argoverse: 3D Tracking and Forecasting "
        "With Rich Maps.[__`tra.`__ __`aut.`__]\n"
        "- [[CVPRW](http://openaccess.thecvf.com/x.pdf)] Attentional PointNet for 3D-Object Detection. [__`det.`__]\n"
        "-\n")
    assert [(r.title, r.venue, r.year) for r in rows] == [
        ("Relation-Shape Convolutional Neural Network for Point Cloud Analysis", "CVPR", 2019),
        ("Spherical Fractal Convolutional Neural Networks", "CVPR", 2019),
        ("Argoverse: 3D Tracking and Forecasting With Rich Maps", "CVPR", 2019),
        ("Attentional PointNet for 3D-Object Detection", "CVPRW", 2019)]
    assert row_ids(rows[0]) == {"arxiv": "1904.07601"}


@pytest.mark.parametrize("line, title, venue, year", [
    ("[XAI meets LLMs: A Survey](http://arxiv.org/abs/2407.15248), Arxiv 2024", "XAI meets LLMs: A Survey", "Arxiv 2024", 2024),
    ("[Machine learning interpretability: A survey](https://www.mdpi.com/2079-9292/8/8/832), Electronics, 2019",
     "Machine learning interpretability: A survey", "Electronics", 2019),
    ("[Visual Analytics in Deep Learning](https://ieeexplore.ieee.org/document/8371286), IEEE Transactions on "
     "Visualization and Computer Graphics, 2019", "Visual Analytics in Deep Learning",
     "IEEE Transactions on Visualization and Computer Graphics", 2019),
    ("[Explanation in Artificial Intelligence](https://arxiv.org/pdf/1706.07269.pdf), 2017 arxiv preprint",
     "Explanation in Artificial Intelligence", "arxiv preprint", 2017),
    ("[From Anecdotal Evidence to Quantitative Evaluation](https://arxiv.org/pdf/2201.08164.pdf), ArXiv preprint 2022. "
     "[Corresponding website with collection of XAI methods](https://utwente-dmb.github.io/xai-papers/)",
     "From Anecdotal Evidence to Quantitative Evaluation", "ArXiv preprint 2022", 2022),
    ("[Artificial intelligence should support clinical reasoning](https://www.nature.com/articles/s41746-025-01725-9), "
     "NPJ Digit. Med. 2025", "Artificial intelligence should support clinical reasoning", "NPJ Digit. Med. 2025", 2025),
])
def test_a_paragraph_of_a_linked_title_then_venue_and_year(line, title, venue, year):
    row = _one("## Survey Papers\n\n" + line + "\n\n")
    assert (row.title, row.venue, row.year, row.authors) == (title, venue, year, None)


def test_a_link_inside_a_prose_paragraph_or_a_library_line_is_not_a_paper():
    rows, _ = read_list("## Papers\n\nWe mainly follow the taxonomy in the [survey paper](http://arxiv.org/abs/1802.01933)"
                        " and divide the papers into branches.\n\n"
                        "## Python Libraries\n\nAIF360: [https://github.com/Trusted-AI/AIF360]"
                        "(https://github.com/Trusted-AI/AIF360), ![](https://img.shields.io/github/stars/a/b.svg)\n")
    assert rows == []


def test_among_books_only_a_title_that_links_an_arxiv_paper_is_a_paper():
    rows, _ = read_list(
        "## Books\n\n"
        "[Explainable AI: Interpreting, Explaining and Visualizing](http://link.springer.com/10.1007/978-3-030-28954-6), "
        "Springer 2019\n\n"
        "[Explanation in Artificial Intelligence: Insights](https://arxiv.org/pdf/1706.07269.pdf), 2017 arxiv preprint\n\n"
        "[Interpretable Machine Learning A Guide](https://christophm.github.io/interpretable-ml-book/)\n")
    assert [(r.title, r.year) for r in rows] == [("Explanation in Artificial Intelligence: Insights", 2017)]


def test_a_pdf_link_with_a_broken_target_still_marks_the_item_its_authors_describe():
    rows, _ = read_list(
        "#### 2021\n"
        "-   Contrastive Learning Inverts the Data Generating Process.\n"
        "    [[pdf]](Contrastive Learning Inverts the Data Generating Process)\n"
        "    -   Roland S. Zimmermann, Yash Sharma, Steffen Schneider, Matthias Bethge, Wieland Brendel. **ICML 2021**\n")
    assert [(r.title, r.venue, r.year, r.authors) for r in rows] == [
        ("Contrastive Learning Inverts the Data Generating Process", "ICML 2021", 2021,
         ["Roland S. Zimmermann", "Yash Sharma", "Steffen Schneider", "Matthias Bethge", "Wieland Brendel"])]


@pytest.mark.parametrize("url, year", [
    ("https://aclanthology.org/2025.emnlp-main.1761/", 2025),
    ("https://aclanthology.org/2024.findings-acl.12.pdf", 2024),
    ("https://www.aclweb.org/anthology/P19-1001.pdf", 2019),
    ("https://aclanthology.org/W98-1001/", 1998),
])
def test_an_acl_anthology_id_gives_the_year_when_nothing_else_does(url, year):
    rows, _ = read_list(f"## Papers and Summaries\n\n### [Bold Claims or Self-Doubt? A Study]({url})\n"
                        "- **Metrics:** Accuracy\n")
    assert [(r.title, r.year) for r in rows] == [("Bold Claims or Self-Doubt? A Study", year)]
    row = _one(f"- [Bold Claims or Self-Doubt? A Study]({url}) (EMNLP 2021)\n")
    assert row.year == 2021  # the row's own venue year comes first
