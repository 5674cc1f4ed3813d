"""The layouts of the fourteenth, unseen set of lists (tests/data/lists, SOURCES.md: six computer-vision lists), one
small case each, written in each list's shape: what the reader must take from a row and what it must leave alone."""
import time

from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def test_a_bare_address_is_a_link_and_code_sub_bullets_are_the_papers_code():
    """GitHub renders a bare URL as a link: the short name before it is the title, ``[2015]`` its year, and the
    ``+ https://github.com/…`` sub-bullets (no title of their own) are its code, never papers."""
    rows, troubles = read_list(
        "- DeconvNet [https://arxiv.org/pdf/1505.04366.pdf] [2015]\n"
        "\t+ http://cvlab.postech.ac.kr/research/deconvnet/ [Caffe]\n"
        "\t+ https://github.com/HyeonwooNoh/DeconvNet [Caffe]\n"
        "\t+ https://github.com/y/seg [PyTorch][![GitHub stars](https://img.shields.io/github/stars/y/seg)](https://github.com/y/seg)\n"
        "- GCN [https://arxiv.org/pdf/1703.02719.pdf] [2017]\n"
        "- FCIS [https://arxiv.org/pdf/1611.07709.pdf]\n"
        "  + https://github.com/msracver/FCIS [MxNet]\n")
    assert not troubles
    assert [(r.line, r.title, r.year) for r in rows] == [(1, "DeconvNet", 2015), (5, "GCN", 2017), (6, "FCIS", None)]
    assert [row_ids(r)["arxiv"] for r in rows] == ["1505.04366", "1703.02719", "1611.07709"]


def test_bare_addresses_without_a_name_and_a_short_name_beside_a_paper_label_are_no_papers():
    rows, _ = read_list(
        "## Graphical Models (CRF, MRF)\n"
        "  + https://github.com/cvlab-epfl/densecrf\n"
        "  + http://vladlen.info/publications/efficient-inference-in-fully-connected-crfs/\n"
        "  + https://arxiv.org/abs/1210.5644\n\n"
        "__The datasets below__\n\n"
        "3. A3D  [paper](https://arxiv.org/abs/1903.00618?), [`Download link`](https://github.com/MoonBlvd/tad-IROS2019)\n")
    assert [r.title for r in rows if not r.needs_id] == []  # the bold note links nothing: no record without an id


def test_an_address_inside_a_link_target_code_or_html_is_left_alone():
    (row,) = read_list("- When will you do what? - Anticipating Temporal Occurrences of Activities, 2018 CVPR, "
                       "[code]( https://github.com/yabufarha/anticipating-activities)\n")[0]
    assert row.code == "https://github.com/yabufarha/anticipating-activities"
    rows, _ = read_list("Run `curl https://arxiv.org/abs/2401.01234` to fetch it.\n\n<img src=\"https://x.org/a.png\">\n")
    assert rows == []


def test_an_html_list_item_with_an_anchor_is_a_bullet_with_a_link():
    rows, troubles = read_list(
        "## Recommendations\n<ul>\n"
        '<li>Pose Guided Person Image Generation <a href="https://arxiv.org/abs/1705.09368">[arXiv]</a> \n'
        '<img src="http://it-caesar.com/github/pose-guided-person.png" alt="Pose guided person"></li>\n\n'
        "</ul>\n")
    assert not troubles
    assert [(r.line, r.title) for r in rows] == [(3, "Pose Guided Person Image Generation")]
    assert row_ids(rows[0]) == {"arxiv": "1705.09368"}


def test_a_plain_title_paragraph_with_a_paper_link_is_a_paper_and_prose_is_not():
    rows, _ = read_list(
        "## Review papers\n\n"
        "Multiple Object Tracking: A Literature Review [[paper](https://arxiv.org/pdf/1409.7618.pdf)]\n\n"
        "MOTChallenge: A Benchmark for Single-camera Multiple Target Tracking [[paper](https://arxiv.org/pdf/2010.07548.pdf)]"
        "  **new paper for new MOT researcher**\n\n"
        "Please read our survey first: [[paper](https://arxiv.org/abs/2401.01234)]\n\n"
        "See [the paper](https://arxiv.org/abs/2401.01235) for details.\n")
    assert [(r.line, r.title, r.venue) for r in rows] == [
        (3, "Multiple Object Tracking: A Literature Review", ""),
        (5, "MOTChallenge: A Benchmark for Single-camera Multiple Target Tracking", "")]


def test_a_bold_venue_after_the_links_and_a_bold_label_the_title_repeats():
    rows, _ = read_list(
        "### **2021**\n\n"
        "**OMC**: One More Check: Making \"Fake Background\" Be Tracked Again [[code](https://github.com/JudasDie/SOTS)] "
        "[[paper](https://arxiv.org/pdf/2104.09441.pdf)] **AAAI2022**\n\n"
        "**Hybrid-SORT**: Hybrid-SORT: Weak Cues Matter for Online Multi-Object Tracking "
        "[[paper](https://browse.arxiv.org/abs/2308.00783)] [[code](https://github.com/ymzis69/HybridSORT)] **AAAI 2024**\n\n"
        "**TPAGT**: Tracklets Predicting Based Adaptive Graph Tracking [[paper](https://arxiv.org/pdf/2010.09015v3.pdf)] "
        "**original FGAGT**\n")
    assert [(r.title, r.venue, r.year) for r in rows] == [
        ('OMC: One More Check: Making "Fake Background" Be Tracked Again', "AAAI2022", 2022),
        ("Hybrid-SORT: Weak Cues Matter for Online Multi-Object Tracking", "AAAI 2024", 2024),
        ("TPAGT: Tracklets Predicting Based Adaptive Graph Tracking", "", 2021)]  # a remark, not a venue
    assert row_ids(rows[1]) == {"arxiv": "2308.00783"}  # browse.arxiv.org


