"""Selections from the dated events."""

import pandas as pd


def involving(events: pd.DataFrame, countries: set[str], since: int | None = None) -> pd.DataFrame:
    """Events in which every one of ``countries`` took part, from the year ``since`` on, in date order."""
    chosen = events[events["countries"].map(lambda involved: countries <= set(involved))]
    if since is not None:
        chosen = chosen[chosen["date"].dt.year >= since]
    return chosen.sort_values(["date", "id"])
