"""Who stood where in an organisation on one day, as static maps: what print shows in place of the interactive
membership map (``maps.memberships_map``), from the same status segments."""

from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from caucasus_atlas.figures import (
    LEGEND_ROW,
    LINE,
    SOUTH_CAUCASUS_EXTENT,
    WIDTH,
    SvgFigure,
    print_boundaries,
    projected_frame,
    svg_style,
    text_inches,
    wrap,
)
from caucasus_atlas.memberships import status_segments
from caucasus_atlas.style import BORDER, DISPUTED, LAND, POST_SOVIET, STATUS_STYLE

KEY_BODIES = ("CIS", "CSTO", "EAEU", "EU")  # the print stand-in's panels: two Russia-led unions, the CIS and the EU
MEMBERSHIP_EXTENT = (20.0, 35.0, 81.0, 60.0)  # Lithuania to Kyrgyzstan, Turkmenistan to Estonia
# The interactive map names every claim in a tooltip; on paper they are written under the map.
PRINT_LABELS = {status: label for status, (label, _) in STATUS_STYLE.items()} | {
    "contested": "Claims differ (see below)"
}


def segments_on(segments: list[dict], organisation: str, when: date) -> dict[str, dict]:
    """Each country's status segment in ``organisation`` in force on ``when``, as the interactive map finds it."""
    day = when.isoformat()
    return {
        s["country"]: s
        for s in segments
        if s["organisation"] == organisation and s["start"] <= day and (s["end"] is None or day < s["end"])
    }


def held_on(areas: pd.DataFrame, when: date) -> set[str]:
    """The ids of the breakaway and occupied areas held on ``when``."""
    day = pd.Timestamp(when)
    held = (areas["control_since"].isna() | (areas["control_since"] <= day)) & (
        areas["control_ended"].isna() | (areas["control_ended"] > day)
    )
    return set(areas.loc[held, "id"])


def claims_text(country: str, organisation: str, segment: dict, countries: pd.DataFrame) -> str:
    """One contested status in words: each claim and whose it is."""
    claims = "; ".join(
        PRINT_LABELS[status] + (f" ({countries.at[by, 'name']}'s claim)" if by else "")
        for status, by in segment["claims"]
    )
    return f"{countries.at[country, 'name']} in the {organisation}: {claims}."


