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
        (3, "Training Deep Neural Networks on Noisy Labels with Bootstrapping", "CVPR 2015", 2015),
        (5, "A Comprehensive Introduction to Label Noise", "", 2014),
        (7, "A Light CNN for Deep Face Representation with Noisy Labels", "IEEE TIFS 2017", 2017)]
    assert row_ids(rows[0])["arxiv"] == "1412.6596"
