"""Events in date order down a time line, each with its date and title beside it: who said what, when, on voices."""

import pandas as pd

from caucasus_atlas.charts.kinds import INK, canvas, family, kind_legend, marker_style, when
from caucasus_atlas.figures import LINE, WIDTH, SvgFigure, svg_style, wrap

AXIS = 0.55  # inches from the left: the time line
LABEL = 0.75  # inches from the left: where the labels start
GAP = 0.12  # inches between labels
YEAR_GAP = 0.18  # inches more before the first event of a year


def event_ladder(events: pd.DataFrame) -> SvgFigure:
    """Each event, in date order, as a marker on a line, shaped by kind, with its date and title beside it.

    The line is in order, not to scale: each year starts at its first event, named on the left.
    """
    events = events.sort_values(["date", "id"])
    titles = [wrap(t, WIDTH - LABEL - 0.05) for t in events["title"]]
    kinds = set(events["kind"])
    legend = LINE * (len({family(k) for k in kinds}) + 0.5)
    tops, y, year = [], 0.05, None
    for day, title in zip(events["date"], titles, strict=True):
        y += YEAR_GAP if year is not None and day.year != year else 0
        tops.append(y)
        y += LINE * (title.count("\n") + 2) + GAP
        year = day.year
    height = y + 0.1 + legend
    with svg_style():
        fig, ax = canvas(height)
        ax.plot([AXIS, AXIS], [tops[0] + LINE / 2, tops[-1] + LINE / 2], color=INK, linewidth=0.8)
        year = None
        for event, title, top in zip(events.itertuples(), titles, tops, strict=True):
            if event.date.year != year:
                year = event.date.year
                ax.text(AXIS - 0.14, top + LINE / 2, str(year), ha="right", va="center", weight="bold")
            ax.plot(AXIS, top + LINE / 2, zorder=3, **marker_style(family(event.kind), 8))
            ax.text(LABEL, top, when(event), va="top", weight="bold")
            ax.text(LABEL, top + LINE, title, va="top", linespacing=1.15)
        kind_legend(fig, kinds, y=legend / height)
    return SvgFigure(
        fig,
        alt=f"Time line of {len(events)} events from {when(events.iloc[0])} to {when(events.iloc[-1])}, in order, "
        "each with its date and what was said or done, marked by kind.",
    )
