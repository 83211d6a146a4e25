"""Small HTML and text pieces shared by the maps' details and the tables."""

import re

import pandas as pd

from caucasus_atlas.dates import format_partial_date, iso_text
from caucasus_atlas.markup import Markup, join, link
from caucasus_atlas.references import Reference

NOT_IN_SOURCES = "start date not in the sources"


def span_text(
    start, start_precision, end, end_precision, open_end: str = "present", unknown_start: str = NOT_IN_SOURCES
) -> str:
    """'1995 – present', '8 Dec 1991 – Aug 2009': each end as precise as its source; a missing start says so."""
    first = unknown_start if pd.isna(start) else format_partial_date(start, start_precision)
    last = open_end if pd.isna(end) else format_partial_date(end, end_precision)
    return f"{first} – {last}"


def source_links(keys: tuple[str, ...], references: dict[str, Reference], new_tab: bool = False) -> Markup:
    """Linked titles of the sources behind one row, with their publishers."""
    return join(
        "; ",
        (Markup("{} ({})").format(reference_link(references[key], new_tab), references[key].publisher) for key in keys),
    )


def reference_link(reference: Reference, new_tab: bool = False) -> Markup:
    """A source's title, linked to its address."""
    return link(reference.url, reference.title, new_tab)


def row_anchor(kind: str, *key) -> str:
    """The id of a data row where a table shows it: 'event-<id>', 'membership-arm-csto-frozen-2024-02-22'.

    Only lower-case letters, digits and hyphens, whatever the key holds.
    """
    return re.sub(r"[^a-z0-9]+", "-", "-".join([kind, *map(str, key)]).lower()).strip("-")


def membership_anchor(spell) -> str:
    """The row id of one membership spell (a row of memberships.csv), from its primary key."""
    start = iso_text(spell.start, spell.start_precision)
    return row_anchor("membership", spell.country, spell.organisation, spell.status, start)


def row_link(page: str, anchor: str, text) -> Markup:
    """A link to the row ``anchor`` of the book page ``page`` ('timeline'), from a page beside it in chapters/."""
    return Markup('<a href="{}.html#{}">{}</a>').format(page, row_anchor(anchor), text)


def facts(rows: list[tuple[str, object]]) -> Markup:
    """A definition list's items (``<dt>``, ``<dd>``, escaped) for the rows that have a value."""
    shown = [(k, v) for k, v in rows if not (pd.api.types.is_scalar(v) and pd.isna(v)) and v != ""]
    return join("", (Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in shown))
