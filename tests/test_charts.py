"""The static figures and charts: each draws what its data holds, and every one is legible where it is shown.

Drawn from the book's own data, as the chapters draw them, because the legibility of a figure depends on its
longest names and its busiest years; the counts each test expects come from the same tables.
"""

import xml.etree.ElementTree as ET
from datetime import date

import matplotlib.pyplot as plt
import pytest

from caucasus_atlas import (
    load_as_of,
    load_claims,
    load_countries,
    load_events,
    load_memberships,
    load_military_sites,
    load_organisations,
)
from caucasus_atlas.charts import baku_strip, claims_verdicts, event_ladder, platforms_matrix, timeline_swimlanes
from caucasus_atlas.charts.verdicts import verdict_rows
from caucasus_atlas.figures import (
    COLUMN_PX,
    MIN_TEXT_PX,
    PHONE_PX,
    SOUTH_CAUCASUS,
    WIDTH,
    SvgFigure,
    borders_figure,
    footprint_figure,
    footprint_timeline,
    membership_timeline,
    min_text_px,
    participation_heatmap,
    participation_maps,
    region_counts_figure,
    svg_style,
    text_inches,
    wrap,
)
from caucasus_atlas.footprint import counts_by_region
from caucasus_atlas.memberships import full_participation, participation_by_year
from caucasus_atlas.timeline import in_chapter, involving


@pytest.fixture(scope="module")
def book():
    """The book's tables, loaded as the chapters load them."""
    return {
        "events": load_events(),
        "countries": load_countries(),
        "claims": load_claims(),
        "sites": load_military_sites(),
        "memberships": load_memberships(),
        "organisations": load_organisations(),
        "as_of": load_as_of(),
    }


def dates_for_maps(as_of: date) -> dict[str, date]:
    dates = {str(year): date(year, 7, 1) for year in (1994, 2004, 2009, 2014, 2022)}
    dates[as_of.strftime("%b %Y")] = as_of
    return dates


# Every figure function, called as its chapter calls it.
FIGURES = {
    "timeline_swimlanes": lambda b: timeline_swimlanes(b["events"], b["countries"], b["as_of"]),
    "platforms_matrix": lambda b: platforms_matrix(in_chapter(b["events"], "platforms"), b["countries"]),
    "claims_verdicts": lambda b: claims_verdicts(b["claims"]),
    "event_ladder": lambda b: event_ladder(in_chapter(b["events"], "voices")),
    "baku_strip": lambda b: baku_strip(involving(b["events"], {"AZE", "RUS"}, since=2022), b["as_of"]),
    "footprint_figure": lambda b: footprint_figure(b["sites"]),
    "footprint_timeline": lambda b: footprint_timeline(b["sites"], b["countries"], b["as_of"]),
    "region_counts_figure": lambda b: region_counts_figure(
        counts_by_region(b["sites"], b["countries"], range(1992, b["as_of"].year + 1))
    ),
    "borders_figure": lambda b: borders_figure(),
    "membership_timeline": lambda b: membership_timeline(
        b["memberships"], b["organisations"], b["countries"], b["as_of"]
    ),
    "participation_heatmap": lambda b: participation_heatmap(
        participation_by_year(
            b["memberships"],
            b["organisations"],
            list(b["countries"][b["countries"]["post_soviet"]].index),
            range(1992, b["as_of"].year + 1),
        ),
        b["countries"],
    ),
    "participation_maps": lambda b: participation_maps(
        {
            label: full_participation(b["memberships"], b["organisations"], day)
            for label, day in dates_for_maps(b["as_of"]).items()
        }
    ),
}


@pytest.fixture(scope="module")
def drawn(book):
    """Each figure of FIGURES, drawn once for the module."""
    cache = {}

    def draw(name: str) -> SvgFigure:
        if name not in cache:
            cache[name] = FIGURES[name](book)
        return cache[name]

    return draw


def svg_text(figure: SvgFigure) -> str:
    """The figure's text, as the SVG's text elements hold it."""
    return "".join(ET.fromstring(figure._repr_svg_()).itertext())


def squeezed(text: str) -> str:
    """Text without its whitespace: a wrapped label is the same label."""
    return "".join(text.split())


def markers(ax: plt.Axes) -> int:
    """How many markers the lines of ``ax`` draw (lines drawn as lines do not count)."""
    return sum(len(line.get_xdata()) for line in ax.get_lines() if line.get_marker() not in (None, "None", ""))


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_reads_at_11_px_in_the_column_and_on_a_phone(drawn, name):
    figure = drawn(name)
    assert min_text_px(figure, COLUMN_PX) >= MIN_TEXT_PX
    assert min_text_px(figure, PHONE_PX) >= MIN_TEXT_PX


def test_the_rule_fails_a_wide_figure_with_small_text():
    with svg_style():
        fig, ax = plt.subplots(figsize=(9, 3))
        ax.set_title("seven points", fontsize=7)
    figure = SvgFigure(fig, "test")
    assert min_text_px(figure, COLUMN_PX) < MIN_TEXT_PX  # 7 pt at 9 in shown at 757 px: 8.2 px
    assert min_text_px(figure, 10_000) == pytest.approx(7 * 4 / 3)  # never shown larger than its own size


