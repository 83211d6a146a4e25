"""Static figures for print and for readers without JavaScript, as reproducible SVG."""

import io
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402
from IPython.display import HTML  # noqa: E402
from matplotlib.backend_bases import FigureCanvasBase  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.textpath import TextToPath  # noqa: E402

from caucasus_atlas.compact_svg import compact_svg  # noqa: E402
from caucasus_atlas.geography import load_boundaries  # noqa: E402
from caucasus_atlas.markup import html  # noqa: E402
from caucasus_atlas.memberships import PRECEDENCE  # noqa: E402
from caucasus_atlas.style import BORDER, DISPUTED, KIND_STYLE, LAND, POST_SOVIET, STATUS_STYLE  # noqa: E402
from caucasus_atlas.tables import frame_table  # noqa: E402

# A conic projection centred on the former Soviet space keeps shapes and areas honest.
REGION_CRS = "+proj=lcc +lat_0=50 +lon_0=55 +lat_1=40 +lat_2=60 +datum=WGS84 +units=m"
# Extents are (west, south, east, north) in degrees, matplotlib's and shapely's order; the interactive maps'
# bounds (``maps``) are Leaflet's [[south, west], [north, east]].
FOOTPRINT_EXTENT = (24.0, 31.0, 78.0, 56.0)  # Transnistria and Syria to Kyrgyzstan
CAUCASUS_EXTENT = (27.0, 38.0, 51.0, 48.5)  # the Black Sea, the Caucasus and the Caspian shore
SOUTH_CAUCASUS_EXTENT = (39.6, 38.3, 50.9, 43.8)  # Georgia, Armenia and Azerbaijan
SOUTH_CAUCASUS = ("ARM", "AZE", "GEO")
NUMBER_OFFSETS = {  # points: where an area's number stands off its shape, to keep it clear of its neighbours
    "nagorno-karabakh": (14, 14),
    "karabakh-occupied-districts": (-16, -14),
    "donbas-2014": (0, 16),
    "ukraine-occupied-2022": (14, -14),
}
REGION_LABELS = {
    "south_caucasus": "South Caucasus",
    "eastern_europe": "Eastern Europe",
    "central_asia": "Central Asia",
    "middle_east": "Middle East",
    "baltic": "Baltic states",
    "russia": "Russia",
    "africa": "Africa",
}
LEGEND_INCHES = 0.9  # the status legend above the membership panels
BAR = 0.11  # inches: a bar in the timelines of presences
ROW = 0.17  # inches: a country in the timeline of memberships
LEGEND_ROW = 0.23  # inches: a row of a legend, its handles included
PRINT_TOLERANCE = 0.15  # degrees (Visvalingam-Whyatt): about a printed line's width at the region's scale
# No date (a re-run writes the same bytes) and no RDF block naming matplotlib: nothing a browser or a reader uses.
NO_METADATA = dict.fromkeys(("Date", "Creator", "Format", "Type"))
# Text stays text in the SVG, drawn by the reader's browser in its own fonts, and is never read as mathtext:
# a "$" in a name is a dollar sign.
SVG_STYLE = {
    "svg.hashsalt": "caucasus-atlas",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "text.parse_math": False,
    "font.size": 11,  # TEXT, below: the smallest any figure uses
    "legend.fontsize": 11,
    "legend.title_fontsize": 11,
}
MISSING_GLYPH = r"Glyph \d+ .* missing from font"
# Legibility. A page shows a figure at its own width, or at the column's when the figure is wider: 757 px on a
# desktop, about 360 px on a phone. Its smallest text must read at MIN_TEXT_PX or more at both. In the SVG a point is
# one user unit and an inch is 96 CSS px, so F-point text in a figure W inches wide shows at 4/3 F px at its own
# size and at 360 F / (72 W) = 5 F / W px on a phone: one drawing serves both when F >= 2.2 W. The figures are
# therefore WIDTH inches wide (4.85 once cropped with its margin, PAD), with no text under TEXT points: on a desktop
# they show at their own size (about 465 px, text 14.7 px), on a phone at 360 px (text 11.3 px). min_text_px measures
# a figure's smallest text at a given width; tests/test_charts.py holds every figure to MIN_TEXT_PX at both.
WIDTH = 4.75
NAME_INCHES = 0.4 * WIDTH  # the widest a row's name may be: a longer one wraps
TEXT = 11
COLUMN_PX, PHONE_PX, MIN_TEXT_PX = 757, 360, 11
PAD = 0.05  # inches of margin round the cropped figure
LINE = 1.3 * TEXT / 72  # inches per line of text
MEASURE = TextToPath()
SVG_WIDTH = re.compile(r'<svg[^>]* width="([\d.]+)pt"')
FONT_SIZE = re.compile(r"font-size: ([\d.]+)px")


