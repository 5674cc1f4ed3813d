"""Large lists render in slices on several cores: the output must equal a single pass."""
import pytest

from unlearn_bib.catalog import load_catalog
from unlearn_bib.export import citations, citeproc_engine


@pytest.mark.parametrize("style", ["ieee", "apa", "vancouver", "chicago"])
def test_parallel_render_equals_serial(monkeypatch, style):
    catalog = load_catalog()
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "1")
    serial = citations.render(catalog, style, "text")
    monkeypatch.setattr(citeproc_engine, "PARALLEL_MIN_ITEMS", 10)
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "3")
    calls = []
    original = citeproc_engine._slices
    monkeypatch.setattr(citeproc_engine, "_slices", lambda n, jobs: calls.append(original(n, jobs)) or calls[-1])
    parallel = citations.render(catalog, style, "text")
    assert parallel == serial
    assert calls == [[(0, 14), (14, 28), (28, 40)]]  # three slices: the parent renders the first


def test_numbers_are_positions_not_searches():
    """Numeric labels come from the frozen position, so a long list is not quadratic."""
    text = citations.render(load_catalog(), "ieee", "text")
    labels = [line.split("]")[0] + "]" for line in text.split("\n\n")]
    assert labels == [f"[{n}]" for n in range(1, 41)]
