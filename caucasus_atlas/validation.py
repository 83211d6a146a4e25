"""Check the data package before anything reads it.

Frictionless checks what Table Schema can say (types, required cells, vocabularies,
unique ids, foreign keys). The rules it cannot say are declared as extra field
properties in ``datapackage.json`` and enforced here:

- ``partialDate``: an ISO 8601 date at day, month or year precision that exists;
- ``notBefore``: a date not earlier than another field's date in the same row;
- ``listOf``: ``;``-separated keys of another resource (or of references.bib);

- ``pointsInCountry`` (on a schema): a row's point lies inside the polygon of the country
  it names (within SITE_TOLERANCE_KM), e.g. a military site in its host country.
"""

import csv
import json
from pathlib import Path

import frictionless
from frictionless import errors as fl_errors

from caucasus_atlas.dates import parse_partial_date
from caucasus_atlas.geography import distance_outside_km, load_country_shapes
from caucasus_atlas.paths import DATA_DIR, REPO_ROOT
from caucasus_atlas.problems import Problem
from caucasus_atlas.references import check_references, entry_lines

INTEGRITY_UNCHECKED = frictionless.Checklist(skip_errors=["hash-count", "byte-count"])
# A point may sit this far outside its country's simplified polygon (coastal bases, for one).
SITE_TOLERANCE_KM = 5.0


def display_path(path: Path) -> str:
    """The path as a reader would type it from the repository root."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def validate_package(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem in the data package at ``data_dir``, in file and row order."""
    descriptor_path = data_dir / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [Problem(display_path(descriptor_path), None, None, "descriptor", str(err))]
    bib = data_dir / "references.bib"
    _, problems = check_references(bib, display_path(bib))
    problems += schema_problems(descriptor_path, descriptor)
    tables = {res["name"]: read_rows(data_dir / res["path"]) for res in tabular(descriptor)}
    keys = {"references": set(entry_lines(bib.read_text(encoding="utf-8"))) if bib.exists() else set()}
    for resource in tabular(descriptor):
        for key in resource["schema"].get("primaryKey", [])[:1]:
            keys[resource["name"]] = {row.get(key) for _, row in tables[resource["name"]]}
    for resource in tabular(descriptor):
        label = display_path(data_dir / resource["path"])
        problems += extra_rule_problems(label, resource["schema"]["fields"], tables[resource["name"]], keys)
        for place in resource["schema"].get("pointsInCountry", []):
            problems += point_location_problems(label, tables[resource["name"]], place)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.field or "", p.rule))


def tabular(descriptor: dict) -> list[dict]:
    return [res for res in descriptor.get("resources", []) if "schema" in res]


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows as strings, numbered as a spreadsheet numbers them (header is row 1)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def schema_problems(descriptor_path: Path, descriptor: dict) -> list[Problem]:
    """What Frictionless finds against the Table Schema of each resource."""
    try:  # checksums and sizes are provenance, checked by the tests (see ``provenance``), not validity
        report = frictionless.validate(str(descriptor_path), checklist=INTEGRITY_UNCHECKED)
    except frictionless.FrictionlessException as err:
        return [Problem(display_path(descriptor_path), None, None, "descriptor", err.error.message)]
    resources = {res["name"]: res for res in descriptor.get("resources", [])}
    problems = [Problem(display_path(descriptor_path), None, None, e.type, e.message) for e in report.errors]
    for task in report.tasks:
        resource = resources.get(task.name, {})
        label = display_path(descriptor_path.parent / resource.get("path", descriptor_path.name))
        keys = resource.get("schema", {}).get("primaryKey", [])
        problems += [frictionless_problem(label, error, keys) for error in task.errors]
    return problems


def frictionless_problem(label: str, error: fl_errors.Error, key_fields: list[str]) -> Problem:
    """Translate one Frictionless error into a one-line Problem."""
    if isinstance(error, fl_errors.ForeignKeyError):
        cells = ", ".join(f"'{c}'" for c in error.field_cells)
        return Problem(
            label,
            error.row_number,
            ",".join(error.field_names),
            error.type,
            f"{cells} is not a key of {error.reference_name}",
        )
    if isinstance(error, fl_errors.PrimaryKeyError):
        return Problem(label, error.row_number, ",".join(key_fields), "duplicate-id", f"duplicate id: {error.note}")
    if isinstance(error, fl_errors.CellError):
        return Problem(label, error.row_number, error.field_name or None, error.type, f"'{error.cell}': {error.note}")
    if isinstance(error, fl_errors.RowError):
        return Problem(label, error.row_number, None, error.type, error.note)
    if isinstance(error, fl_errors.LabelError):
        return Problem(label, 1, error.field_name or error.label, error.type, error.note or error.message)
    return Problem(label, None, None, error.type, error.message)


def extra_rule_problems(label: str, fields: list[dict], rows, keys: dict[str, set]) -> list[Problem]:
    """Problems with the ``partialDate``, ``notBefore`` and ``listOf`` rules."""
    problems = []
    dates = [f["name"] for f in fields if f.get("partialDate")]
    for number, row in rows:
        parsed = {}
        for name in dates:
            if row.get(name):
                try:
                    parsed[name] = parse_partial_date(row[name]).first_day
                except ValueError as err:
                    problems.append(Problem(label, number, name, "date", str(err)))
        for field in fields:
            name, earliest = field["name"], field.get("notBefore")
            if earliest and name in parsed and earliest in parsed and parsed[name] < parsed[earliest]:
                problems.append(
                    Problem(label, number, name, "not-before", f"{row[name]} is before {earliest} {row[earliest]}")
                )
            target = field.get("listOf", {}).get("resource")
            if target and row.get(name):
                problems += [
                    Problem(label, number, name, "unknown-key", f"'{key}' is not a key of {target}")
                    for key in row[name].split(";")
                    if key not in keys.get(target, set())
                ]
    return problems


def point_location_problems(label: str, rows, place: dict[str, str]) -> list[Problem]:
    """Points more than SITE_TOLERANCE_KM outside the polygon of the country the row names."""
    shapes = load_country_shapes()
    problems = []
    for number, row in rows:
        try:
            lat, lon = float(row[place["lat"]]), float(row[place["lon"]])
        except (KeyError, TypeError, ValueError):
            continue  # empty, or not a number: the schema check reports it
        country = row.get(place["country"])
        if country not in shapes or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        km = distance_outside_km(shapes[country], lon, lat)
        if km > SITE_TOLERANCE_KM:
            problems.append(
                Problem(
                    label,
                    number,
                    f"{place['lat']},{place['lon']}",
                    "outside-country",
                    f"({lat}, {lon}) lies {km:.0f} km outside {country}",
                )
            )
    return problems