@contextmanager
def svg_style() -> Iterator[None]:
    """Draw in the book's SVG style.

    A character DejaVu Sans lacks (an emoji, say) only widens its label's estimated size: the browser
    draws it from its own fonts, so matplotlib's warning about it is no news to a reader.
    """
    with plt.rc_context(SVG_STYLE), warnings.catch_warnings(), no_idle_draws():
        warnings.filterwarnings("ignore", message=MISSING_GLYPH, category=UserWarning)
        yield


def no_idle_draws():
    """A context in which a figure is not rendered each time it asks to be redrawn once idle.

    geopandas asks after every layer it plots (``canvas.draw_idle()``), and with no event loop to wait for, the
    canvas renders the whole figure there and then: a seventh of the time the notebooks take. Nothing reads those
    renderings; saving the figure renders it once more, from the start.
    """
    return patch.object(FigureCanvasBase, "draw_idle", lambda self, *args, **kwargs: None)


class SvgFigure:
    """A matplotlib figure that notebooks display as SVG, identical on every run.

    The alternative text travels inside the SVG as its ``<title>``; the book's Sphinx
    extension copies it to the ``alt`` of the image.
    """

    def __init__(self, figure: plt.Figure, alt: str):
        self.figure, self.alt = figure, alt
        plt.close(figure)

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"

    def _repr_svg_(self) -> str:
        buffer = io.StringIO()
        with svg_style():
            self.figure.savefig(buffer, format="svg", metadata=NO_METADATA, bbox_inches="tight", pad_inches=PAD)
        svg = compact_svg(buffer.getvalue())
        opening = svg.index(">", svg.index("<svg")) + 1
        return f"{svg[:opening]}\n <title>{html(self.alt)}</title>{svg[opening:]}"


def min_text_px(figure: SvgFigure, shown_width_px: float) -> float:
    """The size, in CSS px, of the figure's smallest text when a page gives it ``shown_width_px``.

    An image is shown at its own size (an SVG point is 4/3 px) unless that is wider than the page allows.
    """
    svg = figure._repr_svg_()
    own_px = float(SVG_WIDTH.search(svg).group(1)) * 4 / 3
    return min(map(float, FONT_SIZE.findall(svg))) * 4 / 3 * min(1.0, shown_width_px / own_px)


def text_inches(text: str, size: float = TEXT, weight: str = "normal") -> float:
    """How wide ``text`` is set in DejaVu Sans at ``size`` points, in inches."""
    font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=MISSING_GLYPH, category=UserWarning)
        return MEASURE.get_text_width_height_descent(text, font, ismath=False)[0] / 72


def wrap(text: str, inches: float, size: float = TEXT, weight: str = "normal") -> str:
    """``text`` broken at spaces into lines no wider than ``inches`` (a longer word keeps a line to itself).

    Each space stays at the end of its line, so the lines read in order are the text, whole.
    """
    lines = [""]
    for word in re.findall(r"\S+\s*", text):
        if lines[-1] and text_inches(lines[-1] + word.rstrip(), size, weight) > inches:
            lines.append("")
        lines[-1] += word
    return "\n".join(lines)


def projected_frame(extent) -> tuple[float, float, float, float]:
    """The extent, in the region's projection, of a longitude/latitude box (edges densified)."""
    box = shapely.segmentize(shapely.box(*extent), 0.5)
    return tuple(gpd.GeoSeries([box], crs="EPSG:4326").to_crs(REGION_CRS).total_bounds)


