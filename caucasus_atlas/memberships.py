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


# When several spells are in force at once (an EU candidate that is also negotiating), the map shows the first
# of these; where the parties' claims differ, it shows 'contested' and every claim.
PRECEDENCE = [
    "suspended",
    "frozen",
    "founding_member",
    "member",
    "negotiating",
    "candidate",
    "applicant",
    "associate_member",
    "associated",
    "partial_participant",
    "observer",
    "dialogue_partner",
    "partner",
]


def shown_status(active: pd.DataFrame) -> str | None:
    """The one status a map shows for a country's spells in force in one organisation."""
    if active.empty:
        return None
    if active["claimed_by"].dropna().nunique() > 1:
        return "contested"
    return min(active["status"], key=PRECEDENCE.index)


def status_segments(memberships: pd.DataFrame) -> list[dict]:
    """For each country and organisation, the periods over which the shown status and claims do not change.

    Each segment: country, organisation, start and end (ISO days, end exclusive or None), status, and the
    claims in force as (status, claimed_by or None) pairs.
    """
    segments = []
    for (country, organisation), spells in memberships.groupby(["country", "organisation"], sort=True):
        bounds = sorted(set(spells["start"]) | set(spells["end"].dropna()))
        for start, end in zip(bounds, [*bounds[1:], None], strict=True):
            active = spells_on(spells, start)
            status = shown_status(active)
            if status:
                claims = sorted(
                    (s, None if pd.isna(by) else by)
                    for s, by in zip(active["status"], active["claimed_by"], strict=True)
                )
                segments.append(
                    {
                        "country": country,
                        "organisation": organisation,
                        "start": start.date().isoformat(),
                        "end": None if end is None else end.date().isoformat(),
                        "status": status,
                        "claims": claims,
                    }
                )
    return segments


# Correlates of War IGO coding (v3): 0 none, 1 full member, 2 associate member, 3 observer. Statuses with no
# CoW equivalent (candidates, partners, spells frozen or suspended) code as 0, as CoW codes only membership.
COW_CODES = {"founding_member": 1, "member": 1, "associate_member": 2, "observer": 3}


def cow_yearly(memberships: pd.DataFrame, years: range) -> pd.DataFrame:
    """Country, organisation and year with the CoW IGO code on 1 July, where it is not 0.

    A freeze or suspension in force that day codes the pair as 0, whatever other claim stands.
    """
    rows = []
    for year in years:
        active = spells_on(memberships, date(year, 7, 1))
        for (country, organisation), spells in active.groupby(["country", "organisation"]):
            if spells["status"].isin(WITHDRAWN_FROM_WITHIN).any():
                continue
            code = min((COW_CODES[s] for s in spells["status"] if s in COW_CODES), default=0)  # 1 beats 2 beats 3
            if code:
                rows.append({"country": country, "organisation": organisation, "year": year, "cow_code": code})
    return pd.DataFrame(rows, columns=["country", "organisation", "year", "cow_code"])
