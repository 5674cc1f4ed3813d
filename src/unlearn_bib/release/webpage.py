"""The release's ``index.html``: one self-contained page to find a paper and copy its citation.

No network, no CDN: styles, script, data and the chart are inline, so the page works opened
from disk and served by GitHub Pages alike. Every catalog string is escaped.
"""
from __future__ import annotations

import json
from html import escape

from unlearn_bib.export.tables import venue_cell
from unlearn_bib.catalog.model import Catalog, Paper
from unlearn_bib.catalog.identifiers import web_link

PALETTE = ("#2f6db5", "#c2571a", "#2e8b57", "#8e44ad", "#b8860b", "#5f6b7a")

CSS = """
:root { color-scheme: light dark; --fg: #1d232b; --bg: #fff; --muted: #5b6673; --line: #d9dee4; --accent: #2f6db5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ee; --bg: #15181d; --muted: #a3adb9; --line: #343b45; --accent: #7fb0ee; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: .2rem 0; }
.sub, .count { color: var(--muted); }
.downloads a { margin-right: .8rem; white-space: nowrap; }
.sections a { margin-right: .3rem; }
small.path { color: var(--muted); white-space: nowrap; }
#changes h2 { font-size: 1.2rem; } #changes h3 { font-size: 1rem; margin-bottom: .2rem; }
form { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; margin: 1rem 0; }
form div { display: flex; flex-direction: column; }
label { font-size: .85rem; color: var(--muted); }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: .3rem; background: var(--bg); color: var(--fg); }
input[type=search] { min-width: 16rem; }
button { cursor: pointer; }
button:hover { border-color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .45rem .4rem; border-bottom: 1px solid var(--line); }
th { font-size: .85rem; color: var(--muted); }
td.cite { white-space: nowrap; }
.authors { font-size: .9rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
#status { position: fixed; bottom: 1rem; right: 1rem; background: var(--fg); color: var(--bg); padding: .5rem .8rem; border-radius: .3rem; opacity: 0; transition: opacity .2s, visibility 0s .2s; visibility: hidden; pointer-events: none; }
#status.show { opacity: 1; visibility: visible; transition: opacity .2s; }
.unverified { display: inline-block; margin-left: .4rem; padding: 0 .35rem; border: 1px solid #b8860b; border-radius: .25rem; color: #8a6100; font-size: .8rem; font-weight: 600; }
@media (prefers-color-scheme: dark) { .unverified { color: #e0b450; border-color: #e0b450; } }
figure { margin: 1rem 0; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
@media (max-width: 720px) {
  thead { display: none; }
  .downloads a { white-space: normal; display: inline-block; }
  td, a { overflow-wrap: anywhere; }
  table, tbody, tr, td { display: block; width: 100%; }
  tr { border-bottom: 2px solid var(--line); padding: .4rem 0; }
  td { border: 0; padding: .15rem 0; }
  td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
  input[type=search] { min-width: 0; width: 100%; }
  form div { width: 100%; }
}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var rows = Array.prototype.slice.call(document.querySelectorAll("#papers tbody tr"));
  var q = document.getElementById("q"), section = document.getElementById("section"),
      year = document.getElementById("year"), style = document.getElementById("style"),
      count = document.getElementById("count"), status = document.getElementById("status");
  var timer = null;

  function say(message) {
    status.textContent = message;
    status.classList.add("show");
    clearTimeout(timer);
    timer = setTimeout(function () { status.classList.remove("show"); }, 2500);
  }

  function visible() { return rows.filter(function (r) { return !r.hidden; }); }

  // An arXiv id as people paste it (arXiv:2311.17717v2, an arxiv.org link) or a DOI link: the bare id.
  function term(word) {
    var m = /^(?:arxiv:|https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/)?(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$/.exec(word);
    if (m) return m[1];
    return word.replace(/^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)/, "");
  }

  function apply() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean).map(term);
    rows.forEach(function (r) {
      var text = r.getAttribute("data-search");
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        (!section.value || r.getAttribute("data-section") === section.value) &&
        (!year.value || r.getAttribute("data-year") === year.value);
      r.hidden = !ok;
    });
    var n = visible().length;
    count.textContent = n + " of " + rows.length + " papers shown";
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  // A citation is stored once, as HTML (italics, links); its plain text is what the HTML shows.
  function plainText(html) {
    var inert = document.createElement("template");
    inert.innerHTML = html;
    return inert.content.textContent;
  }

  function copy(text, what, button, html) {
    window.lastCopied = text;
    function done(ok) {
      say(ok ? "Copied " + what : "Could not copy: select the text and copy it by hand");
      if (ok) {
        var label = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 1500);
      }
    }
    function plainOnly() {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    }
    if (navigator.clipboard && window.isSecureContext) {
      if (html && window.ClipboardItem && navigator.clipboard.write) {
        // HTML keeps italics when pasted into Word or Google Docs; plain text for everything else.
        var item = new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" })
        });
        navigator.clipboard.write([item]).then(function () { done(true); }, plainOnly);
      } else {
        plainOnly();
      }
    } else {
      done(fallbackCopy(text));
    }
  }

  document.getElementById("papers").addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var key = button.closest("tr").getAttribute("data-key");
    if (button.classList.contains("copy-bib")) {
      copy(data.bibtex[key], "the BibTeX entry " + key, button);
    } else if (button.classList.contains("copy-cite")) {
      var styleName = style.value;
      var html = data.citations[styleName][key];
      copy(plainText(html), "the " + style.options[style.selectedIndex].text + " citation of " + key, button, html);
    }
  });

  document.getElementById("download").addEventListener("click", function () {
    var shown = visible();
    shown = shown.filter(function (r) { return data.bibtex.hasOwnProperty(r.getAttribute("data-key")); });
    var text = shown.map(function (r) { return data.bibtex[r.getAttribute("data-key")]; }).join("\n");
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-bibtex" }));
    link.download = "unlearning-papers.bib";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    say("Downloaded " + shown.length + " BibTeX entries");
  });

  [q, section, year].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
  document.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
"""


