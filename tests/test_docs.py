"""README is the front door, docs/ holds the rest: short, linked, and the commands it shows are the ones CI runs."""
import re

from conftest import ROOT

README = ROOT / "README.md"
TEST_COMMAND = "pip install -e '.[test]' && python -m pytest"
NEWCOMER_COMMAND = "pip install . && unlearn-bib export --format bibtex > refs.bib"
PAGES = ("commands", "lists", "catalog", "bibtex", "citations", "normalize", "online", "maintaining", "safety", "architecture")


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_readme_is_short_and_links_every_docs_page():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    for page in PAGES:
        assert f"(docs/{page}.md" in text, page
    assert "(benchmarks/README.md)" in text and "(LICENSE)" in text


def test_readme_commands_are_the_ones_ci_runs():
    text = README.read_text(encoding="utf-8")
    assert NEWCOMER_COMMAND in text and TEST_COMMAND in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == TEST_COMMAND


def test_what_the_newcomer_command_writes_is_ignored_by_git():
    patterns = [line.strip() for line in (ROOT / ".gitignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    import fnmatch

    for name in ("refs.bib", "refs.fixed.bib", "refs-biblatex.bib", "refs.ris"):
        assert any(p.startswith("/") and fnmatch.fnmatch(name, p[1:]) for p in patterns), name
    # ... but only at the top of the checkout: the test data of the same name stays tracked
    assert (ROOT / "tests" / "data" / "citations" / "refs.bib").is_file()
    assert "refs.bib" not in patterns and "*.bib" not in patterns


def test_license_file_matches_pyproject():
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text()
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "the unlearn-bib contributors" in text


def test_relative_links_in_readme_and_docs_resolve():
    files = [README, ROOT / "benchmarks" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target) or target.startswith("../../releases"):
                continue  # a web address, or the GitHub releases page of the hosting repository
            file, _, anchor = target.partition("#")
            dest = (path.parent / file).resolve() if file else path
            if not dest.exists():
                broken.append(f"{path.name}: {target}")
            elif anchor and dest.suffix == ".md":
                headings = {_slug(h) for h in re.findall(r"^#+ (.+)$", dest.read_text(encoding="utf-8"), re.M)}
                if anchor not in headings:
                    broken.append(f"{path.name}: {target} (no such heading)")
    assert not broken, broken