def print_boundaries(layer: str, extent, tolerance: float = PRINT_TOLERANCE) -> gpd.GeoDataFrame:
    """A boundary layer simplified for print and clipped to the frame of ``extent``, in the region's projection.

    SVG keeps filled paths whole even where they leave the axes, so what lies outside the
    frame (with a small margin) is cut away rather than written and hidden.
    """
    shapes = load_boundaries(layer).clip(shapely.box(*extent).buffer(10))
    shapes["geometry"] = shapely.coverage_simplify(shapes.geometry.values, tolerance)
    left, bottom, right, top = projected_frame(extent)
    margin = 0.02 * (right - left)
    return shapes.to_crs(REGION_CRS).clip(shapely.box(left - margin, bottom - margin, right + margin, top + margin))


def footprint_figure(sites: gpd.GeoDataFrame, extent=FOOTPRINT_EXTENT) -> SvgFigure:
    """All sites on the recognised borders: filled markers for present sites, hollow for closed."""
    countries = print_boundaries("countries", extent)
    disputed = print_boundaries("disputed", extent)
    points = sites.to_crs(REGION_CRS)
    with svg_style():
        fig, ax = plt.subplots(figsize=(WIDTH, 5.2))
        countries.plot(
            ax=ax, color=countries["post_soviet"].map({True: POST_SOVIET, False: LAND}), edgecolor=BORDER, linewidth=0.4
        )
        disputed.plot(ax=ax, facecolor="none", edgecolor=DISPUTED, linewidth=0.8, hatch="////")
        for kind, group in points.groupby("kind", sort=True):
            label, colour, marker = KIND_STYLE[kind]
            present = group["closed"].isna()
            ax.scatter(
                group[present].geometry.x,
                group[present].geometry.y,
                s=36,
                marker=marker,
                color=colour,
                edgecolor="#222222",
                linewidth=0.6,
                label=label,
                zorder=3,
            )
            ax.scatter(
                group[~present].geometry.x,
                group[~present].geometry.y,
                s=36,
                marker=marker,
                facecolor="none",
                edgecolor=colour,
                linewidth=1.2,
                zorder=3,
            )
        left, bottom, right, top = projected_frame(extent)
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        ax.set_axis_off()
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(0, 0),
            ncol=2,
            frameon=False,
            title="Filled: present. Hollow: closed.",
            alignment="left",
            borderaxespad=0.3,
            handletextpad=0.3,
            columnspacing=0.8,
        )
    return SvgFigure(fig, alt="Map of Russian military sites across the former Soviet space and beyond.")


def borders_figure(extent=CAUCASUS_EXTENT) -> SvgFigure:
    """Recognised borders around the Black Sea and the Caucasus; breakaway and occupied areas hatched, numbered
    from west to east, and named in a key under the map."""
    countries = print_boundaries("countries", extent, tolerance=0.04)
    disputed = print_boundaries("disputed", extent, tolerance=0.01)
    disputed = disputed.assign(point=disputed.geometry.representative_point())
    disputed = disputed.assign(east=disputed["point"].x).sort_values("east")
    key = [wrap(f"{n}  {area.name}", WIDTH) for n, area in enumerate(disputed.itertuples(), 1)]
    key_height = sum(LINE * (k.count("\n") + 1) + 0.05 for k in key)
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, 3.0 + key_height))
        ax = fig.add_axes((0, key_height / fig.get_figheight(), 1, 3.0 / fig.get_figheight()))
        countries.plot(
            ax=ax, color=countries["post_soviet"].map({True: POST_SOVIET, False: LAND}), edgecolor=BORDER, linewidth=0.5
        )
        disputed.plot(ax=ax, facecolor="none", edgecolor=DISPUTED, linewidth=0.9, hatch="////")
        for n, area in enumerate(disputed.itertuples(), 1):
            ax.annotate(
                str(n),
                (area.point.x, area.point.y),
                xytext=NUMBER_OFFSETS.get(area.id, (0, 12)),
                textcoords="offset points",
                ha="center",
                va="center",
                weight="bold",
                color=DISPUTED,
                arrowprops={"arrowstyle": "-", "color": DISPUTED, "lw": 0.6},
                bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": DISPUTED, "lw": 0.6},
            )
        left, bottom, right, top = projected_frame(extent)
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        ax.set_axis_off()
        y = key_height
        for line in key:
            fig.text(0, (y - 0.02) / fig.get_figheight(), line, va="top", color="#222222", linespacing=1.15)
            y -= LINE * (line.count("\n") + 1) + 0.05
    return SvgFigure(
        fig,
        alt="Map of the Black Sea and Caucasus region with recognised borders; Crimea, Transnistria, "
        "Abkhazia, South Ossetia, Donbas (2014-2022) and Karabakh areas hatched, numbered and named in a key.",
    )


