import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
EDGE = DATA / "catalogs" / "edge.yaml"
SNAPSHOT = DATA / "catalogs" / "snapshot.yaml"  # a frozen copy of papers.yaml: code tests stay green when the data changes


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_out_of_home(tmp_path_factory):
    """Catalogs from 16 KB on are parse-cached (catalog/cache.py): the suite's cache files go to a
    temporary folder, not ~/.cache, for in-process and subprocess runs alike."""
    import os

    if "UNLEARN_BIB_CACHE_DIR" not in os.environ:
        os.environ["UNLEARN_BIB_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request):
    """Compare text with a golden file byte for byte; --update-golden rewrites it."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden") or not path.exists():
            path.write_text(text, encoding="utf-8", newline="\n")
            if not request.config.getoption("--update-golden"):
                pytest.fail(f"golden file {name} was missing and has been written: review it")
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "actual"))
            pytest.fail(f"{name} differs from golden:\n{diff}")

    return check


@pytest.fixture
def run():
    """Run the CLI in-process; returns the click Result (stdout and stderr separate)."""
    from unlearn_bib.cli.main import main

    def invoke(*args, input=None):
        runner = CliRunner()
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def have(*tools: str) -> bool:
    return all(shutil.which(t) for t in tools)


def only_inserted(before: bytes, after: bytes) -> list[bytes]:
    """The lines ``after`` adds to ``before``; fails if any line of ``before`` was changed or removed."""
    old, new = before.splitlines(True), after.splitlines(True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    added = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        added += new[j1:j2] if tag == "insert" else []
    return added
