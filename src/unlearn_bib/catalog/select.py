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
        venue_id = ""
        if self.venue:
            from unlearn_bib.catalog import venues

            name, _ = venues.split_year(self.venue)
            venue_id = venues.lookup(name)
        papers = [
            p for p in catalog
            if (not self.sections or p.section in self.sections)
            and (not self.keys or p.key in self.keys)
            and (self.year is None or p.year == self.year)
            and (self.since is None or p.year >= self.since)
            and (not venue_id or p.venue.id == venue_id or p.venue.id.startswith(venue_id + "/"))
        ]
        return Catalog(tuple(papers), catalog.sections, catalog.path)
