"""Issue 21, items 9 and 10 on the page, in headless Chromium: search by arXiv id or key; Cite copies
HTML and plain text together; the paste-ready styles/*.html lists are linked."""
import pytest

from conftest import EDGE, needs_chromium, serve_release

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from serve_release(tmp_path_factory.mktemp("site") / "dist", "--papers", str(EDGE))


@pytest.fixture
def page(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site[1])
    yield page
    context.close()


def shown(page):
    return page.eval_on_selector_all("#papers tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.key)")


@pytest.mark.parametrize("query", ["2310.05873", "arXiv:2310.05873v2", "https://arxiv.org/abs/2310.05873",
                                   "oneill2023preprint", "oneill2023"])
def test_search_box_finds_an_arxiv_id_or_a_key(page, query):
    page.fill("#q", query)
    assert shown(page) == ["oneill2023preprint"]


def test_search_box_finds_a_doi(page):
    page.fill("#q", "https://doi.org/10.1007/978-3-031-73668-1_5")
    assert shown(page) == ["vanderberg2024receler"]


def test_cite_copies_html_and_plain_text_together(page, site):
    page.select_option("#style", "apa")
    page.click('tr[data-key="lee2024journal"] button.copy-cite')
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Copied')")
    types, html, text = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        const html = item.types.includes('text/html') ? await (await item.getType('text/html')).text() : '';
        const text = await (await item.getType('text/plain')).text();
        return [item.types, html, text];
    }""")
    assert "text/html" in types and "text/plain" in types
    assert "<i>" in html and "<i>" not in text  # the journal in italics survives pasting into Word
    listed = (site[0] / "styles" / "apa.txt").read_text()
    assert text in listed and text.startswith("Lee, J.")
    assert "IEEE Transactions on Pattern Analysis" in html


def test_page_links_the_paste_ready_html_lists(page, site):
    hrefs = page.eval_on_selector_all(".downloads a", "as => as.map(a => a.getAttribute('href'))")
    html_lists = sorted(h for h in hrefs if h.startswith("styles/") and h.endswith(".html"))
    assert html_lists == sorted(f"styles/{p.name}" for p in (site[0] / "styles").glob("*.html"))
    assert len(html_lists) == 9
