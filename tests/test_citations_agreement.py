"""Agreement with pandoc's citeproc on the catalog and the fixtures, in every short-named style.

pandoc is the reference, not the truth: where it departs from the CSL specification the
difference is listed in KNOWN_DIFFERENCES with the reason. The ledger is exact: an
unlisted difference fails, and so does a listed one that no longer occurs or has changed.
"""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass

import pytest

from conftest import ROOT


@dataclass(frozen=True)
class Known:
    style: str
    dataset: str
    key: str
    signature: str  # benchmarks/agreement.py signature(): "context[ours|pandoc]" hunks
    reason: str


ONLINE = (
    "pandoc drops IEEE's '[Online].' for an item with a URL and no DOI. The style's access macro has "
    "a group of [a group with the term 'accessed' and the (empty) accessed date] and [a group with only "
    "the term 'online']. CSL 1.0.2, cs:group: 'a non-empty nested cs:group is treated as a non-empty "
    "variable for the purposes of determining suppression of the outer cs:group', so the outer group "
    "and '[Online].' render, as IEEE's reference guide writes it ('[Online]. Available: URL')."
)
ADD_NAMES = (
    "pandoc applies the disambiguation of cites (disambiguate-add-names / -add-givenname) to the "
    "bibliography entry as well. CSL 1.0.2 adds names and given names to 'ambiguous cites' and extends "
    "only the year-suffix to 'their corresponding bibliographic entries'."
)
ADD_NAMES_THEN_SUBSTITUTE = (
    ADD_NAMES + " Without that expansion this entry's names equal the previous entry's, so "
    "subsequent-author-substitute ('———') applies, as MLA's style asks."
)
COMPLETE_ALL = (
    "subsequent-author-substitute with the default rule 'complete-all' replaces 'the entire name list "
    "(including punctuation and terms like et-al and and)' (CSL 1.0.2); pandoc keeps ', et al.' after '———'."
)

NAMES_LABEL = (
    "pandoc prints the editor label before the names and without a delimiter ('In, editorsIvanova M'; "
    "'2nd ed., editorEd B'). The style's cs:names has cs:name and then cs:label; CSL 1.0.2, cs:label in "
    "cs:names: 'must be included after the cs:name and cs:et-al elements' and its position decides the order, "
    "so the label follows the names ('In: Ivanova M, Tanaka H, editors.'), as NLM's guide writes it."
)

