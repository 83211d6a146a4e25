"""Small HTML and text pieces shared by map popups and tables."""

from html import escape

import pandas as pd

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.references import Reference


def span_text(start, start_precision, end, end_precision, open_end: str = "present") -> str:
    """'1995 – present', '8 Dec 1991 – Aug 2009': each end as precise as its source."""
    first = "unknown" if pd.isna(start) else format_partial_date(start, start_precision)
    last = open_end if pd.isna(end) else format_partial_date(end, end_precision)
    return f"{first} – {last}"


def source_links(keys: tuple[str, ...], references: dict[str, Reference]) -> str:
    """Linked titles of the sources behind one row, with their publishers."""
    return "; ".join(
        f'<a href="{escape(references[key].url)}" rel="noopener">{escape(references[key].title)}</a>'
        f" ({escape(references[key].publisher)})"
        for key in keys
    )
