"""The claims ledger's links into the data: the rows that cite the same sources as a claim."""

from typing import NamedTuple

import pandas as pd

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.presentation import membership_anchor, row_anchor
from caucasus_atlas.style import STATUS_STYLE

SHORT_TITLE = 60  # characters of an event's title a link shows
# The page that shows every row of a table, so every row's link lands there.
ROW_PAGES = {"events": "timeline", "sites": "footprint", "memberships": "memberships"}


class RowLink(NamedTuple):
    """One data row: ``label`` names it in the data ('events: <id>'), ``text`` for readers, ``page#anchor`` shows it."""

    label: str
    text: str
    page: str
    anchor: str


def row_labels(
    events: pd.DataFrame,
    sites: pd.DataFrame,
    memberships: pd.DataFrame,
    countries: pd.DataFrame | None = None,
    organisations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row link and source tuple per data row; memberships are named by the countries' and organisations'
    names where they are given, else by their codes."""
    links = [
        RowLink(
            f"events: {e.id}",
            f"{format_partial_date(e.date, e.date_precision)}: {shortened(e.title)}",
            ROW_PAGES["events"],
            row_anchor("event", e.id),
        )
        for e in events.itertuples()
    ]
    links += [
        RowLink(f"sites: {s.id}", s.name, ROW_PAGES["sites"], row_anchor("site", s.id)) for s in sites.itertuples()
    ]
    links += [
        RowLink(
            f"memberships: {m.country} {m.organisation} {m.status}",
            f"{name(countries, m.country)} in the {name(organisations, m.organisation)}: {STATUS_STYLE[m.status][0]}"
            + ("" if pd.isna(m.claimed_by) else f" ({name(countries, m.claimed_by)}'s claim)")
            + f", from {format_partial_date(m.start, m.start_precision)}",
            ROW_PAGES["memberships"],
            membership_anchor(m),
        )
        for m in memberships.itertuples()
    ]
    sources = [*events["sources"], *sites["sources"], *memberships["sources"]]
    return pd.DataFrame({"link": links, "sources": sources})


def name(lookup: pd.DataFrame | None, code: str) -> str:
    """A country's or organisation's name in ``lookup`` (indexed by code), else its code."""
    return code if lookup is None else lookup["name"].get(code, code)


def shortened(text: str, limit: int = SHORT_TITLE) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis where it was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def related_rows(claims: pd.DataFrame, rows: pd.DataFrame) -> list[list[RowLink]]:
    """For each claim, the data rows citing at least one of its sources, in label order."""
    citing = {}
    for row, keys in zip(rows["link"], rows["sources"], strict=True):
        for key in keys:
            citing.setdefault(key, set()).add(row)
    return [sorted(set().union(*(citing.get(key, set()) for key in keys))) for keys in claims["sources"]]
