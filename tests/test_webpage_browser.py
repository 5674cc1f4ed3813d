"""The release page in a real headless Chromium: search, filters, copy buttons, download, phone width."""
import re
from pathlib import Path

import pytest

from conftest import needs_chromium, serve_release

pytestmark = needs_chromium
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from serve_release(tmp_path_factory.mktemp("site") / "dist")


@pytest.fixture
def page(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site[1])
    yield page
    context.close()


def shown_keys(page):
    return page.eval_on_selector_all("#papers tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.key)")


def test_search_filters_as_you_type(page):
    assert len(shown_keys(page)) == 40
    page.fill("#q", "receler")
    assert shown_keys(page) == ["huang2024receler"]
    page.fill("#q", "Sijia Liu")  # an author
    keys = shown_keys(page)
    assert "fan2024salun" in keys and "zhang2024unlearncanvas" in keys and len(keys) == 4
    page.fill("#q", "ICLR")  # a venue
    assert set(shown_keys(page)) == {"chavhan2025conceptprune", "bui2025fantastic", "fan2024salun", "pham2024circumventing", "tsai2024ring"}
    assert page.inner_text("#count") == "5 of 40 papers shown"


def test_section_and_year_filters(page):
    page.select_option("#section", "benchmark")
    assert set(shown_keys(page)) == {"ren2025six", "zhang2024unlearncanvas"}
    page.select_option("#year", "2025")
    assert shown_keys(page) == ["ren2025six"]
    page.select_option("#section", "")
    page.select_option("#year", "2023")
    assert set(shown_keys(page)) == {"heng2023selective", "kumari2023ablating", "gandikota2023erasing", "ni2023degeneration"}


def test_copy_bibtex_equals_refs_bib_entry(page, site):
    refs = (site[0] / "refs.bib").read_text()
    entry = re.search(r"@inproceedings\{huang2024receler,.*?\n\}\n", refs, re.S).group(0)
    page.click('tr[data-key="huang2024receler"] button.copy-bib')
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == entry
    assert "huang2024receler" in page.inner_text("#status")


def test_copy_citation_in_chosen_style(page, site):
    page.select_option("#style", "ieee")
    page.click('tr[data-key="lu2024mace"] button.copy-cite')
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    ieee = (site[0] / "styles" / "ieee.txt").read_text()
    line = next(l for l in ieee.split("\n\n") if "MACE" in l).strip()
    assert line.endswith(copied) and copied.startswith("S. Lu")


def test_download_bib_of_shown(page):
    page.fill("#q", "MACE")
    with page.expect_download() as info:
        page.click("#download")
    text = Path(info.value.path()).read_text()
    assert text.count("@") == 1 and "lu2024mace" in text


def test_keyboard_and_labels(page):
    page.focus("#q")
    page.keyboard.type("concept")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "section"
    for control in ("q", "section", "year", "style"):
        assert page.locator(f'label[for="{control}"]').count() == 1
    labels = page.eval_on_selector_all("button.copy-bib", "bs => bs.map(b => b.getAttribute('aria-label'))")
    assert all(l.startswith("Copy BibTeX for ") for l in labels)
    assert page.get_attribute("svg", "role") == "img"


def test_screenshots_desktop_and_phone(browser, site):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("desktop", {"width": 1280, "height": 1000}), ("phone", {"width": 390, "height": 844})):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(site[1])
        page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"{name}: page scrolls sideways ({width}px)"
        context.close()
    assert (ARTIFACTS / "page-desktop.png").stat().st_size > 10_000


def test_page_works_from_disk(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site[0] / "index.html").as_uri())
    page.fill("#q", "ring-a-bell")
    assert shown_keys(page) == ["tsai2024ring"]
    context.close()


def test_faded_message_lets_clicks_through_to_the_button_under_it(page):
    page.click('tr[data-key="huang2024receler"] button.copy-bib')
    page.wait_for_function("document.getElementById('status').classList.contains('show')")
    page.evaluate("document.getElementById('status').classList.remove('show')")  # what the timer does after 2.5 s
    page.wait_for_function("getComputedStyle(document.getElementById('status')).opacity === '0'")
    status = page.locator("#status").bounding_box()
    key = shown_keys(page)[25]
    button = page.locator(f'tr[data-key="{key}"] button.copy-cite')
    box = button.bounding_box()
    x = box["x"] + box["width"] / 2
    assert status["x"] < x < status["x"] + status["width"], (status, box)  # the button's column lies under the message
    target = status["y"] + status["height"] / 2
    page.evaluate("dy => window.scrollBy(0, dy)", box["y"] + box["height"] / 2 - target)
    box = button.bounding_box()
    y = box["y"] + box["height"] / 2
    assert status["y"] < y < status["y"] + status["height"], (status, box)  # and now its row too
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).className", [x, y]) == "copy-cite"
    page.mouse.click(x, y)
    page.wait_for_function("key => document.getElementById('status').textContent.endsWith('citation of ' + key)", arg=key)


def test_unverified_records_carry_a_visible_label(browser):
    from conftest import EDGE
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.release import webpage

    catalog = load_catalog(EDGE)
    catalog = type(catalog)(tuple(p if i else __import__("dataclasses").replace(p, needs_verification=True)
                                  for i, p in enumerate(catalog)), catalog.sections)
    first = catalog.papers[0].key
    html = webpage.render(catalog, bibtex={p.key: "" for p in catalog}, citations={"apa": {p.key: "" for p in catalog}},
                          style_labels={"apa": "APA"})
    context = browser.new_context()
    page = context.new_page()
    page.set_content(html)
    label = page.locator(f'tr[data-key="{first}"] .unverified')
    assert label.is_visible() and label.inner_text() == "unverified"
    assert page.locator(".unverified").count() == 1
    assert "4 verified, 1 not yet verified" in page.inner_text("header")
    assert "A verified bibliography" not in page.content() and "verified bibliography" not in page.title()
    context.close()
