"""Corridors and Russian-held assets: their rules refuse bad rows, and their lines, map and table carry every row.

Each folder in tests/fixtures/broken_routes/ holds one broken copy of a file of the small valid package
(tests/fixtures/valid/), and BROKEN says the problems it must raise, and only those.
"""

import json
import shutil
from pathlib import Path

import pytest

from caucasus_atlas import load_countries, load_references
from caucasus_atlas.figures import COLUMN_PX, MIN_TEXT_PX, PHONE_PX, min_text_px
from caucasus_atlas.routes import (
    SCHEMATIC_NOTE,
    asset_features,
    assets_table,
    corridor_features,
    corridor_lines,
    corridors_figure,
    corridors_table,
    load_corridor_points,
    load_corridors,
    load_economic_assets,
)
from caucasus_atlas.validation import validate_package
from tests.test_validation import located, package_with

BROKEN_ROUTES = Path(__file__).parent / "fixtures" / "broken_routes"

# case: the (file, row, field, rule) of every problem it must raise
BROKEN = {
    "point-outside-country": [("corridor_points.csv", 4, "lat,lon", "outside-country")],
    "sequence-gap": [("corridor_points.csv", 2, "seq", "sequence")],
    "single-point": [("corridor_points.csv", 5, "seq", "sequence")],
    "fractional-seq": [("corridor_points.csv", 3, "seq", "sequence")],
    "country-not-on-corridor": [("corridor_points.csv", 4, "country", "not-in-list")],
    "unknown-corridor": [
        ("corridor_points.csv", 7, "corridor", "foreign-key"),
        ("corridor_points.csv", 8, "corridor", "foreign-key"),
    ],
    "corridor-without-line": [("corridors.csv", 4, "id", "no-line")],
    "not-schematic": [("corridors.csv", 2, "drawing", "constraint-error")],
    "closed-before-opened": [("corridors.csv", 3, "closed", "not-before")],
    "unknown-mode": [("corridors.csv", 2, "mode", "constraint-error")],
    "asset-outside-country": [("economic_assets.csv", 2, "lat,lon", "outside-country")],
    "asset-end-before-start": [("economic_assets.csv", 2, "end", "not-before")],
    "unknown-russian-role": [("economic_assets.csv", 2, "russian_role", "constraint-error")],
    "stake-over-100": [("economic_assets.csv", 2, "stake", "constraint-error")],
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return package_with(None, tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="module")
def data(folder):
    """The fixture package's corridors, towns, assets and sources, loaded as a notebook loads them."""
    return {
        "corridors": load_corridors(folder),
        "points": load_corridor_points(folder),
        "assets": load_economic_assets(folder),
        "references": load_references(folder),
    }


def test_every_broken_route_fixture_has_an_expectation():
    assert sorted(path.name for path in BROKEN_ROUTES.iterdir()) == sorted(BROKEN)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_route_fixture_breaks_exactly_its_rule(case, tmp_path):
    data = package_with(None, tmp_path)
    shutil.copytree(BROKEN_ROUTES / case, data, dirs_exist_ok=True)
    assert located(validate_package(data)) == BROKEN[case]


@pytest.mark.parametrize("rule", ["inListOf", "linedBy"])
def test_a_rule_naming_no_resource_is_a_descriptor_problem(rule, tmp_path):
    data = package_with(None, tmp_path)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for field in resource.get("schema", {}).get("fields", []):
            if rule in field:
                field[rule] = {**field[rule], "resource": "no_such_table"}
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    problems = validate_package(data)
    assert [p.rule for p in problems] == ["descriptor"] and f"{rule} must name a resource" in problems[0].message


def test_the_loaders_type_every_row(data):
    assert list(data["corridors"]["id"]) == ["a-railway", "a-road"]
    assert list(data["points"]["seq"]) == [1, 2, 1, 2, 3] and data["points"]["seq"].dtype.kind == "i"
    assert data["points"].crs.to_epsg() == 4326 and data["assets"].crs.to_epsg() == 4326
    assert list(data["assets"]["id"]) == ["a-grid"] and data["assets"].loc[0, "stake"] == 100


def test_each_corridor_is_one_line_through_its_towns_in_order(data):
    lines = corridor_lines(data["corridors"], data["points"]).set_index("id")
    assert list(lines.loc["a-road", "geometry"].coords) == [(44.65, 43.083), (44.6453, 42.6575), (44.7833, 41.7167)]
    assert lines.loc["a-road", "places"] == ("Vladikavkaz", "Stepantsminda", "Tbilisi")
    shuffled = data["points"].sample(frac=1, random_state=1)
    assert corridor_lines(data["corridors"], shuffled).geometry.equals(lines.reset_index().geometry)


def test_features_are_schematic_linestrings_with_the_data_as_written(data):
    features = corridor_features(data["corridors"], data["points"])
    road = next(f for f in features if f["id"] == "a-road")
    assert [f["id"] for f in features] == ["a-railway", "a-road"]
    assert road["geometry"] == {
        "type": "LineString",
        "coordinates": [[44.65, 43.083], [44.6453, 42.6575], [44.7833, 41.7167]],
    }
    properties = road["properties"]
    assert properties["drawing"] == "schematic" and properties["status_label"] == "In service"
    assert (properties["opened"], properties["status_as_of"], properties["closed"]) == ("2010-03", "2010-03-01", None)
    assert properties["countries"] == ["RUS", "GEO"] and properties["sources"] == [
        "kremlin-cis-glossary",
        "wikipedia-belovezha-accords",
    ]
    railway = features[0]["properties"]
    assert railway["other_names"] == "'A corridor' (one side's term)" and railway["note"] is None
    json.dumps(features, allow_nan=False)  # plain JSON: no NaN, no timestamps


def test_feature_text_is_left_unescaped_for_the_map_to_escape(data):
    corridors = data["corridors"].assign(name=["<b>A & B</b>", "A road"])
    assert corridor_features(corridors, data["points"])[0]["properties"]["name"] == "<b>A & B</b>"


def svg_of(data) -> str:
    return corridors_figure(data["corridors"], data["points"])._repr_svg_()


def test_the_figure_says_its_lines_are_schematic_and_keys_every_corridor(data):
    figure = corridors_figure(data["corridors"], data["points"])
    svg = figure._repr_svg_()
    assert SCHEMATIC_NOTE in figure.alt and "schematic" in svg.split("</title>")[0]
    assert SCHEMATIC_NOTE.split(":")[0] in svg
    for number, name in enumerate(["A railway", "A road"], start=1):
        assert f"{number}  {name}:" in svg
    for place in ["Vladikavkaz", "Stepantsminda", "Tbilisi", "Baku"]:
        assert place in svg
    assert "Planned" in svg and "In service" in svg and "Road" in svg and "Railway" in svg


def test_the_book_figure_reads_at_11_px_in_the_column_and_on_a_phone():
    figure = corridors_figure(load_corridors(), load_corridor_points())
    assert min_text_px(figure, COLUMN_PX) >= MIN_TEXT_PX
    assert min_text_px(figure, PHONE_PX) >= MIN_TEXT_PX
    assert "to Ceyhan" in figure._repr_svg_()  # a town beyond the frame is named where its line leaves


def test_the_figure_is_the_same_on_every_run(data):
    assert svg_of(data) == svg_of(data)


def test_the_table_lists_every_corridor_with_its_towns_and_sources(data):
    corridors = data["corridors"].assign(name=["<script>x</script>", "A road"])
    html = corridors_table(corridors, data["points"], data["references"]).data
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert "Vladikavkaz – Stepantsminda – Tbilisi" in html and "Baku – Tbilisi" in html
    assert "In service (as of 2010-03-01)" in html and "Planned (as of 2025-08)" in html
    assert html.count("kremlin.ru") == 2


def test_asset_features_are_points_with_the_data_as_written(data):
    (grid,) = asset_features(data["assets"].assign(name=["<b>A grid</b>"]))
    assert grid["geometry"] == {"type": "Point", "coordinates": [44.517, 40.183]}
    properties = grid["properties"]
    assert properties["name"] == "<b>A grid</b>" and properties["role_label"] == "Owner"
    assert (properties["start"], properties["end"], properties["stake"]) == ("2005-06", "2015-09-17", 100.0)
    json.dumps(grid, allow_nan=False)


def test_the_assets_table_gives_role_stake_span_and_sources(folder, data):
    html = assets_table(data["assets"], load_countries(folder), data["references"]).data
    assert "Armenia" in html and "Owner (100%)" in html and "Jun 2005 – 17 Sep 2015" in html
    assert "kremlin.ru" in html