KNOWN_DIFFERENCES: tuple[Known, ...] = (
    Known('ieee', 'catalog', 'bui2024erasing', 'Inc., 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'bui2025fantastic', 'ions, 2025. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'chavhan2025conceptprune', 'ions, 2025. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'cywinski2025saeuron', '1738–11775. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'dang2025diffzoo', ' pp. 17–31. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'fan2024salun', 'ions, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'gandikota2023erasing', ' 2426–2436. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'gandikota2024unified', ' 5111–5120. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'gao2025eraseanything', '8470–18494. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'han2024probing', '2404.19382. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'han2025adaptive', '1932–21947. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'heng2023selective', 'Inc., 2023. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'hong2024all', 'ress, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'huang2024receler', 'nger, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'kim2024race', 'nger, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'kumari2023ablating', 'IEEE, 2023. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'li2024safegen', ' 4807–4821. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'li2025one', '6486–36529. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'lyu2024one', ' 7559–7568. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'ni2023degeneration', ' ACM, 2023. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'pham2024circumventing', 'ions, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'pham2024robust', '2404.03631. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'ren2025six', '8769–28778. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'rusanovsky2025memories', ' 2966–2975. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'srivatsan2025stereo', '3765–23774. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'tsai2024ring', 'ions, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'wang2025ace', 'IEEE, 2025. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'wang2025precise', 'IEEE, 2025. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'wu2025erasing', 'IEEE, 2025. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'wu2025unlearning', 'ress, 2025. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'yang2024pruning', '2405.16534. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'zhang2024defensive', 'Inc., 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'zhang2024forget', 'IEEE, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'zhang2024generate', 'nger, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'zhang2024unlearncanvas', 'Inc., 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'zhang2025minimalist', '5192–75215. [[Online]. |]', ONLINE),
    Known('ieee', 'catalog', 'zhao2024separable', '2402.05947. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'abraham2025single', '2501.00002. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'biorxiv2023preprint', '3, bioRxiv. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'consortium2022org', '2211.00001. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'ellipsis2024title', '2402.05678. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'fan2024url', 'ions, 2024. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'moreau2023three', '2303.11111. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'oneill2020nodate', '2310.05873. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'pham2024question', '2308.01508. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'sato2023six', 'ions, 2023. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'specials2023title', '2310.99999. [[Online]. |]', ONLINE),
    Known('ieee', 'fixtures', 'zhang2023second', '2303.17591. [[Online]. |]', ONLINE),
    Known('mla', 'catalog', 'bui2024erasing', 'Bui, Anh[|, Long Vuong]', ADD_NAMES),
    Known('mla', 'catalog', 'bui2025fantastic', '[———|Bui, Anh, Thuy-Trang Vu, et al.]', ADD_NAMES_THEN_SUBSTITUTE),
    Known('mla', 'catalog', 'gandikota2023erasing', 'ikota, Rohit[|, Joanna Materzyńska]', ADD_NAMES),
    Known('mla', 'catalog', 'gandikota2024unified', '[———|Gandikota, Rohit, Hadas Orgad, et al.]', ADD_NAMES_THEN_SUBSTITUTE),
    Known('mla', 'catalog', 'han2024probing', '———[|, et al.]', COMPLETE_ALL),
    Known('mla', 'catalog', 'pham2024circumventing', 'Pham, Minh[|, Kelly O. Marshall, Niv Cohen]', ADD_NAMES),
    Known('mla', 'catalog', 'pham2024robust', '[———|Pham, Minh, Kelly O. Marshall, Chinmay Hegde, et al.]', ADD_NAMES_THEN_SUBSTITUTE),
    Known('mla', 'catalog', 'zhang2024defensive', 'hang, Yimeng[|, Xin Chen]', ADD_NAMES),
    Known('mla', 'catalog', 'zhang2024generate', '[———|Zhang, Yimeng, Jinghan Jia, et al.]', ADD_NAMES_THEN_SUBSTITUTE),
    Known('mla', 'fixtures', 'zhang2023second', '———[|, et al.]', COMPLETE_ALL),
    Known('harvard', 'catalog', 'pham2024circumventing', 'Pham, M.[|, Marshall, K.O., Cohen, N.,]', ADD_NAMES),
    Known('harvard', 'catalog', 'pham2024robust', 'Pham, M.[|, Marshall, K.O., Hegde, C.,]', ADD_NAMES),
    Known('harvard', 'catalog', 'zhang2024defensive', 'Zhang, Y[|imeng, Chen, X] Zhang, Y.[|,]', ADD_NAMES),
    Known('harvard', 'catalog', 'zhang2024generate', 'Zhang, Y[|imeng, Jia, J] Zhang, Y.[|,]', ADD_NAMES),
    Known('harvard', 'catalog', 'zhang2024unlearncanvas', 'Zhang, Y[.|ihua]', ADD_NAMES),
    Known('harvard', 'fixtures', 'zhang2021yimeng', 'Zhang, Y[.|imeng]', ADD_NAMES),
    Known('harvard', 'fixtures', 'zhang2021yihua', 'Zhang, Y[.|ihua]', ADD_NAMES),
    Known('ieee', 'fixtures', 'diffusers2023', '3). GitHub. [[Online]. |]', ONLINE),
    Known('ieee', 'refs-json', 'oneill2023', ' Name?” 2023[. [Online]|]', ONLINE),
    Known('ieee', 'refs-json', 'report2022', ', May 2022. [[Online]. |]', ONLINE),
    Known('ieee', 'refs-json', 'diffusers2023', '3). GitHub. [[Online]. |]', ONLINE),
    Known('ieee', 'refs-bib', 'oneill2023', ' Name?” 2023[. [Online]|]', ONLINE),
    Known('ieee', 'refs-bib', 'report2022', ', May 2022. [[Online]. |]', ONLINE),
    Known('ieee', 'refs-bib', 'diffusers2023', '3). GitHub. [[Online]. |]', ONLINE),
    Known('vancouver', 'fixtures', 'zeta2020deep', 'ons. 2nd ed.[ Ed B|] Ed B, editor[|Ed B]', NAMES_LABEL),
    Known('vancouver', 'fixtures', 'kowalski2022erasing', 'n Models. In[:|,] Models. In: [|editors]  M, Tanaka H[, editors|]', NAMES_LABEL),
    Known('vancouver', 'refs-json', 'zeta2020deep', 'ons. 2nd ed.[ Ed B|] Ed B, editor[|Ed B]', NAMES_LABEL),
    Known('vancouver', 'refs-json', 'kowalski2022erasing', 'n Models. In[:|,] Models. In: [|editors]  M, Tanaka H[, editors|]', NAMES_LABEL),
    Known('vancouver', 'refs-bib', 'zeta2020deep', 'ons. 2nd ed.[ Ed B|] Ed B, editor[|Ed B]', NAMES_LABEL),
    Known('vancouver', 'refs-bib', 'kowalski2022erasing', 'n Models. In[:|,] Models. In: [|editors]  M, Tanaka H[, editors|]', NAMES_LABEL),
)

GOAL = 0.98


def _agreement():
    spec = importlib.util.spec_from_file_location("agreement", ROOT / "benchmarks" / "agreement.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _have_pandoc() -> bool:
    try:
        import pypandoc

        return bool(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return False


pytestmark = pytest.mark.skipif(not _have_pandoc(), reason="pandoc (pypandoc-binary) is not installed")


@pytest.fixture(scope="module")
def agreement():
    return _agreement()


@pytest.fixture(scope="module")
def data(agreement):
    return agreement.datasets()


def _styles():
    from unlearn_bib import styles

    return styles.short_names()


@pytest.mark.parametrize("dataset", ["catalog", "fixtures", "refs-json", "refs-bib"])
@pytest.mark.parametrize("style", _styles())
def test_agreement_with_pandoc(agreement, data, style, dataset):
    result = agreement.compare(style, dataset, data[dataset])
    assert "[WARNING]" not in result.pandoc_stderr, result.pandoc_stderr
    found = result.signatures()
    listed = {k.key: k.signature for k in KNOWN_DIFFERENCES if k.style == style and k.dataset == dataset}
    new = {key: sig for key, sig in found.items() if key not in listed}
    gone = sorted(key for key in listed if key not in found)
    changed = {key: (listed[key], found[key]) for key in listed if key in found and found[key] != listed[key]}
    assert not new, "new differences from pandoc:\n" + "\n".join(
        f"{key}: {sig}\n  ours:   {result.differences[key][0]}\n  pandoc: {result.differences[key][1]}"
        for key, sig in new.items())
    assert not gone, f"listed differences no longer occur (remove them from the ledger): {gone}"
    assert not changed, f"listed differences changed: {changed}"
    assert (result.same + len(listed)) / result.total >= GOAL