def first_year(paper: Paper) -> int | None:
    """The year a paper was first seen: the list's Year column or its arXiv id (YYMM.NNNNN), the earlier."""
    years = [paper.list_year] if paper.list_year else []
    if paper.arxiv[:4].isdigit() and paper.arxiv[4:5] == ".":
        years.append(2000 + int(paper.arxiv[:2]))
    return min(years) if years else None


def preprint_path(paper: Paper) -> str:
    """'arXiv 2023 → ECCV 2024' for a paper first seen as a preprint a year before it appeared; else ''."""
    first = first_year(paper)
    if paper.venue.is_preprint or not paper.arxiv or first is None or not paper.year or first >= paper.year:
        return ""
    return f"arXiv {first} → {venue_cell(paper)}"


def _path_note(paper: Paper) -> str:
    path = preprint_path(paper)
    return f'<br><small class="path" title="first seen as a preprint">{escape(path)}</small>' if path else ""


def _section_links(section_files) -> str:
    items = [f'{escape(title)}: <a href="{escape(bib)}">BibTeX</a> · <a href="{escape(biblatex)}">BibLaTeX</a>'
             for title, bib, biblatex in section_files]
    return f'<p class="downloads sections">By section: {"; ".join(items)}</p>' if items else ""


def _authors(paper: Paper) -> str:
    names = []
    for person in paper.authors:
        if person.literal:
            names.append(person.literal)
        else:
            names.append(" ".join(x for x in (person.given, person.full_family, person.suffix) if x))
    return ", ".join(names)


