"""Static figures for print and for readers without JavaScript, as reproducible SVG."""

import io
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402
from IPython.display import HTML  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

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
# Labels (and their offsets in points) where the full name is too long for the figure.
AREA_LABELS = {
    "nagorno-karabakh": ("Nagorno-Karabakh\n(1991 oblast)", (45, 22)),
    "karabakh-occupied-districts": ("Districts held by\nArmenian forces\n1994–2020", (-60, -25)),
    "donbas-2014": ("Donbas: held by\nRussia-backed forces\n2014–2022", (0, 22)),
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
PRINT_TOLERANCE = 0.15  # degrees (Visvalingam-Whyatt): about a printed line's width at the region's scale
PATH_DATA = re.compile(r' d="([^"]*)"')
DECIMAL = re.compile(r"-?\d+\.\d+")
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
# therefore WIDTH inches wide (4.8 once cropped with its margin) with no text under TEXT points; min_text_px measures it.
WIDTH = 4.6
TEXT = 11
COLUMN_PX, PHONE_PX, MIN_TEXT_PX = 757, 360, 11
LINE = 1.3 * TEXT / 72  # inches per line of text
CHARACTERS_PER_INCH = 72 / (0.55 * TEXT)  # DejaVu Sans, mixed text, a little generously
SVG_WIDTH = re.compile(r'<svg[^>]* width="([\d.]+)pt"')
FONT_SIZE = re.compile(r"font-size: ([\d.]+)px")


@contextmanager
def svg_style() -> Iterator[None]:
    """Draw in the book's SVG style.

    A character DejaVu Sans lacks (an emoji, say) only widens its label's estimated size: the browser
    draws it from its own fonts, so matplotlib's warning about it is no news to a reader.
    """
    with plt.rc_context(SVG_STYLE), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=MISSING_GLYPH, category=UserWarning)
        yield


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
            self.figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        svg = PATH_DATA.sub(lambda m: f' d="{DECIMAL.sub(tenths, m.group(1))}"', buffer.getvalue())
        opening = svg.index(">", svg.index("<svg")) + 1
        return f"{svg[:opening]}\n <title>{html(self.alt)}</title>{svg[opening:]}"


def min_text_px(figure: SvgFigure, shown_width_px: float) -> float:
    """The size, in CSS px, of the figure's smallest text when a page gives it ``shown_width_px``.

    An image is shown at its own size (an SVG point is 4/3 px) unless that is wider than the page allows.
    """
    svg = figure._repr_svg_()
    own_px = float(SVG_WIDTH.search(svg).group(1)) * 4 / 3
    return min(map(float, FONT_SIZE.findall(svg))) * 4 / 3 * min(1.0, shown_width_px / own_px)


def wrap(text: str, inches: float) -> str:
    """``text`` broken into lines that fit ``inches`` of TEXT-point type, at spaces only.

    Each space stays at the end of its line, so the lines read in order are the text, whole.
    """
    width = int(inches * CHARACTERS_PER_INCH)
    lines = [""]
    for word in re.findall(r"\S+\s*", text):
        if lines[-1] and len(lines[-1] + word.rstrip()) > width:
            lines.append("")
        lines[-1] += word
    return "\n".join(lines)


def tenths(number: re.Match) -> str:
    """A path coordinate to a tenth of a point (1/720 inch), where matplotlib writes millionths."""
    return f"{float(number.group()):.1f}"


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
        fig, ax = plt.subplots(figsize=(9, 6))
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
                s=42,
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
                s=42,
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
            loc="center left",
            bbox_to_anchor=(1.0, 0.5),
            fontsize=8,
            frameon=False,
            title="Filled: present\nHollow: closed",
            title_fontsize=8,
            alignment="left",
        )
    return SvgFigure(fig, alt="Map of Russian military sites across the former Soviet space and beyond.")


