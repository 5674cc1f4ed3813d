"""The layouts of sets 29 and 30 (tests/data/lists, SOURCES.md: ehr, federated, industrialad, quantumml, tinyml, xai;
contrastive, kd, pointcloud, robustml, slam, vqa), one small case each in the list's shape, and the line endings and
task-list boxes GitHub renders: what the reader must take from a row and what it must leave alone."""
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def test_links_before_the_title_are_the_rows_links_and_the_citation_after_it_gives_authors_and_year():
    """``- [[pdf](…)] - **Title**, A. Name et al. 2019.``: a reader sees the links, then the title, then who wrote it
    and when. A ``[ref](…)`` link leads to the paper as ``[pdf](…)`` does."""
    rows, troubles = read_list(
        "- [[pdf](https://arxiv.org/pdf/1811.12793)] - **TIFTI: A Framework for Extracting Drug Intervals from "
        "Longitudinal Clinic Notes**, M. Agrawal et al. 2019.\r\n\r\n"
        "- [[ref](https://www.ncbi.nlm.nih.gov/pubmed/29779949)] - **Disease Heritability Inferred from Familial "
        "Relationships Reported in Medical Records**, F. Polubriaginof et al. 2017.\r\n\r\n"
        "- [[pdf](https://arxiv.org/pdf/1908.08796.pdf)] - **Reinforcement Learning in Healthcare: A Survey**, C. Yu, et al. 2019.\r\n")
    assert not troubles
    assert [(r.line, r.title[:30], r.year, r.authors, r.authors_incomplete, r.needs_id) for r in rows] == [
        (1, "TIFTI: A Framework for Extract", 2019, ["M. Agrawal"], True, False),  # the row's year, not its arXiv id's
        (3, "Disease Heritability Inferred ", 2017, ["F. Polubriaginof"], True, False),
        (5, "Reinforcement Learning in Heal", 2019, ["C. Yu"], True, False)]
    assert row_ids(rows[0])["arxiv"] == "1811.12793"


def test_a_link_named_like_a_title_or_a_code_link_before_a_name_makes_no_paper():
    rows, _ = read_list("- [[code](https://github.com/a/ehr-tools)] - **EHR Tools**, a toolkit for health records\n")
    assert all(r.needs_id for r in rows)  # links only code: no record without an identifier
    (row,) = read_list("- [[arXiv](https://arxiv.org/abs/2404.14047)] How Good Are Low-bit Quantized LLaMA3 Models? "
                       "An Empirical Study [[code](https://github.com/a/b)]\n")[0]
    assert (row.title, row.venue) == ("How Good Are Low-bit Quantized LLaMA3 Models? An Empirical Study", "arXiv")


def test_names_then_a_year_after_a_linked_title_are_authors_not_a_venue():
    rows, _ = read_list(
        "- [Rethinking Data Augmentation: Self-Supervision and Self-Distillation](https://arxiv.org/abs/1910.05872), "
        "Hankook Lee, Sung Ju Hwang, Jinwoo Shin, 2019\n"
        "- [Wild Patterns: Ten Years After the Rise of Adversarial Machine Learning](https://arxiv.org/abs/1712.03141), "
        "B. Biggio, Pattern Recognition 2018\n"
        "- [Model-Agnostic Meta-Learning for Fast Adaptation](https://arxiv.org/abs/1703.03400), Chelsea Finn, "
        "Sergey Levine. ICML 2017.\n"
        "- [Predictive Biases in Natural Language Processing Models](https://www.aclweb.org/anthology/2020.acl-main.468), "
        "Shah, Deven Santosh and Hovy, Dirk, 2020\n")
    assert [(r.authors, r.venue, r.year) for r in rows] == [
        (["Hankook Lee", "Sung Ju Hwang", "Jinwoo Shin"], "", 2019),
        (["B. Biggio"], "Pattern Recognition 2018", 2018),  # a year glued to the last field is the venue's
        (["Chelsea Finn", "Sergey Levine"], "ICML 2017", 2017),  # a full stop after a name ends the authors
        (["Shah, Deven Santosh", "Hovy, Dirk"], "", 2020)]  # BibTeX's "Family, Given" names stay whole


def test_a_year_alone_before_or_after_a_linked_title_is_the_rows_year():
    rows, _ = read_list(
        "#### 2023\n"
        "- [2017: Unsupervised learning of visual representations by solving jigsaw puzzles](https://arxiv.org/abs/1603.09246)\n"
        "- [2010: Noise-contrastive estimation: A new estimation principle](http://proceedings.mlr.press/v9/gutmann10a/gutmann10a.pdf)\n"
        "- [2023: Inter-Instance Similarity Modeling for Contrastive Learning](https://arxiv.org/abs/2306.12243)\n\n"
        "## KD\n"
        "- [To Distill or Not to Distill: When Knowledge Transfer Undermines Safety](https://openreview.net/pdf/fed763a3.pdf),2026\n")
    assert [(r.title[:26], r.year) for r in rows] == [
        ("Unsupervised learning of v", 2017), ("Noise-contrastive estimati", 2010), ("Inter-Instance Similarity ", 2023),
        ("To Distill or Not to Disti", 2026)]


