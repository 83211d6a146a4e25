"""Who belonged to what on a given day, and how fully, from the membership spells."""

from datetime import date

import pandas as pd

FULL = {"founding_member", "member"}
WITHDRAWN_FROM_WITHIN = {"frozen", "suspended"}


def spells_on(memberships: pd.DataFrame, when: date) -> pd.DataFrame:
    """The spells in force on ``when``: started on or before it, not yet ended.

    A date known only to the month or year counts from the first day of its period.
    """
    day = pd.Timestamp(when)
    started = memberships["start"] <= day
    running = memberships["end"].isna() | (memberships["end"] > day)
    return memberships[started & running]


def full_participation(memberships: pd.DataFrame, organisations: pd.DataFrame, when: date) -> pd.Series:
    """For each country, how many Russia-led bodies it took part in fully on ``when``.

    Fully: a member or founding member, with no frozen or suspended spell in force at the
    same time (Armenia's CSTO freeze counts against it, though Moscow disputes the status).
    """
    active = spells_on(memberships, when)
    active = active[active["organisation"].map(organisations["russia_led"])]
    held_back = active[active["status"].isin(WITHDRAWN_FROM_WITHIN)][["country", "organisation"]]
    full = active[active["status"].isin(FULL)]
    full = full.merge(held_back, how="left", indicator=True).query("_merge == 'left_only'")
    return full.groupby("country")["organisation"].nunique()


def participation_by_year(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: list[str], years: range
) -> pd.DataFrame:
    """Countries by years: Russia-led bodies each took part in fully on 1 July of each year."""
    counts = {year: full_participation(memberships, organisations, date(year, 7, 1)) for year in years}
    return pd.DataFrame(counts).reindex(countries).fillna(0).astype(int)