def chart(catalog: Catalog) -> str:
    """Papers per year, stacked by section, as inline SVG (drawn at build time)."""
    sections = [s for s in catalog.sections if any(p.section == s.id for p in catalog)]
    years = sorted({p.year for p in catalog if p.year is not None})  # a record with no year yet is not drawn
    if not years:
        return ""
    counts = {(y, s.id): sum(1 for p in catalog if p.year == y and p.section == s.id) for y in years for s in sections}
    totals = {y: sum(counts[(y, s.id)] for s in sections) for y in years}
    top = max(totals.values())
    bar, gap, height, left, base = 46, 18, 160, 30, 190
    width = left + len(years) * (bar + gap) + 200
    scale = height / top
    parts = [
        f'<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {width} {base + 30}" '
        f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">',
        '<desc id="chart-desc">' + escape("; ".join(
            f"{y}: " + ", ".join(f"{counts[(y, s.id)]} {s.title}" for s in sections if counts[(y, s.id)]) for y in years
        )) + "</desc>",
    ]
    for i, y in enumerate(years):
        x = left + i * (bar + gap)
        top_y = base
        for j, s in enumerate(sections):
            n = counts[(y, s.id)]
            if not n:
                continue
            h = n * scale
            top_y -= h
            parts.append(f'<rect x="{x}" y="{top_y:.1f}" width="{bar}" height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}">'
                         f"<title>{escape(s.title)}, {y}: {n}</title></rect>")
        parts.append(f'<text x="{x + bar / 2}" y="{top_y - 4:.1f}" text-anchor="middle">{totals[y]}</text>')
        parts.append(f'<text x="{x + bar / 2}" y="{base + 18}" text-anchor="middle">{y}</text>')
    lx = left + len(years) * (bar + gap) + 10
    for j, s in enumerate(sections):
        parts.append(f'<rect x="{lx}" y="{20 + j * 22}" width="14" height="14" fill="{PALETTE[j % len(PALETTE)]}"/>')
        parts.append(f'<text x="{lx + 20}" y="{32 + j * 22}">{escape(s.title)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _json_for_script(value) -> str:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _summary(total: int, unverified: int) -> str:
    """The page's claim: "verified" only when every record is."""
    if not unverified:
        return f"A verified bibliography of {total} papers."
    return (f"A bibliography of {total} papers: {total - unverified} verified, {unverified} not yet verified "
            f"(marked “unverified”: imported from a list, not yet checked against the publisher).")


_LEFT_OUT = ('<small class="path" title="no authors yet: left out of the bibliographies until verified">'
             'not in the bibliographies yet</small>')


def _buttons(p: Paper) -> str:
    return (f'<button type="button" class="copy-bib" aria-label="Copy BibTeX for {escape(p.plain_title)}">BibTeX</button> '
            f'<button type="button" class="copy-cite" aria-label="Copy formatted citation for {escape(p.plain_title)}">'
            "Cite</button>")


def render(catalog: Catalog, *, bibtex: dict[str, str], citations: dict[str, dict[str, str]],
           style_labels: dict[str, str], downloads: list[tuple[str, str]] = (), version: str = "",
           section_files: list[tuple[str, str, str]] = (), changes_html: str = "") -> str:
    """The page. ``bibtex`` maps key -> entry; ``citations`` style -> key -> the entry as an HTML
    fragment (``citations.to_html``: escaped), which Cite copies as HTML and as its plain text.
    A paper without a ``bibtex`` entry (left out of the bibliographies) has no copy buttons.

    ``section_files`` lists (section title, .bib, BibLaTeX file); ``changes_html`` is an escaped
    fragment from ``changes.to_html``, shown as "What changed" when given.
    """
    titles = {s.id: s.title for s in catalog.sections}
    rows = []
    for p in catalog:
        venue = venue_cell(p)
        search = " ".join([p.plain_title, *p.title_aliases, _authors(p), venue, p.venue.name, p.key,
                           p.arxiv, p.doi, p.openreview]).lower()
        code = f'<a href="{escape(web_link(p.code))}">code</a>' if web_link(p.code) else ""  # http(s) only
        link = web_link(p.link)
        marker = ' data-verified="no"' if p.needs_verification else ""
        title = f'<a href="{escape(link)}">{escape(p.plain_title)}</a>' if link else escape(p.plain_title)
        if p.needs_verification:
            title += ' <span class="unverified" title="imported from a list; not yet checked against the publisher">unverified</span>'
        rows.append(
            f'<tr data-key="{escape(p.key)}" data-section="{escape(p.section)}" data-year="{p.year or ""}" data-search="{escape(search)}"'
            f'{marker}>'
            f'<td data-label="Paper">{title}</td>'
            f'<td class="authors" data-label="Authors">{escape(_authors(p))}</td>'
            f'<td data-label="Venue">{escape(venue)}{_path_note(p)}</td>'
            f'<td data-label="Year">{p.year or ""}</td>'
            f'<td data-label="Code">{code}</td>'
            f'<td data-label="Section">{escape(titles.get(p.section, p.section))}</td>'
            f'<td class="cite">{_buttons(p) if p.key in bibtex else _LEFT_OUT}</td></tr>'
        )
    section_options = "".join(f'<option value="{escape(s.id)}">{escape(s.title)}</option>' for s in catalog.sections)
    year_options = "".join(f'<option value="{y}">{y}</option>' for y in sorted({p.year for p in catalog if p.year}, reverse=True))
    style_options = "".join(f'<option value="{escape(k)}">{escape(v)}</option>' for k, v in style_labels.items())
    links = " ".join(f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in downloads)
    data = _json_for_script({"bibtex": bibtex, "citations": citations})
    unverified = sum(p.needs_verification for p in catalog)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Machine unlearning for diffusion models: a {"" if unverified else "verified "}bibliography</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>Machine unlearning for diffusion models</h1>
<p class="sub">{_summary(len(catalog), unverified)} Each entry is exported as what the paper became (an arXiv preprint that appeared at ECCV is cited as ECCV).{f" Built by unlearn-bib {escape(version)}." if version else ""}</p>
<p class="downloads">{links}</p>
{_section_links(section_files)}
</header>
<main>
{f'<section id="changes" aria-labelledby="changes-title"><h2 id="changes-title">What changed since the previous release</h2>{chr(10)}{changes_html}</section>' if changes_html else ""}
<figure>
<figcaption id="chart-title">Papers per year, by section</figcaption>
{chart(catalog)}
</figure>
<form role="search" aria-label="Filter papers">
<div><label for="q">Search title, author, venue, key or arXiv id</label><input id="q" type="search" autocomplete="off"></div>
<div><label for="section">Section</label><select id="section"><option value="">All sections</option>{section_options}</select></div>
<div><label for="year">Year</label><select id="year"><option value="">All years</option>{year_options}</select></div>
<div><label for="style">Citation style for “Cite”</label><select id="style">{style_options}</select></div>
<div><button id="download" type="button">Download .bib of shown papers</button></div>
</form>
<p id="count" class="count" aria-live="polite">{len(catalog)} of {len(catalog)} papers shown</p>
<table id="papers">
<caption class="visually-hidden">Papers; each row has buttons that copy its BibTeX entry or formatted citation</caption>
<thead><tr><th scope="col">Paper</th><th scope="col">Authors</th><th scope="col">Venue</th><th scope="col">Year</th><th scope="col">Code</th><th scope="col">Section</th><th scope="col">Copy</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</main>
<div id="status" role="status" aria-live="polite"></div>
<script type="application/json" id="data">{data}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
