"""The layouts of the seventeenth and eighteenth unseen sets of lists (tests/data/lists, SOURCES.md), one small case
each, written in each list's shape: what a person sees in the rendered README, and what must stay out."""
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def test_a_table_whose_title_column_has_no_usual_name_is_read_by_its_linked_phrases():
    rows, _ = read_list(
        "| Year |  Articles, Thesis and Reports | Code |\n|------|------|------|\n"
        "| 1988 | [Creation by refinement: A creativity paradigm for gradient descent](http://ieeexplore.ieee.org/x) | No |\n"
        "| 2015 | [Deep convolutional networks on the pitch spiral](https://arxiv.org/abs/1511.05520) | No |\n"
        "| 2016 | [Automatic tagging using deep convolutional neural networks](https://arxiv.org/abs/1606.00298) | "
        "[GitHub](https://github.com/a/b) |\n")
    assert [(r.title[:24], r.year, row_ids(r).get("arxiv")) for r in rows] == [
        ("Creation by refinement: ", 1988, None), ("Deep convolutional netwo", 2015, "1511.05520"),
        ("Automatic tagging using ", 2016, "1606.00298")]


def test_a_table_of_short_names_or_of_descriptions_gives_no_rows():
    datasets = ("| Name | Description | Link |\n|---|---|---|\n"
                "| [MagnaTagATune](https://mirg.city.ac.uk/codeapps/the-magnatagatune-dataset) | 25,863 clips with tags | x |\n"
                "| [GTZAN](https://example.org/gtzan) | 1,000 clips of ten genres | x |\n")
    tools = ("| Tool | About |\n|---|---|\n| [librosa](https://github.com/librosa/librosa) | audio and music analysis in Python |\n"
             "| [madmom](https://github.com/CPJKU/madmom) | a library for music information retrieval |\n")
    assert read_list(datasets)[0] == [] and read_list(tools)[0] == []


def test_a_paragraph_of_prose_with_links_in_its_sentences_is_not_a_paper():
    rows, _ = read_list(
        "The role of this curated list is to gather scientific articles, thesis and reports on music.\n"
        "The list is currently under construction but feel free to contribute.\n"
        "There are already surveys on deep learning for [music generation](https://arxiv.org/pdf/1709.01620.pdf), "
        "[speech separation](https://arxiv.org/ftp/arxiv/papers/1708/1708.07524.pdf) and more.\n\n"
        "Deep Learning for Audio Signal Processing.\n"
        "H. Purwins, B. Li. IEEE JSTSP 2019. [[Paper](https://arxiv.org/abs/1905.00078)]\n")
    assert [(r.title, row_ids(r).get("arxiv")) for r in rows] == [("Deep Learning for Audio Signal Processing",
                                                                  "1905.00078")]


def test_arxiv_subject_classes_in_brackets_stay_in_the_venue_not_in_the_authors():
    rows, _ = read_list(
        "1. **NH-PINN: Neural homogenization based physics-informed neural network for multiscale problems**, *Wing Tat "
        "Leung, Guang Lin, Zecheng Zhang*, arXiv:2108.12942 [cs, math], 2021. [[paper](http://arxiv.org/pdf/2108.12942.pdf)]\n"
        "1. **Physics-Augmented Learning: A New Paradigm Beyond Physics-Informed Learning**, *Ziming Liu, Max Tegmark*, "
        "arXiv:2109.13901 [physics], 2021. [[paper](http://arxiv.org/pdf/2109.13901.pdf)]\n")
    assert [(r.authors, r.venue, r.year) for r in rows] == [
        (["Wing Tat Leung", "Guang Lin", "Zecheng Zhang"], "arXiv:2108.12942 [cs, math]", 2021),
        (["Ziming Liu", "Max Tegmark"], "arXiv:2109.13901 [physics]", 2021)]


def test_linked_titles_under_a_category_bullet_are_papers_and_the_category_is_not():
    rows, _ = read_list(
        "### Mitigation of Machine Learning Models\n"
        "* Adversarial Learning\n"
        "  * [Data Decisions and Theoretical Implications when Adversarially Learning Fair Representations]"
        "(https://arxiv.org/pdf/1707.00075.pdf)\n"
        "  * [Compositional Fairness Constraints for Graph Embeddings](http://proceedings.mlr.press/v97/bose19a/bose19a.pdf)\n\n"
        "* Calibration\n"
        "  * [Men Also Like Shopping: Reducing Gender Bias Amplification](https://arxiv.org/pdf/1707.09457.pdf)\n")
    assert [(r.title[:20], row_ids(r).get("arxiv")) for r in rows] == [
        ("Data Decisions and T", "1707.00075"), ("Compositional Fairne", None), ("Men Also Like Shoppi", "1707.09457")]


def test_a_yearless_title_linking_a_pdf_is_imported_but_not_under_datasets(run, tmp_path):
    from unlearn_bib.catalog.load import load_catalog

    md = tmp_path / "list.md"
    md.write_text("## Measurements of Fairness\n\n* [Fairness Definitions Explained](https://fairware.cs.umass.edu/papers/Verma.pdf)\n"
                  "* [Fairness Constraints:A Flexible Approach](http://www.jmlr.org/papers/volume20/18-262/18-262.pdf)\n\n"
                  "## Datasets\n\n* [New York Grand Central](http://www.ee.cuhk.edu.hk/~syi/cvpr2015_dataset.pdf)\n")
    out = tmp_path / "papers.yaml"
    assert run("import", "--from", "markdown", md, "--papers", out).exit_code == 0
    assert sorted((p.title, p.year) for p in load_catalog(out, strict=False)) == [
        ("Fairness Constraints:A Flexible Approach", None), ("Fairness Definitions Explained", None)]


def test_a_workshops_section_lists_events_and_a_curly_apostrophe_year_is_a_year():
    rows, _ = read_list(
        "### Hybrid Learning\n* SAINT: Improved Neural Networks for Tabular Data via Row Attention (NurIPS\u201822 Workshop on TRL) "
        "[[Paper]](https://arxiv.org/pdf/2106.01342.pdf)\n\n## Workshops\n"
        "* Table Representation Learning Workshop (ACL'25) [[Website]](https://table-representation-learning.github.io/ACL2025/)\n")
    assert [(r.title[:5], r.year) for r in rows] == [("SAINT", 2022)]


def test_a_full_width_comma_between_latin_words_separates_the_title_from_its_venue():
    rows, _ = read_list("* ContiFormer: Continuous-Time Transformer for Irregular Time Series Modeling\uff0cin *NeurIPS* 2023. "
                        "[\\[paper\\]](https://openreview.net/forum?id=YJDz4F2AZu)\n")
    assert [(r.title, r.year, row_ids(r).get("openreview")) for r in rows] == [
        ("ContiFormer: Continuous-Time Transformer for Irregular Time Series Modeling", 2023, "YJDz4F2AZu")]


def test_a_line_of_bracketed_tags_below_a_title_gives_the_date_and_the_venue():
    rows, _ = read_list(
        "**MIL-VT: Multiple Instance Learning Enhanced Vision Transformer for Fundus Image Classification** <br>\n"
        "*Shuang Yu, Kai Ma, Qi Bi*<br>\n[21st Sep., 2021] [MICCAI, 2021] \\\n"
        "[[PDF](https://link.springer.com/chapter/10.1007/978-3-030-87237-3_5)] [[GitHub](https://github.com/a/b)]\n")
    assert [(r.year, r.venue, r.authors) for r in rows] == [(2021, "MICCAI", ["Shuang Yu", "Kai Ma", "Qi Bi"])]
