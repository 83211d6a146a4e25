"""The Russian military presences of the South Caucasus on one map, each place numbered and its sites named in a
key: what print shows in place of the interactive map zoomed on Armenia."""

from datetime import date

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.patches import Patch
from matplotlib.transforms import Affine2D

from caucasus_atlas.figures import (
    LEGEND_ROW,
    LINE,
    REGION_CRS,
    SOUTH_CAUCASUS_EXTENT,
    WIDTH,
    SvgFigure,
    print_boundaries,
    projected_frame,
    svg_style,
    text_inches,
    wrap,
)
from caucasus_atlas.footprint import in_region, standing_on
from caucasus_atlas.maps import ARMENIA_BOUNDS
from caucasus_atlas.style import BORDER, DISPUTED, KIND_STYLE, LAND, POST_SOVIET

NEAR = 0.16  # inches on the map: sites closer than this share a number
LABEL = 8.0  # points: the radius of a number's circle
# Where a number may stand off its place, in points, tried in turn until one is clear of every other mark.
OFFSETS = [(0, 14), (14, 0), (0, -14), (-14, 0), (11, 11), (11, -11), (-11, -11), (-11, 11)]
OFFSETS += [(2 * x, 2 * y) for x, y in OFFSETS]
INDENT = 0.3  # inches: the key's names stand right of its numbers
(_SOUTH, _WEST), (_NORTH, _EAST) = ARMENIA_BOUNDS
ARMENIA_EXTENT = (_WEST, _SOUTH, _EAST, _NORTH)  # the interactive map's view: Armenia, Nakhchivan and their borders
ENLARGED = 3.6  # inches: the width of the enlargement of Armenia
NAMED = ("ARM", "AZE", "GEO", "RUS", "TUR", "IRN")  # countries named on the map, in grey


