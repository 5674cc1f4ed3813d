"""The layouts of the twelfth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from listcases import fields as _rows
from listcases import one
from unlearn_bib.read.mdlist import Row, read_list
from unlearn_bib.read.mdnames import personal_names
from unlearn_bib.tasks.import_table import row_ids


def test_a_list_of_personal_names_is_never_a_title():
    assert personal_names("Y. You, T. Chen, Y. Sui, T. Chen, Z. Wang, and Y. Shen")
    assert personal_names("H. Zhang, S. Lin, W. Liu, P. Zhou, J. Tang, X. *Arxiv 2020*.")  # a venue and year after them
    assert personal_names("V. Verma, M.-T. Luong, K. Kawaguchi, H. Pham, andQ. V. Le. Arxiv 2020")
    assert personal_names("T. Kipf, E. van der Pol, and M. Welling") and personal_names("J. Zeng and P. Xie")
    for title in ("Learning, Reasoning, and Planning", "Deep Learning, Machine Vision, and Robot Control",
                  "GraphCL: Graph Contrastive Learning with Augmentations.", "Hinton et al", "A. B. Testing, and More Testing"):
        assert not personal_names(title), title
    # under a bullet that is no title (a venue), the authors line is reported, never a record titled with names
    rows, troubles = read_list("- **NeurIPS**\n"
                               "  - Y. You, T. Chen, and Y. Shen. *NIPS 2020*. [[pdf]](https://arxiv.org/abs/2010.13902)\n")
    assert rows == [] and [t.line for t in troubles] == [2] and "reads as a list of authors" in troubles[0].message


def test_a_titled_bullet_over_its_peoples_sub_bullet_is_one_paper():
    rows, troubles = read_list(
        "#### Global-Global Contrasting\n\n"
        "- GraphCL: Graph Contrastive Learning with Augmentations.\n"
        "  - Y. You, T. Chen, Y. Sui, T. Chen, Z. Wang, and Y. Shen. *NIPS 2020*. [[pdf]](https://proceedings.neurips.cc/"
        "paper/2020/file/3fe2-Paper.pdf) [[code]](https://github.com/Shen-Lab/GraphCL)\n"
        "- CSSL: Contrastive Self-Supervised Learning for Graph Classification.\n"
        "  - J. Zeng and P. Xie. *Arxiv 2020*. [[pdf]](https://arxiv.org/pdf/2009.05923.pdf)\n")
    assert not troubles
    assert [(r.line, r.title, r.venue, r.year, r.authors) for r in rows] == [
        (3, "GraphCL: Graph Contrastive Learning with Augmentations", "NIPS 2020", 2020,
         ["Y. You", "T. Chen", "Y. Sui", "T. Chen", "Z. Wang", "Y. Shen"]),
        (5, "CSSL: Contrastive Self-Supervised Learning for Graph Classification", "Arxiv 2020", 2020, ["J. Zeng", "P. Xie"])]
    assert rows[0].code == "https://github.com/Shen-Lab/GraphCL"


def test_a_year_or_venue_bullet_over_a_people_line_is_not_made_a_paper():
    rows, troubles = read_list("- 2020\n  - J. Zeng and P. Xie. *Arxiv 2020*. [[pdf]](https://arxiv.org/pdf/2009.05923.pdf)\n")
    assert rows == [] and len(troubles) == 1  # nothing invented: no title "2020", no title of names


def test_a_plain_title_then_its_people_then_a_venue_or_an_arxiv_id():
    rows, troubles = read_list(
        "1. Distilling the knowledge in a neural network. Hinton et al. arXiv:1503.02531\n"
        "13. Self-training with Noisy Student improves ImageNet classification. Xie, Qizhe et al.(Google) CVPR 2020\n"
        "17. Positive-Unlabeled Compression on the Cloud. Xu, Yixing et al. (HUAWEI) NeurIPS 2019\n"
        "19. QUEST: Quantized embedding space for transferring knowledge. Jain, Himalaya et al. arXiv:2020\n"
        "20. Conditional teacher-student learning. Z. Meng et al. ICASSP 2019\n"
        "22. MarginDistillation: distillation for margin-based softmax. Svitov, David & Alyamkin, Sergey. arXiv:2003.02586\n"
        "56. Wasserstein Contrastive Representation Distillation. Chen, Liqun et al. cvpr 2021 [[code]][1.59]\n")
    assert not troubles
    assert [(r.title, r.authors, r.authors_incomplete, r.venue, r.year) for r in rows] == [
        ("Distilling the knowledge in a neural network", ["Hinton"], True, "", None),  # the year: the arXiv id's
        ("Self-training with Noisy Student improves ImageNet classification", ["Xie, Qizhe"], True, "CVPR 2020", 2020),
        ("Positive-Unlabeled Compression on the Cloud", ["Xu, Yixing"], True, "NeurIPS 2019", 2019),
        ("QUEST: Quantized embedding space for transferring knowledge", ["Jain, Himalaya"], True, "", 2020),
        ("Conditional teacher-student learning", ["Z. Meng"], True, "ICASSP 2019", 2019),
        ("MarginDistillation: distillation for margin-based softmax", ["Svitov, David", "Alyamkin, Sergey"], False, "", None),
        ("Wasserstein Contrastive Representation Distillation", ["Chen, Liqun"], True, "cvpr 2021", 2021)]
    assert rows[0].needs_id and row_ids(rows[0]) == {"arxiv": "1503.02531"}


def test_pipe_fields_with_a_word_and_an_apostrophe_year_or_an_acronym_and_two_digits():
    assert _rows(
        "- Anomaly Detection of Time Series  | **[Thesis' 10]** |[`[pdf]`](https://conservancy.umn.edu/x/Cheboli.pdf)\n"
        "- BeatGAN: Anomalous Rhythm Detection | **[IJCAI 19]** | [`[pdf]`](https://www.ijcai.org/Proceedings/2019/0616.pdf)\n"
    ) == [("Anomaly Detection of Time Series", "Thesis' 10", 2010, False),
          ("BeatGAN: Anomalous Rhythm Detection", "IJCAI 19", 2019, False)]


def test_a_bullet_one_space_in_is_a_sibling_not_a_sub_bullet():
    assert [r.title for r in read_list(
        "- Long short term memory networks for anomaly detection | **[ESANN' 15]** |[`[pdf]`](https://www.researchgate.net/"
        "publication/304782562_Long)\n"
        " - LSTM-Based System-Call Language Modeling | **[arXiv' 16]** |   [`[pdf]`](https://arxiv.org/pdf/1611.01726.pdf)\n"
    )[0]] == ["Long short term memory networks for anomaly detection", "LSTM-Based System-Call Language Modeling"]


def test_an_escaped_slash_in_a_springer_doi_and_an_arxiv_doi_giving_both_identifiers():
    row = one("- A theory of learning from different domains [[ML2010]](https://link.springer.com/content/pdf/"
              "10.1007%2Fs10994-009-5152-4.pdf)\n")
    assert row_ids(row) == {"doi": "10.1007/s10994-009-5152-4"}
    row = Row(1, "T", "https://doi.org/10.48550/arXiv.2302.04023")
    assert row_ids(row) == {"arxiv": "2302.04023", "doi": "10.48550/arXiv.2302.04023"}


def test_a_full_stop_before_et_al_and_a_reference_style_code_link_after_the_venue():
    assert [(r.title, r.authors, r.venue, r.year) for r in read_list(
        "38. Distilling Effective Supervision from Severe Label Noise. Zhang, Zizhao. et al. CVPR 2020 [[code]][1.41]\n"
        "33. Role-Wise Data Augmentation for Knowledge Distillation. ICLR 2020 [[code]][1.36]\n")[0]] == [
        ("Distilling Effective Supervision from Severe Label Noise", ["Zhang, Zizhao"], "CVPR 2020", 2020),
        ("Role-Wise Data Augmentation for Knowledge Distillation", None, "ICLR 2020", 2020)]  # "[[code]][1.36]": a link
