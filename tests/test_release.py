"""The release bundle: complete, reproducible, verifiable, and safe to rebuild over a good one."""
import hashlib
import json
import subprocess

import pytest

from conftest import EDGE, have


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    from click.testing import CliRunner

    from unlearn_bib.cli.main import main

    out = tmp_path_factory.mktemp("rel") / "dist"
    result = CliRunner().invoke(main, ["release", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out


def test_bundle_has_every_artifact(bundle):
    from unlearn_bib.csl.styles import short_names

    names = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    expected = {"refs.bib", "refs-biblatex.bib", "papers.json", "tables.md", "index.html", "SHA256SUMS", "manifest.json"}
    expected |= {f"styles/{s}.{x}" for s in short_names() for x in ("txt", "md", "html")}
    expected |= {"refs.ris", "CITATION.cff"}
    expected |= {f"refs-{s}{x}.bib" for s in ("concept-unlearning", "concept-restoration", "benchmark") for x in ("", "-biblatex")}
    assert names == expected
    assert len(short_names()) == 9


def test_checksums_verify_with_sha256sum(bundle):
    if not have("sha256sum"):
        pytest.skip("sha256sum not installed")
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(list(bundle.rglob("*"))) - 2  # every file but SHA256SUMS and the styles dir


def test_manifest(bundle):
    from unlearn_bib import __version__
    from unlearn_bib.catalog.load import default_catalog_path

    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["version"] == __version__ and manifest["papers"] == 40
    assert manifest["catalog_sha256"] == hashlib.sha256(default_catalog_path().read_bytes()).hexdigest()
    for name, info in manifest["files"].items():
        data = (bundle / name).read_bytes()
        assert info == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert "built" not in manifest


def test_bundle_files_equal_the_export_commands(bundle, run):
    assert (bundle / "refs.bib").read_text() == run("export").stdout
    assert (bundle / "refs-biblatex.bib").read_text() == run("export", "--format", "biblatex").stdout
    assert (bundle / "papers.json").read_text() == run("export", "--format", "csljson").stdout
    assert (bundle / "styles/ieee.txt").read_text() == run("export", "--format", "text", "--style", "ieee").stdout


def test_two_builds_are_byte_identical_and_epoch_is_honoured(tmp_path):
    outputs = []
    for name in ("a", "b"):
        done = subprocess.run(["unlearn-bib", "release", "--out", tmp_path / name, "--papers", EDGE],
                              capture_output=True, env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": __import__("os").environ["PATH"]})
        assert done.returncode == 0, done.stderr
        outputs.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0][__import__("pathlib").Path("manifest.json")])["built"] == "2023-11-14T22:13:20Z"


def test_failed_build_leaves_existing_dir_alone(run, tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "refs.bib").write_text("GOOD")
    bad = tmp_path / "bad.yaml"
    bad.write_text("sections: []\npapers: [1]\n")
    result = run("release", "--out", out, "--papers", bad)
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["refs.bib"] and (out / "refs.bib").read_text() == "GOOD"
    assert [p.name for p in tmp_path.iterdir()] == sorted(["dist", "bad.yaml"]) or set(p.name for p in tmp_path.iterdir()) == {"dist", "bad.yaml"}


def test_rebuild_replaces_its_own_files_and_keeps_the_rest(run, tmp_path):
    out = tmp_path / "dist"
    assert run("release", "--out", out, "--papers", EDGE).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text())  # as if an older bundle had one more file
    manifest["files"]["stale.txt"] = {"bytes": 3, "sha256": hashlib.sha256(b"old").hexdigest()}
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "stale.txt").write_text("old")
    (out / "CNAME").write_text("example.org\n")  # GitHub Pages' own file: never the bundle's
    fresh = (out / "refs.bib").read_bytes()
    (out / "refs.bib").write_text("edited by hand")
    assert run("release", "--out", out, "--papers", EDGE).exit_code == 0
    assert not (out / "stale.txt").exists() and (out / "refs.bib").read_bytes() == fresh
    assert (out / "CNAME").read_text() == "example.org\n"
    assert {p.name for p in tmp_path.iterdir()} == {"dist"}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_page_escapes_catalog_text(tmp_path, run):
    evil = tmp_path / "evil.yaml"
    evil.write_text(EDGE.read_text().replace("A Journal Article on Unlearning",
                                             'A </script><script>alert(1)</script> "quoted" <b>bold</b> title'))
    assert run("release", "--out", tmp_path / "d", "--papers", evil).exit_code == 0
    page = (tmp_path / "d" / "index.html").read_text()
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page
    assert page.count("</script>") == 2  # only the page's own two script elements end
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_page_is_self_contained(bundle):
    page = (bundle / "index.html").read_text()
    assert "<svg" in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for tag in ("<link ", "<script src", "<img ", "@import"):
        assert tag not in page