def borders_figure(extent=CAUCASUS_EXTENT) -> SvgFigure:
    """Recognised borders around the Black Sea and the Caucasus, breakaway and occupied areas hatched and named."""
    countries = print_boundaries("countries", extent, tolerance=0.04)
    disputed = print_boundaries("disputed", extent, tolerance=0.01)
    with svg_style():
        fig, ax = plt.subplots(figsize=(9, 5.5))
        countries.plot(
            ax=ax, color=countries["post_soviet"].map({True: POST_SOVIET, False: LAND}), edgecolor=BORDER, linewidth=0.5
        )
        disputed.plot(ax=ax, facecolor="none", edgecolor=DISPUTED, linewidth=0.9, hatch="////")
        for area in disputed.itertuples():
            point = area.geometry.representative_point()
            label, offset = AREA_LABELS.get(area.id, (area.name, (0, 12)))
            ax.annotate(
                label,
                (point.x, point.y),
                xytext=offset,
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=DISPUTED,
                arrowprops={"arrowstyle": "-", "color": DISPUTED, "lw": 0.5},
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        left, bottom, right, top = projected_frame(extent)
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        ax.set_axis_off()
    return SvgFigure(
        fig,
        alt="Map of the Black Sea and Caucasus region with recognised borders; Crimea, Transnistria, "
        "Abkhazia, South Ossetia, Donbas (2014-2022) and Karabakh areas hatched and named.",
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

    Where two claims are stored for the same time (Armenia in the CSTO since 2024), each gets half the row.
    """
    codes = [code for code in organisations.index if code in set(memberships["organisation"])]
    rows = {
        code: sorted(
            set(memberships.loc[memberships["organisation"] == code, "country"]),
            key=lambda iso3: countries.at[iso3, "name"],
        )
        for code in codes
    }
    end = pd.Timestamp(until)
    with svg_style():
        fig, panels = plt.subplots(
            len(codes),
            1,
            figsize=(9, LEGEND_INCHES + 0.22 * sum(map(len, rows.values())) + 0.5 * len(codes)),
            sharex=True,
            squeeze=False,  # a column of panels even for one organisation
            gridspec_kw={"height_ratios": [len(rows[c]) + 1 for c in codes]},
        )
        axes = panels[:, 0]
        for ax, code in zip(axes, codes, strict=True):
            spells = memberships[memberships["organisation"] == code]
            for y, iso3 in enumerate(rows[code]):
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
                        y + offset,
                        (stop - spell.start).days,
                        left=spell.start,
                        height=0.4 if split else 0.7,
                        color=STATUS_STYLE[spell.status][1],
                        edgecolor="white",
                        linewidth=0.3,
                    )
                    if pd.notna(spell.end_reason) and spell.end_reason in ("withdrawn", "not_renewed"):
                        ax.plot(spell.end, y, marker="x", color="#222222", markersize=5)
            ax.set_yticks(range(len(rows[code])), [countries.at[c, "name"] for c in rows[code]], fontsize=7)
            ax.set_ylim(len(rows[code]) - 0.5, -0.7)
            ax.set_title(organisations.at[code, "name"], fontsize=8, loc="left", pad=2)
            ax.spines[["top", "right", "left"]].set_visible(False)
            ax.tick_params(axis="y", length=0)
        axes[-1].xaxis_date()
        axes[-1].set_xlim(pd.Timestamp("1991-06-01"), end + pd.Timedelta(days=120))
        handles = [plt.Rectangle((0, 0), 1, 1, color=colour) for label, colour in STATUS_STYLE.values()][:-1]
        handles.append(plt.Line2D([], [], marker="x", color="#222222", linestyle="none"))
        fig.legend(
            handles,
            [label for label, _ in STATUS_STYLE.values()][:-1] + ["Left or did not renew"],
            loc="upper center",
            ncol=4,
            fontsize=7,
            frameon=False,
            bbox_to_anchor=(0.5, 1.0),
        )
        fig.subplots_adjust(top=1 - LEGEND_INCHES / fig.get_figheight(), hspace=0.6)
    return SvgFigure(fig, alt="Timeline of every membership spell, one panel per organisation and one row per country.")


def participation_heatmap(table: pd.DataFrame, countries: pd.DataFrame) -> SvgFigure:
    """Countries by years, each cell the number of Russia-led bodies the country took part in fully."""
    with svg_style():
        fig, ax = plt.subplots(figsize=(9, 0.3 * len(table) + 0.8))
        ax.imshow(table.to_numpy(), cmap="Blues", vmin=0, vmax=max(5, table.to_numpy().max()), aspect="auto")
        for (row, column), value in np.ndenumerate(table.to_numpy()):
            ax.text(
                column,
                row,
                str(value),
                ha="center",
                va="center",
                fontsize=6,
                color="white" if value >= 3 else "#222222",
            )
        ax.set_yticks(range(len(table)), [countries.at[c, "name"] for c in table.index], fontsize=7)
        ax.set_xticks(range(0, len(table.columns), 2), table.columns[::2], fontsize=7, rotation=90)
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
    return SvgFigure(
        fig,
        alt="Chart: for each country and year, the number of Russia-led bodies (CIS, Collective "
        "Security Treaty and CSTO, EurAsEC, EAEU, Union State) it took part in fully.",
    )


def participation_maps(counts: dict[str, pd.Series], extent=FOOTPRINT_EXTENT) -> SvgFigure:
    """Small multiples: the region coloured by each country's count of Russia-led bodies, one panel per date."""
    countries = print_boundaries("countries", extent, tolerance=0.3)
    countries = countries[countries["post_soviet"] | countries.intersects(shapely.box(*projected_frame(extent)))]
    with svg_style():
        fig, axes = plt.subplots(2, (len(counts) + 1) // 2, figsize=(9, 4.6))
        left, bottom, right, top = projected_frame(extent)
        cmap = plt.get_cmap("Blues")
        for ax, (label, series) in zip(axes.flat, counts.items(), strict=False):
            values = countries["iso3"].map(series).fillna(0)
            colours = [
                to_hex(cmap(0.15 + 0.17 * min(v, 5))) if post else LAND
                for v, post in zip(values, countries["post_soviet"], strict=True)
            ]
            countries.plot(ax=ax, color=colours, edgecolor=BORDER, linewidth=0.2)
            ax.set_xlim(left, right)
            ax.set_ylim(bottom, top)
            ax.set_axis_off()
            ax.set_title(label, fontsize=9)
        handles = [plt.Rectangle((0, 0), 1, 1, color=cmap(0.15 + 0.17 * v)) for v in range(6)]
        fig.legend(
            handles,
            [str(v) for v in range(6)],
            title="Russia-led bodies, full participation",
            loc="lower center",
            ncol=6,
            fontsize=7,
            title_fontsize=7,
            frameon=False,
        )
    return SvgFigure(
        fig,
        alt="Six small maps of the former Soviet space at key dates, each country shaded by how many "
        "Russia-led bodies it took part in fully.",
    )


def footprint_timeline(sites: pd.DataFrame, countries: pd.DataFrame, until: date) -> SvgFigure:
    """One row per presence, by region and host: a bar from opening to closing, coloured and marked by kind.

    A presence no source dates starts at the left edge; a planned one has a label and no bar.
    """
    start, end = pd.Timestamp("1991-12-01"), pd.Timestamp(until)
    ordered = sites.assign(
        host=sites["host_country"].map(countries["name"]), region=sites["host_country"].map(countries["region"])
    ).sort_values(["region", "host", "opened", "id"], na_position="first")
    with svg_style():
        fig, ax = plt.subplots(figsize=(9, 0.24 * len(ordered) + 1.2))
        for y, site in enumerate(ordered.itertuples()):
            label, colour, marker = KIND_STYLE[site.kind]
            left = site.opened if pd.notna(site.opened) else start
            right = site.closed if pd.notna(site.closed) else end
            if site.stage == "planned":
                continue  # nothing stood there: the label says it is planned
            ax.barh(y, (right - left).days, left=left, height=0.6, color=colour, linewidth=0)
            ax.plot(left, y, marker=marker, color=colour, markeredgecolor="#222222", markersize=5, markeredgewidth=0.4)
            if pd.notna(site.closed):
                ax.plot(site.closed, y, marker="|", color="#222222", markersize=7)
        labels = [
            f"{s.name} ({s.host})" + (": planned, not confirmed" if s.stage == "planned" else "")
            for s in ordered.itertuples()
        ]
        ax.set_yticks(range(len(ordered)), labels, fontsize=6.5)
        ax.set_ylim(len(ordered) - 0.5, -0.5)
        ax.xaxis_date()
        ax.set_xlim(start, end + pd.Timedelta(days=120))
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        handles = [
            plt.Line2D([], [], marker=m, color=c, markeredgecolor="#222222", linestyle="none")
            for _, c, m in (KIND_STYLE[k] for k in sorted(set(sites["kind"]), key=list(KIND_STYLE).index))
        ]
        labels = [KIND_STYLE[k][0] for k in sorted(set(sites["kind"]), key=list(KIND_STYLE).index)]
        handles.append(plt.Line2D([], [], marker="|", color="#222222", linestyle="none", markersize=7))
        labels.append("Russian forces left")
        ax.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, 1.0 + 0.9 / fig.get_figheight()),
            ncol=5,
            fontsize=7,
            frameon=False,
        )
    return SvgFigure(
        fig,
        alt="Timeline of every Russian military presence in the data, from opening to closing, "
        "grouped by region and host country.",
    )


def region_counts_figure(table: pd.DataFrame) -> SvgFigure:
    """Presences standing on 1 July of each year: one small panel per region, on a shared scale."""
    with svg_style():
        fig, axes = plt.subplots(1, len(table), figsize=(9, 2.4), sharey=True, squeeze=False)
        for ax, (region, counts) in zip(axes[0], table.iterrows(), strict=True):
            ax.fill_between(table.columns, counts, step="post", color="#0072B2", alpha=0.25)
            ax.step(table.columns, counts, where="post", color="#0072B2", linewidth=1.2)
            ax.set_title(REGION_LABELS.get(region, region), fontsize=8)
            ax.annotate(
                str(counts.iloc[-1]),
                (table.columns[-1], counts.iloc[-1]),
                xytext=(2, 3),
                textcoords="offset points",
                fontsize=7,
            )
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(labelsize=7)
            ax.set_xticks([1995, 2005, 2015, 2025])
        axes[0][0].set_ylabel("standing on 1 July", fontsize=8)
        axes[0][0].set_ylim(bottom=0)
    return SvgFigure(
        fig,
        alt="Small charts, one per region: the number of Russian military presences in the data "
        "standing on 1 July of each year.",
    )
