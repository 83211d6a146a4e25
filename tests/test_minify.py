"""The book's own scripts and stylesheets ship minified (caucasus_atlas/book/minify.py); a page's maps share one file of
details, files of earlier builds do not stay beside their pages, and only an opening map loads at once
(caucasus_atlas/book/map_frames.py)."""

import html
import json
import re
from types import SimpleNamespace

import pytest

from caucasus_atlas.book.map_frames import (
    DETAILS_BLOCK,
    FRAME_HOST,
    OPENING,
    move_map_documents,
    opening_map_at_once,
    without_indentation,
)
from caucasus_atlas.book.minify import minified, minify_own_files
from caucasus_atlas.paths import REPO_ROOT

SCRIPT = """// a comment for contributors
const url = "https://example.org/*not a comment*/"; /* a block comment */
const note = `${url} // kept: inside a template literal`;
"""


def test_a_script_loses_its_comments_and_keeps_its_strings():
    shipped = minified(SCRIPT, ".js")
    assert "comment for contributors" not in shipped and "block comment" not in shipped
    assert (
        '"https://example.org/*not a comment*/"' in shipped and "`${url} // kept: inside a template literal`" in shipped
    )


def test_a_stylesheet_loses_its_comments_and_spacing():
    assert minified("/* why */\n.atlas-table {\n  color: red;\n}\n", ".css") == ".atlas-table{color:red}"


@pytest.mark.parametrize("name", ["atlas-on-demand.js", "atlas-tables.js", "atlas.css", "atlas-print.css"])
def test_minifying_the_books_own_files_twice_changes_nothing_more(name):
    once = minified((REPO_ROOT / "_static" / name).read_text(encoding="utf-8"), f".{name.rsplit('.', 1)[1]}")
    assert minified(once, f".{name.rsplit('.', 1)[1]}") == once


def test_only_the_books_own_files_are_minified(tmp_path):
    (tmp_path / "atlas-maps.js").write_text(SCRIPT)
    (tmp_path / "atlas.css").write_text("/* why */ p { color: red; }")
    (tmp_path / "leaflet.js").write_text(SCRIPT)  # another project's file, shipped as it comes
    minify_own_files(tmp_path)
    assert (tmp_path / "atlas.css").read_text() == "p{color:red}"
    assert (tmp_path / "atlas-maps.js").read_text() == minified(SCRIPT, ".js") != SCRIPT
    assert (tmp_path / "leaflet.js").read_text() == SCRIPT


def map_with_details(details: dict[str, str]) -> str:
    block = f'<script type="application/json" id="atlas-details">{json.dumps(details)}</script>'
    return f'<iframe srcdoc="{html.escape(f"<html><body>{block}</body></html>")}"></iframe>'


def test_a_map_document_loses_its_indentation_and_blank_lines_but_no_space_of_its_data():
    document = (
        '<html>\n    <head>\n\n        <script>\n            labels(m, ["  two  spaces  "]);\n    </script>\n</html>'
    )
    assert (
        without_indentation(document) == '<html>\n<head>\n<script>\nlabels(m, ["  two  spaces  "]);\n</script>\n</html>'
    )


def test_a_pages_maps_share_one_file_of_details_which_their_documents_name(tmp_path):
    region = {"site:gyumri": "<strong>102nd base</strong>", "site:kant": "<strong>Kant air base</strong>"}
    close_up = {"site:gyumri": "<strong>102nd base</strong>"}
    context = {"body": map_with_details(region) + map_with_details(close_up)}
    move_map_documents(SimpleNamespace(outdir=tmp_path), "chapters/footprint", None, context, None)
    (details,) = (tmp_path / "chapters").glob("footprint.details-*.json")
    assert json.loads(details.read_text(encoding="utf-8")) == region
    for address in re.findall(r'src="([^"]+)"', context["body"]):
        document = (tmp_path / "chapters" / address).read_text(encoding="utf-8")
        assert f'id="atlas-details" data-src="{details.name}"></script>' in document
        assert "Kant" not in document and not DETAILS_BLOCK.search(document)


def test_two_maps_of_a_page_giving_one_key_different_details_fail_the_build(tmp_path):
    context = {"body": map_with_details({"site:gyumri": "one"}) + map_with_details({"site:gyumri": "another"})}
    with pytest.raises(ValueError, match="footprint: two maps give different details for 'site:gyumri'"):
        move_map_documents(SimpleNamespace(outdir=tmp_path), "chapters/footprint", None, context, None)


def test_a_pages_files_of_earlier_builds_are_removed_and_its_frame_host_minified(tmp_path):
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    (chapters / "footprint.map-000000000000.html").write_text("an earlier build's map")
    (chapters / "footprint.details-000000000000.json").write_text("an earlier build's details")
    (chapters / "borders.map-000000000000.html").write_text("another page's map")
    document = "<html><body><p>a map</p></body></html>"
    context = {"body": f'<iframe srcdoc="{html.escape(document)}"></iframe><script>{FRAME_HOST}</script>'}
    move_map_documents(SimpleNamespace(outdir=tmp_path), "chapters/footprint", None, context, None)
    assert sorted(p.name for p in chapters.iterdir()) == [
        "borders.map-000000000000.html",
        context["body"].split('src="')[1].split('"')[0],
    ]
    assert FRAME_HOST not in context["body"] and minified(FRAME_HOST, ".js") in context["body"]


FRAME = '<iframe title="a map" loading="lazy" sandbox="allow-scripts" src="x.html"></iframe>'


@pytest.mark.parametrize(
    "before, at_once",
    [
        ("<h1>Borders</h1><p>An opening paragraph.</p>", True),
        (f"<p>Words</p><script>{FRAME_HOST}</script>", True),  # the page's side of the frames is not text
        ('<p>Words</p><img src="figure.svg" alt="a chart"/>', False),
        ("<p>Words</p><table><tr><td>a row</td></tr></table>", False),
        (f"<p>{'w' * (OPENING + 1)}</p>", False),
    ],
)
def test_only_a_map_after_a_short_opening_text_loads_at_once(before, at_once):
    body = opening_map_at_once(before + FRAME + "<p>More</p>" + FRAME)
    loading = re.findall(r'loading="(\w+)"', body)
    assert loading == (["eager", "lazy"] if at_once else ["lazy", "lazy"])
    assert opening_map_at_once("<p>No map</p>") == "<p>No map</p>"