def presence_table(sites: pd.DataFrame) -> HTML:
    """Sites by kind: in service now, closed since 1991, and agreed or announced but not confirmed in service."""
    closed = sites["closed"].notna()
    planned = sites["stage"] == "planned"
    counts = {
        "in service now": sites[~closed & ~planned].groupby("kind").size(),
        "closed since 1991": sites[closed].groupby("kind").size(),
        "planned only": sites[planned].groupby("kind").size(),
    }
    table = pd.DataFrame(counts).fillna(0).astype(int)
    table.index = [KIND_STYLE[k][0] for k in table.index]
    return frame_table(table.rename_axis("kind").reset_index())


def membership_timeline(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: pd.DataFrame, until: date
) -> SvgFigure:
    """One panel per organisation, one row per country, bars coloured by status; exits marked with a cross.

    Every panel has its own years, above its bars. Where two claims are stored for the same time (Armenia in the
    CSTO since 2024), each gets half the row.
    """
    codes = [code for code in organisations.index if code in set(memberships["organisation"])]
    rows = {
        code: sorted(
            set(memberships.loc[memberships["organisation"] == code, "country"]),
            key=lambda iso3: countries.at[iso3, "name"],
        )
        for code in codes
    }
    titles = {code: wrap(organisations.at[code, "name"], WIDTH) for code in codes}
    statuses = [s for s in STATUS_STYLE if s in set(memberships["status"])]
    legend = LEGEND_ROW * ((len(statuses) + 2) // 2) + 0.1
    heads = {code: LINE * (titles[code].count("\n") + 1.9) for code in codes}
    height = legend + sum(heads[c] + ROW * len(rows[c]) + 0.1 for c in codes)
    labels = {c: wrap(countries.at[c, "name"], NAME_INCHES) for r in rows.values() for c in r}
    names = max(text_inches(line) for label in labels.values() for line in label.split("\n")) + 0.1
    end = pd.Timestamp(until)
    ticks = [pd.Timestamp(year=year, month=1, day=1) for year in range(1995, end.year + 1, 10)]
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        y = legend
        for code in codes:
            y += heads[code]
            fig.text(0, 1 - (y - heads[code]) / height, titles[code], va="top", weight="bold", linespacing=1.15)
            panel = ROW * len(rows[code])
            ax = fig.add_axes((names / WIDTH, 1 - (y + panel) / height, 1 - names / WIDTH, panel / height))
            spells = memberships[memberships["organisation"] == code]
            for row, iso3 in enumerate(rows[code]):
                mine = spells[spells["country"] == iso3]
                # the most telling status last, so that it is drawn on top where spells overlap
                for spell in mine.sort_values("status", key=lambda s: -s.map(PRECEDENCE.index)).itertuples():
                    claims = mine[
                        (mine["start"] < (spell.end if pd.notna(spell.end) else end))
                        & (mine["end"].isna() | (mine["end"] > spell.start))
                    ]
                    split = claims["claimed_by"].notna().sum() > 1 and pd.notna(spell.claimed_by)
                    offset = (0.2 if spell.claimed_by == iso3 else -0.2) if split else 0
                    stop = spell.end if pd.notna(spell.end) else end
                    ax.barh(
                        row + offset,
                        (stop - spell.start).days,
                        left=spell.start,
                        height=0.4 if split else 0.7,
                        color=STATUS_STYLE[spell.status][1],
                        edgecolor="white",
                        linewidth=0.3,
                    )
                    if pd.notna(spell.end_reason) and spell.end_reason in ("withdrawn", "not_renewed"):
                        ax.plot(spell.end, row, marker="x", color="#222222", markersize=7, markeredgewidth=1.5)
            ax.set_yticks(range(len(rows[code])), [labels[c] for c in rows[code]])
            ax.set_ylim(len(rows[code]) - 0.5, -0.5)
            ax.xaxis_date()
            ax.set_xlim(pd.Timestamp("1991-06-01"), end + pd.Timedelta(days=120))
            ax.set_xticks(ticks, [str(t.year) for t in ticks])
            ax.grid(axis="x", color="#dddddd", linewidth=0.5)
            ax.set_axisbelow(True)
            ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False, length=0, pad=1)
            ax.tick_params(axis="y", length=0)
            ax.spines[["top", "right", "left"]].set_visible(False)
            y += panel + 0.1
        handles = [plt.Rectangle((0, 0), 1, 1, color=STATUS_STYLE[s][1]) for s in statuses]
        handles.append(plt.Line2D([], [], marker="x", color="#222222", linestyle="none", markeredgewidth=1.5))
        fig.legend(
            handles,
            [STATUS_STYLE[s][0] for s in statuses] + ["Left or did not renew"],
            loc="upper left",
            bbox_to_anchor=(0, 1),
            ncol=2,
            frameon=False,
            borderaxespad=0,
            handlelength=1.2,
            handletextpad=0.4,
            columnspacing=0.6,
        )
    return SvgFigure(fig, alt="Timeline of every membership spell, one panel per organisation and one row per country.")


