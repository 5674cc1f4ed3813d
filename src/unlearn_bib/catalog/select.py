"""Pick papers by section, key, year and venue: the filters every export shares."""
from __future__ import annotations

from dataclasses import dataclass

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.catalog.model import Catalog


@dataclass(frozen=True)
class Selection:
    sections: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    year: int | None = None
    since: int | None = None
    venue: str = ""

    def apply(self, catalog: Catalog) -> Catalog:
        known_sections = {s.id for s in catalog.sections}
        for section in self.sections:
            if section not in known_sections:
                raise UnlearnBibError(f"unknown section {section!r} (known: {', '.join(sorted(known_sections))})")
        missing = [k for k in self.keys if catalog.get(k) is None]
        if missing:
            from unlearn_bib.text.suggest import did_you_mean

            hint = did_you_mean(missing[0], [p.key for p in catalog])
            hint = f" ({hint})" if hint else ""
            raise UnlearnBibError(f"{catalog.path}: no paper with key {missing[0]!r}{hint}")
        venue_id, venue_year = "", None
        if self.venue:
            from unlearn_bib.catalog import venues

            name, venue_year = venues.split_year(self.venue)  # "NeurIPS 2024": venue and year
            venue_id = venues.lookup(name)
        papers = [
            p for p in catalog
            if (not self.sections or p.section in self.sections)
            and (not self.keys or p.key in self.keys)
            and (self.year is None or p.year == self.year)
            and (self.since is None or (p.year or 0) >= self.since)  # no year yet: not "since" any year
            and (not venue_id or p.venue.id == venue_id or p.venue.id.startswith(venue_id + "/"))
            and (venue_year is None or p.year == venue_year)
        ]
        return Catalog(tuple(papers), catalog.sections, catalog.path)


def shippable(catalog: Catalog) -> tuple[Catalog, list]:
    """(the papers a bibliography may hold, the papers left out): a record without authors
    (imported from a table, not yet verified) would print as "Anonymous" or its title twice,
    so bibliographies leave it out and the caller warns, naming it."""
    kept = tuple(p for p in catalog if p.authors)
    left_out = [p for p in catalog if not p.authors]
    return Catalog(kept, catalog.sections, catalog.path), left_out


def left_out_summary(count: int) -> str:
    """The one warning for ``count`` records ``shippable`` left out, when they are too many to name."""
    return (f"warning: {count} records have no authors (needs_verification): left out of the bibliographies; run "
            "`unlearn-bib update --online --write` or see `unlearn-bib check` (--verbose names each)")


def left_out_warning(paper) -> str:
    """The warning for a record ``shippable`` left out: file, line, key and what to do."""
    where = f"{paper.where}: " if getattr(paper, "where", None) else ""
    return (f"{where}warning: {paper.key!r} has no authors (not yet verified): left out of the bibliographies; "
            "add its authors and sources (by hand or with --online), then run `unlearn-bib check`")


def yearless_warnings(catalog) -> tuple[list[str], str]:
    """(one warning per record without a year, the one summary line): such a record (imported
    from a list that gave none, not yet verified) is written without a year ("n.d.")."""
    yearless = [p for p in catalog if p.year is None]
    lines = [f"{f'{p.where}: ' if getattr(p, 'where', None) else ''}warning: {p.key!r} has no year (not yet verified): "
             "written without one (n.d.); run `unlearn-bib update --online --write` or add its year" for p in yearless]
    return lines, (f"warning: {len(yearless)} records have no year (needs_verification): written without one (n.d.); "
                   "run `unlearn-bib update --online --write` or see `unlearn-bib check` (--verbose names each)")
