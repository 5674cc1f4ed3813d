"""CITATION.cff for the release: how to cite the list itself (GitHub shows "Cite this repository").

No source we hold names the list's maintainers, so the author is the project itself (an
entity), never invented people. Every string is written as a JSON string, which YAML reads
as a double-quoted scalar, so no value can break the file's structure. A date appears only
when the release has one (``SOURCE_DATE_EPOCH``), so builds stay reproducible.
"""
from __future__ import annotations

import json

LIST_NAME = "Awesome Diffusion Model Unlearning"
REPOSITORY = "https://github.com/hxxdtd/Awesome-Diffusion-Model-Unlearning"
KEYWORDS = ("machine unlearning", "diffusion models", "concept erasure", "bibliography")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render(papers: int, version: str | None = None, date: str | None = None, *, verified: bool = True) -> str:
    """The CITATION.cff text (CFF 1.2.0) for a release of ``papers`` papers.

    ``version`` is the list's release (e.g. "v2025.03"), never the tool's; without one the file
    names none. The title says "verified" only when every record shipped is.
    """
    kind = "a verified bibliography" if verified else "a bibliography"
    facts = "each fact read from a named source" if verified else "some records not yet verified"
    lines = [
        "# Written by unlearn-bib. No source names the list's maintainers, so the author is the project.",
        "cff-version: 1.2.0",
        f"message: {_q('If you use this bibliography, please cite it as below.')}",
        "type: dataset",
        f"title: {_q(f'{LIST_NAME}: {kind} of machine unlearning for diffusion models')}",
        "authors:",
        f"  - name: {_q(LIST_NAME)}",
        f"    website: {_q(REPOSITORY)}",
        f"repository-code: {_q(REPOSITORY)}",
        f"url: {_q(REPOSITORY)}",
        f"abstract: {_q(f'{papers} papers on machine unlearning for diffusion models, {facts}, exported as BibTeX, BibLaTeX, CSL-JSON and RIS by unlearn-bib.')}",
        "keywords:",
        *(f"  - {_q(k)}" for k in KEYWORDS),
    ]
    if version:
        lines.append(f"version: {_q(version)}")
    if date:
        lines.append(f"date-released: {_q(date)}")
    return "\n".join(lines) + "\n"
