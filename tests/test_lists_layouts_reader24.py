"""The layouts of the twenty-fourth unseen set (tests/data/lists, SOURCES.md: decision trees, deep vision, medical
imaging, recommender systems), one small case each in the list's shape: what the reader must take from a row, and
what it must leave alone."""
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.read.mdnick import cited_title
from unlearn_bib.tasks.import_table import row_ids


def _papers(text):
    rows, troubles = read_list(text)
    return [r for r in rows if not r.needs_id or row_ids(r)], troubles


def test_a_short_name_with_the_links_over_a_citation_is_the_citations_paper():
    """``* Microsoft (Deep Residual Learning) [[Paper](…)]`` over ``  * A, B, Title, arXiv:ID.``: one paper, the
    citation's title and authors on the citation's line, with the name's links; the name is no record."""
    rows, troubles = _papers(
        "* Microsoft (Deep Residual Learning) [[Paper](http://arxiv.org/pdf/1512.03385v1.pdf)][[Slide](http://x.org/s.pdf)]\n"
        "  * Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun, Deep Residual Learning for Image Recognition, arXiv:1512.03385.\n"
        "* OverFeat, NYU [[Paper]](http://arxiv.org/pdf/1312.6229.pdf)\n"
        "  * OverFeat: Integrated Recognition, Localization and Detection using Convolutional Networks, ICLR, 2014.\n"
        "* GFRNN [[Paper-arXiv](http://arxiv.org/pdf/1502.02367)] [[Code](https://github.com/a/b)]\n"
        "  * Junyoung Chung, Caglar Gulcehre, *Gated Feedback Recurrent Neural Networks*, arXiv:1502.02367 / ICML 2015\n"
        "* Segmental RNN [[Paper](http://arxiv.org/pdf/1511.06018v2.pdf)]\n"
        "  * Lingpeng Kong, Chris Dyer, Noah Smith, \"Segmental Recurrent Neural Networks\", ICLR 2016.\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.venue) for r in rows] == [
        (2, "Deep Residual Learning for Image Recognition", None, ""),
        (4, "OverFeat: Integrated Recognition, Localization and Detection using Convolutional Networks", 2014, "ICLR 2014"),
        (6, "Gated Feedback Recurrent Neural Networks", 2015, "ICML 2015"),
        (8, "Segmental Recurrent Neural Networks", 2016, "ICLR 2016")]
    assert rows[0].authors == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]
    assert "http://arxiv.org/pdf/1512.03385v1.pdf" in [u for _, u, _ in rows[0].links]
    assert "arXiv:1502.02367" in rows[2].text


def test_a_named_bullet_over_a_citation_without_venue_and_a_title_bullet_over_its_people_stay_as_they_were():
    """A citation that gives no title (``A, B. *ICML*, 2015``) or a sub-bullet of names under a title leaves the
    bullet as it is: the bullet's own text is the title, the names are its authors, never a title."""
    rows, _ = _papers(
        "- Open Problems in Machine Unlearning for AI Safety. [[paper]](https://arxiv.org/abs/2501.04952)\n"
        "  - Fazl Barez, Tingchen Fu, Aidan O'Gara, Robert Kirk, Yarin Gal.\n"
        "- Gated Feedback RNN [[Paper](http://arxiv.org/pdf/1502.02367)]\n"
        "  - Junyoung Chung and Caglar Gulcehre. *ICML*, 2015.\n")
    assert [(r.line, r.title) for r in rows] == [(1, "Open Problems in Machine Unlearning for AI Safety"),
                                                 (3, "Gated Feedback RNN")]
    assert cited_title("Aidan O'Gara, Robert Kirk, Ben Bucknall, Tim Fist.") is None
    assert cited_title("A. Smith and B. Jones, *Neural Computation*, 1997") is None


def test_a_bold_title_with_its_venue_over_an_authors_and_a_paper_link_sub_bullet_is_one_paper():
    """``- **Title (AAAI 2022)**`` / ``  - A, B, C`` / ``  - [[Paper]](…)``: one paper; its authors from the
    unlabelled names sub-bullet (one person too), the link from the last."""
    rows, troubles = _papers(
        "## 2022\n\n"
        "- **Robust Optimal Classification Trees against Adversarial Examples (AAAI 2022)**\n"
        "  - Daniël Vos, Sicco Verwer\n"
        "  - [[Paper]](https://arxiv.org/abs/2109.03857)\n\n"
        "- **Extending Decision Tree to Handle Multiple Fairness Criteria (IJCAI 2022)**\n"
        "  - Alessandro Castelnovo\n"
        "  - [[Paper]](https://www.ijcai.org/proceedings/2022/0822.pdf)\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.authors) for r in rows] == [
        (3, "Robust Optimal Classification Trees against Adversarial Examples", 2022, ["Daniël Vos", "Sicco Verwer"]),
        (7, "Extending Decision Tree to Handle Multiple Fairness Criteria", 2022, ["Alessandro Castelnovo"])]