def participation_heatmap(table: pd.DataFrame, countries: pd.DataFrame) -> SvgFigure:
    """Years down, countries across: each cell the number of Russia-led bodies the country took part in fully."""
    values = table.to_numpy().T
    with svg_style():
        fig, ax = plt.subplots(figsize=(WIDTH, 0.19 * len(table.columns) + 1.4))
        ax.imshow(values, cmap="Blues", vmin=0, vmax=max(5, values.max()), aspect="auto")
        for (row, column), value in np.ndenumerate(values):
            ax.text(column, row, str(value), ha="center", va="center", color="white" if value >= 3 else "#222222")
        ax.set_xticks(range(len(table)), [countries.at[c, "name"] for c in table.index], rotation=90)
        ax.set_yticks(range(0, len(table.columns), 2), table.columns[::2])
        ax.tick_params(length=0, top=True, labeltop=True, bottom=False, labelbottom=False)
        ax.spines[:].set_visible(False)
        fig.subplots_adjust(left=0.1, right=1, top=1 - 1.3 / fig.get_figheight(), bottom=0.05 / fig.get_figheight())
    return SvgFigure(
        fig,
        alt="Chart: for each country and year, the number of Russia-led bodies (CIS, Collective "
        "Security Treaty and CSTO, EurAsEC, EAEU, Union State) it took part in fully.",
    )


