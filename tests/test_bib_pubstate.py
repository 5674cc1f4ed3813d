"""BibLaTeX ``pubstate`` becomes CSL ``status`` (pandoc 3.9's mapping and output)."""
from __future__ import annotations

import json

import pytest

ONLINE = r"""@online{gandikota2023erasing,
  title = {Erasing {{Concepts}} from {{Diffusion Models}}},
  author = {Gandikota, Rohit and Materzy{\'n}ska, Joanna and Fiotto-Kaufman, Jaden and Bau, David},
  date = {2023-03-13},
  eprint = {2303.07345}, eprinttype = {arxiv}, eprintclass = {cs},
  doi = {10.48550/arXiv.2303.07345},
  url = {http://arxiv.org/abs/2303.07345},
  pubstate = {%s},
  langid = {english}
}
"""


def test_pubstate_prints_as_pandoc_prints_it(run, tmp_path):
    path = tmp_path / "zotero.bib"
    path.write_text(ONLINE % "preprint", encoding="utf-8")
    chicago = run("export", "--papers", path, "--format", "text", "--style", "chicago").stdout
    assert chicago == ("Gandikota, Rohit, Joanna Materzyńska, Jaden Fiotto-Kaufman, and David Bau. 2023. “Erasing "
                       "Concepts from Diffusion Models.” Preprint March 13. https://doi.org/10.48550/arXiv.2303.07345.\n")


@pytest.mark.parametrize("pubstate, status", [("inpress", "in press"), ("inpreparation", "in preparation"),
                                              ("prepublished", "pre-published"), ("submitted", "submitted"),
                                              ("Under review", "Under review")])
def test_pubstate_keys_map_as_pandoc_maps_them(run, tmp_path, pubstate, status):
    path = tmp_path / "zotero.bib"
    path.write_text(ONLINE % pubstate, encoding="utf-8")
    items = json.loads(run("export", "--papers", path, "--format", "csljson").stdout)
    assert items[0]["status"] == status
