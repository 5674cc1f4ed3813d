"""Large lists render in slices on several cores: the output must equal a single pass."""
import re

import pytest

from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.csl import workers
from unlearn_bib.export import citations


@pytest.mark.parametrize("style", ["ieee", "apa", "vancouver", "chicago"])
def test_parallel_render_equals_serial(monkeypatch, style):
    catalog = load_catalog()
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "1")
    serial = citations.render(catalog, style, "text")
    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 10)
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "3")
    calls = []
    original = workers.slices
    monkeypatch.setattr(workers, "slices", lambda n, jobs: calls.append(original(n, jobs)) or calls[-1])
    parallel = citations.render(catalog, style, "text")
    assert parallel == serial
    # Three slices, the parent taking the first. IEEE and Vancouver send the whole pipeline
    # out once; APA computes sort keys, the cites compared for year suffixes and the
    # entries in slices, and so does Chicago (author-date).
    slices = [(0, 14), (14, 28), (28, 40)]
    assert calls == [slices] * {"ieee": 1, "vancouver": 1, "apa": 3, "chicago": 3}[style]


def test_numbers_are_positions_not_searches():
    """Numeric labels come from the frozen position, so a long list is not quadratic."""
    text = citations.render(load_catalog(), "ieee", "text")
    labels = [line.split("]")[0] + "]" for line in text.split("\n\n")]
    assert labels == [f"[{n}]" for n in range(1, 41)]


@pytest.mark.parametrize("style", ["apa", "chicago", "harvard", "mla", "ieee"])
def test_parallel_sort_keys_and_year_suffixes_equal_serial(monkeypatch, style):
    """The tricky fixtures (same author and year, particles, accents, no dates) sorted and
    suffixed in forked slices give the same list as one pass."""
    from conftest import DATA

    from unlearn_bib.export import csljson
    from unlearn_bib.items.load import load_items

    items = list(load_items(str(DATA / "citations" / "fixtures.json")).items) + csljson.items(load_catalog())
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "1")
    serial = [(e.key, e.text) for e in citations.format_items(items, style)]
    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 10)
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "3")
    parallel = [(e.key, e.text) for e in citations.format_items(items, style)]
    assert parallel == serial
    if style == "apa":  # the fixtures do need year suffixes
        assert any(re.search(r"\(\d{4}a\)", text) for _, text in serial)


def test_rendering_thaws_only_what_it_froze():
    """render_list freezes the heap while it works; a freeze its caller made stays."""
    import gc

    catalog = load_catalog()
    citations.render(catalog, "ieee", "text")
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        citations.render(catalog, "ieee", "text")
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()


def test_without_worker_processes_the_slices_run_here(monkeypatch):
    """A sandbox that cannot start a process still gets the list, identical."""
    import os

    catalog = load_catalog()
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "1")
    serial = citations.render(catalog, "apa", "text")

    def no_fork():
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 10)
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "3")
    assert citations.render(catalog, "apa", "text") == serial


def test_a_worker_error_reaches_the_caller_and_no_worker_is_left(monkeypatch):
    """An exception in a forked slice is raised here, as in a single pass; every worker is reaped."""
    import os

    def work(bounds):
        if bounds[0] == 4:
            raise ValueError(f"slice {bounds} failed")
        return [os.getpid()] * (bounds[1] - bounds[0])

    with pytest.raises(ValueError, match=r"slice \(4, 8\) failed"):
        workers.in_slices(work, [(0, 4), (4, 8), (8, 12)])
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child of this process left, not even a zombie
    pids = workers.in_slices(work, [(0, 4), (8, 12), (12, 13)])
    assert len(pids) == 9 and pids[:4] == [os.getpid()] * 4 and len(set(pids[4:])) == 2 and os.getpid() not in pids[4:]


def test_a_worker_that_dies_is_an_error_not_a_short_list():
    import os

    def work(bounds):
        if bounds[0]:
            os._exit(3)
        return list(range(*bounds))

    with pytest.raises(RuntimeError, match="ended without a result"):
        workers.in_slices(work, [(0, 2), (2, 4)])


def test_a_malformed_jobs_setting_is_named_not_blamed_on_the_style(run, monkeypatch):
    monkeypatch.setenv("UNLEARN_BIB_JOBS", "auto")
    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 10)
    result = run("export", "--format", "text", "--style", "ieee")
    assert result.exit_code == 1
    assert "UNLEARN_BIB_JOBS='auto': expected a whole number" in result.stderr
    assert "citeproc-py" not in result.stderr and "Traceback" not in result.stderr
