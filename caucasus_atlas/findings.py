"""The book's bottom line: what the record shows, counted from the data, each finding linked to its evidence.

Every number the introduction states comes from a function here; the sentences are built here too, as
markup in which every name from the data is escaped, and each ends with a link to the chapter section
that shows the same data in full.
"""

from dataclasses import dataclass
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
from docutils.nodes import make_id

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.figures import TEXT, WIDTH, SvgFigure, svg_style
from caucasus_atlas.footprint import in_region, standing_on
from caucasus_atlas.markup import Markup
from caucasus_atlas.memberships import FULL, WITHDRAWN_FROM_WITHIN, in_force_from, lineage, spells_on
from caucasus_atlas.style import KIND_STYLE, VERDICT_STYLE

SOUTH_CAUCASUS = ("ARM", "AZE", "GEO")
SECURITY = "CSTO"  # the collective-security lineage: the Collective Security Treaty, then the CSTO
EXITS = {"not_renewed": "did not renew", "withdrawn": "withdrew from"}
PRECISION_ORDER = ("year", "month", "day")  # coarsest first


@dataclass(frozen=True)
class Evidence:
    """A section of a chapter that shows a finding's data in full."""

    chapter: str  # the stem of a notebook in chapters/
    title: str  # the chapter's title
    section: str  # the section's heading, as written

    @property
    def href(self) -> str:
        """The section's address from the book's root page (Sphinx makes its id from the heading)."""
        return f"chapters/{self.chapter}.html#{make_id(self.section)}"

    def link(self) -> Markup:
        return Markup('<a href="{}">{}: {}</a>').format(self.href, self.title, self.section)


PARTICIPATION = Evidence("memberships", "Bloc memberships across time", "How fully, year by year")
SPELLS = Evidence("memberships", "Bloc memberships across time", "Every spell on one chart")
PRESENCES = Evidence("footprint", "Russia's military footprint", "Opened and closed")
VERDICTS = Evidence("claims", "The column, claim by claim", "The count")
EVIDENCE = (PARTICIPATION, SPELLS, PRESENCES, VERDICTS)


def day_text(day: date) -> str:
    return format_partial_date(day, "day")


