"""The layouts of the twenty-sixth unseen set (tests/data/lists, SOURCES.md: multi-agent RL, game AI, architecture
search, meta-learning, uncertainty, model-based RL), one small case each in the list's shape: what the reader must
take from a row, and what it must leave alone."""
import time

from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def _papers(text):
    rows, troubles = read_list(text)
    return [r for r in rows if not r.needs_id or row_ids(r)], troubles


def test_numbered_references_with_a_bold_title_are_papers():
    """``**[n]** Authors. **Title**. Tail, year.``: a bibliography as printed, no links at all. The bold span is the
    title (not the number), the names before it the authors, the last year of the tail (or APA's year after the
    names) the year; an arXiv id written out is the row's id, never a year."""
    rows, troubles = _papers(
        "### 1 Legacy Papers\n\n"
        "**[1]** Nicolas Schweighofer and Kenji Doya. **Meta-learning in reinforcement learning**. Neural Networks, "
        "16(1):5–9, 2003.\n\n"
        "**[2]** Sepp Hochreiter, A Steven Younger, and Peter R Conwell. **Learning to learn using gradient descent**. In\n"
        "International Conference on Artificial Neural Networks, pages 87–94. Springer, 2001.\n\n"
        "## 2 Recent Papers\n\n"
        "**[1]** Andrychowicz, Marcin, Denil, Misha, and de Freitas, Nando. **Learning to learn by gradient descent by "
        "gradient descent**. In Advances in Neural Information Processing Systems, pp. 3981–3989, 2016\n\n"
        "**[16]** Finn, C., Abbeel, P., & Levine, S. (2017). **Model-Agnostic Meta-Learning for Fast Adaptation of Deep "
        "Networks**. arXiv preprint arXiv:1703.03400.\n\n"
        "**[18]** Munkhdalai T, Yu H. **Meta Networks**. arXiv preprint arXiv:1703.00837, 2017.\n\n"
        "**[29]** Flood Sung, Yongxin Yang, Hospedales T, et al **Learning to Compare: Relation Network for Few Shot "
        "Learning**. arXiv preprint arXiv:2001.06025, 2017.\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.venue) for r in rows] == [
        (3, "Meta-learning in reinforcement learning", 2003, "Neural Networks"),
        (5, "Learning to learn using gradient descent", 2001, "International Conference on Artificial Neural Networks"),
        (10, "Learning to learn by gradient descent by gradient descent", 2016,
         "Advances in Neural Information Processing Systems"),
        (12, "Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks", 2017, "arXiv preprint"),
        (14, "Meta Networks", 2017, "arXiv preprint"),
        (16, "Learning to Compare: Relation Network for Few Shot Learning", 2017, "arXiv preprint")]
    assert rows[2].authors == ["Andrychowicz, Marcin", "Denil, Misha", "de Freitas, Nando"]
    assert (rows[3].authors, row_ids(rows[3])) == (["Finn, C.", "Abbeel, P.", "Levine, S."], {"arxiv": "1703.03400"})
    assert rows[4].authors == ["Munkhdalai T", "Yu H."]
    assert (rows[5].authors_incomplete, rows[5].authors[:2]) == (True, ["Flood Sung", "Yongxin Yang"])


def test_a_bold_span_in_prose_or_a_bold_title_first_is_no_reference():
    rows, _ = _papers(
        "**[1]** See the list below. **Note**: this list is updated every week.\n\n"
        "Thanks to Alice Smith and Bob Jones. **Please star** the repository, 2024.\n\n"
        "**[2]** LeCun, Yann, and Geoffrey Hinton. \"**Deep learning**.\" Nature 521.7553 (2015): 436-444.\n")
    assert [(r.line, r.title) for r in rows] == [(5, "Deep learning")]  # a quoted title: the older rule's, as before
    assert rows[0].venue != "\" Nature 521.7553"


