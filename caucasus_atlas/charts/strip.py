"""An event strip: each quarter's events stacked above it, shaped and coloured by kind."""

from datetime import date

import matplotlib.pyplot as plt
import pandas as pd

from caucasus_atlas.charts.kinds import FAINT, family, kind_legend, marker_style
from caucasus_atlas.figures import LINE, WIDTH, SvgFigure, svg_style

STACK = 0.2  # inches per event in a quarter's stack


def baku_strip(events: pd.DataFrame, until: date) -> SvgFigure:
    """The events from the start of the first one's year to ``until``, stacked by quarter in date order."""
    events = events.sort_values(["date", "id"])
    quarter = events["date"].dt.to_period("Q")
    level = events.groupby(quarter).cumcount()
    centre = quarter.map(lambda q: q.start_time + (q.end_time - q.start_time) / 2)
    tallest = int(level.max()) + 1
    legend = LINE * (len({family(k) for k in events["kind"]}) + 0.5)
    plot = STACK * tallest + 0.2
    height = plot + 0.45 + legend
    start = pd.Timestamp(year=events["date"].min().year, month=1, day=1)
    with svg_style():
        fig, ax = plt.subplots(figsize=(WIDTH, height))
        for name, group in events.groupby(events["kind"].map(family)):
            ax.plot(centre[group.index], level[group.index], linestyle="none", **marker_style(name, 9))
        years = [pd.Timestamp(year=y, month=1, day=1) for y in range(start.year, until.year + 1)]
        ax.set_xticks(years, [str(y.year) for y in years], ha="left")
        ax.grid(axis="x", color=FAINT, linewidth=0.5)
        ax.set_xlim(start, pd.Timestamp(until))
        ax.set_ylim(-0.7, tallest - 0.3)
        ax.set_yticks([])
        ax.spines[["top", "right", "left"]].set_visible(False)
        kind_legend(fig, events["kind"], y=legend / height)
        fig.subplots_adjust(left=0.02, right=0.98, top=1 - 0.05 / height, bottom=(legend + 0.4) / height)
    return SvgFigure(
        fig,
        alt=f"Strip of {len(events)} events from {start.year} to {until:%B %Y}, each quarter's events stacked "
        "above it and marked by kind.",
    )
