"""The layouts of the seventh, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from listcases import one as _one, fields as _rows


def test_a_plain_title_followed_by_comma_separated_year_and_venue_fields():
    assert _rows(
        "## Papers\n"
        "- When will you do what? - Anticipating Temporal Occurrences of Activities, 2018 CVPR,   [code]( https://github.com/a/b)\n"
        "- SMART: Simultaneous Multi-Agent Recurrent Trajectory Prediction, 2020, ECCV [Paper](https://arxiv.org/pdf/2007.13078.pdf)\n"
        "- Vehicle trajectory prediction works, but not everywhere, arXiv 2021, [Paper](<https://arxiv.org/abs/2112.03909>)\n"
        "- Are socially-aware trajectory prediction models really socially-aware? arXiv 2021, [Paper](<https://arxiv.org/abs/2108.10879>)\n"
        "- Human Trajectory Prediction using Adversarial Loss, 2019 (from Alahi, conference unknown for now), [Paper](http://a.ch/k.pdf)\n"
        "- Pedestrian Trajectory Prediction Using a Social Pyramid, 2019 PRICAI\n"
        "- Pedestrian Trajectory Prediction in Extremely Crowded Scenarios, 2019 Sensors (journal), [Paper](https://www.mdpi.com/1/pdf)\n"
    ) == [
        ("When will you do what? - Anticipating Temporal Occurrences of Activities", "CVPR", 2018, False),  # venue + year: a paper
        ("SMART: Simultaneous Multi-Agent Recurrent Trajectory Prediction", "ECCV", 2020, False),  # year and venue as two fields
        ("Vehicle trajectory prediction works, but not everywhere", "arXiv 2021", 2021, False),  # a comma inside the title
        ("Are socially-aware trajectory prediction models really socially-aware?", "arXiv 2021", 2021, False),
        ("Human Trajectory Prediction using Adversarial Loss", "", 2019, False),  # a note in parentheses is no venue
        ("Pedestrian Trajectory Prediction Using a Social Pyramid", "PRICAI", 2019, False),  # no link at all, still a paper
        ("Pedestrian Trajectory Prediction in Extremely Crowded Scenarios", "Sensors (journal)", 2019, False)]


def test_a_year_field_alone_does_not_make_a_row_linking_only_code_a_paper():
    assert _rows("- An Empirical Evaluation of Generic Convolutional and Recurrent Networks, 2018, [code](https://github.com/a/b)\n") == [
        ("An Empirical Evaluation of Generic Convolutional and Recurrent Networks", "", 2018, True)]  # kept only with an id


def test_a_title_wrapped_onto_the_next_line_and_a_title_that_begins_with_a_quotation():
    assert _rows(
        "- Social Ways: Learning Multi-Modal Distributions of Pedestrian Trajectories\n"
        "  with GANs, 2019 CVPR [*Precognition Workshop*](https://sites.google.com/view/x), [Paper](http://a.org/p.pdf)\n"
        "- \u201cSeeing is Believing\u201d: Pedestrian Trajectory Forecasting Using Visual Frustum of Attention, 2018 WACV\n"
    ) == [
        ("Social Ways: Learning Multi-Modal Distributions of Pedestrian Trajectories with GANs", "CVPR", 2019, False),
        ("\u201cSeeing is Believing\u201d: Pedestrian Trajectory Forecasting Using Visual Frustum of Attention", "WACV", 2018, False)]


def test_a_venue_or_date_tag_in_inline_code_with_a_two_digit_year():
    assert _rows(
        "### Survey\n"
        "- The Role of World Models in Shaping Autonomous Driving: A Comprehensive Survey. **`FCS 26`** "
        "[[Paper](https://arxiv.org/abs/2502.10498)]\n"
        "- **SimWAM**: A Simple World Action Model for End-to-End Autonomous Driving. **`arXiv 26.8`** "
        "[[Paper](https://arxiv.org/abs/2608.07468)] [[Code](https://github.com/a/b)]\n"
        "- See Tomorrow, Act Today: Foresight-Driven Autonomous Driving. **`CVPR 26 Findings`** [[Paper](https://arxiv.org/abs/2605.07195)]\n"
        "- A Survey of Embodied World Models. **`25.09`** [[Paper](https://www.researchgate.net/publication/1_A)]\n"
        "- World Models: The Safety Perspective. **`ISSREW`** [[Paper](https://arxiv.org/abs/2411.07690)]\n"
    ) == [
        ("The Role of World Models in Shaping Autonomous Driving: A Comprehensive Survey", "FCS 26", 2026, False),  # as written
        ("SimWAM: A Simple World Action Model for End-to-End Autonomous Driving", "arXiv", 2026, False),  # 26.8: August 2026
        ("See Tomorrow, Act Today: Foresight-Driven Autonomous Driving", "CVPR 26 Findings", 2026, False),
        ("A Survey of Embodied World Models", "", 2025, False),  # a date only
        ("World Models: The Safety Perspective", "ISSREW", None, False)]  # a venue with no year


def test_a_short_name_and_a_colon_before_a_linked_title():
    assert _rows(
        '- Tacotron V2<sup><span class="star" style="color: red">&#x2605;</span></sup>: '
        "[Natural TTS Synthesis by Conditioning WaveNet on Mel Spectrogram Predictions](https://arxiv.org/abs/1712.05884) (ICASSP 2018)\n"
        "- Flowtron (flow based): [Flowtron: an Autoregressive Flow-based Generative Network](https://arxiv.org/abs/2005.05957) (2020)\n"
    ) == [
        ("Natural TTS Synthesis by Conditioning WaveNet on Mel Spectrogram Predictions", "ICASSP 2018", 2018, False),
        ("Flowtron: an Autoregressive Flow-based Generative Network", "", 2020, False)]  # the link text, not the name


def test_a_bold_bracketed_short_name_before_a_plain_title_and_pipe_separated_venue_field():
    assert _rows(
        "## 2015\n\n"
        "- **[Fast R-CNN]** Fast R-CNN | **[ICCV' 15]** |[`[pdf]`](https://arxiv.org/pdf/1504.08083.pdf) [`[code]`](https://github.com/a/b)\n\n"
        "- **[RSA]** Recurrent Scale Approximation for Object Detection in CNN |  | **[ICCV' 17]** |[`[pdf]`](https://arxiv.org/pdf/1707.09531.pdf)\n"
        "- [**UniFuture**] UniFuture: A 4D Driving World Model for Future Generation and Perception. **`ICRA 26`** "
        "[[Paper](https://arxiv.org/abs/2503.13587)]\n"
    ) == [
        ("Fast R-CNN", "ICCV' 15", 2015, False),  # the label and the venue field are not the title
        ("Recurrent Scale Approximation for Object Detection in CNN", "ICCV' 17", 2017, False),  # the row's "' 17" wins
        ("UniFuture: A 4D Driving World Model for Future Generation and Perception", "ICRA 26", 2026, False)]


def test_new_at_the_start_of_a_title_is_a_word_unless_it_is_set_apart_as_a_mark():
    from unlearn_bib.read.mdinline import clean_title

    row = _one("1. **[New Trends for Modern Machine Translation with Large Reasoning Models.](https://arxiv.org/abs/2503.10351)**\n")
    assert row.title == "New Trends for Modern Machine Translation with Large Reasoning Models"
    assert [clean_title(t) for t in ("🔥 New Unlearning Everything", "**New** Unlearning Everything", "New! Unlearning Everything",
                                     "NEW Unlearning Everything", "New York Stories")] == [
        "Unlearning Everything", "Unlearning Everything", "Unlearning Everything", "Unlearning Everything", "New York Stories"]