def test_wrapped_lines_fit_and_read_back_as_the_text():
    text = "Russian military instructors in the Central African Republic (Bangui, Berengo training centre) ok"
    lines = wrap(text, 2.0).split("\n")
    assert "".join(lines) == text and len(lines) > 2
    assert all(text_inches(line.rstrip()) <= 2.0 for line in lines)
    assert wrap("Unbreakable" * 9, 1.0) == "Unbreakable" * 9  # a word longer than a line keeps its line


def test_the_swimlanes_mark_each_event_in_the_lane_of_each_country_it_involves(book, drawn):
    events = book["events"]
    figure = drawn("timeline_swimlanes")
    histogram, lanes = figure.figure.axes
    assert markers(lanes) == sum(len(involved) for involved in events["countries"])
    assert [t.get_text() for t in lanes.get_yticklabels()][:4] == ["Armenia", "Azerbaijan", "Georgia", "Russia"]
    assert sum(bar.get_height() for bar in histogram.patches) == len(events)


def test_the_platforms_matrix_has_a_dot_for_every_state_each_event_names(book, drawn):
    events = in_chapter(book["events"], "platforms")
    figure = drawn("platforms_matrix")
    (ax,) = figure.figure.axes
    named = [line for line in ax.get_lines() if line.get_markersize() == 7]
    assert len(named) == sum(len(involved) for involved in events["countries"]) + 1  # and one in the key
    text = squeezed(svg_text(figure))  # rendered once, not once a title
    assert all(squeezed(title) in text for title in events["title"])


def test_the_verdict_chart_counts_every_claim_and_shows_zero_counts(book, drawn):
    claims = book["claims"]
    rows = verdict_rows(claims)
    assert sum(n for _, verdicts in rows for _, n in verdicts) == len(claims)
    facts = dict(next(verdicts for kind, verdicts in rows if kind == "fact"))
    assert set(facts) >= {"supported", "partly_supported", "contradicted", "unverified"}
    texts = [t.get_text() for t in drawn("claims_verdicts").figure.axes[0].texts]
    assert all(str(n) in texts for _, verdicts in rows for _, n in verdicts)


def test_the_voices_line_has_a_marker_and_a_date_for_each_event(book, drawn):
    events = in_chapter(book["events"], "voices")
    ax = drawn("event_ladder").figure.axes[0]
    assert markers(ax) == len(events)
    texts = [t.get_text() for t in ax.texts]
    assert all(f"{day:%-d %b %Y}" in texts for day in events.loc[events["date_precision"] == "day", "date"])


def test_the_baku_strip_stacks_every_event(book, drawn):
    events = involving(book["events"], {"AZE", "RUS"}, since=2022)
    ax = drawn("baku_strip").figure.axes[0]
    assert markers(ax) == len(events)
    assert (
        max(max(line.get_ydata()) for line in ax.get_lines()) + 1
        == events["date"].dt.to_period("Q").value_counts().max()
    )


def test_the_presence_timeline_names_every_site_and_draws_a_bar_for_each_that_stood(book, drawn):
    sites = book["sites"]
    figure = drawn("footprint_timeline")
    (ax,) = figure.figure.axes
    assert len(ax.patches) == (sites["stage"] != "planned").sum()
    text = squeezed(svg_text(figure))  # rendered once, not once a site
    assert all(squeezed(name) in text for name in sites["name"])
    params = ax.xaxis.get_tick_params()
    assert params["labeltop"] and params["labelbottom"]  # years above and below a long chart


def test_every_membership_panel_has_its_own_years(book, drawn):
    figure = drawn("membership_timeline")
    panels = figure.figure.axes
    assert len(panels) == book["memberships"]["organisation"].nunique()
    for ax in panels:
        assert ax.xaxis.get_tick_params()["labeltop"] and [t.get_text() for t in ax.get_xticklabels()][0] == "1995"
    assert figure.figure.get_figwidth() == WIDTH


def test_the_maps_are_followed_by_the_south_caucasus_enlarged_with_its_counts(book, drawn):
    counts = {
        label: full_participation(book["memberships"], book["organisations"], day)
        for label, day in dates_for_maps(book["as_of"]).items()
    }
    axes = drawn("participation_maps").figure.axes
    zooms = [ax for ax in axes if ax.texts and ax.get_title()]
    assert len(zooms) == len(counts)
    for ax, series in zip(zooms, counts.values(), strict=True):
        written = sorted(int(t.get_text()) for t in ax.texts)
        assert written == sorted(int(series.get(iso3, 0)) for iso3 in SOUTH_CAUCASUS)


def test_event_kinds_all_have_a_family():
    from caucasus_atlas.charts.kinds import FAMILY
    from caucasus_atlas.descriptor import valid_descriptor

    events = next(r for r in valid_descriptor()["resources"] if r["name"] == "events")
    kinds = next(f for f in events["schema"]["fields"] if f["name"] == "kind")["constraints"]["enum"]
    assert set(kinds) == set(FAMILY)
