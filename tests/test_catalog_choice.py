"""Which catalog a command works on (issue 19 item 3): --papers, else papers.yaml here or in an
enclosing folder of the git checkout, else (import) a new papers.yaml here, else the packaged
snapshot, read-only; and it says which."""
import os
import shutil
import stat
import subprocess
import sys

import pytest

from conftest import EDGE, ROOT

ROW = "| [An Invented Paper on Erasing Styles](https://arxiv.org/abs/2501.00011) | 2025 | arXiv | |\n"


@pytest.fixture
def clone(tmp_path):
    """A clone of a list: a git checkout with its own papers.yaml (the edge fixture) and a subfolder."""
    (tmp_path / ".git").mkdir()
    shutil.copy(EDGE, tmp_path / "papers.yaml")
    (tmp_path / "docs").mkdir()
    return tmp_path


def cli(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "unlearn_bib", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_commands_in_a_clone_read_its_papers_yaml_and_say_so(clone):
    code, _, err = cli("check", cwd=clone)
    assert code == 0 and err.strip() == f"papers.yaml ({clone / 'papers.yaml'}): 5 papers, no problems"
    code, out, err = cli("list", cwd=clone / "docs")  # from a subfolder: the enclosing checkout's file
    assert code == 0 and "vanderberg2024receler" in out and "gong2024reliable" not in out
    assert f"catalog: ../papers.yaml ({clone / 'papers.yaml'})" in err


def test_outside_a_checkout_only_the_current_folder_counts(tmp_path):
    shutil.copy(EDGE, tmp_path / "papers.yaml")
    (tmp_path / "sub").mkdir()
    code, _, err = cli("list", cwd=tmp_path / "sub")  # no .git above: tmp_path/papers.yaml is not picked up
    assert code == 0 and "packaged snapshot" in err


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """A non-editable install simulated: the packaged snapshot is a read-only file in a package folder."""
    from unlearn_bib.catalog import load

    package = tmp_path / "site-packages" / "unlearn_bib" / "data"
    package.mkdir(parents=True)
    snapshot = package / "papers.yaml"
    shutil.copy(EDGE, snapshot)
    os.chmod(snapshot, 0o444)
    monkeypatch.setattr(load, "PACKAGED_CATALOG", snapshot)
    work = tmp_path / "elsewhere"
    work.mkdir()
    monkeypatch.chdir(work)
    return snapshot


def test_the_packaged_snapshot_is_read_but_never_written(run, installed, tmp_path):
    before = (installed.read_bytes(), installed.stat().st_mtime_ns)
    listed = run("list")
    assert listed.exit_code == 0 and "vanderberg2024receler" in listed.stdout
    assert f"catalog: papers.yaml (the packaged snapshot {installed}, read-only)" in listed.stderr
    readme = tmp_path / "README.md"
    readme.write_text("## Methods\n\n| Paper | Year | Venue | Code |\n| --- | --- | --- | --- |\n" + ROW)
    started = run("import", "--from", "markdown", readme)  # outside any list: a new papers.yaml here
    assert started.exit_code == 0, started.stderr
    assert "catalog: papers.yaml (a new catalog: " in started.stderr and "2501.00011" in (tmp_path / "elsewhere" / "papers.yaml").read_text()
    (tmp_path / "elsewhere" / "papers.yaml").unlink()
    for args in (("update", "--write"),):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr.strip().splitlines()[-1].endswith(
            "is the packaged snapshot of the catalog, which is read-only: "
            "pass --papers FILE or run in the folder of your list's papers.yaml"), result.stderr
        assert "Traceback" not in result.stderr
    assert (installed.read_bytes(), installed.stat().st_mtime_ns) == before
    assert stat.S_IMODE(installed.stat().st_mode) == 0o444


def test_import_in_another_folder_writes_that_folders_catalog(run, clone, monkeypatch):
    """From an editable install (this checkout), `import` run in a list's own folder grows that
    list's papers.yaml, not the checkout's."""
    shipped = (ROOT / "papers.yaml").read_bytes()
    readme = clone / "README.md"
    readme.write_text("## Methods\n\n| Paper | Year | Venue | Code |\n| --- | --- | --- | --- |\n" + ROW)
    monkeypatch.chdir(clone)
    result = run("import", "--from", "markdown", readme)
    assert result.exit_code == 0, result.stderr
    assert f"catalog: papers.yaml ({clone / 'papers.yaml'})" in result.stderr
    assert "2501.00011" in (clone / "papers.yaml").read_text()
    assert (ROOT / "papers.yaml").read_bytes() == shipped


def test_papers_option_wins(run, clone, monkeypatch, tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copy(ROOT / "papers.yaml", other)
    monkeypatch.chdir(clone)
    result = run("check", "--papers", other)
    assert result.exit_code == 0 and result.stderr.startswith(f"{other}: ")


def test_import_in_an_empty_folder_starts_a_bibliography_there(tmp_path):
    """A maintainer of another list, in that list's folder with no papers.yaml yet: import creates one there."""
    readme = tmp_path / "README.md"
    readme.write_text("## Methods\n\n| Paper | Year | Venue | Code |\n| --- | --- | --- | --- |\n" + ROW)
    code, _, err = cli("import", "--from", "markdown", "README.md", cwd=tmp_path)
    assert code == 0, err
    assert f"catalog: papers.yaml (a new catalog: {tmp_path / 'papers.yaml'})" in err
    code, out, err = cli("list", cwd=tmp_path)  # and every later command reads it
    assert code == 0 and "anon2025invented" in out and f"catalog: papers.yaml ({tmp_path / 'papers.yaml'})" in err
