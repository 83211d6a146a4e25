"""The economic figures: loading them, and the charts of trade shares and remittances.

Each row of ``economic_figures.csv`` is one figure as its source states it, in the source's
scale (1.2 usd_billion, 655 usd_million). The charts bring money to one scale and draw every
row they select as one marker: filled for a whole year, hollow for part of one (January–May,
a quarter), placed in the middle of its year, or of the month a part-year figure ends in.
Lines join consecutive years only.
"""

import itertools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from caucasus_atlas.data import load_table  # noqa: E402
from caucasus_atlas.figures import SvgFigure, svg_style  # noqa: E402
from caucasus_atlas.paths import DATA_DIR  # noqa: E402

TRADE_INDICATORS = {
    "trade_share": "Share of trade",
    "export_share": "Share of exports",
    "import_share": "Share of imports",
}
# partner: (label, colour, marker), the Okabe-Ito colours of style.py; Russia first and drawn on top
PARTNER_STYLE = {
    "RUS": ("Russia", "#D55E00", "o"),
    "EU": ("European Union", "#0072B2", "s"),
    "CHN": ("China", "#E69F00", "^"),
    "TUR": ("Türkiye", "#009E73", "D"),
    "IRN": ("Iran", "#CC79A7", "v"),
    "EAEU": ("Eurasian Economic Union", "#56B4E9", "P"),
    "USA": ("United States", "#000000", "X"),
}
OTHER_COLOUR = "#999999"
OTHER_MARKERS = "hp8<>"
ALL_PARTNERS = ("All countries", "#555555", "*")
USD_MILLIONS = {"usd_million": 1.0, "usd_billion": 1000.0}
LEGEND_COLUMNS = 3
FONT = 10  # points: at least 11 px when a 9-inch figure is shown 757 px wide