def participation_maps(counts: dict[str, pd.Series], extent=FOOTPRINT_EXTENT) -> SvgFigure:
    """Small multiples: the region coloured by each country's count of Russia-led bodies, one panel per date.

    Under them the same dates again, zoomed on the South Caucasus, each state's count written on it.
    """
    countries = print_boundaries("countries", extent, tolerance=0.3)
    countries = countries[countries["post_soviet"] | countries.intersects(shapely.box(*projected_frame(extent)))]
    zoomed = print_boundaries("countries", SOUTH_CAUCASUS_EXTENT, tolerance=0.02)
    south = zoomed[zoomed["iso3"].isin(SOUTH_CAUCASUS)]
    cmap = plt.get_cmap("Blues")

    def shade(count: float) -> str:
        return to_hex(cmap(0.15 + 0.17 * min(count, 5)))

    def draw(ax, shapes: gpd.GeoDataFrame, series: pd.Series, frame, label: str) -> None:
        values = shapes["iso3"].map(series).fillna(0)
        colours = [shade(v) if post else LAND for v, post in zip(values, shapes["post_soviet"], strict=True)]
        shapes.plot(ax=ax, color=colours, edgecolor=BORDER, linewidth=0.3)
        left, bottom, right, top = projected_frame(frame)
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        ax.set_axis_off()
        ax.set_title(label, fontsize=TEXT, pad=2)

    wide = (len(counts) + 1) // 2
    narrow = (len(counts) + 2) // 3
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, 1.55 * wide + 0.35 + 1.25 * narrow + 0.75))
        grid = fig.add_gridspec(
            wide + narrow + 1, 6, height_ratios=[1.55] * wide + [0.35] + [1.25] * narrow, hspace=0.25, wspace=0.08
        )
        for i, (label, series) in enumerate(counts.items()):
            draw(fig.add_subplot(grid[i // 2, 3 * (i % 2) : 3 * (i % 2) + 3]), countries, series, extent, label)
            ax = fig.add_subplot(grid[wide + 1 + i // 3, 2 * (i % 3) : 2 * (i % 3) + 2])
            draw(ax, zoomed, series, SOUTH_CAUCASUS_EXTENT, label)
            for shape in south.itertuples():
                largest = max(getattr(shape.geometry, "geoms", [shape.geometry]), key=lambda g: g.area)
                point, count = largest.representative_point(), int(series.get(shape.iso3, 0))
                ax.text(
                    point.x,
                    point.y,
                    str(count),
                    ha="center",
                    va="center",
                    weight="bold",
                    color="white" if count >= 3 else "#222222",
                )
        heading = fig.add_subplot(grid[wide, :])
        heading.set_axis_off()
        heading.text(0, 0.1, "The South Caucasus, enlarged", weight="bold", transform=heading.transAxes)
        fig.legend(
            [plt.Rectangle((0, 0), 1, 1, color=shade(v)) for v in range(6)],
            [str(v) for v in range(6)],
            title="Russia-led bodies, full participation",
            loc="lower center",
            ncol=6,
            frameon=False,
            handlelength=1.2,
            handletextpad=0.3,
            columnspacing=0.8,
            borderaxespad=0,
        )
        fig.subplots_adjust(left=0, right=1, top=0.97, bottom=0.7 / fig.get_figheight())
    return SvgFigure(
        fig,
        alt="Six small maps of the former Soviet space at key dates, each country shaded by how many "
        "Russia-led bodies it took part in fully; under them, the same dates zoomed on the South Caucasus, "
        "with each state's count written on it.",
    )


def footprint_timeline(sites: pd.DataFrame, countries: pd.DataFrame, until: date) -> SvgFigure:
    """One row per presence, by region (the South Caucasus first) and host: its name, then a bar from opening to
    closing, marked by kind.

    A presence no source dates starts at the left edge; a planned one has its name and no bar. Years are labelled
    above and below, and a light line marks every fifth.
    """
    start, end = pd.Timestamp("1991-12-01"), pd.Timestamp(until)
    ordered = sites.assign(
        host=sites["host_country"].map(countries["name"]),
        region=sites["host_country"].map(countries["region"]),
        elsewhere=sites["host_country"].map(countries["region"]) != "south_caucasus",
    ).sort_values(["elsewhere", "region", "host", "opened", "id"], na_position="first")
    labels = [
        wrap(f"{s.name} ({s.host})" + (": planned, not confirmed" if s.stage == "planned" else ""), WIDTH)
        for s in ordered.itertuples()
    ]
    kinds = sorted(set(sites["kind"]), key=list(KIND_STYLE).index)
    legend = LINE * ((len(kinds) + 2) // 2 + 0.5)
    rows, y, region = [], 0.0, None
    for site, label in zip(ordered.itertuples(), labels, strict=True):
        heading = site.region != region
        region = site.region
        y += LINE * 1.5 if heading else 0
        rows.append((y, heading))
        y += LINE * (label.count("\n") + 1) + BAR + 0.1
    top, bottom = 0.3, 0.35 + legend  # inches for the year labels, and the legend under the lower ones
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, top + y + bottom))
        ax = fig.add_axes((0, bottom / (top + y + bottom), 1, y / (top + y + bottom)))
        left_edge = ax.get_yaxis_transform()  # x in axes fractions, y in inches
        for site, label, (row, heading) in zip(ordered.itertuples(), labels, rows, strict=True):
            if heading:
                ax.text(
                    0,
                    row - LINE * 1.4,
                    REGION_LABELS.get(site.region, site.region),
                    transform=left_edge,
                    va="top",
                    fontsize=TEXT + 1,
                    weight="bold",
                )
            ax.text(0, row, label, transform=left_edge, va="top", linespacing=1.15)
            if site.stage == "planned":
                continue  # nothing stood there: the label says it is planned
            _, colour, marker = KIND_STYLE[site.kind]
            opened = site.opened if pd.notna(site.opened) else start
            closed = site.closed if pd.notna(site.closed) else end
            middle = row + LINE * (label.count("\n") + 1) + BAR / 2
            ax.barh(middle, (closed - opened).days, left=opened, height=BAR, color=colour, linewidth=0)
            ax.plot(
                opened,
                middle,
                marker=marker,
                color=colour,
                markeredgecolor="#222222",
                markersize=7,
                markeredgewidth=0.5,
            )
            if pd.notna(site.closed):
                ax.plot(site.closed, middle, marker="|", color="#222222", markersize=10, markeredgewidth=1.5)
        ax.set_ylim(y, 0)
        ax.xaxis_date()
        ax.set_xlim(start, end + pd.Timedelta(days=120))
        ticks = [pd.Timestamp(year=year, month=1, day=1) for year in range(1995, end.year + 1, 10)]
        ax.set_xticks(ticks, [str(t.year) for t in ticks])
        ax.set_xticks([pd.Timestamp(year=year, month=1, day=1) for year in range(1995, end.year + 1, 5)], minor=True)
        ax.grid(axis="x", which="both", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", which="both", top=True, labeltop=True, length=0)
        ax.set_yticks([])
        ax.spines[["left", "right"]].set_visible(False)
        handles = [
            plt.Line2D(
                [],
                [],
                marker=KIND_STYLE[k][2],
                color=KIND_STYLE[k][1],
                markeredgecolor="#222222",
                linestyle="none",
                markersize=8,
            )
            for k in kinds
        ]
        handles.append(
            plt.Line2D([], [], marker="|", color="#222222", linestyle="none", markersize=10, markeredgewidth=1.5)
        )
        fig.legend(
            handles,
            [KIND_STYLE[k][0] for k in kinds] + ["Russian forces left"],
            loc="upper left",
            bbox_to_anchor=(0, legend / (top + y + bottom)),
            ncol=2,
            frameon=False,
            borderaxespad=0,
            handletextpad=0.3,
            columnspacing=0.8,
        )
    return SvgFigure(
        fig,
        alt="Timeline of every Russian military presence in the data, from opening to closing, "
        "grouped by region and host country.",
    )


def region_counts_figure(table: pd.DataFrame) -> SvgFigure:
    """Presences standing on 1 July of each year: one small panel per region, two to a row, on a shared scale."""
    rows = (len(table) + 1) // 2
    with svg_style():
        fig, axes = plt.subplots(rows, 2, figsize=(WIDTH, 1.6 * rows + 0.3), sharey=True, sharex=True, squeeze=False)
        for ax, (region, counts) in zip(axes.flat, table.iterrows(), strict=False):
            ax.fill_between(table.columns, counts, step="post", color="#0072B2", alpha=0.25)
            ax.step(table.columns, counts, where="post", color="#0072B2", linewidth=1.2)
            ax.set_title(REGION_LABELS.get(region, region), fontsize=TEXT)
            ax.annotate(
                str(counts.iloc[-1]), (table.columns[-1], counts.iloc[-1]), xytext=(2, 3), textcoords="offset points"
            )
            ax.spines[["top", "right"]].set_visible(False)
            ax.set_xticks([1995, 2010, 2025])
            ax.tick_params(labelbottom=True)
        for ax in axes.flat[len(table) :]:
            ax.set_visible(False)
        for ax in axes[:, 0]:
            ax.set_ylabel("standing", fontsize=TEXT)
        axes[0][0].set_ylim(bottom=0)
        fig.subplots_adjust(hspace=0.6, wspace=0.15)
    return SvgFigure(
        fig,
        alt="Small charts, one per region: the number of Russian military presences in the data "
        "standing on 1 July of each year.",
    )
