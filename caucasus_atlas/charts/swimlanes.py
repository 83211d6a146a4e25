"""The timeline as swimlanes: one lane per country, a marker per event, shaped and coloured by kind."""

from datetime import date

import matplotlib.pyplot as plt
import pandas as pd

from caucasus_atlas.charts.kinds import FAINT, INK, family, kind_legend, marker_style
from caucasus_atlas.figures import LINE, TEXT, WIDTH, SvgFigure, svg_style

LANE = 0.24  # inches per country
HISTOGRAM = 0.9  # inches for the events counted by year
START = pd.Timestamp("1991-01-01")


def lane_order(events: pd.DataFrame, countries: pd.DataFrame) -> list[str]:
    """Countries taking part in any event: the South Caucasus first, then Russia, then by number of events."""
    counts = events["countries"].explode().value_counts()
    first = [c for c in countries.index if countries.at[c, "region"] == "south_caucasus"] + ["RUS"]
    rest = sorted(set(counts.index) - set(first), key=lambda c: (-counts[c], countries.at[c, "name"]))
    return [c for c in first if c in counts.index] + rest


def timeline_swimlanes(events: pd.DataFrame, countries: pd.DataFrame, until: date) -> SvgFigure:
    """Every event, once in the lane of each country it involves, from 1991 to ``until``; above, events per year."""
    lanes = lane_order(events, countries)
    end = pd.Timestamp(until)
    legend = LINE * (len({family(k) for k in events["kind"]}) + 0.5)
    height = HISTOGRAM + LANE * len(lanes) + 0.9 + legend
    with svg_style():
        fig, (top, ax) = plt.subplots(
            2,
            1,
            figsize=(WIDTH, height),
            sharex=True,
            gridspec_kw={"height_ratios": [HISTOGRAM, LANE * len(lanes)], "hspace": 0.08},
        )
        per_year = events.groupby(events["date"].dt.year).size()
        top.bar([pd.Timestamp(year=y, month=7, day=1) for y in per_year.index], per_year, width=300, color="#777777")
        top.set_title("Events per year", loc="left", fontsize=TEXT, pad=4)
        top.spines[["top", "right"]].set_visible(False)
        top.set_yticks([0, per_year.max()])
        top.tick_params(axis="x", labelbottom=False)
        for y, iso3 in enumerate(lanes):
            ax.axhline(y, color=FAINT, linewidth=0.4, zorder=1)
            mine = events[events["countries"].map(lambda involved, iso3=iso3: iso3 in involved)]
            for kind_family, group in mine.groupby(mine["kind"].map(family)):
                ax.plot(group["date"], [y] * len(group), linestyle="none", zorder=3, **marker_style(kind_family, 7))
        ax.set_yticks(range(len(lanes)), [countries.at[c, "name"] for c in lanes])
        ax.set_ylim(len(lanes) - 0.5, -0.6)
        ax.axhline(2.5, color=INK, linewidth=0.6)  # the South Caucasus above the line
        ax.tick_params(axis="y", length=0)
        ax.spines[["top", "right", "left"]].set_visible(False)
        ticks = [pd.Timestamp(year=y, month=1, day=1) for y in range(1995, end.year + 1, 10)]
        ax.set_xticks(ticks, [str(t.year) for t in ticks])
        ax.set_xticks([pd.Timestamp(year=y, month=1, day=1) for y in range(1991, end.year + 1)], minor=True)
        ax.grid(axis="x", which="major", color=FAINT, linewidth=0.5)
        ax.set_xlim(START, end + pd.Timedelta(days=60))
        ax.tick_params(axis="x", labeltop=True, top=True)
        kind_legend(fig, events["kind"], y=legend / height)
        fig.subplots_adjust(left=0.3, right=0.97, top=0.99, bottom=(legend + 0.45) / height)
    return SvgFigure(
        fig,
        alt=f"Chart: the {len(events)} events of the timeline from 1991 to {until:%B %Y}, one lane per country "
        "involved (Armenia, Azerbaijan and Georgia first), each marked by its kind; above, the number of events "
        "in each year.",
    )