def test_task_list_boxes_are_checkboxes_not_text():
    """GitHub draws ``- [ ]`` and ``- [x]`` as checkboxes: the item after the box is read as any bullet."""
    rows, _ = read_list(
        "#### 2021\n"
        "- [ ] [Improving multimodal sentiment analysis: Supervised angular margin-based contrastive learning]"
        "(https://aclanthology.org/2023.findings-emnlp.980/)\n"
        "- [x] [Learning Transferable Visual Models From Natural Language Supervision](https://arxiv.org/abs/2103.00020)\n"
        "- [x] Buy milk\n")
    assert [(r.line, r.title[:28], r.year) for r in rows if not r.needs_id] == [
        (2, "Improving multimodal sentime", 2021), (3, "Learning Transferable Visual", 2021)]


def test_gbt_7714_references_with_a_linked_title_over_note_sub_bullets():
    """``+ [x] **[1]** Names. [**Title**](link)[J]. Venue, **2021**.`` with a translated title and an affiliation
    linking the code as sub-bullets: one paper, its own year; the notes are no papers."""
    rows, troubles = read_list(
        "#### 2021 年 6 月论文更新\n\n"
        "+ [x] **[1]** Bokovoy A, Muravyev K, Yakovlev K. [**MAOMaps: A Photo-Realistic Benchmark For vSLAM and Map "
        "Merging Quality Assessment**](https://arxiv.org/abs/2105.14994)[J]. arXiv preprint arXiv:2105.14994, **2020**.\n"
        "    + <font color = blue>**用于视觉 SLAM 和地图合并质量评估的逼真基准**</font>\n"
        "    + 俄罗斯科学院；[开源数据集](https://github.com/CnnDepth/MAOMaps)\n"
        "+ [ ] **[4]** Zhou L, Koppel D, Kaess M. [**LiDAR SLAM with Plane Adjustment for Indoor Environment**]"
        "(https://ieeexplore.ieee.org/abstract/document/9464638)[J]. IEEE Robotics and Automation Letters, **2021**.\n"
        "    + 悉尼科技大学\n")
    assert not troubles
    assert all(r.needs_id for r in rows if r.line in (5, 7))  # the notes link no paper: no record without an id
    assert [(r.line, r.title[:30], r.authors, r.venue, r.year) for r in rows if not r.needs_id] == [
        (3, "MAOMaps: A Photo-Realistic Ben", ["Bokovoy A", "Muravyev K", "Yakovlev K"],
         "arXiv preprint arXiv:2105.14994", 2020),
        (6, "LiDAR SLAM with Plane Adjustme", ["Zhou L", "Koppel D", "Kaess M"], "IEEE Robotics and Automation Letters", 2021)]


def test_bold_linked_titles_under_a_category_bullet_are_papers_and_the_category_is_none():
    rows, _ = read_list(
        "## 2017\n\n"
        "- CVPR\n"
        "  - [Fine-To-Coarse Global Registration of RGB-D Scans](https://openaccess.thecvf.com/a.pdf) [`registration`]\n"
        "- Others\n"
        "  - **[Pointnet++: Deep hierarchical feature learning on point sets](http://papers.nips.cc/paper/7095.pdf)** "
        "[`cls`; [Tensorflow](https://github.com/charlesq34/pointnet2); NIPS]\n"
        "  - [Deep Sets](https://papers.nips.cc/paper/2017/file/f22e.pdf) [[PyTorch](https://github.com/m/DeepSets); NIPS]\n"
        "  - [3D Object Proposals Using Stereo Imagery](https://arxiv.org/pdf/1608.07711.pdf) [`det`; TPAMI]\n")
    assert [(r.line, r.title[:20], r.year) for r in rows] == [
        (4, "Fine-To-Coarse Globa", 2017), (6, "Pointnet++: Deep hie", 2017), (7, "Deep Sets", 2017),
        (8, "3D Object Proposals ", 2017)]


def test_a_title_ends_before_the_pipe_that_separates_its_links():
    (row,) = read_list("- DEEP COMPRESSION: COMPRESSING DEEP NEURAL NETWORKS | [`[pdf]`](https://arxiv.org/pdf/1510.00149.pdf)\n")[0]
    assert row.title == "DEEP COMPRESSION: COMPRESSING DEEP NEURAL NETWORKS"


def test_line_endings_are_commonmarks_crlf_cr_and_lf_and_nothing_else():
    """A file may mix CRLF, CR and LF; a form feed or U+2028 inside a line ends nothing on GitHub, so the line
    numbers of the rows below it stay the file's."""
    from unlearn_bib.read.mdgfm import lines

    assert lines("a\r\nb\rc\nd\u2028e\x0cf\r\n") == ["a", "b", "c", "d\u2028e\x0cf"]
    rows, _ = read_list("# Papers\r\n\r\n- [A Study of Things \u2028in Context](https://arxiv.org/abs/2101.00001) (ICML 2021)\r"
                        "- [Another Study of Stuff](https://arxiv.org/abs/2101.00002) (NeurIPS 2021)\n"
                        "\x0c\r\n- [A Third Study of Matters](https://arxiv.org/abs/2101.00003) (ICLR 2022)\r\n")
    assert [(r.line, r.year) for r in rows] == [(3, 2021), (4, 2021), (6, 2022)]