def load_economic_figures(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Sourced economic figures, by country, indicator, partner and period."""
    figures = load_table("economic_figures", data_dir)
    return figures.sort_values(["country", "indicator", "partner", "period", "id"], ignore_index=True)


def period_middle(figures: pd.DataFrame) -> pd.Series:
    """Where each figure is drawn: mid-year for a year, mid-month for a month (a part-year's last), or the day."""
    offsets = {"year": pd.Timedelta(days=182), "month": pd.Timedelta(days=14), "day": pd.Timedelta(0)}
    return pd.Series(
        [
            start + offsets[precision]
            for start, precision in zip(figures["period"], figures["period_precision"], strict=True)
        ],
        index=figures.index,
    )


def partner_styles(partners, names: dict[str, str]) -> dict:
    """Label, colour and marker of each partner (None: all countries); the rest grey, each its own marker."""
    styles = {partner: PARTNER_STYLE[partner] for partner in partners if partner in PARTNER_STYLE}
    others = sorted(p for p in partners if p is not None and p not in PARTNER_STYLE)
    for partner, marker in zip(others, itertools.cycle(OTHER_MARKERS), strict=False):
        styles[partner] = (names.get(partner, partner), OTHER_COLOUR, marker)
    if None in partners:
        styles[None] = ALL_PARTNERS
    return dict(sorted(styles.items(), key=lambda item: (item[0] != "RUS", item[0] is None, item[1][0])))


def draw_series(ax, rows: pd.DataFrame, partner: str | None, style: tuple, values: pd.Series) -> None:
    """One partner's figures: whole years as filled markers joined by a line, part-years hollow and alone."""
    label, colour, marker = style
    ends = period_middle(rows)
    whole = rows["period_precision"] == "year"
    years = pd.DataFrame({"end": ends[whole], "value": values[whole]}).sort_values("end")
    # a line joins consecutive years only: a gap in the sources stays a gap, never a slope
    gaps = years["end"].dt.year.diff() > 1
    segment = gaps.cumsum()
    emphasis = 2.0 if partner == "RUS" else 1.2
    for _, run in years.groupby(segment):
        ax.plot(run["end"], run["value"], color=colour, marker=marker, linewidth=emphasis, markersize=6, label=label)
    ax.plot(
        ends[~whole],
        values[~whole],
        color=colour,
        marker=marker,
        linestyle="none",
        markersize=6,
        markerfacecolor="white",
    )


def trade_share_figure(
    figures: pd.DataFrame, countries: pd.DataFrame, organisations: pd.DataFrame, states: list[str] | None = None
) -> SvgFigure:
    """Small multiples: one column per country, one row per measure (trade, exports, imports), shares by partner.

    ``states`` (ISO3 codes) chooses the columns; by default every country with a share in the data.
    """
    shares = figures[figures["indicator"].isin(TRADE_INDICATORS)]
    if states is not None:
        shares = shares[shares["country"].isin(states)]
    styles = partner_styles(set(shares["partner"].dropna()), partner_names(countries, organisations))
    measures = [name for name in TRADE_INDICATORS if name in set(shares["indicator"])]
    states = sorted(set(shares["country"]), key=lambda iso3: countries.at[iso3, "name"])
    with svg_style():
        fig, axes = plt.subplots(
            len(measures),
            len(states),
            figsize=(9, 2.6 * len(measures) + legend_room(styles)),
            sharex=True,
            sharey=True,
            squeeze=False,
        )
        for (row, measure), (column, iso3) in itertools.product(enumerate(measures), enumerate(states)):
            ax = axes[row][column]
            mine = shares[(shares["indicator"] == measure) & (shares["country"] == iso3)]
            for partner in reversed([p for p in styles if p in set(mine["partner"])]):
                rows = mine[mine["partner"] == partner]
                draw_series(ax, rows, partner, styles[partner], rows["value"])
            if mine.empty:
                ax.text(
                    0.5, 0.5, "no sourced\nfigure", transform=ax.transAxes, ha="center", fontsize=FONT, color="#777777"
                )
            if row == 0:
                ax.set_title(countries.at[iso3, "name"], fontsize=FONT + 1)
            if column == 0:
                ax.set_ylabel(f"{TRADE_INDICATORS[measure]} (%)", fontsize=FONT)
            style_axes(ax)
        axes[0][0].set_ylim(bottom=0)
        fig.legend(*legend_entries(styles), loc="lower center", ncol=LEGEND_COLUMNS, fontsize=FONT, frameon=False)
        fig.subplots_adjust(bottom=legend_room(styles) / fig.get_figheight(), hspace=0.25, wspace=0.12)
    return SvgFigure(
        fig,
        alt="Small charts, one per country and measure: each partner's share of the country's trade over time, "
        "Russia's against the European Union's, China's, Türkiye's and Iran's where the sources give them.",
    )


def partner_names(countries: pd.DataFrame, organisations: pd.DataFrame) -> dict[str, str]:
    """Display names of the partners the figures may name: countries, then blocs."""
    return {**countries["name"].to_dict(), **organisations["name"].to_dict()}


def style_axes(ax) -> None:
    """The house look of a panel: no top or right spine, light grid, ticks every ten years."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=FONT)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.xaxis.set_major_locator(mdates.YearLocator(10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def legend_room(styles: dict) -> float:
    """Inches below the panels for the tick labels and a legend of this many entries."""
    lines = -(-(len(styles) + 1) // LEGEND_COLUMNS)
    return 0.55 + 0.25 * lines


def legend_entries(styles: dict) -> tuple[list, list[str]]:
    """Handles and labels for the partners drawn, Russia first, then the hollow part-year marker."""
    handles = [plt.Line2D([], [], color=c, marker=m, linewidth=1.5) for _, c, m in styles.values()]
    handles.append(plt.Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="none"))
    return handles, [label for label, _, _ in styles.values()] + ["Part of a year (hollow)"]


def remittances_figure(figures: pd.DataFrame, countries: pd.DataFrame) -> SvgFigure:
    """One panel per receiving country: money transfers received, in US$ million, from Russia and from everywhere."""
    money = figures[(figures["indicator"] == "remittances") & figures["unit"].isin(USD_MILLIONS)]
    keys = {p if isinstance(p, str) else None for p in money["partner"]}
    styles = partner_styles(keys, countries["name"].to_dict())
    states = sorted(set(money["country"]), key=lambda iso3: countries.at[iso3, "name"])
    columns = min(3, len(states))
    rows_of_panels = -(-len(states) // columns)
    with svg_style():
        fig, axes = plt.subplots(
            rows_of_panels, columns, figsize=(9, 2.8 * rows_of_panels + legend_room(styles)), sharex=True
        )
        panels = list(getattr(axes, "flat", [axes]))
        for ax, iso3 in zip(panels, states, strict=False):
            mine = money[money["country"] == iso3]
            present = {p if isinstance(p, str) else None for p in mine["partner"]}
            for partner in reversed([p for p in styles if p in present]):
                rows = mine[mine["partner"].isna()] if partner is None else mine[mine["partner"] == partner]
                draw_series(ax, rows, partner, styles[partner], rows["value"] * rows["unit"].map(USD_MILLIONS))
            ax.set_title(countries.at[iso3, "name"], fontsize=FONT + 1)
            ax.set_ylim(bottom=0)
            style_axes(ax)
        for ax in panels[len(states) :]:
            ax.set_visible(False)
        for ax in panels[::columns]:
            ax.set_ylabel("US$ million", fontsize=FONT)
        fig.legend(*legend_entries(styles), loc="lower center", ncol=LEGEND_COLUMNS, fontsize=FONT, frameon=False)
        fig.subplots_adjust(bottom=legend_room(styles) / fig.get_figheight(), hspace=0.35, wspace=0.35)
    return SvgFigure(
        fig,
        alt="Small charts, one per receiving country: money transfers received from Russia and from all countries, "
        "in US dollars, by year and for parts of years.",
    )
