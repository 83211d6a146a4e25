"""Selections from the dated events."""

import pandas as pd

from caucasus_atlas.dates import iso_text


def involving(events: pd.DataFrame, countries: set[str], since: int | None = None) -> pd.DataFrame:
    """Events in which every one of ``countries`` took part, from the year ``since`` on, in date order."""
    chosen = events[events["countries"].map(lambda involved: countries <= set(involved))]
    if since is not None:
        chosen = chosen[chosen["date"].dt.year >= since]
    return chosen.sort_values(["date", "id"])


def in_chapter(events: pd.DataFrame, chapter: str) -> pd.DataFrame:
    """Events whose ``chapters`` cell names ``chapter`` (a notebook's stem, such as "dam"), in date order.

    A chapter's table of events is chosen in ``data/events.csv``, where validation checks that every
    name is a chapter, not by a list of ids in the notebook, which a mistyped id would silently shorten.
    """
    chosen = events[events["chapters"].map(lambda chapters: chapter in chapters)]
    return chosen.sort_values(["date", "id"])


# The turns a map's time bar marks: wars, annexations, recognitions and military operations.
KEY_KINDS = ("war", "annexation", "recognition", "military_operation")


def key_events(events: pd.DataFrame) -> list[list[str]]:
    """The events a map's time bar marks, as [ISO date at its source's precision, title], in date order."""
    chosen = events[events["kind"].isin(KEY_KINDS)].sort_values(["date", "id"])
    return [[iso_text(event.date, event.date_precision), event.title] for event in chosen.itertuples()]