def test_a_nested_authors_line_with_a_short_venue_year():
    """``- Title [[pdf]](…)`` over ``  - A, B. *ICLR'17*``: the sub-bullet is the title's citation; ``ICLR'17`` gives
    2017 (not the arXiv id's 2016), ``Arxiv 1707`` the arXiv month's year; a name linked to a home page is a name."""
    rows, troubles = _papers(
        "- Neural Architecture Search with Reinforcement Learning [[pdf]](https://arxiv.org/abs/1611.01578)\n"
        "  - Barret Zoph and Quoc V. Le. *ICLR'17*\n"
        "- Learning Transferable Architectures for Scalable Image Recognition [[pdf]](https://arxiv.org/abs/1707.07012)\n"
        "  - Barret Zoph, Vijay Vasudevan, Jonathon Shlens, Quoc V. Le. *Arxiv 1707*\n"
        "- DPP-Net: Device-aware Progressive Search for Pareto-optimal Neural Architectures "
        "[[pdf]](https://arxiv.org/abs/1806.08198)\n"
        "  - [Jin-Dong Dong](https://markdtw.github.io), An-Chieh Cheng, Min Sun. *ECCV'18*\n"
        "- Simple and efficient architecture search [[pdf]](http://example.org/elsken.pdf)\n"
        "  - Thomas Elsken, Frank Hutter. *ICLR'18 Workshop*\n")
    assert not troubles
    assert [(r.line, r.year, r.venue, r.authors) for r in rows] == [
        (1, 2017, "ICLR'17", ["Barret Zoph", "Quoc V. Le"]),
        (3, 2017, "Arxiv 1707", ["Barret Zoph", "Vijay Vasudevan", "Jonathon Shlens", "Quoc V. Le"]),
        (5, 2018, "ECCV'18", ["Jin-Dong Dong", "An-Chieh Cheng", "Min Sun"]),
        (7, 2018, "ICLR'18 Workshop", ["Thomas Elsken", "Frank Hutter"])]


def test_an_anonymous_citation_under_a_paper_is_no_paper():
    rows, _ = _papers(
        "- [Off-policy Reinforcement Learning with Model-based Exploration Augmentation](https://openreview.net/forum?id=JGkZgEEjiM)\n"
        "  - Anonymous et al. *NeurIPS 2025*\n"
        "  - Key: exploration, diffusion model\n"
        "  - ExpEnv: mujoco, sparse reward tasks\n")
    assert [(r.line, r.year) for r in rows] == [(1, 2025)]


def test_by_authors_written_surname_initials_then_venue_and_year():
    """``[Title](link) by Littman M L. Venue, 2001.``: the initials end the names when what follows is no name."""
    rows, _ = _papers(
        "* [Value-function reinforcement learning in Markov game](http://example.org/a.pdf) by Littman M L. Cognitive "
        "Systems Research, 2001.\n"
        "* [Deep Reinforcement Learning Variants of Multi-Agent Learning Algorithms](http://example.org/b.pdf) by "
        "Castaneda A O. 2016.\n"
        "* [Markov games as a framework for multi-agent reinforcement learning](http://example.org/c.pdf) by Littman, "
        "Michael L. ICML, 1994.\n"
        "* [Learning to Explore](http://example.org/d.pdf) by Joshua B. Tenenbaum, Robert L. Logan IV. NeurIPS, 2020.\n")
    assert [(r.line, r.year, r.venue, r.authors) for r in rows] == [
        (1, 2001, "Cognitive Systems Research", ["Littman M L"]),
        (2, 2016, "", ["Castaneda A O"]),
        (3, 1994, "ICML", ["Littman, Michael L"]),
        (4, 2020, "NeurIPS", ["Joshua B. Tenenbaum", "Robert L. Logan IV"])]


