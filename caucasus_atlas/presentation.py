"""Small HTML and text pieces shared by map popups and tables."""

import pandas as pd

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.markup import Markup, join, link
from caucasus_atlas.references import Reference


def span_text(start, start_precision, end, end_precision, open_end: str = "present") -> str:
    """'1995 – present', '8 Dec 1991 – Aug 2009': each end as precise as its source."""
    first = "unknown" if pd.isna(start) else format_partial_date(start, start_precision)
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
