"""Transport and energy corridors, and Russian-held economic assets, in the South Caucasus.

Corridors are schematic: straight segments through the towns of ``corridor_points.csv``,
never the surveyed route. The static figure says so in its note and alternative text, and
every GeoJSON feature carries ``"drawing": "schematic"``.
"""

import itertools
from pathlib import Path

import geopandas as gpd
import matplotlib.pyplot as plt
import pandas as pd
import shapely
from IPython.display import HTML
from matplotlib import transforms
from matplotlib.lines import Line2D
from shapely.geometry import LineString

from caucasus_atlas.data import load_table
from caucasus_atlas.dates import iso_text
from caucasus_atlas.figures import (
    LEGEND_ROW,
    LINE,
    REGION_CRS,
    WIDTH,
    SvgFigure,
    print_boundaries,
    projected_frame,
    svg_style,
    wrap,
)
from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.presentation import source_links, span_text
from caucasus_atlas.references import Reference
from caucasus_atlas.style import BORDER, DISPUTED, LAND, POST_SOVIET
from caucasus_atlas.tables import html_table

# Adler on the Black Sea to Aktau on the Caspian, Qazvin to Mozdok: (west, south, east, north). Ceyhan, far to the
# west, is left out so that the Caucasus is drawn large; a line that leaves the frame is labelled where it leaves.
CORRIDORS_EXTENT = (38.4, 35.8, 51.9, 44.1)
# mode: (label, Okabe-Ito colour, line width in points)
MODE_STYLE = {
    "rail": ("Railway", "#0072B2", 1.8),
    "road": ("Road", "#E69F00", 1.8),
    "pipeline_oil": ("Oil pipeline", "#000000", 1.5),
    "pipeline_gas": ("Gas pipeline", "#009E73", 1.5),
    "multimodal": ("Multimodal route (rail, road, sea)", "#CC79A7", 2.2),
}
# status: (label, matplotlib dash pattern)
STATUS_STYLE = {
    "in_service": ("In service", "-"),
    "partly_in_service": ("Partly in service", (0, (6, 2, 1, 2))),
    "under_construction": ("Under construction", (0, (5, 2))),
    "planned": ("Planned", (0, (1, 1.5))),
    "suspended": ("Suspended", (0, (3, 3))),
    "closed": ("Closed", (0, (1, 3))),
}
# russian_role: its label
ROLE_LABELS = {
    "owner": "Owner",
    "shareholder": "Shareholder",
    "manager": "Manager",
    "concessionaire": "Concessionaire",
    "shipper": "Shipper",
    "service_provider": "Service provider",
}
KEY_COLUMN = WIDTH / 2 - 0.8  # inches for a label of the mode or the status legend
KEY_GAP = 0.04  # inches between entries of the numbered key
SPREAD_POINTS, SPREAD_SLOTS = 1.8, 4  # corridors are drawn in four tracks this far apart, one above the other
# Where a town's name goes: offset in points from the town, and which side of the name is at the offset
PLACE_LABELS = {
    "Adler": ((-3, 3), "right"),
    "Sukhumi": ((-4, -1), "right"),
    "Ochamchire": ((-4, -6), "right"),
    "Vladikavkaz": ((-4, -2), "right"),
    "Mozdok": ((4, 2), "left"),
    "Stepantsminda": ((10, -1), "left"),
    "Tbilisi": ((-4, 4), "right"),
    "Akhalkalaki": ((-4, 2), "right"),
    "Kars": ((-4, -3), "right"),
    "Yerevan": ((4, -3), "left"),
    "Nakhchivan": ((-4, -3), "right"),
    "Horadiz": ((4, 3), "left"),
    "Aktau": ((-4, 3), "right"),
}
# How far along its line a corridor's number sits, where halfway would land on another's
BADGE_AT = {
    "abkhazia-railway": 0.25,
    "baku-tbilisi-ceyhan-pipeline": 0.75,
    "south-caucasus-gas-pipeline": 0.25,
    "baku-tbilisi-kars-railway": 0.93,
    "north-caucasus-transcaucasia-gas-pipeline": 0.08,
    "upper-lars-georgian-military-road": 0.45,
    "tripp-route": 0.75,
}
SCHEMATIC_NOTE = "Lines are schematic: straight segments through the towns named, not the surveyed routes."