def test_a_topic_bullet_over_links_to_venues_home_pages_is_no_paper():
    """``- Machine learning`` over ``* [NeurIPS](https://nips.cc/)`` bullets: a list of venues, not a paper."""
    rows, _ = read_list(
        "- Machine learning\n   * [NeurIPS](https://nips.cc/) \n   * [ICML](https://icml.cc/) \n   * [ICLR](https://iclr.cc/)\n"
        "- Data\n   * [KDD](https://www.kdd.org/)\n   * [SDM](https://www.siam.org/Conferences/CM/Conference/sdm19)\n")
    assert rows == []


def test_slides_are_no_paper():
    """A linked PDF whose tag or title says slides is a talk; a paper beside it stays."""
    rows, _ = _papers(
        "### Classic\n"
        "* [[Baidu slides] DNN in Baidu Ads (Baidu 2017)](https://github.com/a/b/blob/master/x.pdf) <br />\n"
        "* [[Airbnb] Search Ranking and Personalization at Airbnb Slides (Airbnb 2018)](https://github.com/a/b/blob/master/y.pdf)\n"
        "* [[DCN] Deep & Cross Network for Ad Click Predictions (Stanford 2017)](https://github.com/a/b/blob/master/z.pdf)\n")
    assert [r.title for r in rows] == ["Deep & Cross Network for Ad Click Predictions"]


def test_a_j_c_column_is_the_venue_and_a_row_without_a_paper_link_is_kept():
    """``| Technique | … | Paper Title | DB | J/C | Year |``: "J/C" (journal or conference) is the venue column, so a
    row whose only links are its datasets' is a paper all the same."""
    rows, _ = _papers(
        "| Technique | Modality | Area | Paper Title| DB | J/C | Year |\n"
        "| ------ | ----------- | ----------- | ----------- |---|----------- | ---- |\n"
        "| CNN  | RGB | Eye | Fast Training Using Selective Data Sampling [[pdf]](http://ieeexplore.ieee.org/document/7401052/) "
        "| [DRD](https://www.kaggle.com/c/drd/data) | MICCAI | 2016|\n"
        "| NN | H&E | N/A | Deep learning of feature representation for medical image analysis [[pdf]]() | | ICASSP| 2014|\n")
    assert [(r.line, r.venue, r.year) for r in rows] == [(3, "MICCAI", 2016), (4, "ICASSP", 2014)]


def test_a_citation_bullet_with_a_linked_or_italic_title_after_the_names():
    """``* A, B, and C, [Title](link), Nature 2015``: the link text is the title (not the last name), the names the
    authors; ``* A, Jan "Honza" Cernocky, *Title*, ICASSP 2011 [[Paper](…)]``: a nickname in quotes is part of a name."""
    rows, troubles = _papers(
        "### Surveys\n"
        "* Yann LeCun, Yoshua Bengio, and Geoffrey Hinton, [Deep Learning](http://www.nature.com/x/nature14539.pdf), Nature 2015\n"
        "* Zachary C. Lipton, [A Critical Review of Recurrent Neural Networks](http://arxiv.org/pdf/1506.00019), arXiv:1506.00019\n"
        "* Tomas Mikolov, Jan \"Honza\" Cernocky, *Extensions of Recurrent Neural Network Language Model*, ICASSP 2011 "
        "[[Paper](http://www.fit.vutbr.cz/x.pdf)]\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.venue) for r in rows] == [
        (2, "Deep Learning", 2015, "Nature 2015"),
        (3, "A Critical Review of Recurrent Neural Networks", None, ""),
        (4, "Extensions of Recurrent Neural Network Language Model", 2011, "ICASSP 2011")]
    assert rows[0].authors == ["Yann LeCun", "Yoshua Bengio", "Geoffrey Hinton"]
    assert rows[2].authors == ["Tomas Mikolov", 'Jan "Honza" Cernocky']
    assert "arXiv:1506.00019" in rows[1].text