def counted(number: int, noun: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def series(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} and {words[-1]}"


def names(codes, lookup: pd.Series, article: str = "") -> str:
    """'Armenia', 'Armenia and Georgia', 'Armenia, Azerbaijan and Georgia' (each after ``article``)."""
    return series([article + str(lookup[code]) for code in codes])


def body_names(organisations: pd.DataFrame) -> pd.Series:
    """Organisations' names without the dates or former names in brackets that end some of them."""
    return organisations["name"].str.replace(r"\s*\(.*\)$", "", regex=True)


def period_text(counts: dict) -> str:
    """'from 1995 until 29 Jun 2001' (or 'since 1995'), each end as precise as its source."""
    start = format_partial_date(counts["peak_from"], counts["peak_from_precision"])
    if counts["peak_until"] is None:
        return f"since {start}"
    return f"from {start} until {format_partial_date(counts['peak_until'], counts['peak_until_precision'])}"


def with_evidence(sentence: Markup, evidence: Evidence) -> Markup:
    return Markup("{} (evidence: {})").format(sentence, evidence.link())


# Memberships


def russia_led_spells(memberships: pd.DataFrame, organisations: pd.DataFrame) -> pd.DataFrame:
    """The spells in Russia-led bodies, counted from entry into force (``memberships.in_force_from``), with their
    lineage."""
    spells = memberships.assign(start=in_force_from(memberships))
    spells = spells[spells["organisation"].map(organisations["russia_led"])]
    return spells.assign(lineage=spells["organisation"].map(lineage))


def lineages_on(memberships: pd.DataFrame, organisations: pd.DataFrame, when: date, fully: bool = True) -> pd.DataFrame:
    """Country and lineage pairs in which the country was a member on ``when`` (the rule of
    ``memberships.full_participation``). ``fully``: not while a freeze or a suspension in the same body is in force;
    otherwise a membership claimed by anyone counts ("on paper")."""
    active = spells_on(russia_led_spells(memberships, organisations), when)
    pairs = active[active["status"].isin(FULL)][["country", "lineage"]].drop_duplicates()
    if fully:
        held_back = active[active["status"].isin(WITHDRAWN_FROM_WITHIN)][["country", "lineage"]].drop_duplicates()
        pairs = pairs.merge(held_back, how="left", indicator=True).query("_merge == 'left_only'")
    return pairs[["country", "lineage"]].sort_values(["country", "lineage"], ignore_index=True)


def bodies_of(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: list[str], when: date
) -> dict[str, list[str]]:
    """For each country, the Russia-led lineages it took part in fully on ``when`` (codes of the last successor)."""
    pairs = lineages_on(memberships, organisations, when)
    return {country: list(pairs.loc[pairs["country"] == country, "lineage"]) for country in countries}


def members_over_time(memberships: pd.DataFrame, organisations: pd.DataFrame, code: str) -> pd.Series:
    """How many countries took part fully in the lineage ``code``, from each day on which the count may change."""
    spells = russia_led_spells(memberships, organisations)
    spells = spells[spells["lineage"] == code]
    days = sorted(set(spells["start"]) | set(spells["end"].dropna()))
    return pd.Series(
        [int((lineages_on(memberships, organisations, day)["lineage"] == code).sum()) for day in days],
        index=pd.DatetimeIndex(days),
        dtype=int,
    )


@dataclass(frozen=True)
class Peak:
    """The first period over which a count was at its highest."""

    count: int
    start: pd.Timestamp
    end: pd.Timestamp | None  # the day it fell; None if it has not


def peak(counts: pd.Series) -> Peak:
    top = int(counts.max())
    start = counts.index[counts == top][0]
    after = counts[counts.index > start]
    below = after[after < top]
    return Peak(top, start, below.index[0] if len(below) else None)


def precision_of(day: pd.Timestamp, frame: pd.DataFrame, columns: tuple[str, ...]) -> str:
    """The coarsest precision with which any row of ``frame`` gives ``day`` in one of ``columns``."""
    found = {
        row_precision for column in columns for row_precision in frame.loc[frame[column] == day, f"{column}_precision"]
    }
    return next((p for p in PRECISION_ORDER if p in found), "day")


def security_pact(memberships: pd.DataFrame, organisations: pd.DataFrame, countries: pd.DataFrame, when: date) -> dict:
    """The collective-security lineage among the former Soviet republics: at its widest, and on ``when``.

    Returns the number of republics, the peak (count, from, until, with the dates' precision), the countries
    that left when it fell and how, the members taking part fully on ``when``, and those that are members only
    on paper (a membership claimed by someone while a freeze or suspension is in force).
    """
    post_soviet = set(countries.index[countries["post_soviet"]])
    ours = memberships[memberships["country"].isin(post_soviet)]
    top = peak(members_over_time(ours, organisations, SECURITY))
    spells = russia_led_spells(ours, organisations)
    spells = spells[spells["lineage"] == SECURITY]
    leavers = (
        spells[(spells["end"] == top.end) & spells["end_reason"].isin(EXITS)] if top.end is not None else spells[:0]
    )
    full = lineages_on(ours, organisations, when)
    paper = lineages_on(ours, organisations, when, fully=False)
    return {
        "republics": len(post_soviet),
        "peak": top.count,
        "peak_from": top.start,
        "peak_from_precision": precision_of(top.start, spells, ("start", "end")),
        "peak_until": top.end,
        "peak_until_precision": None if top.end is None else precision_of(top.end, spells, ("start", "end")),
        "left": {reason: sorted(group["country"]) for reason, group in leavers.groupby("end_reason")},
        "now": sorted(full.loc[full["lineage"] == SECURITY, "country"]),
        "on_paper_only": sorted(
            set(paper.loc[paper["lineage"] == SECURITY, "country"])
            - set(full.loc[full["lineage"] == SECURITY, "country"])
        ),
    }


def claimants(memberships: pd.DataFrame, country: str, code: str, when: date) -> dict[str, list[str]]:
    """Whose claim each status in force is, for ``country`` in the lineage ``code`` on ``when``."""
    active = spells_on(memberships, when)
    active = active[(active["country"] == country) & (active["organisation"].map(lineage) == code)]
    return {status: sorted(set(group["claimed_by"].dropna())) for status, group in active.groupby("status")}


def exits(memberships: pd.DataFrame, organisations: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """The steps ``countries`` took away from Russia-led bodies: spells they ended by withdrawing or not renewing
    (dated by the end), and freezes they declared themselves (dated by the start); in date order."""
    spells = memberships[
        memberships["country"].isin(countries) & memberships["organisation"].map(organisations["russia_led"])
    ]
    left = spells[spells["end_reason"].isin(EXITS)]
    frozen = spells[(spells["status"] == "frozen") & (spells["claimed_by"] == spells["country"])]
    steps = pd.concat(
        [
            pd.DataFrame(
                {
                    "country": left["country"],
                    "organisation": left["organisation"],
                    "step": left["end_reason"],
                    "day": left["end"],
                    "precision": left["end_precision"],
                }
            ),
            pd.DataFrame(
                {
                    "country": frozen["country"],
                    "organisation": frozen["organisation"],
                    "step": "frozen",
                    "day": frozen["start"],
                    "precision": frozen["start_precision"],
                }
            ),
        ],
        ignore_index=True,
    )
    return steps.sort_values(["day", "organisation", "country"], ignore_index=True)


# Military presences


def presences_over_time(sites: pd.DataFrame, countries: pd.DataFrame, region: str) -> pd.Series:
    """How many presences stood in ``region``, from each day on which the count may change (a presence no source
    dates counts from the start)."""
    here = in_region(sites, countries, region)
    days = sorted(set(here["opened"].dropna()) | set(here["closed"].dropna()))
    return pd.Series([len(standing_on(here, day)) for day in days], index=pd.DatetimeIndex(days), dtype=int)


def presences(sites: pd.DataFrame, countries: pd.DataFrame, when: date, region: str = "south_caucasus") -> dict:
    """Russian presences in ``region``: at their most (count, from, until, with precision) and on ``when``, by host
    and by whether they stand where the host consented."""
    here = in_region(sites, countries, region)
    top = peak(presences_over_time(sites, countries, region))
    now = standing_on(here, when)
    hosts = sorted(set(countries.index[countries["region"] == region]), key=lambda iso3: countries.at[iso3, "name"])
    return {
        "peak": top.count,
        "peak_from": top.start,
        "peak_from_precision": precision_of(top.start, here, ("opened", "closed")),
        "peak_until": top.end,
        "peak_until_precision": None if top.end is None else precision_of(top.end, here, ("opened", "closed")),
        "now": len(now),
        "by_host": {iso3: int((now["host_country"] == iso3).sum()) for iso3 in hosts},
        "outside_host_control": {
            iso3: int(((now["host_country"] == iso3) & (now["territory_status"] != "host_consented")).sum())
            for iso3 in hosts
        },
        "kinds": {
            iso3: now.loc[now["host_country"] == iso3, "kind"].value_counts().sort_index(key=kind_order).to_dict()
            for iso3 in hosts
        },
    }


def kind_order(kinds: pd.Index) -> pd.Index:
    """Kinds of presence in the legends' order (``style.KIND_STYLE``)."""
    return kinds.map(list(KIND_STYLE).index)


# The claims ledger


def verdicts(claims: pd.DataFrame) -> dict[str, int]:
    """How many of the column's claims have each verdict, in the vocabulary's order (zero where none)."""
    counts = claims["verdict"].value_counts()
    return {verdict: int(counts.get(verdict, 0)) for verdict in VERDICT_STYLE}


# The sentences

HELD = {"frozen": "has frozen its participation", "suspended": "is suspended"}
ALL = {1: "in an area", 2: "both in areas"}
STEPS = {"not_renewed": "did not renew", "withdrawn": "withdrew from", "frozen": "froze its participation in"}


def bodies_text(number: int) -> str:
    return f"{number or 'no'} Russia-led {'body' if number == 1 else 'bodies'}"


def participation_sentence(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: pd.DataFrame, then: date, now: date
) -> Markup:
    """How many Russia-led bodies each South Caucasus state takes part in fully, now and then."""
    name, body = countries["name"], body_names(organisations)
    current = bodies_of(memberships, organisations, list(SOUTH_CAUCASUS), now)
    before = [len(bodies) for bodies in bodies_of(memberships, organisations, list(SOUTH_CAUCASUS), then).values()]

    def listed(iso3: str) -> str:
        return f" ({names(current[iso3], body, 'the ')})" if current[iso3] else ""

    first, *others = SOUTH_CAUCASUS
    clauses = [f"{name[first]} takes part fully in {bodies_text(len(current[first]))}{listed(first)}"]
    clauses += [f"{name[iso3]} in {len(current[iso3]) or 'none'}{listed(iso3)}" for iso3 in others]
    if len(set(before)) == 1:
        earlier = f"each of the three took part in {before[0]}"
    else:
        earlier = series([f"{name[iso3]} in {n}" for iso3, n in zip(SOUTH_CAUCASUS, before, strict=True)])
    sentence = Markup("As of {}, {}; on {}, {}.").format(day_text(now), series(clauses), day_text(then), earlier)
    return with_evidence(sentence, PARTICIPATION)


def security_sentence(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: pd.DataFrame, now: date
) -> Markup:
    """The collective-security pact at its widest and now, with each membership that only one side claims."""
    pact = security_pact(memberships, organisations, countries, now)
    name = countries["name"]
    widest = (
        f"At its widest, the Russia-led collective-security pact (the Collective Security Treaty, then the CSTO) "
        f"counted {pact['peak']} of the {pact['republics']} former Soviet republics, {period_text(pact)}"
    )
    if pact["peak_until"] is not None:
        gone = [f"{names(codes, name)} {EXITS[reason]} it" for reason, codes in pact["left"].items()]
        widest += f", when {series(gone)}" if gone else ""
    today = f"as of {day_text(now)}, {len(pact['now'])} take part fully ({names(pact['now'], name)})"
    claimant = pd.concat([name, body_names(organisations)])
    for iso3 in pact["on_paper_only"]:
        claims = claimants(memberships, iso3, SECURITY, now)
        members_by = sorted({by for status in FULL for by in claims.get(status, [])})
        today += f", and {name[iso3]} is a member according to {names(members_by, claimant) or 'the record'}"
        for status in (status for status in HELD if status in claims):
            by = claims[status]
            account = " by its own account" if by == [iso3] else f" according to {names(by, claimant)}" if by else ""
            today += f" but {HELD[status]}{account}"
    return with_evidence(Markup("{}; {}.").format(widest, today), SPELLS)


def exits_sentence(memberships: pd.DataFrame, organisations: pd.DataFrame, countries: pd.DataFrame) -> Markup:
    """Every step the South Caucasus states took away from Russia-led bodies, with its date."""
    steps = exits(memberships, organisations, list(SOUTH_CAUCASUS))
    clauses = []
    for (day, organisation, step), group in steps.groupby(["day", "organisation", "step"], sort=True):
        who = names(group["country"], countries["name"])
        when = format_partial_date(day, group["precision"].iloc[0])
        own = ", by its own account" if step == "frozen" else ""
        clauses.append(f"{who} {STEPS[step]} the {body_names(organisations)[organisation]}{own} ({when})")
    sentence = Markup("The steps away are dated: {}.").format("; ".join(clauses))
    return with_evidence(sentence, SPELLS)


def presences_sentence(sites: pd.DataFrame, countries: pd.DataFrame, now: date) -> Markup:
    """Russian military presences in the South Caucasus at their most and now, by host."""
    counts = presences(sites, countries, now)
    name = countries["name"]
    widest = f"{counts['peak']} at their most, {period_text(counts)}"
    hosts = []
    for iso3, number in counts["by_host"].items():
        outside = counts["outside_host_control"][iso3]
        where = ""
        if number and outside == number:
            where = f", {ALL.get(number, 'all in areas')} {name[iso3]} does not control"
        elif outside:
            where = f", {outside} of them in areas {name[iso3]} does not control"
        kinds = ", ".join(f"{KIND_STYLE[kind][0].lower()} {n}" for kind, n in counts["kinds"][iso3].items())
        hosts.append(f"{number or 'none'} in {name[iso3]}{f' ({kinds})' if kinds else ''}{where}")
    sentence = Markup(
        "Counting a border-guard post and a base alike, Russian military presences in the South Caucasus numbered {};"
        " as of {}, {} stand: {}."
    ).format(widest, day_text(now), counts["now"], series(hosts))
    return with_evidence(sentence, PRESENCES)


def verdicts_sentence(claims: pd.DataFrame) -> Markup:
    """The claims ledger in one sentence: the facts by verdict, and the opinions."""
    count = verdicts(claims)
    facts = int((claims["kind"] == "fact").sum())
    words = {
        "supported": "support {}",
        "partly_supported": "partly support {}",
        "contradicted": "contradict {}",
        "unverified": "leave {} unconfirmed either way",
    }
    settled = series([words[verdict].format(count[verdict]) for verdict in words if count[verdict]])
    sentence = Markup(
        "Of the column's {}, {} are facts a source can settle, and the sources {}; the other {} are opinions,"
        " labelled as the column's and not judged."
    ).format(counted(len(claims), "claim"), facts, settled, count["opinion"])
    return with_evidence(sentence, VERDICTS)


def bottom_line(
    memberships: pd.DataFrame,
    organisations: pd.DataFrame,
    countries: pd.DataFrame,
    sites: pd.DataFrame,
    claims: pd.DataFrame,
    as_of: date,
    then: date = date(1995, 7, 1),
) -> Markup:
    """The findings as an HTML list: five sentences, each with a link to its evidence."""
    sentences = [
        participation_sentence(memberships, organisations, countries, then, as_of),
        security_sentence(memberships, organisations, countries, as_of),
        exits_sentence(memberships, organisations, countries),
        presences_sentence(sites, countries, as_of),
        verdicts_sentence(claims),
    ]
    return Markup('<ul class="atlas-findings">{}</ul>').format(
        Markup("").join(Markup("<li>{}</li>").format(s) for s in sentences)
    )


def column_sentence(events: pd.DataFrame, event: str = "2026-zatulin-lazarev-club-statement") -> Markup:
    """What is known of the column's date: not printed in the copy read, but after the latest event it describes."""
    row = events.set_index("id").loc[event]
    return Markup(
        "The copy we read names no author and gives no date, so the book cites it as unsigned and undated; it"
        " describes {}, which the book's data dates to {}, so it was published no earlier than that day."
    ).format(
        "Konstantin Zatulin's Lazarev Club statement on the Baku verdicts",
        format_partial_date(row["date"], row["date_precision"]),
    )


# The headline figure

PANEL = 0.8  # inches: one country's bars
GAP = 0.45  # inches: a panel's title and the space above it
HEADING = 0.2  # inches: the line saying what the bars count


def participation_figure(table: pd.DataFrame, countries: pd.DataFrame, as_of: date) -> SvgFigure:
    """One small bar chart per country (a row of ``table``, from ``memberships.participation_by_year``): the
    Russia-led bodies it took part in fully on 1 July of each year, its latest count written at the end."""
    top = max(4, int(table.to_numpy().max()))
    height = HEADING + len(table) * (PANEL + GAP) + 0.35
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        fig.text(0, 1, "Russia-led bodies taken part in fully, on 1 July", va="top")
        y = HEADING
        for iso3, counts in table.iterrows():
            y += GAP
            ax = fig.add_axes((0.08, 1 - (y + PANEL) / height, 0.84, PANEL / height))
            ax.bar(counts.index, counts.to_numpy(), width=1.0, align="edge", color="#0072B2", linewidth=0)
            ax.set_title(countries.at[iso3, "name"], loc="left", weight="bold", fontsize=TEXT, pad=4)
            ax.annotate(
                str(counts.iloc[-1]),
                (counts.index[-1] + 1, counts.iloc[-1]),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                weight="bold",
                annotation_clip=False,
            )
            ax.set_xlim(counts.index[0], counts.index[-1] + 1)
            ax.set_ylim(0, top)
            ax.set_yticks(range(0, top + 1, 2))
            ax.set_yticks(range(top + 1), minor=True)
            ax.grid(axis="y", which="both", color="#dddddd", linewidth=0.5)
            ax.set_axisbelow(True)
            ax.set_xticks([year for year in counts.index if year % 5 == 0])
            ax.tick_params(which="both", length=0, labelbottom=y + PANEL >= height - 0.4)
            ax.spines[["top", "right", "left"]].set_visible(False)
            y += PANEL
    changes = "; ".join(f"{countries.at[iso3, 'name']}: {change_text(counts)}" for iso3, counts in table.iterrows())
    return SvgFigure(
        fig,
        alt=f"Bar charts, one per country: how many Russia-led bodies it took part in fully on 1 July of each year "
        f"from {table.columns[0]} to {table.columns[-1]}, data checked {day_text(as_of)}. {changes}.",
    )


def change_text(counts: pd.Series) -> str:
    """'2 in 1992, 3 from 2015, 2 from 2024': a yearly count where it changes."""
    changed = counts[counts != counts.shift()]
    return ", ".join(f"{n} {'in' if i == 0 else 'from'} {year}" for i, (year, n) in enumerate(changed.items()))