def load_corridors(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Corridors, in id order."""
    return load_table("corridors", data_dir).sort_values("id", ignore_index=True)


def load_corridor_points(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """The towns each corridor passes through, as points (EPSG:4326), in corridor and route order."""
    points = load_table("corridor_points", data_dir)
    points["seq"] = points["seq"].astype(int)
    points = points.sort_values(["corridor", "seq"], ignore_index=True)
    return gpd.GeoDataFrame(points, geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs="EPSG:4326")


def load_economic_assets(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """Russian-owned or Russian-run assets as points (EPSG:4326), by country, start and id."""
    assets = load_table("economic_assets", data_dir).sort_values(["country", "start", "id"], ignore_index=True)
    return gpd.GeoDataFrame(assets, geometry=gpd.points_from_xy(assets["lon"], assets["lat"]), crs="EPSG:4326")


def corridor_lines(corridors: pd.DataFrame, points: pd.DataFrame) -> gpd.GeoDataFrame:
    """One schematic LineString per corridor (EPSG:4326), through its towns in order, with the corridor's columns."""
    ordered = points.sort_values(["corridor", "seq"])
    towns = ordered.groupby("corridor", sort=False)
    lines = {cid: LineString(zip(group["lon"], group["lat"], strict=True)) for cid, group in towns}
    places = {cid: tuple(group["place"]) for cid, group in towns}
    return gpd.GeoDataFrame(
        corridors.assign(places=corridors["id"].map(places)),
        geometry=list(corridors["id"].map(lines)),
        crs="EPSG:4326",
    )


def date_text(row, name: str) -> str | None:
    """A date column of a typed row back to its ISO text at the source's precision, or None."""
    value = getattr(row, name)
    return None if pd.isna(value) else iso_text(value, getattr(row, f"{name}_precision"))


def text_or_none(value) -> str | None:
    """A text cell as a string, or None where it is empty."""
    return None if pd.isna(value) else str(value)


def corridor_features(corridors: pd.DataFrame, points: pd.DataFrame) -> list[dict]:
    """GeoJSON Features, one LineString per corridor (lon, lat), in id order, for the interactive map.

    Properties are the data's own text, unescaped: whoever writes them into a page escapes them.
    """
    features = []
    for row in corridor_lines(corridors, points).itertuples():
        features.append(
            {
                "type": "Feature",
                "id": row.id,
                "geometry": {"type": "LineString", "coordinates": [list(xy) for xy in row.geometry.coords]},
                "properties": {
                    "id": row.id,
                    "name": row.name,
                    "other_names": text_or_none(row.other_names),
                    "mode": row.mode,
                    "mode_label": MODE_STYLE[row.mode][0],
                    "status": row.status,
                    "status_label": STATUS_STYLE[row.status][0],
                    "status_as_of": date_text(row, "status_as_of"),
                    "opened": date_text(row, "opened"),
                    "closed": date_text(row, "closed"),
                    "countries": list(row.countries),
                    "places": list(row.places),
                    "drawing": row.drawing,
                    "colour": MODE_STYLE[row.mode][1],
                    "sources": list(row.sources),
                    "note": text_or_none(row.note),
                },
            }
        )
    return features


def corridors_figure(corridors: pd.DataFrame, points: pd.DataFrame, extent=CORRIDORS_EXTENT) -> SvgFigure:
    """Corridors on the recognised borders: colour and width by mode, dashes by status; under the map the legend
    and a numbered key.

    Corridors are numbered in id order; each number sits halfway along its line (BADGE_AT moves it). The figure
    follows the book's rule for static figures (``figures``): WIDTH inches wide, no text under TEXT points.
    """
    countries = print_boundaries("countries", extent, tolerance=0.03)
    disputed = print_boundaries("disputed", extent, tolerance=0.01)
    lines = corridor_lines(corridors, points).to_crs(REGION_CRS)
    towns = gpd.GeoDataFrame(points, geometry=points.geometry, crs="EPSG:4326").to_crs(REGION_CRS)
    left, bottom, right, top = projected_frame(extent)
    map_inches = WIDTH * (top - bottom) / (right - left)
    modes = [m for m in MODE_STYLE if m in set(corridors["mode"])]
    statuses = [s for s in STATUS_STYLE if s in set(corridors["status"])]
    mode_labels = [wrap(MODE_STYLE[m][0], KEY_COLUMN) for m in modes]
    status_labels = [wrap(STATUS_STYLE[s][0], KEY_COLUMN) for s in statuses]
    legend_inches = LINE * 1.3 + max(legend_rows(mode_labels), legend_rows(status_labels)) + 0.1
    key = [
        wrap(f"{number}  {line.name}: {STATUS_STYLE[line.status][0].lower()}", WIDTH)
        for number, line in enumerate(lines.itertuples(), start=1)
    ]
    key.append(wrap(SCHEMATIC_NOTE, WIDTH))
    key_inches = sum(LINE * (k.count("\n") + 1) + KEY_GAP for k in key)
    height = map_inches + 0.1 + legend_inches + key_inches
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        ax = fig.add_axes((0, 1 - map_inches / height, 1, map_inches / height))
        countries.plot(
            ax=ax, color=countries["post_soviet"].map({True: POST_SOVIET, False: LAND}), edgecolor=BORDER, linewidth=0.4
        )
        disputed.plot(ax=ax, facecolor="none", edgecolor=DISPUTED, linewidth=0.7, hatch="////")
        for number, line in enumerate(lines.itertuples(), start=1):
            _, colour, width = MODE_STYLE[line.mode]
            # corridors sharing towns (Baku to Tbilisi) are drawn a little apart, so that none hides another
            shift = (number % SPREAD_SLOTS - (SPREAD_SLOTS - 1) / 2) * SPREAD_POINTS
            offset = transforms.offset_copy(ax.transData, fig=fig, y=shift, units="points")
            xs, ys = line.geometry.xy
            ax.plot(xs, ys, color=colour, linewidth=width, linestyle=STATUS_STYLE[line.status][1], transform=offset)
            middle = line.geometry.interpolate(BADGE_AT.get(line.id, 0.5), normalized=True)
            ax.annotate(
                str(number),
                (middle.x, middle.y),
                xycoords=offset,
                ha="center",
                va="center",
                fontweight="bold",
                color="white",
                bbox={"boxstyle": "circle,pad=0.2", "fc": colour, "ec": "white", "lw": 0.8},
                zorder=5,
            )
        ax.scatter(towns.geometry.x, towns.geometry.y, s=8, color="#222222", zorder=4)
        inside = towns[towns.within(shapely.box(left, bottom, right, top))]
        for place, town in inside.drop_duplicates("place").set_index("place").iterrows():
            (dx, dy), align = PLACE_LABELS.get(place, ((3, -3), "left"))
            ax.annotate(
                place,
                (town.geometry.x, town.geometry.y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=align,
                va="top" if dy < 0 else "bottom",
                color="#222222",
                bbox={"boxstyle": "round,pad=0.05", "fc": "white", "ec": "none", "alpha": 0.7},
                zorder=4,
            )
        for place, (x, y), align in beyond_frame(towns, (left, bottom, right, top)):
            ax.annotate(
                f"to {place}",
                (x, y),
                xytext=(3 if align == "left" else -3, -4),
                textcoords="offset points",
                ha=align,
                va="top",
                color="#222222",
                zorder=4,
            )
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        ax.set_axis_off()
        below = 1 - (map_inches + 0.1) / height
        for x, title, handles, labels in [
            (
                0,
                "Mode",
                [Line2D([], [], color=MODE_STYLE[m][1], linewidth=MODE_STYLE[m][2]) for m in modes],
                mode_labels,
            ),
            (
                0.5,
                "Status",
                [Line2D([], [], color="#444444", linewidth=1.8, linestyle=STATUS_STYLE[s][1]) for s in statuses],
                status_labels,
            ),
        ]:
            fig.legend(
                handles,
                labels,
                title=title,
                title_fontproperties={"weight": "bold"},
                alignment="left",
                loc="upper left",
                bbox_to_anchor=(x, below),
                frameon=False,
                borderaxespad=0,
                handlelength=2.4,
                handletextpad=0.5,
            )
        y = key_inches
        for text in key:
            fig.text(0, y / height, text, va="top", color="#222222", linespacing=1.15)
            y -= LINE * (text.count("\n") + 1) + KEY_GAP
    return SvgFigure(
        fig,
        alt=f"Schematic map of {len(lines)} transport and energy corridors across the South Caucasus, each drawn "
        "as straight lines through the towns it passes, coloured by mode and dashed by status. " + SCHEMATIC_NOTE,
    )


def beyond_frame(towns: gpd.GeoDataFrame, frame: tuple) -> list[tuple[str, tuple[float, float], str]]:
    """Each town outside ``frame`` (projected) that its corridor reaches from inside: its name, where the line
    crosses the edge, and the side of its label that point is on: left where the town lies to the west."""
    box = shapely.box(*frame)
    crossings = []
    for _, route in towns.groupby("corridor", sort=True):
        stops = list(zip(route.geometry, route["place"], strict=True))
        for (a, _), (b, place) in itertools.pairwise(stops):
            if box.contains(a) and not box.contains(b):
                edge = LineString([a, b]).intersection(box.boundary)
                crossings.append((place, (edge.x, edge.y), "left" if b.x < frame[0] else "right"))
    return crossings


def legend_rows(labels: list[str]) -> float:
    """Inches a one-column legend of these (wrapped) labels takes, its title left out."""
    return sum(LEGEND_ROW + LINE * label.count("\n") for label in labels)


def corridors_table(corridors: pd.DataFrame, points: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """The figure's text alternative: each corridor, its mode, status, dates, towns and sources."""
    lines = corridor_lines(corridors, points)
    return html_table(
        {
            "Corridor": lines["name"],
            "Mode": [MODE_STYLE[m][0] for m in lines["mode"]],
            "Status": [
                f"{STATUS_STYLE[c.status][0]} (as of {date_text(c, 'status_as_of')})" for c in lines.itertuples()
            ],
            "Open": [
                span_text(c.opened, c.opened_precision, c.closed, c.closed_precision) if pd.notna(c.opened) else ""
                for c in lines.itertuples()
            ],
            "Drawn through (schematic)": [" – ".join(places) for places in lines["places"]],
            "Sources": [source_links(keys, references) for keys in lines["sources"]],
        }
    )


def asset_features(assets: pd.DataFrame) -> list[dict]:
    """GeoJSON Point Features (lon, lat, town precision), one per asset row, for the interactive map.

    Properties are the data's own text, unescaped: whoever writes them into a page escapes them.
    """
    return [
        {
            "type": "Feature",
            "id": asset.id,
            "geometry": {"type": "Point", "coordinates": [asset.lon, asset.lat]},
            "properties": {
                "id": asset.id,
                "name": asset.name,
                "sector": asset.sector,
                "country": asset.country,
                "owner": asset.owner,
                "russian_role": asset.russian_role,
                "role_label": ROLE_LABELS[asset.russian_role],
                "stake": None if pd.isna(asset.stake) else float(asset.stake),
                "start": date_text(asset, "start"),
                "end": date_text(asset, "end"),
                "end_reason": text_or_none(asset.end_reason),
                "place": asset.place,
                "sources": list(asset.sources),
                "note": text_or_none(asset.note),
            },
        }
        for asset in assets.itertuples()
    ]


def assets_table(assets: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """Russian-held assets by country and start: the Russian party, its role and stake, when, and the sources."""
    return html_table(
        {
            "Asset": assets["name"],
            "Country": assets["country"].map(countries["name"]),
            "Russian party": assets["owner"],
            "Role": [
                ROLE_LABELS[a.russian_role] + ("" if pd.isna(a.stake) else f" ({a.stake:g}%)")
                for a in assets.itertuples()
            ],
            "When": [span_text(a.start, a.start_precision, a.end, a.end_precision) for a in assets.itertuples()],
            "Sources": [source_links(keys, references) for keys in assets["sources"]],
        }
    )
