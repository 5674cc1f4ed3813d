"""Inline math in a .bib title: decoded to Unicode and never recased (pandoc 3.9's output)."""
from __future__ import annotations

ARTICLE = r"""@article{ozturk2023,
  title = {Erasing {{Concepts}} from {{Diffusion Models}} with $\alpha$-Blending},
  author = {{\"O}zt{\"u}rk, Mehmet and {van den Oord}, A\"aron and Smith, John},
  date = {2023-05-01},
  journaltitle = {IEEE Transactions on Pattern Analysis and Machine Intelligence},
  volume = {45}, number = {5}, pages = {1--15},
  doi = {10.1109/TPAMI.2023.123456}
}
"""


def test_math_in_a_title_is_unicode_and_keeps_its_case(run, tmp_path):
    path = tmp_path / "my.bib"
    path.write_text(ARTICLE, encoding="utf-8")
    chicago = run("export", "--papers", path, "--format", "text", "--style", "chicago").stdout
    assert chicago == ("Öztürk, Mehmet, Aäron van den Oord, and John Smith. 2023. “Erasing Concepts from Diffusion "
                       "Models with α-Blending.” IEEE Transactions on Pattern Analysis and Machine Intelligence 45 "
                       "(5): 1–15. https://doi.org/10.1109/TPAMI.2023.123456.\n")
    mla = run("export", "--papers", path, "--format", "text", "--style", "mla").stdout
    assert mla == ("Öztürk, Mehmet, et al. “Erasing Concepts from Diffusion Models with α-Blending.” IEEE "
                   "Transactions on Pattern Analysis and Machine Intelligence, vol. 45, no. 5, May 2023, pp. 1–15, "
                   "https://doi.org/10.1109/TPAMI.2023.123456.\n")
