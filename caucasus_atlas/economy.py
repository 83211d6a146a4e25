"""The economic figures: loading them, and the charts of trade shares and remittances.

Each row of ``economic_figures.csv`` is one figure as its source states it, in the source's
scale (1.2 usd_billion, 655 usd_million). The charts bring money to one scale and draw every
row they select as one marker: filled for a whole year, hollow for part of one (January–May,
a quarter), placed at the end of the period it covers. Lines join consecutive years only.
"""

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
OTHER_PARTNER = ("Other", "#999999", "h")
ALL_PARTNERS = ("All countries", "#555555", "*")
USD_MILLIONS = {"usd_million": 1.0, "usd_billion": 1000.0}
FONT = 10  # points: at least 11 px when a 9-inch figure is shown 757 px wide


def load_economic_figures(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Sourced economic figures, by country, indicator, partner and period."""
    figures = load_table("economic_figures", data_dir)
    return figures.sort_values(["country", "indicator", "partner", "period", "id"], ignore_index=True)


def period_end(figures: pd.DataFrame) -> pd.Series:
    """The last day of each figure's period: the year's, the month's or the day itself."""
    offsets = {"year": pd.offsets.YearEnd(0), "month": pd.offsets.MonthEnd(0), "day": pd.offsets.Day(0)}
    return pd.Series(
        [
            start + offsets[precision]
            for start, precision in zip(figures["period"], figures["period_precision"], strict=True)
        ],
        index=figures.index,
    )


def partner_style(partner: str | None) -> tuple[str, str, str]:
    """Label, colour and marker of a partner; all countries when the figure names none."""
    if partner is None:
        return ALL_PARTNERS
    return PARTNER_STYLE.get(partner, OTHER_PARTNER)


def draw_series(ax, rows: pd.DataFrame, partner: str | None, values: pd.Series) -> None:
    """One partner's figures: whole years as filled markers joined by a line, part-years hollow and alone."""
    label, colour, marker = partner_style(partner)
    ends = period_end(rows)
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


def trade_share_figure(figures: pd.DataFrame, countries: pd.DataFrame) -> SvgFigure:
    """Small multiples: one column per country, one row per measure (trade, exports, imports), shares by partner."""
    shares = figures[figures["indicator"].isin(TRADE_INDICATORS)]
    measures = [name for name in TRADE_INDICATORS if name in set(shares["indicator"])]
    states = sorted(set(shares["country"]), key=lambda iso3: countries.at[iso3, "name"])
    with svg_style():
        fig, axes = plt.subplots(
            len(measures),
            len(states),
            figsize=(9, 2.6 * len(measures) + 0.9),
            sharex=True,
            sharey=True,
            squeeze=False,
        )
        for (row, measure), (column, iso3) in ((r, c) for r in enumerate(measures) for c in enumerate(states)):
            ax = axes[row][column]
            mine = shares[(shares["indicator"] == measure) & (shares["country"] == iso3)]
            partners = sorted(set(mine["partner"].dropna()), key=lambda p: (p != "RUS", partner_style(p)[0]))
            for partner in reversed(partners):
                rows = mine[mine["partner"] == partner]
                draw_series(ax, rows, partner, rows["value"])
            if row == 0:
                ax.set_title(countries.at[iso3, "name"], fontsize=FONT + 1)
            if column == 0:
                ax.set_ylabel(f"{TRADE_INDICATORS[measure]} (%)", fontsize=FONT)
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(labelsize=FONT)
            ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        axes[0][0].set_ylim(bottom=0)
        for ax in axes[-1]:
            ax.xaxis.set_major_locator(mdates.YearLocator(10))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        fig.legend(*legend_entries(shares), loc="lower center", ncol=4, fontsize=FONT, frameon=False)
        fig.subplots_adjust(bottom=0.9 / fig.get_figheight() + 0.08, hspace=0.25, wspace=0.12)
    return SvgFigure(
        fig,
        alt="Small charts, one per country and measure: each partner's share of the country's trade over time, "
        "Russia's against the European Union's, China's, Türkiye's and Iran's where the sources give them.",
    )


def legend_entries(rows: pd.DataFrame) -> tuple[list, list[str]]:
    """Handles and labels for the partners in ``rows``, Russia first, then the hollow part-year marker."""
    partners = sorted(set(rows["partner"].dropna()), key=lambda p: (p != "RUS", partner_style(p)[0]))
    styles = [partner_style(p) for p in partners] + ([ALL_PARTNERS] if rows["partner"].isna().any() else [])
    handles = [plt.Line2D([], [], color=c, marker=m, linewidth=1.5) for _, c, m in styles]
    handles.append(plt.Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="none"))
    return handles, [label for label, _, _ in styles] + ["Part of a year"]


def remittances_figure(figures: pd.DataFrame, countries: pd.DataFrame) -> SvgFigure:
    """One panel per receiving country: money transfers received, in US$ million, from Russia and from everywhere."""
    money = figures[(figures["indicator"] == "remittances") & figures["unit"].isin(USD_MILLIONS)]
    states = sorted(set(money["country"]), key=lambda iso3: countries.at[iso3, "name"])
    with svg_style():
        fig, axes = plt.subplots(1, len(states), figsize=(9, 3.6), sharex=True, squeeze=False)
        for ax, iso3 in zip(axes[0], states, strict=True):
            mine = money[money["country"] == iso3]
            keys = sorted(set(mine["partner"].fillna("")), key=lambda p: (p != "RUS", p))
            for key in reversed(keys):
                rows = mine[mine["partner"].fillna("") == key]
                partner = key or None
                draw_series(ax, rows, partner, rows["value"] * rows["unit"].map(USD_MILLIONS))
            ax.set_title(countries.at[iso3, "name"], fontsize=FONT + 1)
            ax.set_ylim(bottom=0)
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(labelsize=FONT)
            ax.xaxis.set_major_locator(mdates.YearLocator(10))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
            ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        axes[0][0].set_ylabel("US$ million", fontsize=FONT)
        fig.legend(*legend_entries(money), loc="lower center", ncol=4, fontsize=FONT, frameon=False)
        fig.subplots_adjust(bottom=0.3, wspace=0.35)
    return SvgFigure(
        fig,
        alt="Small charts, one per receiving country: money transfers received from Russia and from all countries, "
        "in US dollars, by year and for parts of years.",
    )
