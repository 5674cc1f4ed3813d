"""'Did you mean': one helper, one message shape, rapidfuzz loaded only when needed."""
import subprocess
import sys

from unlearn_bib.text.suggest import closest, did_you_mean


def test_closest_names_best_first_and_nothing_when_nothing_is_close():
    keys = ["gong2024reliable", "lu2024mace", "huang2024receler", "gong2023reliable"]
    assert closest("gong2024reliabel", keys) == ["gong2024reliable"]
    assert closest("gong2024reliabel", keys, n=2) == ["gong2024reliable", "gong2023reliable"]
    assert closest("zzzzzzzz", keys) == []
    assert closest("anything", []) == []


def test_one_message_shape():
    assert did_you_mean("venu", ["venue", "title"]) == "did you mean 'venue'?"
    assert did_you_mean("ECCVV", ["ECCV", "ICCV", "CVPR"], n=3, cutoff=0.5) == "did you mean 'ECCV' or 'ICCV'?"
    assert did_you_mean("chicgo", ["chicago", "chicago-note", "apa"], n=3, cutoff=0.5).count("'") == 4
    assert did_you_mean("x", ["venue"]) == ""


def test_a_name_is_shown_quoted_so_control_characters_cannot_pass():
    assert did_you_mean("a\x1bb", ["a\x1bbc"]) == "did you mean 'a\\x1bbc'?"


def test_rapidfuzz_is_imported_only_when_there_is_something_to_suggest():
    code = ("import sys\nfrom unlearn_bib.cli.main import main\n"
            "try: main(['export', '--format', 'bibtex'])\nexcept SystemExit: pass\n"
            "print('rapidfuzz' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("False")