def test_import_of_a_crlf_list_reports_the_lines_github_shows(run, tmp_path):
    source = tmp_path / "list.md"
    source.write_bytes(b"# Papers\r\n\r\n- [A Study of Things in Context](https://arxiv.org/abs/2101.00001) (ICML 2021)\r\n"
                       b"\r- [Another Study of Stuff](https://arxiv.org/abs/2101.00002) (NeurIPS 2021)\r\n")
    result = run("import", "--from", "markdown", source, "--papers", tmp_path / "p.yaml")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "p.yaml").read_text()
    assert "list.md, line 3" in text and "list.md, line 5" in text
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Papers\r\r- [Title](https://arxiv.org/abs/2101.00001) \xff\r")
    result = run("import", "--from", "markdown", bad, "--papers", tmp_path / "q.yaml")
    assert result.exit_code != 0 and "bad.md:3" in result.stderr and "Traceback" not in result.stderr


def test_a_venue_and_year_inside_the_link_text_and_a_short_name_on_the_line_above():
    """``FedNov:`` on its own line over ``[Title. NeurIPS 2020](link)``: the row is the link's line, its title the text
    before the full stop, its venue and year the rest; sentences that are no venue or date stay in the title."""
    rows, _ = read_list(
        "FedNov:\n"
        "[Tackling the Objective Inconsistency Problem in Heterogeneous Federated Optimization. NeurIPS 2020]"
        "(https://arxiv.org/abs/2007.07481)\n\n"
        "[Federated Optimization: Distributed Optimization Beyond the Datacenter. NIPS 2016 workshop.]"
        "(https://arxiv.org/pdf/1511.03575.pdf)\n\n"
        "[Communication-Efficient Learning of Deep Networks. 2016-02. AISTAT 2017.](https://arxiv.org/pdf/1602.05629.pdf)\n\n"
        "[Stochastic and Federated Optimization for Machine Learning. FL PhD Thesis. By Jakub]"
        "(https://arxiv.org/pdf/1707.01155.pdf)\n")
    assert [(r.line, r.title[:40], r.venue, r.year) for r in rows] == [
        (2, "Tackling the Objective Inconsistency Pro", "NeurIPS 2020", 2020),
        (4, "Federated Optimization: Distributed Opti", "NIPS 2016 workshop", 2016),
        (6, "Communication-Efficient Learning of Deep", "AISTAT 2017", 2016),  # the date is the row's year
        (8, "Stochastic and Federated Optimization fo", "", None)]
    assert rows[-1].title.endswith("FL PhD Thesis. By Jakub")


def test_a_chinese_year_month_heading_dates_a_reference_that_stops_at_its_type_tag():
    """``#### 2021 年 6 月论文更新（20 篇）`` ("June 2021 papers, 20") dates the rows under it, as ``## 2021-06`` does;
    ``Names. [**Title**](link)[J].`` with nothing after the tag is still a reference: its title, its authors."""
    (row,) = read_list(
        "#### 2021 年 6 月论文更新（20 篇）\n\n"
        "+ [ ] **[15]** Kumar H, Payne J J, Travers M, et al. [**Periodic SLAM: Using Cyclic Constraints to Improve "
        "Visual-Inertial SLAM on Legged Robots**](http://copland.udel.edu/~ghuang/04-Kumar_PeriodicSLAM.pdf)[J].\n")[0]
    assert (row.title[:13], row.authors, row.authors_incomplete, row.year) == (
        "Periodic SLAM", ["Kumar H", "Payne J J", "Travers M"], True, 2021)
    assert read_list("## 2021 年的综述与 2022 年的展望\n\n- [A Survey of Things](https://x.org/a.pdf)\n")[0][0].year is None


def test_hostile_lines_for_these_rules_take_linear_time():
    import time

    for line in ("- " + "[[pdf](https://x.org/a)] - " * 600 + "**Title of a Paper**",
                 "- [x] [Title of a Paper](https://x.org/a), " + "A Name, " * 2_400 + "2019",
                 "+ [ ] **[1]** " + "Name A, " * 1_800 + "[**Title**](https://x.org/a)[J]. 2021.",
                 "- [2017: " + "word " * 3_500 + "](https://x.org/a)," + " " * 1_000 + "2026",
                 "- Title " + "| " * 9_000 + "[`[pdf]`](https://x.org/a.pdf)",
                 "Name:\r\n[Title words here" + ". NIPS 2016" * 1_500 + "](https://arxiv.org/abs/1511.03575)"):
        started = time.perf_counter()
        assert len(line) < 20_000  # longer lines are reported, not read
        read_list((line + "\r\n") * 5)
        assert time.perf_counter() - started < 10, line[:40]  # quadratic backtracking would take minutes
