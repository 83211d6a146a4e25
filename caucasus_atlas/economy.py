"""The economic figures: loading them, and the charts of trade shares, remittances and corridor freight.

Each row of ``economic_figures.csv`` is one figure as its source states it, in the source's
scale (1.2 usd_billion, 655 usd_million). The charts bring money (or tonnes) to one scale and draw every
row they select as one marker: filled for a whole year, hollow for part of one (January–May,
a quarter), placed in the middle of its year, or of the month a part-year figure ends in.
Lines join consecutive years only. The charts follow the book's rule for static figures
(``figures``): WIDTH inches wide, no text under TEXT points, legends below.
"""

import itertools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker as mticker  # noqa: E402
import pandas as pd  # noqa: E402

from caucasus_atlas.data import load_table  # noqa: E402
from caucasus_atlas.figures import LEGEND_ROW, LINE, TEXT, WIDTH, SvgFigure, svg_style, wrap  # noqa: E402
from caucasus_atlas.paths import DATA_DIR  # noqa: E402

# indicator: the title of its column in the trade chart
TRADE_INDICATORS = {
    "trade_share": "Trade",
    "export_share": "Exports",
    "import_share": "Imports",
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
TONNES_MILLIONS = {"tonnes": 1e-6, "tonnes_thousand": 1e-3, "tonnes_million": 1.0}
# reporting state: (label, colour, marker) of its freight figures, Okabe-Ito colours; other reporters grey
REPORTER_STYLE = {
    "KAZ": ("Kazakhstan", "#0072B2", "s"),
    "AZE": ("Azerbaijan", "#E69F00", "o"),
    "TUR": ("Türkiye", "#009E73", "D"),
    "GEO": ("Georgia", "#CC79A7", "v"),
}
# Layout, in inches
TICKS = 0.42  # left of a panel, for its value labels
GAP = 0.12  # between panels that share their scale
YEARS = 0.3  # under a panel, for its years
SHARE_PANEL = 0.95
MONEY_PANEL = 1.15
FREIGHT_PANEL = 1.0
LEGEND_COLUMNS = 2
NO_FIGURE = "no sourced figure"


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
    """Small multiples: one row per country, one column per measure (trade, exports, imports), shares by partner.

    ``states`` (ISO3 codes) chooses the rows; by default every country with a share in the data. Every panel has
    the same scale; each row has its country's name above and its years below, and the legend is under the last.
    """
    shares = figures[figures["indicator"].isin(TRADE_INDICATORS)]
    if states is not None:
        shares = shares[shares["country"].isin(states)]
    styles = partner_styles(set(shares["partner"].dropna()), partner_names(countries, organisations))
    measures = [name for name in TRADE_INDICATORS if name in set(shares["indicator"])]
    states = sorted(set(shares["country"]), key=lambda iso3: countries.at[iso3, "name"])
    width = (WIDTH - TICKS - GAP * (len(measures) - 1)) / len(measures)
    row = LINE * 1.3 + SHARE_PANEL + YEARS
    legend = legend_height(styles)
    height = LINE * 1.3 + row * len(states) + legend
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        for column, measure in enumerate(measures):
            x = (TICKS + column * (width + GAP) + width / 2) / WIDTH
            fig.text(x, 1, TRADE_INDICATORS[measure], ha="center", va="top", weight="bold")
        first = None
        for (r, iso3), (column, measure) in itertools.product(enumerate(states), enumerate(measures)):
            top = LINE * 1.3 + row * r + LINE * 1.3
            if column == 0:
                fig.text(0, 1 - (top - LINE * 1.2) / height, countries.at[iso3, "name"], va="top", weight="bold")
            box = (TICKS + column * (width + GAP), top, width, SHARE_PANEL)
            ax = fig.add_axes(inches(box, height), sharex=first, sharey=first)
            first = first or ax
            mine = shares[(shares["indicator"] == measure) & (shares["country"] == iso3)]
            for partner in reversed([p for p in styles if p in set(mine["partner"])]):
                rows = mine[mine["partner"] == partner]
                draw_series(ax, rows, partner, styles[partner], rows["value"])
            style_axes(ax)
            ax.tick_params(labelleft=column == 0)
            if mine.empty:
                ax.set_axis_off()
                ax.text(0.5, 0.5, wrap(NO_FIGURE, width - 0.3), transform=ax.transAxes, ha="center", va="center")
        first.set_ylim(0, max(50.0, shares["value"].max() * 1.1))
        first.yaxis.set_major_locator(mticker.MultipleLocator(25))
        first.yaxis.set_major_formatter(mticker.PercentFormatter(decimals=0))
        legend_below(fig, styles, legend / height)
    return SvgFigure(
        fig,
        alt="Small charts, one row per country and one column per measure (trade, exports, imports): each "
        "partner's share over time, Russia's against the European Union's, China's, Türkiye's and Iran's where the "
        "sources give them.",
    )


def partner_names(countries: pd.DataFrame, organisations: pd.DataFrame) -> dict[str, str]:
    """Display names of the partners the figures may name: countries, then blocs."""
    return {**countries["name"].to_dict(), **organisations["name"].to_dict()}


def inches(box: tuple[float, float, float, float], height: float) -> tuple[float, float, float, float]:
    """A panel's (left, top, width, height) in inches from the figure's top left, as figure fractions."""
    left, top, width, tall = box
    return left / WIDTH, 1 - (top + tall) / height, width / WIDTH, tall / height


def style_axes(ax) -> None:
    """The house look of a panel: no top or right spine, light grid, years labelled every ten."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.xaxis.set_major_locator(mdates.YearLocator(10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(labelbottom=True, length=3, pad=2)


def legend_labels(styles: dict) -> list[str]:
    """The legend's labels: the partners drawn, Russia first, then the hollow part-year marker; wrapped to fit."""
    column = WIDTH / LEGEND_COLUMNS - 0.5
    return [wrap(label, column) for label, _, _ in styles.values()] + [wrap("Part of a year (hollow)", column)]


def legend_height(styles: dict) -> float:
    """Inches the legend takes under the panels: its taller column's lines (matplotlib fills columns first)."""
    lines = [label.count("\n") + 1 for label in legend_labels(styles)]
    per_column = -(-len(lines) // LEGEND_COLUMNS)
    columns = [lines[i : i + per_column] for i in range(0, len(lines), per_column)]
    return max(LEGEND_ROW * len(c) + LINE * (sum(c) - len(c)) for c in columns) + 0.1


def legend_below(fig, styles: dict, top: float) -> None:
    """The legend, its top ``top`` (a figure fraction) from the bottom of the figure."""
    handles = [plt.Line2D([], [], color=c, marker=m, linewidth=1.5) for _, c, m in styles.values()]
    handles.append(plt.Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="none"))
    fig.legend(
        handles,
        legend_labels(styles),
        loc="upper left",
        bbox_to_anchor=(0, top),
        ncol=LEGEND_COLUMNS,
        frameon=False,
        borderaxespad=0,
        handlelength=1.8,
        handletextpad=0.4,
        columnspacing=0.8,
    )


def billions(value: float, _position) -> str:
    """A tick label in US$ billion for a value in US$ million."""
    return f"{value / 1000:g}"


def remittances_figure(figures: pd.DataFrame, countries: pd.DataFrame) -> SvgFigure:
    """One panel per receiving country, two to a row: money transfers received from Russia and from everywhere.

    Values are drawn in US$ million and labelled in billions; every panel has its own scale, from zero.
    """
    money = figures[(figures["indicator"] == "remittances") & figures["unit"].isin(USD_MILLIONS)]
    keys = {p if isinstance(p, str) else None for p in money["partner"]}
    styles = partner_styles(keys, countries["name"].to_dict())
    states = sorted(set(money["country"]), key=lambda iso3: countries.at[iso3, "name"])
    columns = min(2, len(states))
    width = (WIDTH - TICKS * columns - GAP * (columns - 1)) / columns
    row = LINE * 1.6 + MONEY_PANEL + YEARS
    legend = legend_height(styles)
    height = LINE * 1.4 + row * -(-len(states) // columns) + legend
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        fig.text(0, 1, "Money transfers received, US$ billion", va="top", weight="bold")
        first = None
        for number, iso3 in enumerate(states):
            r, column = divmod(number, columns)
            left, top = TICKS + column * (width + GAP + TICKS), LINE * 1.4 + row * r + LINE * 1.6
            ax = fig.add_axes(inches((left, top, width, MONEY_PANEL), height), sharex=first)
            first = first or ax
            mine = money[money["country"] == iso3]
            present = {p if isinstance(p, str) else None for p in mine["partner"]}
            for partner in reversed([p for p in styles if p in present]):
                rows = mine[mine["partner"].isna()] if partner is None else mine[mine["partner"] == partner]
                draw_series(ax, rows, partner, styles[partner], rows["value"] * rows["unit"].map(USD_MILLIONS))
            ax.set_title(countries.at[iso3, "name"], loc="left", x=-TICKS / width, fontsize=TEXT, weight="bold", pad=8)
            ax.set_ylim(bottom=0)
            style_axes(ax)
            ax.yaxis.set_major_locator(mticker.MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
            ax.yaxis.set_major_formatter(mticker.FuncFormatter(billions))
        legend_below(fig, styles, legend / height)
    return SvgFigure(
        fig,
        alt="Small charts, one per receiving country: money transfers received from Russia and from all countries, "
        "in US dollars, by year and for parts of years.",
    )


def reporter_styles(reporters) -> dict:
    """Label, colour and marker of each reporting state's freight figures; a state without a style grey, by code."""
    styles = {}
    others = itertools.cycle(OTHER_MARKERS)
    for iso3 in sorted(reporters, key=lambda code: (code not in REPORTER_STYLE, code)):
        label, colour, marker = REPORTER_STYLE.get(iso3) or (iso3, OTHER_COLOUR, next(others))
        styles[iso3] = (f"Reported by {label}", colour, marker)
    return styles


def freight_figure(figures: pd.DataFrame, corridors: pd.DataFrame) -> SvgFigure:
    """One panel per corridor, the largest on top: freight carried, in million tonnes, by the state reporting it.

    Every panel has the same scale, from zero, so that corridors compare; each reporting state has its colour,
    since states count different things (a whole route, their part of it, one railway's trains).
    """
    freight = figures[(figures["indicator"] == "freight_volume") & figures["unit"].isin(TONNES_MILLIONS)]
    freight = freight.assign(millions=freight["value"] * freight["unit"].map(TONNES_MILLIONS))
    routes = freight.groupby("corridor")["millions"].max().sort_values(ascending=False).index.tolist()
    styles = reporter_styles(set(freight["country"]))
    width = WIDTH - TICKS
    names = {
        route: wrap(name, WIDTH - 0.1, weight="bold")
        for route, name in corridors.set_index("id")["name"].items()
        if route in routes
    }
    heads = {route: LINE * (names[route].count("\n") + 1) + LINE * 0.4 for route in routes}
    legend = legend_height(styles)
    height = LINE * 1.4 + sum(heads.values()) + (FREIGHT_PANEL + YEARS) * len(routes) + legend
    with svg_style():
        fig = plt.figure(figsize=(WIDTH, height))
        fig.text(0, 1, "Freight carried, million tonnes", va="top", weight="bold")
        first, top = None, LINE * 1.4
        for route in routes:
            fig.text(0, 1 - top / height, names[route], va="top", weight="bold")
            top += heads[route]
            ax = fig.add_axes(inches((TICKS, top, width, FREIGHT_PANEL), height), sharex=first, sharey=first)
            first = first or ax
            mine = freight[freight["corridor"] == route]
            for reporter in [r for r in styles if r in set(mine["country"])]:
                rows = mine[mine["country"] == reporter]
                draw_series(ax, rows, reporter, styles[reporter], rows["millions"])
            style_axes(ax)
            # a year's label stands under the middle of its year, where its figure is drawn; ticks mark its ends
            ax.xaxis.set_major_locator(mdates.YearLocator(1, month=7))
            ax.xaxis.set_minor_locator(mdates.YearLocator(1))
            ax.tick_params(axis="x", which="major", length=0)
            top += FREIGHT_PANEL + YEARS
        years = freight["period"].dt.year
        first.set_xlim(pd.Timestamp(years.min(), 1, 1), pd.Timestamp(years.max() + 1, 1, 1))
        first.set_ylim(0, freight["millions"].max() * 1.1)
        first.yaxis.set_major_locator(mticker.MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
        legend_below(fig, styles, legend / height)
    return SvgFigure(
        fig,
        alt="Small charts, one per corridor on a common scale: freight carried along the Middle Corridor, the "
        "Baku–Tbilisi–Kars railway and the North–South corridor through Azerbaijan, in million tonnes, by year and "
        "for parts of years, coloured by the state that reports the figure.",
    )