def membership_status_maps(
    memberships: pd.DataFrame,
    organisations: pd.DataFrame,
    countries: pd.DataFrame,
    as_of: date,
    codes=KEY_BODIES,
    areas: pd.DataFrame | None = None,
) -> SvgFigure:
    """One map per organisation of ``codes``, each country coloured by its status in it on ``as_of``, two to a row;
    under them the South Caucasus enlarged, then the legend and, in words, every status whose claims differ.

    The status shown is the interactive map's (``memberships.status_segments``). Areas held on ``as_of`` are
    hatched when ``areas`` is given.
    """
    segments = status_segments(memberships)
    shown = {code: segments_on(segments, code, as_of) for code in codes}
    region = print_boundaries("countries", MEMBERSHIP_EXTENT, tolerance=0.25)
    south = print_boundaries("countries", SOUTH_CAUCASUS_EXTENT, tolerance=0.02)
    disputed = {
        extent: layer[layer["id"].isin(held_on(areas, as_of))] if areas is not None else layer.iloc[:0]
        for extent, layer in (
            (MEMBERSHIP_EXTENT, print_boundaries("disputed", MEMBERSHIP_EXTENT, tolerance=0.05)),
            (SOUTH_CAUCASUS_EXTENT, print_boundaries("disputed", SOUTH_CAUCASUS_EXTENT, tolerance=0.01)),
        )
    }
    columns = 1 if len(codes) == 1 else 2
    width = WIDTH / columns - (0.08 if columns > 1 else 0)
    left, bottom, right, top = projected_frame(MEMBERSHIP_EXTENT)
    panel = width * (top - bottom) / (right - left)
    titles = {code: wrap(organisations.at[code, "name"], width) for code in codes}
    rows = [codes[i : i + columns] for i in range(0, len(codes), columns)]
    heads = [LINE * (max(titles[c].count("\n") for c in row) + 1) + 0.05 for row in rows]
    across = max(len(codes), 2)
    small = WIDTH / across - 0.06
    x0, y0, x1, y1 = projected_frame(SOUTH_CAUCASUS_EXTENT)
    enlarged = small * (y1 - y0) / (x1 - x0)
    used = {segment["status"] for status_of in shown.values() for segment in status_of.values()}
    statuses = [s for s in STATUS_STYLE if s in used]
    handles = [Patch(color=STATUS_STYLE[s][1]) for s in statuses] + [Patch(facecolor=POST_SOVIET, edgecolor=BORDER)]
    labels = [PRINT_LABELS[s] for s in statuses] + ["Former Soviet state, not in it"]
    if len(disputed[MEMBERSHIP_EXTENT]):
        handles.append(Patch(facecolor="none", edgecolor=DISPUTED, hatch="////"))
        labels.append("Breakaway or occupied area")
    legend_columns = 2 if max(text_inches(label) for label in labels) < WIDTH / 2 - 0.35 else 1
    legend = LEGEND_ROW * -(-len(handles) // legend_columns) + 0.1
    notes = [
        wrap(claims_text(country, code, segment, countries), WIDTH)
        for code in codes
        for country, segment in sorted(shown[code].items())
        if segment["status"] == "contested"
    ]
    note_height = sum(LINE * (n.count("\n") + 1) for n in notes)
    maps_height = sum(heads) + panel * len(rows) + 0.1 * (len(rows) - 1)
    enlarged_head = LINE * 2 + 0.1
    height = LINE + 0.1 + maps_height + enlarged_head + enlarged + 0.15 + legend + 0.1 + note_height

    def draw(ax, shapes, layer, status_of: dict[str, dict], extent) -> None:
        colours = [
            STATUS_STYLE[status_of[iso3]["status"]][1] if iso3 in status_of else POST_SOVIET if post else LAND
            for iso3, post in zip(shapes["iso3"], shapes["post_soviet"], strict=True)
        ]
        shapes.plot(ax=ax, color=colours, edgecolor=BORDER, linewidth=0.3)
        if len(layer):
            layer.plot(ax=ax, facecolor="none", edgecolor=DISPUTED, linewidth=0.6, hatch="////")
        x0, y0, x1, y1 = projected_frame(extent)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_axis_off()

    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        fig.text(0, 1, f"Status on {as_of:%-d %B %Y}", va="top", weight="bold")
        y = LINE + 0.1
        for row, head in zip(rows, heads, strict=True):
            for column, code in enumerate(row):
                x = column * (WIDTH / columns)
                fig.text(x / WIDTH, 1 - y / height, titles[code], va="top", weight="bold", linespacing=1.15)
                ax = fig.add_axes((x / WIDTH, 1 - (y + head + panel) / height, width / WIDTH, panel / height))
                draw(ax, region, disputed[MEMBERSHIP_EXTENT], shown[code], MEMBERSHIP_EXTENT)
            y += head + panel + 0.1
        fig.text(0, 1 - y / height, "The South Caucasus, enlarged", va="top", weight="bold")
        y += enlarged_head - LINE
        for column, code in enumerate(codes):
            x = column * WIDTH / across
            fig.text(x / WIDTH, 1 - y / height, code, va="top")
            ax = fig.add_axes((x / WIDTH, 1 - (y + LINE + enlarged) / height, small / WIDTH, enlarged / height))
            draw(ax, south, disputed[SOUTH_CAUCASUS_EXTENT], shown[code], SOUTH_CAUCASUS_EXTENT)
        y += LINE + enlarged + 0.15
        fig.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(0, 1 - y / height),
            ncol=legend_columns,
            frameon=False,
            borderaxespad=0,
            handlelength=1.2,
            handletextpad=0.4,
            columnspacing=0.6,
        )
        y += legend + 0.1
        for note in notes:
            fig.text(0, 1 - y / height, note, va="top", linespacing=1.15)
            y += LINE * (note.count("\n") + 1)
    names = ", ".join(codes)
    return SvgFigure(
        fig,
        alt=f"Maps of the former Soviet space on {as_of:%-d %B %Y}, one for each of {names}, every country coloured "
        "by its status in that organisation; under them the South Caucasus enlarged, and each status whose claims "
        "differ written out.",
    )


def membership_status_map(
    memberships: pd.DataFrame,
    organisations: pd.DataFrame,
    countries: pd.DataFrame,
    as_of: date,
    organisation: str = "CSTO",
    areas: pd.DataFrame | None = None,
) -> SvgFigure:
    """The countries coloured by their status in one ``organisation`` on ``as_of`` (see ``membership_status_maps``)."""
    return membership_status_maps(memberships, organisations, countries, as_of, (organisation,), areas)
