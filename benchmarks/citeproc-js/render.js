#!/usr/bin/env node
// A second reference CSL processor for benchmarks/agreement.py: citeproc-js (npm "citeproc",
// the engine of Zotero and Mendeley). Test and benchmark use only; unlearn-bib never runs it.
//
//   node render.js ITEMS.json STYLE.csl LOCALES_DIR [text|html]
//
// Every item of the CSL-JSON array is cited, in file order (as pandoc's nocite "@*"), so
// unsorted numeric styles number entries in file order and disambiguation sees every item.
// Prints one JSON array: [[id, entry], ...] in the style's bibliography order. The locale
// files come from LOCALES_DIR (the caller passes citeproc-py's), so all engines read the
// same en-US terms; a style's own default-locale still wins, as in pandoc.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function fail(message) {
  process.stderr.write("render.js: " + message + "\n");
  process.exit(1);
}

// A dependent style names its parent; the parent file sits next to it or one folder up.
function styleText(file, hops) {
  const xml = fs.readFileSync(file, "utf8");
  const parent = /<link\s[^>]*href="[^"]*\/([^"/]+)"[^>]*rel="independent-parent"/.exec(xml)
    || /<link\s[^>]*rel="independent-parent"[^>]*href="[^"]*\/([^"/]+)"/.exec(xml);
  if (!parent) return xml;
  if (hops > 3) fail(file + ": too many dependent styles in a row");
  const here = path.dirname(file);
  for (const candidate of [path.join(here, parent[1] + ".csl"), path.join(here, "..", parent[1] + ".csl")]) {
    if (fs.existsSync(candidate)) return styleText(candidate, hops + 1);
  }
  return fail(file + ": its parent style " + parent[1] + ".csl is not next to it");
}

function main() {
  const [itemsFile, styleFile, localesDir, format = "text"] = process.argv.slice(2);
  if (!localesDir || !["text", "html"].includes(format)) {
    fail("usage: node render.js ITEMS.json STYLE.csl LOCALES_DIR [text|html]");
  }
  const items = JSON.parse(fs.readFileSync(itemsFile, "utf8"));
  const byId = new Map(items.map((item) => [String(item.id), { ...item, id: String(item.id) }]));
  const engine = new CSL.Engine({
    retrieveItem: (id) => byId.get(String(id)),
    retrieveLocale: (language) => {
      const file = path.join(localesDir, "locales-" + language + ".xml");
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
  }, styleText(styleFile, 0), "en-US");
  engine.setOutputFormat(format);
  engine.updateItems([...byId.keys()]);
  const result = engine.makeBibliography();
  if (!result) fail(styleFile + ": the style has no bibliography");
  const [meta, entries] = result;
  const ids = meta.entry_ids.map((group) => String(group[0]));
  process.stdout.write(JSON.stringify(ids.map((id, index) => [id, entries[index]])) + "\n");
}

main();
