"""The layouts of the tenth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
from listcases import fields as _rows
from listcases import one
from unlearn_bib.read.mdlist import read_list


def test_dataset_names_under_a_datasets_heading_are_not_papers():
    # a short name with a venue, linking a download page or the paper's row further down: a dataset
    assert _rows(
        "## Datasets\n"
        "1. UCSD [`Download link`](http://www.svcl.ucsd.edu/projects/anomaly/dataset.html)\n"
        "8. Street Scene (WACV 2020) <span id = \"03\">[Street Scenes](#02001)</span>, "
        "[`Download link`](https://www.merl.com/demos/video-anomaly-detection)\n"
        "10. XD-Violence (ECCV 2020) <span id ='05'>[XD-Violence](#12003)</span>[`Download link`](https://roc-ng.github.io/XD-Violence/)\n"
        "## Real-world Datasets\n"
        "- [TBD Pedestrian Dataset](https://arxiv.org/abs/2309.17187), ICRA 2024.\n"
        "- (SCAND) [Socially CompliAnt Navigation Dataset](https://www.cs.utexas.edu/~xiao/SCAND/SCAND.html), RA-L 2022.\n"
    ) == [("TBD Pedestrian Dataset", "ICRA 2024", 2024, False),  # a dataset's paper: a title, a paper link or a venue
          ("Socially CompliAnt Navigation Dataset", "RA-L 2022", 2022, False)]


def test_a_short_name_in_brackets_before_a_linked_title():
    assert _rows(
        "### 2020\n"
        "1. <span id = \"02001\">[Street-Scene]</span> [Street Scene: A new dataset and evaluation protocol for video "
        "anomaly detection](http://openaccess.thecvf.com/content_WACV_2020/papers/x.pdf), `WACV 2020`.\n"
        "2. <span id = \"02002\">[Rodrigurs.etl])</span> [Multi-timescale Trajectory Prediction for Abnormal Human "
        "Activity Detection](http://openaccess.thecvf.com/content_WACV_2020/papers/y.pdf), `WACV 2020`.\n"
        "- (Social Force) [Social Force Model for Pedestrian Dynamics](https://arxiv.org/abs/cond-mat/9805244), Physics Review 1995.\n"
    ) == [("Street Scene: A new dataset and evaluation protocol for video anomaly detection", "WACV 2020", 2020, False),
          ("Multi-timescale Trajectory Prediction for Abnormal Human Activity Detection", "WACV 2020", 2020, False),
          ("Social Force Model for Pedestrian Dynamics", "Physics Review 1995", 1995, False)]


def test_a_venue_and_year_after_the_link_win_over_a_short_name_before_it():
    assert _rows(
        "- (NCLT) [University of Michigan North Campus Long-Term Vision and Lidar Dataset](https://robots.engin.umich.edu/nclt/), IJRR 2010.\n"
        "- (DR-MPC) [DR-MPC: Deep Residual Model Predictive Control for Real-world Social Navigation](https://arxiv.org/abs/2410.10646), RA-L 2025.\n"
    ) == [("University of Michigan North Campus Long-Term Vision and Lidar Dataset", "IJRR 2010", 2010, False),
          ("DR-MPC: Deep Residual Model Predictive Control for Real-world Social Navigation", "RA-L 2025", 2025, False)]


def test_a_title_linking_its_code_then_venue_and_year_is_a_paper():
    assert _rows(
        "- [SocNavBench: A Grounded Simulation Testing Framework for Evaluating Social Navigation]"
        "(https://github.com/CMU-TBD/SocNavBench), THRI 2022.\n"
        "- [Robot Local Planner: A Periodic Sampling-Based Motion Planner with Minimal Waypoints for Home Environments]"
        "(https://x.com/TOYOTA_FRC/status/1924304787010654377), ICRA 2025.\n"
    ) == [("SocNavBench: A Grounded Simulation Testing Framework for Evaluating Social Navigation", "THRI 2022", 2022, False),
          ("Robot Local Planner: A Periodic Sampling-Based Motion Planner with Minimal Waypoints for Home Environments",
           "ICRA 2025", 2025, False)]


def test_a_website_link_between_the_title_and_its_venue():
    row = one("- [Optimal Reciprocal Collision Avoidance for Multi-Agent Navigation](https://example.org/icraw.pdf), "
              "[website](https://gamma.cs.unc.edu/ORCA/), ICRA 2010.\n")
    assert (row.title, row.venue, row.year) == ("Optimal Reciprocal Collision Avoidance for Multi-Agent Navigation", "ICRA 2010", 2010)


def test_a_bullet_linking_a_paper_pdf_stays_a_paper_with_bullets_under_it():
    assert [r[:3] for r in _rows(
        "- (DWA) [The Dynamic Window Approach to Collision Avoidance](https://www.ri.cmu.edu/pub_files/fox_1997_1.pdf), "
        "Robotics and Automation Magazine 1997.\n"
        "  - [Dynamic Adaptive Dynamic Window Approach](https://ieeexplore.ieee.org/document/10530428), T-RO 2024.\n"
        "- ORCA for non-holonomic robots:\n"
        "  - [Generalized Velocity Obstacles](http://gamma-web.iacs.umd.edu/NHRVO/WilkieIROS09.pdf), IROS 2009.\n"
    )] == [("The Dynamic Window Approach to Collision Avoidance", "Robotics and Automation Magazine 1997", 1997),
           ("Dynamic Adaptive Dynamic Window Approach", "T-RO 2024", 2024),
           ("Generalized Velocity Obstacles", "IROS 2009", 2009)]  # a group label is no paper


def test_a_table_of_linked_citations_and_a_survey_column():
    rows = _rows(
        "| Paradigm | Representative citation | Main contribution |\n"
        "| --- | --- | --- |\n"
        "| Modular system | [**Paden et al.**, *A Survey of Motion Planning and Control Techniques for Self-Driving Urban "
        "Vehicles* (IEEE T-IV 2016)](https://doi.org/10.1109/TIV.2016.2578706) | Canonical pipeline |\n"
        "| End-to-end | [**Bojarski et al.**, *End to End Learning for Self-Driving Cars* (NVIDIA PilotNet, 2016)]"
        "(https://arxiv.org/abs/1604.07316) | Direct policy |\n\n"
        "| Coverage | Year | Survey | Authors / team and status |\n"
        "| --- | ---: | --- | --- |\n"
        "| General DWM | 2025 | [**A Survey of World Models for Autonomous Driving**](https://arxiv.org/abs/2501.11260) | "
        "Tuo Feng, Wenguan Wang, and Yi Yang; Zhejiang University CCAI; arXiv v4 |\n")
    assert [r[:3] for r in rows] == [
        ("A Survey of Motion Planning and Control Techniques for Self-Driving Urban Vehicles", "IEEE T-IV 2016", 2016),
        ("End to End Learning for Self-Driving Cars", "NVIDIA PilotNet", 2016),
        ("A Survey of World Models for Autonomous Driving", "", 2025)]


def test_a_team_and_venue_column_gives_the_venue_after_the_team():
    rows = _rows(
        "| Paper | Team / venue | Core contribution |\n"
        "| --- | --- | --- |\n"
        "| [**Copilot4D: Learning Unsupervised World Models for Autonomous Driving via Discrete Diffusion**]"
        "(https://arxiv.org/abs/2311.01017) | Waabi + University of Toronto; ICLR 2024 | Tokenizes LiDAR |\n"
        "| [**GAIA-1: A Generative World Model for Autonomous Driving**](https://arxiv.org/pdf/2309.17080.pdf) | "
        "Wayve; technical report 2023 | Generates video |\n")
    assert [r[1:3] for r in rows] == [("ICLR 2024", 2024), ("technical report 2023", 2023)]


def test_a_date_tag_in_brackets_after_a_bold_title():
    row = one("**Beyond Medical Imaging: A Review of Multimodal Deep Learning in Radiology.** [Apr., 2022].<br>\n"
              "*Jan Egger, Christina Gsaxner.*<br>\n"
              "[[PDF](https://www.researchgate.net/publication/358581125.pdf)]\n")
    assert (row.title, row.year) == ("Beyond Medical Imaging: A Review of Multimodal Deep Learning in Radiology", 2022)


def test_a_date_tag_and_a_venue_tag_with_its_year_after_a_bold_title():
    row = one("**Multi-modal Understanding and Generation for Medical Images and Text via Vision-Language Pre-Training.** "
              "[May, 2021] [JBHI, 2022].<br>\n"
              "*Jong Hak Moon, Edward Choi.*<br>\n"
              "[[PDF](https://arxiv.org/abs/2105.11333)]\n")
    assert (row.venue, row.year) == ("JBHI", 2022)  # the venue's year, as the catalog requires


def test_plain_titles_ending_in_a_venue_and_year():
    assert _rows(
        "## Reviews / Surveys\n"
        "1. An Overview of Deep Learning Based Methods for Unsupervised and Semi-Supervised Anomaly Detection in Videos, "
        "J. Image, 2018.[page](https://beedotkiran.github.io/VideoAnomaly.html)\n"
        "### Fighting/Violence\n"
        "1. Localization Guided Fight Action Detection in Surveillance Videos. ICME 2019.\n"
    ) == [("An Overview of Deep Learning Based Methods for Unsupervised and Semi-Supervised Anomaly Detection in Videos",
           "J. Image", 2018, False),
          ("Localization Guided Fight Action Detection in Surveillance Videos", "ICME 2019", 2019, False)]


def test_the_authors_before_the_team_and_status_in_an_authors_team_column():
    rows, troubles = read_list(
        "| Coverage | Year | Survey | Authors / team and status |\n"
        "| --- | ---: | --- | --- |\n"
        "| General | 2026 | [**World Models for Autonomous Driving: From Future Generation to Decision Making**]"
        "(https://doi.org/10.2139/ssrn.6827179) | Han Huang *et al.*; Tongji-led multi-institution team; SSRN working paper |\n"
        "| General | 2025 | [**Research on World Models for Connected Automated Driving**](https://doi.org/10.3390/app15168986) | "
        "Nuo Chen and Xiang Liu; Shanghai University of Engineering Science; *Applied Sciences* 15(16), 8986 |\n"
        "| General | 2025 | [**A Survey of World Models for Autonomous Driving**](https://arxiv.org/abs/2501.11260) | "
        "Tuo Feng; Wenguan Wang; Yi Yang |\n")
    assert not troubles
    assert [(r.authors, r.authors_incomplete, r.year) for r in rows] == [
        (["Han Huang"], True, 2026), (["Nuo Chen", "Xiang Liu"], False, 2025),
        (["Tuo Feng", "Wenguan Wang", "Yi Yang"], False, 2025)]  # names separated by ";" stay names


def test_a_venue_in_inline_code_after_a_linked_title_wins_over_a_short_name_tag():
    assert _rows(
        "## Unsupervised\n"
        "1. <span id = \"01601\">[Conv-AE]</span> [Learning Temporal Regularity in Video Sequences]"
        "(https://openaccess.thecvf.com/content_cvpr_2016/papers/x.pdf), `CVPR 16`. [Code](https://github.com/a/b)\n"
        "4. <span id = \"01704\">[Conv3D-AE]</span> [Spatio-Temporal AutoEncoder for Video Anomaly Detection]"
        "(https://dl.acm.org/doi/abs/10.1145/3123266.3123451),`ACM MM 17`.\n"
    ) == [("Learning Temporal Regularity in Video Sequences", "CVPR 16", 2016, False),
          ("Spatio-Temporal AutoEncoder for Video Anomaly Detection", "ACM MM 17", 2017, False)]
