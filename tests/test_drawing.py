"""Every drawing function, fast, on the small valid fixture package: what a reader would miss if it broke.

Maps, figures and tables are drawn from the fixture data (``tests/fixtures/valid/``), and each test checks
that the rows of that data reach the output, so a change to the drawing code fails here, in `make check`,
before any notebook runs.
"""

import json
import re
from contextlib import nullcontext
from datetime import date

import pandas as pd
import pytest
from matplotlib.backend_bases import FigureCanvasBase

from caucasus_atlas import (
    figures,
    load_claims,
    load_countries,
    load_disputed_areas,
    load_events,
    load_memberships,
    load_military_sites,
    load_organisations,
    load_references,
)
from caucasus_atlas.claims import related_rows, row_labels
from caucasus_atlas.figures import footprint_figure, footprint_timeline, membership_timeline, participation_heatmap
from caucasus_atlas.footprint import counts_by_region
from caucasus_atlas.maps import borders_map, footprint_map, memberships_map
from caucasus_atlas.markup import html
from caucasus_atlas.memberships import participation_by_year
from caucasus_atlas.tables import claims_table, disputed_table, events_table, memberships_table, sites_table
from tests.test_validation import package_with

AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """The fixture package's tables, loaded as the notebooks load the real ones."""
    folder = package_with(None, tmp_path_factory.mktemp("fixture"))
    return {
        "countries": load_countries(folder),
        "areas": load_disputed_areas(folder),
        "sites": load_military_sites(folder),
        "memberships": load_memberships(folder),
        "organisations": load_organisations(folder),
        "events": load_events(folder),
        "claims": load_claims(folder),
        "references": load_references(folder),
    }


def test_the_footprint_map_carries_every_site_with_its_details(data):
    page = footprint_map(data["sites"], data["references"], data["countries"], data["areas"], data["events"], AS_OF)
    rendered = page.get_root().render()
    assert "atlasMaps.siteLayer(" in rendered and "atlasMaps.siteLegend(" in rendered
    details = json.loads(re.search(r'<script type="application/json" id="atlas-details">(.*?)</script>', rendered)[1])
    assert sorted(details) == sorted(f"site:{site.id}" for site in data["sites"].itertuples())
    for site in data["sites"].itertuples():
        assert f'"id": "{site.id}"' in rendered
        assert str(html(site.name)).replace("&", "\\u0026") in rendered
        assert str(html(site.name)) in details[f"site:{site.id}"] and "Sources: <a " in details[f"site:{site.id}"]
    assert "detailsMarkup" not in rendered, "a site's details are in its marker: every reader downloads them"


def test_the_memberships_map_offers_each_organisation_in_the_data(data):
    page = memberships_map(
        data["memberships"], data["organisations"], data["countries"], data["areas"], data["events"], AS_OF
    )
    rendered = page.get_root().render()
    for code in set(data["memberships"]["organisation"]):
        assert f'["{code}", ' in rendered


def test_the_borders_map_names_the_areas_it_cannot_draw_under_its_frame(data):
    fmap = borders_map(data["countries"], data["areas"], data["events"], drawn_ids=set(), as_of=AS_OF)
    notes = fmap._repr_html_().split("</iframe>", 1)[1]
    assert all(str(html(name)) in notes for name in data["areas"]["name"])


def test_a_time_bar_marks_the_key_events_of_the_record(data):
    war = {"id": "2008-war", "date": date(2008, 8, 8), "date_precision": "day", "kind": "war", "title": "War's start"}
    events = pd.concat([data["events"], pd.DataFrame([war])], ignore_index=True)
    rendered = borders_map(data["countries"], data["areas"], events, set(), AS_OF).get_root().render()
    slider = rendered.split("atlasMaps.timeSlider(", 1)[1].split("atlasMaps.", 1)[0]
    assert '"events": [["2008-08-08", "War\\u0027s start"]]' in slider  # the treaty is not a key event


def test_tables_list_every_row_with_its_sources(data):
    sites = sites_table(data["sites"], data["countries"], data["references"]).data
    assert all(str(html(name)) in sites for name in data["sites"]["name"])
    events = events_table(data["events"], data["countries"], data["references"]).data
    assert all(str(html(title)) in events for title in data["events"]["title"])
    areas = disputed_table(data["areas"], data["countries"], data["references"]).data
    assert all(str(html(name)) in areas for name in data["areas"]["name"])
    spells = memberships_table(data["memberships"], data["organisations"], data["countries"], data["references"])
    assert spells.data.count('<tr id="membership-') == len(data["memberships"])  # one per spell, each with its id
    for reference in data["references"].values():
        assert str(html(reference.url)) in sites + events + areas + spells.data


def test_the_claims_ledger_has_a_row_per_claim(data):
    rows = row_labels(data["events"], data["sites"], data["memberships"])
    ledger = claims_table(data["claims"], data["references"], related_rows(data["claims"], rows)).data
    assert ledger.count("<tr data-verdict=") == len(data["claims"])


def test_figures_draw_every_site_and_organisation(data):
    timeline = footprint_timeline(data["sites"], data["countries"], AS_OF)._repr_svg_()
    assert all(str(html(name)) in timeline for name in data["sites"]["name"])
    memberships = membership_timeline(data["memberships"], data["organisations"], data["countries"], AS_OF)
    svg = memberships._repr_svg_()
    assert all(
        str(html(data["organisations"].at[code, "name"])) in svg for code in set(data["memberships"]["organisation"])
    )
    assert "<svg" in footprint_figure(data["sites"])._repr_svg_()
    table = participation_by_year(data["memberships"], data["organisations"], ["ARM", "GEO"], range(1992, 2027))
    assert "Armenia" in participation_heatmap(table, data["countries"])._repr_svg_()
    assert counts_by_region(data["sites"], data["countries"], range(1992, 2027)).to_numpy().sum() > 0


def test_a_figure_drawn_without_idle_draws_is_the_figure_drawn_with_them(data, monkeypatch):
    """geopandas asks for a redraw after every layer; ``figures.svg_style`` skips those renderings, which nothing
    reads, and this checks that the saved figure is byte for byte the one they would have led to."""
    original = FigureCanvasBase.draw_idle
    quick = footprint_figure(data["sites"])._repr_svg_()
    assert FigureCanvasBase.draw_idle is original  # put back after each figure
    monkeypatch.setattr(figures, "no_idle_draws", nullcontext)
    assert footprint_figure(data["sites"])._repr_svg_() == quick
