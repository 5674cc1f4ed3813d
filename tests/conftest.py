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
# A record read from a table: no authors, needs_verification (append to a catalog's papers).
UNVERIFIED_RECORD = """
  - key: anon2024table
    section: attacks
    title: A Paper Read From a Table Only
    venue: arXiv
    year: 2024
    arxiv: '2401.00001'
    list_year: 2024
    needs_verification: true
"""


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


# --- the release page in headless Chromium (test_*_browser.py) --------------------------------
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="Debian's chromium is not installed (apt-get install chromium)")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def serve_release(out: Path, *args: str):
    """Run `release --out OUT ARGS`, serve OUT on 127.0.0.1 and yield (OUT, the page's URL): for a
    module-scoped ``site`` fixture."""
    import functools
    import http.server
    import threading

    from unlearn_bib.cli.main import main

    result = CliRunner().invoke(main, ["release", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through playwright, one per test module."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