def test_names_then_a_parenthesised_venue_after_a_linked_title():
    rows, troubles = read_list(
        "- [DeepPose: Human Pose Estimation via Deep Neural Networks](https://arxiv.org/pdf/1312.4659.pdf) - Toshev, A., "
        "& Szegedy, C. (CVPR 2014)\n"
        "- [Efficient Object Localization Using Convolutional Networks](http://citeseerx.ist.psu.edu/x.pdf) - Tompson, J., "
        "Goroshin, R., & Bregler, C (CVPR 2015)\n"
        "- [Neural Body Fitting](https://arxiv.org/pdf/1808.05942.pdf) - [[CODE]](https://github.com/mohomran/nbf) - "
        "Omran, Mohamed and Gehler, Peter V. and Schiele, Bernt (3DV 2018)\n"
        "- [VNect: Real-time 3D Human Pose Estimation](http://gvv.mpi-inf.mpg.de/VNect.pdf) - Mehta, Dushyant et al. "
        "(SIGGRAPH 2017)\n"
        "- [Human Pose Estimation with Parsing Induced Learner](http://openaccess.thecvf.com/x.pdf)- Xuecheng Nie, "
        "Jiashi Feng, Shuicheng Yan (CVPR 2018)\n"
        "- [3D Human Pose Estimation in the Wild](https://arxiv.org/pdf/1803.09722.pdf) - Yang, W., & Wang, X. (2018)\n")
    assert not troubles
    assert [(r.authors, r.authors_incomplete, r.venue, r.year) for r in rows] == [
        (["Toshev, A.", "Szegedy, C."], False, "CVPR 2014", 2014),
        (["Tompson, J.", "Goroshin, R.", "Bregler, C"], False, "CVPR 2015", 2015),
        (["Omran, Mohamed", "Gehler, Peter V.", "Schiele, Bernt"], False, "3DV 2018", 2018),
        (["Mehta, Dushyant"], True, "SIGGRAPH 2017", 2017),
        (["Xuecheng Nie", "Jiashi Feng", "Shuicheng Yan"], False, "CVPR 2018", 2018),
        (["Yang, W.", "Wang, X."], False, "", 2018)]


def test_a_link_text_broken_over_two_lines_is_one_link():
    (row,) = read_list(
        "- [3D human pose estimation in video with temporal convolutions and\n"
        "semi-supervised training](https://arxiv.org/pdf/1811.11742.pdf) - [[CODE]](https://github.com/f/VideoPose3D) - "
        "Pavllo, D., & Auli, M (ArXiv 2018)\n")[0]
    assert (row.title, row.venue, row.authors) == (
        "3D human pose estimation in video with temporal convolutions and semi-supervised training", "ArXiv 2018",
        ["Pavllo, D.", "Auli, M"])


def test_a_venue_cell_linking_arxiv_and_a_code_labelled_arxiv_link():
    rows, _ = read_list(
        "### 2023\n\n|Title | Model | Published | Code | Keywords|\n|---|---|---|---|---|\n"
        "|Spatially-Adaptive Feature Modulation | SAFMN | [arxiv](https://arxiv.org/abs/2302.13800) | "
        "[code](https://github.com/sunny2109/SAFMN) | lightweight|\n"
        "|Omni Aggregation Networks for Lightweight Image Super-Resolution | Omni-SR | "
        "[CVPR23](https://github.com/Francis0625/Omni-SR) | [code](https://arxiv.org/pdf/2304.10244.pdf) |lightweight|\n")
    assert [(r.venue, r.year) for r in rows] == [("arxiv", 2023), ("CVPR23", 2023)]
    assert row_ids(rows[1]) == {"arxiv": "2304.10244"}  # arXiv holds papers, whatever the link's label


def test_hostile_addresses_and_brackets_read_fast():
    line = "- " + "https://a.org/[x " * 1000 + "\n" + "- [" * 5000 + "\nx](https://arxiv.org/abs/2401.01234)\n"
    start = time.perf_counter()
    read_list(line * 3)
    assert time.perf_counter() - start < 2.0


def test_a_date_cell_written_yy_mm_dd_gives_its_year():
    rows, troubles = read_list(
        "*Conf.* | *Date* | *Title* | *IC13* | *IC15* | *Resources* |\n:---: | :---: | :--- | :---: | :---: | :---: |\n"
        "15-CVPR\t| 15/06/01\t| [Symmetry-based text line detection in natural scenes](https://www.cv-foundation.org/"
        "openaccess/content_cvpr_2015/papers/Zhang_Symmetry-Based_Text_Line_2015_CVPR_paper.pdf) | [0.80]() | - |\n")
    assert not troubles
    assert [(r.title, r.year) for r in rows] == [("Symmetry-based text line detection in natural scenes", 2015)]
