"""Static figures for print and for readers without JavaScript, as reproducible SVG."""

import io

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402

from caucasus_atlas.geography import load_boundaries  # noqa: E402
from caucasus_atlas.style import BORDER, DISPUTED, KIND_STYLE, LAND, POST_SOVIET  # noqa: E402

# A conic projection centred on the former Soviet space keeps shapes and areas honest.
REGION_CRS = "+proj=lcc +lat_0=50 +lon_0=55 +lat_1=40 +lat_2=60 +datum=WGS84 +units=m"
FOOTPRINT_BOUNDS = (24.0, 31.0, 78.0, 56.0)  # lon/lat: Transnistria and Syria to Kyrgyzstan
CAUCASUS_BOUNDS = (27.0, 38.0, 51.0, 48.5)  # lon/lat: the Black Sea, the Caucasus and the Caspian shore
# Labels (and their offsets in points) where the full name is too long for the figure.
AREA_LABELS = {
    "nagorno-karabakh": ("Nagorno-Karabakh\n(1991 oblast)", (45, 22)),
    "karabakh-occupied-districts": ("Districts held by\nArmenian forces\n1994–2020", (-60, -25)),
    "donbas-2014": ("Donbas: held by\nRussia-backed forces\n2014–2022", (0, 22)),
}
PRINT_TOLERANCE = 0.1  # degrees: finer than a printed line at this scale, and keeps SVGs light
SVG_STYLE = {"svg.hashsalt": "caucasus-atlas", "svg.fonttype": "none", "font.family": "DejaVu Sans"}


class SvgFigure:
    """A matplotlib figure that notebooks display as SVG, identical on every run."""

    def __init__(self, figure: plt.Figure, alt: str):
        self.figure, self.alt = figure, alt
        plt.close(figure)

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"

    def _repr_svg_(self) -> str:
        buffer = io.StringIO()
        with plt.rc_context(SVG_STYLE):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        return buffer.getvalue()


def projected_frame(bounds) -> tuple[float, float, float, float]:
    """The extent, in the region's projection, of a longitude/latitude box (edges densified)."""
    box = shapely.segmentize(shapely.box(*bounds), 0.5)
    return tuple(gpd.GeoSeries([box], crs="EPSG:4326").to_crs(REGION_CRS).total_bounds)


def print_boundaries(layer: str, bounds, tolerance: float = PRINT_TOLERANCE) -> gpd.GeoDataFrame:
    """A boundary layer clipped to ``bounds`` and simplified for print, in the region's projection."""
    frame = load_boundaries(layer).clip(shapely.box(*bounds).buffer(15))
    frame["geometry"] = shapely.coverage_simplify(frame.geometry.values, tolerance)
    return frame.to_crs(REGION_CRS)


def footprint_figure(sites: gpd.GeoDataFrame, bounds=FOOTPRINT_BOUNDS) -> SvgFigure:
    """All sites on the recognised borders: filled markers for present sites, hollow for closed."""
    countries = print_boundaries("countries", bounds)
    disputed = print_boundaries("disputed", bounds)
    points = sites.to_crs(REGION_CRS)
    with plt.rc_context(SVG_STYLE):
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
        left, bottom, right, top = projected_frame(bounds)
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


def borders_figure(bounds=CAUCASUS_BOUNDS) -> SvgFigure:
    """Recognised borders around the Black Sea and the Caucasus, breakaway and occupied areas hatched and named."""
    countries = print_boundaries("countries", bounds, tolerance=0.04)
    disputed = print_boundaries("disputed", bounds, tolerance=0.01)
    with plt.rc_context(SVG_STYLE):
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
        left, bottom, right, top = projected_frame(bounds)
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        ax.set_axis_off()
    return SvgFigure(
        fig,
        alt="Map of the Black Sea and Caucasus region with recognised borders; Crimea, Transnistria, "
        "Abkhazia, South Ossetia, Donbas (2014-2022) and Karabakh areas hatched and named.",
    )


def presence_table(sites: pd.DataFrame) -> pd.DataFrame:
    """Count of sites by kind: present today and closed since 1991."""
    present = sites["closed"].isna()
    table = (
        pd.DataFrame(
            {"present": sites[present].groupby("kind").size(), "closed": sites[~present].groupby("kind").size()}
        )
        .fillna(0)
        .astype(int)
    )
    table.index = [KIND_STYLE[k][0] for k in table.index]
    return table
