"""The economic figures: each value is stated in its quote, and the charts draw every row they select.

Each folder in tests/fixtures/broken-economy/ holds one broken economic_figures.csv, laid over the small
valid package of test_validation; each must raise exactly one problem, the one named in BROKEN.
"""

import shutil

import pandas as pd
import pytest
from matplotlib.lines import Line2D

from caucasus_atlas import load_countries, load_organisations
from caucasus_atlas.economy import (
    TONNES_MILLIONS,
    TRADE_INDICATORS,
    USD_MILLIONS,
    freight_figure,
    load_economic_figures,
    remittances_figure,
    trade_share_figure,
)
from caucasus_atlas.figures import COLUMN_PX, MIN_TEXT_PX, PHONE_PX, min_text_px
from caucasus_atlas.routes import load_corridors
from caucasus_atlas.validation import quote_states, validate_package
from tests.test_validation import FIXTURES, located, package_with

# case: (row, field, rule) of the single problem it raises in economic_figures.csv
BROKEN = {
    "rounded-value": (2, "value", "value-in-quote"),
    "rescaled-value": (3, "value", "value-in-quote"),
    "unknown-unit": (2, "unit", "constraint-error"),
    "missing-source": (2, "sources", "constraint-error"),
    "unknown-partner": (3, "partner", "unknown-key"),
    "unknown-corridor": (3, "corridor", "foreign-key"),
}


def test_every_broken_fixture_has_an_expectation():
    assert sorted(p.name for p in (FIXTURES / "broken-economy").iterdir()) == sorted(BROKEN)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_fixture_breaks_exactly_its_rule(case, tmp_path):
    data = package_with(None, tmp_path)
    shutil.copytree(FIXTURES / "broken-economy" / case, data, dirs_exist_ok=True)
    problems = validate_package(data)
    assert located(problems) == [("economic_figures.csv", *BROKEN[case])]
    line = str(problems[0])
    assert "economic_figures.csv" in line and f", row {BROKEN[case][0]}" in line and "\n" not in line


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        ("1234.5", "it was 1,234.5 m"),
        ("1234.5", "1 234,5"),
        ("1234.5", "1\u00a0234,5"),
        ("1234.5", "1.234,5"),
        ("1234.5", "1234.50"),
        ("112000", "Mindestens 112'000 Russen"),
        ("12.7", "equaled 12.7% in"),
        ("45.4", "45,4 процента ВВП"),
        ("86.2", "(USD86.2 million)"),
        ("2.068", "Russian Federation – $2.068 billion;"),
        ("5", "5.0%"),
        ("1234", "in 2023, 1,234 people"),
    ],
)
def test_a_value_is_found_in_its_sources_formatting(value, quote):
    assert quote_states(quote, value)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        ("1234", "1234.5"),  # rounded
        ("12.7", "12.75%"),  # rounded
        ("234.5", "11,234.5"),  # part of a longer number
        ("1234", "11234"),
        ("1", "1,234"),
        ("5", "5,5%"),
        ("1800", "$1.8 bln"),  # another scale: the unit carries it
        ("11.2", "equaled 11.3%"),
    ],
)
def test_a_value_the_quote_does_not_state_is_not_found(value, quote):
    assert not quote_states(quote, value)


def test_the_loader_types_the_figures():
    figures = load_economic_figures()
    assert figures["value"].dtype == "float64" and figures["sources"].map(len).min() >= 1
    assert set(figures["period_precision"]) <= {"year", "month", "day"}


@pytest.fixture(scope="module")
def figures():
    return load_economic_figures()


@pytest.fixture(scope="module")
def countries():
    return load_countries()


@pytest.fixture(scope="module")
def organisations():
    return load_organisations()


@pytest.fixture(scope="module")
def corridors():
    return load_corridors()


def marker_points(svg_figure) -> list[tuple[float, float]]:
    """Every drawn data point: the vertices of lines that have markers, legends left out."""
    return [
        point
        for ax in svg_figure.figure.axes
        if ax.get_visible()
        for line in ax.get_lines()
        if isinstance(line, Line2D) and line.get_marker() not in (None, "None", "")
        for point in zip(line.get_xdata(), line.get_ydata(), strict=True)
    ]


