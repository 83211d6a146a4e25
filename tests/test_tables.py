"""The book's tables as markup: every cell labelled with its header, rows with ids the claims ledger links to,
sources in a disclosure, notes shown, and all of it escaped. Fast, on the small valid fixture package;
``test_tables_browser.py`` sorts, filters and reads them in a built book."""

from html.parser import HTMLParser

import pandas as pd
import pytest

from caucasus_atlas import (
    load_claims,
    load_countries,
    load_disputed_areas,
    load_events,
    load_memberships,
    load_military_sites,
    load_organisations,
    load_references,
)
from caucasus_atlas.book.page_assets import has_table, publish_data
from caucasus_atlas.claims import related_rows, row_labels, shortened
from caucasus_atlas.markup import html
from caucasus_atlas.presentation import row_anchor, span_text
from caucasus_atlas.tables import (
    claims_table,
    csv_link,
    disputed_table,
    events_table,
    frame_table,
    html_table,
    memberships_table,
    sites_table,
    verdict_counts,
)
from tests.test_validation import package_with

SCRIPT = "<script>alert(1)</script>"
HANDLER = '" onmouseover="alert(1)'


class Table(HTMLParser):
    """A table's headers, and its body rows: each row's attributes, its cells' labels and every link in it."""

    def __init__(self, markup: str):
        super().__init__()
        self.headers, self.rows, self.tags, self.text = [], [], [], {}
        self._in = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "th":
            self.headers.append("")
            self._in = "th"
        elif tag == "tr" and self.headers:
            self.rows.append({"attrs": attrs, "labels": [], "links": []})
        elif tag == "td":
            self.rows[-1]["labels"].append(attrs.get("data-label"))
        elif tag == "a" and self.rows:
            self.rows[-1]["links"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "th":
            self._in = None

    def handle_data(self, data):
        if self._in == "th":
            self.headers[-1] += data


@pytest.fixture(scope="module")
def data(tmp_path_factory):
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


@pytest.fixture(scope="module")
def tables(data):
    """Every table the package makes, as markup, by name."""
    rows = row_labels(data["events"], data["sites"], data["memberships"], data["countries"], data["organisations"])
    return {
        "sites": sites_table(data["sites"], data["countries"], data["references"]).data,
        "areas": disputed_table(data["areas"], data["countries"], data["references"]).data,
        "events": events_table(data["events"], data["countries"], data["references"]).data,
        "memberships": memberships_table(
            data["memberships"], data["organisations"], data["countries"], data["references"]
        ).data,
        "claims": claims_table(data["claims"], data["references"], related_rows(data["claims"], rows)).data,
        "verdicts": verdict_counts(data["claims"]).data,
        "frame": frame_table(pd.DataFrame({"a": [1], "b": ["x"]})).data,
    }


def test_every_cell_is_labelled_with_its_columns_header(tables):
    for name, markup in tables.items():
        table = Table(markup)
        assert table.rows, name
        assert all(row["labels"] == table.headers for row in table.rows), name


def test_headers_are_aligned_as_their_text_with_no_style_of_their_own(tables):
    for markup in tables.values():
        assert "text-align" not in markup and "style=" not in markup


def test_each_data_row_has_an_id_where_its_table_shows_it(data, tables):
    ids = {name: [row["attrs"].get("id") for row in Table(markup).rows] for name, markup in tables.items()}
    assert sorted(ids["events"]) == sorted(f"event-{i}" for i in data["events"]["id"])
    assert sorted(ids["sites"]) == sorted(f"site-{i}" for i in data["sites"]["id"])
    assert sorted(ids["areas"]) == sorted(f"area-{i}" for i in data["areas"]["id"])
    assert sorted(ids["claims"]) == sorted(f"claim-{i}" for i in data["claims"]["id"])
    assert sorted(ids["memberships"]) == [
        "membership-arm-cis-founding-member-1991-12-21",
        "membership-geo-cis-member-1993-12",
    ]
    assert all(len(set(ids[name])) == len(ids[name]) for name in ("events", "sites", "areas", "claims", "memberships"))


def test_row_ids_are_letters_digits_and_hyphens_whatever_the_key():
    assert row_anchor("event", 'x" onclick="a <b>') == "event-x-onclick-a-b"
    assert row_anchor("membership", "ARM", "CSTO", "founding_member", "2002-10") == (
        "membership-arm-csto-founding-member-2002-10"
    )


def test_sources_fold_into_a_disclosure_that_counts_them(data, tables):
    events = tables["events"]
    sources = data["events"]["sources"].iloc[0]
    assert f'<details class="atlas-sources"><summary>Sources ({len(sources)})</summary><ul><li><a href=' in events
    for key in sources:
        assert str(html(data["references"][key].url)) in events


def test_a_folded_table_sits_whole_behind_its_summary_and_both_are_escaped():
    columns = {SCRIPT: [HANDLER, "b"]}
    table = html_table(columns, folded=SCRIPT).data
    assert table.startswith('<details class="atlas-fold"><summary>&lt;script&gt;alert(1)&lt;/script&gt;</summary>')
    assert table.endswith("</table></details>")
    assert table.removeprefix(table[: table.index("<table")]).removesuffix("</details>") == html_table(columns).data
    assert "<script>" not in table and 'onmouseover="' not in table


def test_the_claims_ledger_links_each_citing_row_to_the_page_and_row_that_show_it(data):
    events = data["events"].assign(sources=[data["claims"]["sources"].iloc[0]])  # the event cites the claim's source
    rows = row_labels(events, data["sites"], data["memberships"])
    ledger = claims_table(data["claims"], data["references"], related_rows(data["claims"], rows)).data
    links = [href for row in Table(ledger).rows for href in row["links"] if not href.startswith("http")]
    event = events.iloc[0]
    assert f"timeline.html#event-{event['id']}" in links and len(links) == 5  # the event, 2 sites, 2 spells
    shown = {
        "timeline": events_table(events, data["countries"], data["references"]).data,
        "footprint": sites_table(data["sites"], data["countries"], data["references"]).data,
        "memberships": memberships_table(
            data["memberships"], data["organisations"], data["countries"], data["references"]
        ).data,
    }
    for href in links:
        page, anchor = href.split(".html#")
        assert f'id="{anchor}"' in shown[page], href
    # The link reads as the event (its title cut at a word), not as its id.
    assert ">8 Dec 1991: Leaders of Belarus, Russia and Ukraine sign the Belovezha…</a>" in ledger
    assert "events: " not in ledger


def test_membership_links_read_with_names_or_codes(data):
    spells = data["memberships"]
    named = row_labels(data["events"], data["sites"], spells, data["countries"], data["organisations"])
    coded = row_labels(data["events"], data["sites"], spells)
    named_text, coded_text = (set(rows["link"].map(lambda row: row.text)) for rows in (named, coded))
    assert "Armenia in the Commonwealth of Independent States: Founding member, from 21 Dec 1991" in named_text
    assert "ARM in the CIS: Founding member, from 21 Dec 1991" in coded_text


def test_long_titles_are_cut_at_a_word():
    assert shortened("short") == "short"
    cut = shortened("word " * 30)
    assert cut.endswith("word…") and len(cut) <= 60


def test_notes_reach_readers_escaped(data):
    events = data["events"].assign(note=[SCRIPT])
    table = events_table(events, data["countries"], data["references"]).data
    assert '<p class="atlas-note"><span class="atlas-note-label">Note:</span> &lt;script&gt;' in table
    assert "<script>" not in table
    sites = data["sites"].assign(note=["Village coordinates.", pd.NA])
    table = sites_table(sites, data["countries"], data["references"]).data
    assert table.count('class="atlas-note"') == 1 and "Village coordinates." in table


def test_a_missing_opening_date_says_the_sources_do_not_give_it(data):
    sites = data["sites"].assign(opened=pd.NaT)
    table = sites_table(sites, data["countries"], data["references"]).data
    assert "opening date not in the sources – present" in table
    assert "unknown" not in table
    assert span_text(pd.NaT, None, pd.NaT, None) == "start date not in the sources – present"


def test_dates_and_counts_sort_by_keys_not_by_their_words(tables):
    assert '<td data-label="Date" data-sort="1991-12-08" class="atlas-nowrap">8 Dec 1991</td>' in tables["events"]
    assert 'data-label="Russian presence" data-sort="1995">1995 – present<' in tables["sites"]
    assert 'data-label="Spell" data-sort="1993-12">Dec 1993 – 18 Aug 2009<' in tables["memberships"]
    assert 'data-label="Sources" data-sort="001">' in tables["events"]


def test_headers_labels_and_ids_escape_what_the_data_holds(data):
    markup = frame_table(pd.DataFrame({HANDLER: [SCRIPT]})).data
    assert 'data-label="&#34; onmouseover=&#34;alert(1)"' in markup
    assert "<script>" not in markup and ' onmouseover="' not in markup
    claims = data["claims"].assign(verdict="opinion", quote=[SCRIPT])
    ledger = claims_table(claims, data["references"], [[]]).data
    assert "<script>" not in ledger  # the verdict menu is worked by _static/atlas-tables.js, not by a page script


def test_the_verdict_menu_waits_for_the_books_script(tables):
    assert '<label class="atlas-verdict-menu" hidden>Show <select class="atlas-verdict-filter">' in tables["claims"]
    assert '<tr data-verdict="supported" id="claim-cis-founded">' in tables["claims"]


def test_csv_links_point_at_the_published_data_beside_the_pages():
    assert csv_link("events") == '<a class="atlas-csv" href="../data/events.csv" download>events.csv</a>'
    assert ">Download <b>" not in csv_link("military_sites", "Download <b>")
    for name in ("nonexistent", "../_static/x", "EVENTS", 'events" onclick="'):
        with pytest.raises(ValueError):
            csv_link(name)


def test_the_build_publishes_every_table_where_csv_links_point(tmp_path):
    publish_data(tmp_path)
    published = sorted(path.name for path in (tmp_path / "data").iterdir())
    assert "events.csv" in published and "military_sites.csv" in published
    assert all(name.endswith(".csv") for name in published)


def test_only_pages_with_a_table_load_the_table_script(tables):
    from docutils import nodes
    from docutils.utils import new_document

    page = new_document("page")
    assert not has_table(page)
    page += nodes.raw("", tables["events"], format="html")
    assert has_table(page)