def test_theses_under_a_books_and_thesis_heading_dated_by_the_persons_bullet():
    """``### Books / Thesis`` with ``* Alex Graves (2008)`` over ``  * [Title](thesis.pdf)``: the thesis is read, dated
    2008; a plain ``### Books`` section is still left out."""
    rows, _ = _papers(
        "### Books / Thesis\n"
        "* Alex Graves (2008)\n"
        "  * [Supervised Sequence Labelling with Recurrent Neural Networks](http://www.cs.toronto.edu/~graves/preprint.pdf)\n"
        "### Books\n"
        "* Ian Goodfellow (2016)\n"
        "  * [Deep Learning Book Chapter Ten](http://www.deeplearningbook.org/contents/rnn.pdf)\n")
    assert [(r.line, r.title, r.year) for r in rows] == [
        (3, "Supervised Sequence Labelling with Recurrent Neural Networks", 2008)]


def test_hostile_names_and_citations_take_linear_time():
    """The new rules on long hostile lines: a named bullet over a sub-bullet of thousands of names and commas, a
    citation opened by a quote or an asterisk that never closes, a title link never closed, a long bold tag."""
    import time

    names = "Kaiming He, " * 1_500
    cases = [
        "* Name [[Paper](http://arxiv.org/pdf/1512.03385)]\n  * " + names + "Title Words Here, arXiv:1512.03385.\n",
        "* Name [[Paper](http://arxiv.org/pdf/1512.03385)]\n  * " + names + "*" + "Title " * 2_000 + "\n",
        "* " + names + "[" + "Title words " * 1_000 + "](" + "x" * 5_000 + "\n",
        "* " + names + "\"" + "a \"b\" c " * 2_000 + "\n",
        "- **" + "Title (AAAI 2022) " * 1_000 + "**\n  - " + names + "\n  - [[Paper]](https://arxiv.org/abs/2109.03857)\n",
        "* " + "Alex Graves " * 1_500 + "(2008)\n  * [Title of a Thesis Here](http://x.org/t.pdf)\n",
    ]
    for text in cases:
        started = time.perf_counter()
        read_list("## Books / Thesis\n" + text * 5)
        assert time.perf_counter() - started < 10  # quadratic backtracking would take minutes


def test_plain_citations_names_first_and_a_linked_short_name_over_its_citation():
    """``* Ross Girshick, Fast R-CNN, ICCV 2015. [[Paper]](…)``: the names are the authors, the title stands between
    them and the venue (a short title too); ``* [ResNet](link)`` over ``  * A, B, Title, CVPR, 2016.``: the linked
    one- or two-word name is no title, the citation's is. A linked title of three words or more over a citation that
    only gives names and a venue stays the title (``- [Boosted Off-Policy Learning](…)`` / ``  - A, and B. arXiv, 2022.``)."""
    rows, troubles = _papers(
        "* Ross Girshick, Fast R-CNN, ICCV 2015. [[Paper]](http://arxiv.org/pdf/1504.08083)\n"
        "* Karel Lenc, Andrea Vedaldi, R-CNN minus R, BMVC, 2015. [[Paper]](http://arxiv.org/pdf/1506.06981)\n"
        "* [ResNet](http://arxiv.org/pdf/1512.03385)\n"
        "  * Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun, Deep Residual Learning for Image Recognition, CVPR, 2016.\n"
        "- [Boosted Off-Policy Learning](https://arxiv.org/abs/2208.01148)\n"
        "  - Ben London, Levi Lu, Ted Sandler, and Thorsten Joachims. arXiv, 2022.\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.authors[0]) for r in rows] == [
        (1, "Fast R-CNN", 2015, "Ross Girshick"),
        (2, "R-CNN minus R", 2015, "Karel Lenc"),
        (4, "Deep Residual Learning for Image Recognition", 2016, "Kaiming He"),
        (5, "Boosted Off-Policy Learning", 2022, "Ben London")]
    assert rows[2].links[0][1] == "http://arxiv.org/pdf/1512.03385"


def test_a_short_tag_opening_a_linked_title_is_not_part_of_it():
    """``* [[DCN] Deep & Cross Network for Ad Click Predictions (Stanford 2017)](…)``: the bracketed ``[DCN]`` is the
    list's short name shown before the title; a plain title keeps its brackets."""
    rows, _ = _papers(
        "### Classic\n"
        "* [[DCN] Deep & Cross Network for Ad Click Predictions (Stanford 2017)](https://github.com/a/b/blob/master/z.pdf)\n"
        "* [[FFM] Field-aware Factorization Machines in a Real-world Online Advertising System (Criteo 2017)](https://x.org/f.pdf)\n")
    assert [(r.title, r.year) for r in rows] == [
        ("Deep & Cross Network for Ad Click Predictions", 2017),
        ("Field-aware Factorization Machines in a Real-world Online Advertising System", 2017)]
