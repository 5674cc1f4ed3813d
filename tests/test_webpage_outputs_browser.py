"""The page's RIS, per-section and CHANGES links, preprint paths and "What changed", in headless Chromium."""
import pytest

from conftest import DATA, EDGE, needs_chromium, serve_release

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from serve_release(tmp_path_factory.mktemp("site") / "dist", "--papers", str(EDGE),
                             "--previous", str(DATA / "previous" / "manifest.json"))


@pytest.fixture(params=[1280, 375], ids=["desktop", "phone"])
def page(browser, site, request):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    page.goto(site[1])
    yield page
    context.close()


def test_every_download_link_serves_the_bundle_file(page, site):
    hrefs = page.eval_on_selector_all(".downloads a", "links => links.map(a => a.getAttribute('href'))")
    for name in ("refs.ris", "CITATION.cff", "CHANGES.md", "refs-methods.bib", "refs-methods-biblatex.bib",
                 "refs-attacks.bib", "refs-attacks-biblatex.bib"):
        assert name in hrefs, name
        response = page.request.get(site[1].rsplit("/", 1)[0] + "/" + name)
        assert response.ok and response.body() == (site[0] / name).read_bytes(), name
    assert page.is_visible("a[href='refs.ris']") and page.is_visible("a[href='refs-methods.bib']")


def test_preprint_path_is_shown_in_the_venue_cell(page):
    cell = page.locator("tr[data-key='vanderberg2024receler'] td[data-label='Venue']")
    assert cell.inner_text().split() == ["ECCV", "2024", "arXiv", "2023", "→", "ECCV", "2024"]
    assert page.locator("tr[data-key='lee2024journal'] small.path").count() == 0


def test_what_changed_section(page):
    section = page.locator("section#changes")
    assert section.is_visible()
    assert page.get_by_role("heading", name="What changed since the previous release").is_visible()
    headings = section.locator("h3").all_inner_texts()
    assert headings == ["Added (1)", "Removed (1)", "Now published (1)", "Corrected (3)", "Keys changed (1)"]
    assert "vanderberg2024receler: Receler-Like" in section.inner_text() and "arXiv 2023 → ECCV 2024" in section.inner_text()


def test_nothing_overflows_the_viewport(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
