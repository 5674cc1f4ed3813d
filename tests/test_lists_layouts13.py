"""The layouts of the thirteenth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def test_a_year_venue_tag_before_a_dash_gives_the_year_and_venue_not_the_title():
    rows, troubles = read_list(
        "## Papers & Code\n\n"
        "* 2015-CVPR - Training Deep Neural Networks on Noisy Labels with Bootstrapping. [[Paper]](https://arxiv.org/abs/"
        "1412.6596) [[Loss-Code-Unofficial-1]](https://github.com/edufonseca/icassp19/blob/master/losses.py)\n\n"
        "* 2014 - A Comprehensive Introduction to Label Noise. [[Paper]](https://www.elen.ucl.ac.be/es2014-10.pdf)\n\n"
        "* 2017-IEEE-TIFS - A Light CNN for Deep Face Representation with Noisy Labels. [[Paper]](https://arxiv.org/pdf/"
        "1511.02683.pdf)\n")
    assert not troubles
    assert [(r.line, r.title, r.venue, r.year) for r in rows] == [
        (3, "Training Deep Neural Networks on Noisy Labels with Bootstrapping", "CVPR", 2015),
        (5, "A Comprehensive Introduction to Label Noise", "", 2014),
        (7, "A Light CNN for Deep Face Representation with Noisy Labels", "IEEE-TIFS", 2017)]
    assert row_ids(rows[0])["arxiv"] == "1412.6596"


def test_a_reference_list_entry_gives_the_quoted_title_its_authors_venue_and_year():
    rows, troubles = read_list(
        "## 1.1 Survey\n\n"
        '**[1]** LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton. "**Deep learning**." Nature 521.7553 (2015): 436-444. '
        "[[pdf]](http://www.cs.toronto.edu/~hinton/absps/NatureDeepReview.pdf) **(Three Giants' Survey)** :star::star:\n\n"
        '**[15]** Srivastava, Nitish, et al. "**Dropout: a simple way to prevent neural networks from overfitting**." Journal '
        "of Machine Learning Research 15.1 (2014): 1929-1958. [[pdf]](https://www.cs.toronto.edu/~hinton/absps/JMLRdropout.pdf)\n\n"
        '**[28]** Le, Quoc V. "**Building high-level features using large scale unsupervised learning**." 2013 IEEE '
        "international conference on acoustics, speech and signal processing. IEEE, 2013. [[pdf]](http://arxiv.org/pdf/1112.6209.pdf&embed)\n\n"
        '**[20]** Chen, Tianqi, Ian Goodfellow, and Jonathon Shlens. "Net2net: Accelerating learning via knowledge transfer." '
        "arXiv preprint arXiv:1511.05641 (2015). [[pdf]](http://arxiv.org/abs/1511.05641)\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.authors, r.authors_incomplete) for r in rows] == [
        (3, "Deep learning", 2015, ["LeCun, Yann", "Yoshua Bengio", "Geoffrey Hinton"], False),
        (5, "Dropout: a simple way to prevent neural networks from overfitting", 2014, ["Srivastava, Nitish"], True),  # not pages
        (7, "Building high-level features using large scale unsupervised learning", 2013, ["Le, Quoc V"], False),
        (9, "Net2net: Accelerating learning via knowledge transfer", 2015, ["Chen, Tianqi", "Ian Goodfellow", "Jonathon Shlens"],
         False)]
    assert rows[0].venue == "Nature"  # volume, issue, pages and the comment after the links are no part of it
    assert row_ids(rows[2])["arxiv"] == "1112.6209" and row_ids(rows[3])["arxiv"] == "1511.05641"


def test_a_weekly_heading_dates_its_table_and_a_numbered_cell_is_titled_by_its_name():
    rows, troubles = read_list(
        "## Top ML Papers of the Week (June 23 - June 29) - 2025\n"
        "| **Paper**  | **Links** | \n"
        "| ------------- | ------------- |\n"
        "| 6) AlphaGenome  Google DeepMind introduces AlphaGenome, a powerful AI model designed to predict how genetic "
        "variants affect gene regulation. | [Paper](https://storage.googleapis.com/deepmind-papers/alphagenome.pdf), "
        "[Tweet](https://x.com/GoogleDeepMind/status/1937873589170237738) |\n"
        "| 2) MEM1  This work introduces MEM1, an RL framework for training language agents that operate efficiently. | "
        "[Paper](https://arxiv.org/abs/2506.15841), [Tweet](https://x.com/omarsar0/status/1) |\n")
    assert not troubles
    assert [(r.line, r.title, r.year) for r in rows] == [(4, "AlphaGenome", 2025), (5, "MEM1", 2025)]
    assert row_ids(rows[1])["arxiv"] == "2506.15841"


def test_a_table_rows_date_cell_makes_its_title_link_to_a_page_a_paper():
    rows, troubles = read_list(
        "|   Date  |       keywords       |      Institute     |    Paper    |\n"
        "|:-------:|:--------------------:|:------------------:|-------------|\n"
        "| 2021-12 |         Retro        |      DeepMind      | [Improving language models by retrieving from trillions of "
        "tokens](https://www.deepmind.com/publications/improving-language-models-by-retrieving-from-trillions-of-tokens) |\n"
        "| 2023-03 |         GPT 4        |       OpenAI       | [GPT-4 Technical Report](https://openai.com/research/gpt-4) |\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.needs_id) for r in rows] == [
        (3, "Improving language models by retrieving from trillions of tokens", 2021, False),
        (4, "GPT-4 Technical Report", 2023, False)]


def test_a_first_author_written_surname_first_stays_one_name():
    from unlearn_bib.read.mdinline import split_authors
    assert split_authors("LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton") == (
        ["LeCun, Yann", "Yoshua Bengio", "Geoffrey Hinton"], False)
    assert split_authors("Szegedy, Christian, et al.") == (["Szegedy, Christian"], True)
    assert split_authors("Smith, Jones") == (["Smith", "Jones"], False)  # two surnames, no initial
    assert split_authors("Hinton, Bengio, and LeCun") == (["Hinton", "Bengio", "LeCun"], False)  # surnames only
