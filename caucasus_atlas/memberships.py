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


# Each body's successor, where one replaced it: the counts below treat a body and its successors as one lineage.
SUCCESSORS = {"CST": "CSTO", "EURASEC": "EAEU", "CUSTOMS_UNION": "EAEU"}


def lineage(organisation: str) -> str:
    """The last successor of ``organisation`` (itself if none replaced it)."""
    while organisation in SUCCESSORS:
        organisation = SUCCESSORS[organisation]
    return organisation


def in_force_from(memberships: pd.DataFrame) -> pd.Series:
    """For each spell, the day from which it counts: its start, or for a successor signed early, its entry into force.

    The data records a successor's entry into force as the day its predecessors ended by succession
    (``organisation_succeeded``); a spell whose start is the successor's signature, before that day, counts from it.
    """
    handovers = memberships[memberships["end_reason"] == "organisation_succeeded"]
    in_force = handovers.groupby(handovers["organisation"].map(SUCCESSORS))["end"].max()
    successor_in_force = pd.to_datetime(memberships["organisation"].map(in_force.to_dict()))
    early = (memberships["start_act"] == "signature") & (successor_in_force > memberships["start"])
    return memberships["start"].mask(early, successor_in_force)


def full_participation(memberships: pd.DataFrame, organisations: pd.DataFrame, when: date) -> pd.Series:
    """For each country, how many Russia-led lineages it took part in fully on ``when``.

    The rule, in plain words. A membership counts from its entry into force, or its accession in force,
    where the data tells that apart from the signature: a successor's founding treaty signed while the bodies
    it replaces were still running (the EAEU treaty) counts only from the day those bodies ended by succession,
    the day the successor came into force. Where the data records only a signature, the membership counts
    from the signature. A successor and the bodies it replaced (``SUCCESSORS``) are one lineage, and a lineage
    counts once: EurAsEC, the Customs Union and the Eurasian Economic Union are one; the Collective Security
    Treaty and the CSTO are another.

    Fully: a member or founding member, with no frozen or suspended spell in force in the same body at the
    same time (Armenia's CSTO freeze counts against it, though Moscow disputes the status).
    """
    counted = memberships.assign(start=in_force_from(memberships))
    active = spells_on(counted, when)
    active = active[active["organisation"].map(organisations["russia_led"])]
    held_back = active[active["status"].isin(WITHDRAWN_FROM_WITHIN)][["country", "organisation"]]
    full = active[active["status"].isin(FULL)]
    full = full.merge(held_back, how="left", indicator=True).query("_merge == 'left_only'")
    return full.groupby("country")["organisation"].agg(lambda bodies: bodies.map(lineage).nunique())


def participation_by_year(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: list[str], years: range
) -> pd.DataFrame:
    """Countries by years: Russia-led lineages each took part in fully on 1 July of each year (rule above)."""
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