def test_the_trade_chart_draws_one_marker_per_row(figures, countries, organisations):
    rows = figures[figures["indicator"].isin(TRADE_INDICATORS)]
    points = marker_points(trade_share_figure(figures, countries, organisations))
    assert len(points) == len(rows)
    assert sorted(round(y, 6) for _, y in points) == sorted(round(v, 6) for v in rows["value"])


def test_the_remittances_chart_draws_one_marker_per_row_in_millions(figures, countries):
    rows = figures[(figures["indicator"] == "remittances") & figures["unit"].isin(USD_MILLIONS)]
    points = marker_points(remittances_figure(figures, countries))
    assert len(points) == len(rows)
    expected = rows["value"] * rows["unit"].map(USD_MILLIONS)
    assert sorted(round(y, 6) for _, y in points) == sorted(round(v, 6) for v in expected)


def test_years_apart_are_not_joined(countries, organisations):
    rows = pd.DataFrame(
        {
            "country": ["GEO"] * 3,
            "indicator": ["trade_share"] * 3,
            "partner": ["RUS"] * 3,
            "period": pd.to_datetime(["2007-01-01", "2008-01-01", "2023-01-01"]),
            "period_precision": ["year"] * 3,
            "value": [9.8, 10.0, 11.2],
            "unit": ["percent"] * 3,
        }
    )
    lines = [line for ax in trade_share_figure(rows, countries, organisations).figure.axes for line in ax.get_lines()]
    assert sorted(len(line.get_xdata()) for line in lines if len(line.get_xdata())) == [1, 2]


def test_the_freight_chart_draws_one_marker_per_row_in_million_tonnes(figures, corridors):
    rows = figures[(figures["indicator"] == "freight_volume") & figures["unit"].isin(TONNES_MILLIONS)]
    drawn = freight_figure(figures, corridors)
    points = marker_points(drawn)
    assert len(rows) and len(points) == len(rows)
    expected = rows["value"] * rows["unit"].map(TONNES_MILLIONS)
    assert sorted(round(y, 6) for _, y in points) == sorted(round(v, 6) for v in expected)
    assert len([ax for ax in drawn.figure.axes if ax.get_visible()]) == rows["corridor"].nunique()


def freight_rows(periods: list[str], precisions: list[str]) -> pd.DataFrame:
    """Freight figures for one corridor, one reporter, in million tonnes."""
    return pd.DataFrame(
        {
            "country": ["KAZ"] * len(periods),
            "indicator": ["freight_volume"] * len(periods),
            "corridor": ["middle-corridor"] * len(periods),
            "period": pd.to_datetime(periods),
            "period_precision": precisions,
            "value": [1.5, 2.8, 4.1, 4.5][: len(periods)],
            "unit": ["tonnes_million"] * len(periods),
        }
    )


def test_freight_for_part_of_a_year_is_hollow_and_years_apart_are_not_joined(corridors):
    rows = freight_rows(["2020-01-01", "2022-01-01", "2022-11-01", "2023-01-01"], ["year", "year", "month", "year"])
    lines = [line for ax in freight_figure(rows, corridors).figure.axes for line in ax.get_lines()]
    drawn = [line for line in lines if len(line.get_xdata())]
    assert sorted(len(line.get_xdata()) for line in drawn) == [1, 1, 2]
    hollow = [line for line in drawn if line.get_markerfacecolor() == "white"]
    assert [list(line.get_ydata()) for line in hollow] == [[4.1]]


@pytest.mark.parametrize("chart", ["trade", "remittances", "freight"])
def test_chart_text_reads_at_11_px_in_the_column_and_on_a_phone(chart, figures, countries, organisations, corridors):
    drawn = {
        "trade": lambda: trade_share_figure(figures, countries, organisations),
        "remittances": lambda: remittances_figure(figures, countries),
        "freight": lambda: freight_figure(figures, corridors),
    }[chart]()
    assert min_text_px(drawn, COLUMN_PX) >= MIN_TEXT_PX
    assert min_text_px(drawn, PHONE_PX) >= MIN_TEXT_PX
    assert "<title>" in drawn._repr_svg_()
