"""Who was in the room: the platform events in date order against the states each one names."""

import pandas as pd

from caucasus_atlas.charts.kinds import FAINT, INK, canvas, when
from caucasus_atlas.charts.swimlanes import lane_order
from caucasus_atlas.figures import LINE, WIDTH, SvgFigure, svg_style, text_inches, wrap

COLUMN = 0.3  # inches per state
DOT_ROW = 0.24  # inches for the row of dots under each title
RUSSIA_BAND = "#f1e6cf"


def platforms_matrix(events: pd.DataFrame, countries: pd.DataFrame) -> SvgFigure:
    """One row per event (its date and title, then a dot under each state it names); Russia's column shaded."""
    columns = lane_order(events, countries)
    names = [countries.at[c, "name"] for c in columns]
    header = max(map(text_inches, names)) + 0.1
    left = WIDTH - COLUMN * len(columns)
    titles = [wrap(event.title, WIDTH - 0.05) for event in events.itertuples()]
    height = header + sum(LINE * (t.count("\n") + 1) + DOT_ROW + 0.12 for t in titles) + LINE * 1.6
    x = {iso3: left + COLUMN * (i + 0.5) for i, iso3 in enumerate(columns)}
    with svg_style():
        fig, ax = canvas(height)
        if "RUS" in x:
            ax.axvspan(x["RUS"] - COLUMN / 2, x["RUS"] + COLUMN / 2, ymin=0.02, color=RUSSIA_BAND, linewidth=0)
        for iso3, name in zip(columns, names, strict=True):
            ax.text(x[iso3], header - 0.06, name, rotation=90, ha="center", va="bottom")
        y = header
        for event, title in zip(events.itertuples(), titles, strict=True):
            ax.text(0, y, title, va="top", linespacing=1.15)
            y += LINE * (title.count("\n") + 1) + DOT_ROW / 2
            ax.text(0, y, when(event), va="center", weight="bold")
            for iso3 in columns:
                named = iso3 in event.countries
                ax.plot(x[iso3], y, "o", color=INK if named else FAINT, markersize=7 if named else 3)
            y += DOT_ROW / 2 + 0.12
            ax.axhline(y - 0.06, color=FAINT, linewidth=0.4)
        ax.plot(0.08, y + LINE * 0.6, "o", color=INK, markersize=7)
        ax.text(0.2, y + LINE * 0.6, "named in the event's row", va="center")
        ax.plot(2.55, y + LINE * 0.6, "o", color=FAINT, markersize=3)
        ax.text(2.65, y + LINE * 0.6, "not named", va="center")
    return SvgFigure(
        fig,
        alt=f"Chart: {len(events)} events of the talks and formats, in date order, each with a dot for every state "
        "its row names as involved; the column for Russia is shaded.",
    )