def test_theses_and_tutorials_among_books_are_papers_books_are_not():
    rows, _ = _papers(
        "## Tutorial and Books\n"
        "* [Multi-Agent Reinforcement Learning: Foundations](https://www.marl-book.com/download) by Stefano V. Albrecht, "
        "Filippos Christianos, 2023.\n"
        "* [Many-agent Reinforcement Learning](https://discovery.ucl.ac.uk/thesis.pdf) by Yaodong Yang, 2021. PhD Thesis.\n"
        "* [Multiagent Reinforcement Learning](http://www.ecmlpkdd2013.org/tutorial.pdf) by Daan Bloembergen, Peter "
        "Vrancx. ECML, 2013.\n"
        "* [Multiagent systems: Algorithmic foundations](http://www.masfoundations.org/download.html) by Shoham Y, "
        "Leyton-Brown K. Cambridge University Press, 2008.\n"
        "* [Deep Learning](https://www.deeplearningbook.org) by Ian Goodfellow, Yoshua Bengio. MIT Press, 2016.\n")
    assert [(r.line, r.year, r.venue) for r in rows] == [(3, 2021, "PhD Thesis"), (4, 2013, "ECML")]
    assert rows[0].authors == ["Yaodong Yang"]


def test_a_venue_named_in_full_as_the_label_of_the_paper_link():
    """``Title [[The Annals of Statistics 2021]](<link>)``: the label is the venue with its year, whatever its length."""
    rows, _ = _papers(
        "- Predictive inference with the jackknife+ [[The Annals of Statistics 2021]](<https://arxiv.org/abs/1905.02928>)\n"
        "- Uncertainty in big data analytics: survey, opportunities, and challenges [[Journal of Big Data 2019]]"
        "(<https://journalofbigdata.springeropen.com/articles/10.1186/s40537-019-0206-3?cv=1>)\n"
        "- Some tool [[Read the Docs]](https://example.org/docs)\n")
    assert [(r.line, r.year, r.venue) for r in rows] == [
        (1, 2021, "The Annals of Statistics 2021"), (2, 2019, "Journal of Big Data 2019")]


def test_hostile_references_and_citations_stay_fast():
    """Long runs of names, bold marks, initials and apostrophes: the new patterns stay linear."""
    texts = ["**[1]** " + "Smith, J., " * 3000 + "**" + "a" * 300 + "**. " + "x, " * 3000 + "2001.",
             "- T [[pdf]](https://arxiv.org/abs/1611.01578)\n  - " + "A B. " * 5000 + "*ICLR'17*",
             "* [T](http://e.org/a.pdf) by " + "Littman M L. " * 4000 + "X, 2001.",
             "- T [[" + "The Annals " * 400 + "2021]](https://arxiv.org/abs/1905.02928)",
             "**[1]** " + "**a** " * 5000]
    for text in texts:
        start = time.perf_counter()
        read_list(text)
        assert time.perf_counter() - start < 2.0


def test_a_numbered_reference_with_a_quoted_title_as_ieee_prints_it():
    """``[1] A. Smith and B. Jones, "Title," in Proc. ICML, 2020, pp. 1-9.``: the same reading, the title in quotes."""
    rows, _ = _papers(
        '[1] A. Smith and B. Jones, "Learning things from other things," in Proc. ICML, 2020, pp. 1-9.\n\n'
        '[2] C. White, "Another paper about things," IEEE Trans. Pattern Anal. Mach. Intell., vol. 3, no. 2, 2019.\n\n'
        '- As Hinton once said, "deep learning is the future", 2015.\n')
    assert [(r.line, r.title, r.year, r.venue, r.authors) for r in rows] == [
        (1, "Learning things from other things", 2020, "Proc. ICML", ["A. Smith", "B. Jones"]),
        (3, "Another paper about things", 2019, "IEEE Trans. Pattern Anal. Mach. Intell", ["C. White"])]


def test_by_authors_then_a_venue_in_parentheses_and_a_long_workshop_name():
    rows, _ = _papers(
        "- [Learning one thing well](http://a.org/x.pdf) by Alice Smith and Bob Jones (ICML 2018)\n"
        "- Learning six things [[pdf]](https://arxiv.org/abs/1901.00002)\n"
        "  - Alice Smith, Bob Jones. *NeurIPS'19 Workshop on Things*\n")
    assert [(r.line, r.year, r.venue, r.authors) for r in rows] == [
        (1, 2018, "ICML 2018", ["Alice Smith", "Bob Jones"]),
        (2, 2019, "NeurIPS'19 Workshop on Things", ["Alice Smith", "Bob Jones"])]