def places(points: np.ndarray, near: float) -> list[list[int]]:
    """Groups of the ``points`` (rows of x, y) linked by distances under ``near``, each group west to east."""
    group = list(range(len(points)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(points)):
        for j in range(i):
            if np.hypot(*(points[i] - points[j])) < near:
                group[root(i)] = root(j)
    found: dict[int, list[int]] = {}
    for i in range(len(points)):
        found.setdefault(root(i), []).append(i)
    return sorted(found.values(), key=lambda members: points[members, 0].mean())


def clear_spot(centre: np.ndarray, taken: list[np.ndarray], marks: np.ndarray, bounds) -> np.ndarray:
    """The first offset position (in points) for a number at ``centre`` that keeps clear of the numbers ``taken``
    and the site ``marks`` and stays inside ``bounds`` (x0, y0, x1, y1); the first offset if none is clear."""
    x0, y0, x1, y1 = bounds
    for dx, dy in OFFSETS:
        spot = centre + (dx, dy)
        inside = x0 + LABEL <= spot[0] <= x1 - LABEL and y0 + LABEL <= spot[1] <= y1 - LABEL
        apart = all(np.hypot(*(spot - other)) > 2 * LABEL + 1 for other in taken)
        off_marks = len(marks) == 0 or np.hypot(*(marks - spot).T).min() > LABEL + 4
        if inside and apart and off_marks:
            return spot
    return centre + OFFSETS[0]


def site_line(site, as_of: date) -> str:
    """A site's name and, where it no longer stands or never stood, what became of it."""
    if site.stage == "planned":
        return f"{site.name} (planned, not confirmed)"
    if pd.notna(site.closed) and site.closed <= pd.Timestamp(as_of):
        return f"{site.name} (left in {site.closed.year})"
    return site.name


def labelled_places(sites: gpd.GeoDataFrame) -> tuple[list[tuple[str, list[int]]], list[tuple[str, list[int]]]]:
    """Numbers for the places of the South Caucasus map, west to east, and for those of the enlargement of Armenia:
    a place the enlargement parts keeps its number, with a letter for each part (7a, 7b).

    Each list holds (label, positions of its sites in ``sites``).
    """
    overview = places(map_inches(sites, SOUTH_CAUCASUS_EXTENT, WIDTH), NEAR)
    close = map_inches(sites, ARMENIA_EXTENT, ENLARGED)
    x0, y0, x1, y1 = projected_frame(ARMENIA_EXTENT)
    inside = [i for i, p in enumerate(sites.to_crs(REGION_CRS).geometry) if x0 <= p.x <= x1 and y0 <= p.y <= y1]
    numbered, enlarged = [], []
    for number, members in enumerate(overview, 1):
        numbered.append((str(number), members))
        shown = [i for i in members if i in inside]
        parts = [[shown[j] for j in part] for part in places(close[shown], NEAR)] if shown else []
        letters = "abcdefghijklmnopqrstuvwxyz"[: len(parts)] if len(parts) > 1 else [""] * len(parts)
        enlarged += [(f"{number}{letter}", part) for letter, part in zip(letters, parts, strict=True)]
    return numbered, enlarged


def map_inches(sites: gpd.GeoDataFrame, extent, width: float) -> np.ndarray:
    """Where each site falls on a map of ``extent`` drawn ``width`` inches wide, in inches from its lower left."""
    left, bottom, right, top = projected_frame(extent)
    points = sites.to_crs(REGION_CRS).geometry
    return np.column_stack([points.x - left, points.y - bottom]) * width / (right - left)


def draw_map(fig, rect, extent, sites, standing: set[str], labels: list[tuple[str, list[int]]]) -> None:
    """One map panel at ``rect`` (figure fractions): borders, hatched areas, country names, the sites, and each
    label of ``labels`` in a circle, led to the middle of its sites and clear of every other mark."""
    ax = fig.add_axes(rect)
    shapes = print_boundaries("countries", extent, tolerance=0.02)
    shapes.plot(
        ax=ax, color=shapes["post_soviet"].map({True: POST_SOVIET, False: LAND}), edgecolor=BORDER, linewidth=0.5
    )
    print_boundaries("disputed", extent, tolerance=0.01).plot(
        ax=ax, facecolor="none", edgecolor=DISPUTED, linewidth=0.8, hatch="////"
    )
    left, bottom, right, top = projected_frame(extent)
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    frame = shapely.box(left, bottom, right, top)
    names = []
    for shape in shapes[shapes["iso3"].isin(NAMED)].itertuples():
        inside = shape.geometry.intersection(frame)
        largest = max(getattr(inside, "geoms", [inside]), key=lambda g: g.area)
        if not largest.is_empty and largest.area > 0.02 * frame.area:
            spot = largest.representative_point()
            ax.text(spot.x, spot.y, shape.name, ha="center", va="center", color="#6f6a5f", style="italic")
            names.append((spot.x, spot.y, text_inches(shape.name) * 72))
    points = sites.to_crs(REGION_CRS).geometry
    for site, point in zip(sites.itertuples(), points, strict=True):
        if not frame.contains(point):
            continue  # SVG would draw a marker past the frame whole
        _, colour, marker = KIND_STYLE[site.kind]
        filled = site.id in standing
        ax.scatter(
            point.x,
            point.y,
            s=40,
            marker=marker,
            facecolor=colour if filled else "white",
            edgecolor="#222222" if filled else colour,
            linewidth=0.6 if filled else 1.3,
            linestyle="--" if site.stage == "planned" else "-",
            zorder=3,
        )
    ax.apply_aspect()
    to_points = ax.transData + fig.dpi_scale_trans.inverted() + Affine2D().scale(72)
    marks = to_points.transform(np.column_stack([points.x, points.y]))
    bounds = (*to_points.transform((left, bottom)), *to_points.transform((right, top)))
    taken = [  # the country names, as points along each that a number keeps clear of
        to_points.transform((x, y)) + (dx, 0) for x, y, width in names for dx in np.linspace(-width / 2, width / 2, 4)
    ]
    for label, members in labels:
        centre = marks[members].mean(axis=0)
        spot = clear_spot(centre, taken, marks, bounds)
        taken.append(spot)
        ax.annotate(
            label,
            xy=tuple(centre / 72),
            xycoords=fig.dpi_scale_trans,
            xytext=tuple(spot / 72),
            textcoords=fig.dpi_scale_trans,
            ha="center",
            va="center",
            weight="bold",
            color="#222222",
            arrowprops={"arrowstyle": "-", "color": "#222222", "lw": 0.6, "shrinkA": 0, "shrinkB": 0},
            bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": "#222222", "lw": 0.6},
            zorder=4,
        )


def south_caucasus_sites_figure(sites: gpd.GeoDataFrame, countries: pd.DataFrame, as_of: date) -> SvgFigure:
    """Every presence in the South Caucasus on the recognised borders, then Armenia enlarged, each place numbered
    from west to east and its sites named in a key: filled if standing on ``as_of``, hollow if Russian forces left
    or the site was only planned. Breakaway and occupied areas, past or present, are hatched."""
    sites = in_region(sites, countries, "south_caucasus").sort_values("name")
    standing = set(standing_on(sites, as_of)["id"])
    numbered, enlarged = labelled_places(sites)
    rows = list(sites.itertuples())
    parts = {i: label for label, members in enlarged for i in members}
    key = []  # (the label where a place or a part of one starts, else None; the text; whether a place starts)
    for number, members in numbered:
        members = sorted(members, key=lambda i: (parts.get(i, number), rows[i].name))
        for k, i in enumerate(members):
            first = k == 0 or parts.get(i) != parts.get(members[k - 1])
            label = parts.get(i, number) if first else None
            key.append((label, wrap(site_line(rows[i], as_of), WIDTH - INDENT), k == 0))
    kinds = [k for k in KIND_STYLE if k in set(sites["kind"])]
    heights = {}
    for name, extent, width in (("overview", SOUTH_CAUCASUS_EXTENT, WIDTH), ("armenia", ARMENIA_EXTENT, ENLARGED)):
        left, bottom, right, top = projected_frame(extent)
        heights[name] = width * (top - bottom) / (right - left)
    legend = LEGEND_ROW * ((len(kinds) + 2) // 2 + 2) + 0.1
    key_height = sum(LINE * (text.count("\n") + 1) + (0.08 if new else 0.02) for _, text, new in key)
    height = heights["overview"] + 0.1 + LINE + heights["armenia"] + 0.15 + legend + key_height
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        y = heights["overview"]
        draw_map(fig, (0, 1 - y / height, 1, y / height), SOUTH_CAUCASUS_EXTENT, sites, standing, numbered)
        y += 0.1
        fig.text(0, 1 - y / height, "Armenia, enlarged", va="top", weight="bold")
        y += LINE + heights["armenia"]
        rect = (0, 1 - y / height, ENLARGED / WIDTH, heights["armenia"] / height)
        draw_map(fig, rect, ARMENIA_EXTENT, sites, standing, enlarged)
        y += 0.15
        handles = [
            plt.Line2D(
                [], [], marker=KIND_STYLE[k][2], color=KIND_STYLE[k][1], markeredgecolor="#222222", linestyle="none"
            )
            for k in kinds
        ]
        handles.append(Patch(facecolor="none", edgecolor=DISPUTED, hatch="////"))
        fig.legend(
            handles,
            [KIND_STYLE[k][0] for k in kinds] + ["Breakaway or occupied area"],
            title=f"Filled: standing on {as_of:%-d %B %Y}.\nHollow: left, or planned only.",
            alignment="left",
            loc="upper left",
            bbox_to_anchor=(0, 1 - y / height),
            ncol=2,
            frameon=False,
            borderaxespad=0,
            handletextpad=0.3,
            columnspacing=0.8,
        )
        y += legend
        for label, text, new in key:
            y += 0.08 if new else 0.02
            if label:
                fig.text(0, 1 - y / height, label, va="top", weight="bold")
            fig.text(INDENT / WIDTH, 1 - y / height, text, va="top", linespacing=1.15)
            y += LINE * (text.count("\n") + 1)
    return SvgFigure(
        fig,
        alt=f"Map of the South Caucasus with the {len(sites)} Russian military presences of the data, then Armenia "
        "enlarged; each place is numbered from west to east, and its sites are named in a key under the maps.",
    )
