"""Check the data package before anything reads it.

Frictionless checks what Table Schema can say (types, required cells, vocabularies,
unique keys, foreign keys). The rules it cannot say are declared as extra properties
in ``datapackage.json`` and enforced here:

- ``asOf`` (on the package): the day the record was last checked against its sources;
- ``maxBytes`` (on a resource): the file's size limit; a larger file is not read at all;
- ``minRows`` (on a table): the fewest data rows below the header;
- ``partialDate``: an ISO 8601 date at day, month or year precision that exists;
- ``notBefore``: a date not earlier than another field's date in the same row;
- ``listOf``: ``;``-separated keys of another resource (or of references.bib);
- ``pointsInCountry`` (on a schema): a row's point lies inside the polygon of the country
  it names (within SITE_TOLERANCE_KM), e.g. a military site in its host country;
- ``mirrorHosts`` (on a bibliography): the table of hosts by kind; an entry's ``url`` on a
  mirror or compilation host is refused unless that table allows the host (and says why).
- ``valueInQuote``: a number that the quote in the named field states, as the source writes
  it (see ``quote_states``);
- ``keyOfAny``: a key of any one of the named resources (a partner: a country or the EU).
- ``sequenceWithin``: numbers 1, 2, ... n (n >= 2) with no gap or repeat within each value of
  another field, e.g. the towns along one corridor;
- ``inListOf``: a key that is one of the ``;``-list in another table's row, the row this row
  names, e.g. a corridor's town is in one of the corridor's countries;
- ``linedBy``: every key of a table has rows in another table, e.g. every corridor its towns.

Every file is also UTF-8 without a byte-order mark, every table's header names its
schema's fields in their order, and both boundary layers (``boundaries/*.geojson``) are
FeatureCollections whose features have a geometry and a key.

Root causes come first: the descriptor (if it is broken, nothing else is checked), then
whole files (missing, too large, not UTF-8, a wrong header, too few rows, a corrupt boundary
layer, a bibliography that is empty or not BibTeX), then rows. A broken file is not checked
row by row, and neither are the rules that depend on it: foreign keys and ``listOf`` keys
into it, ``pointsInCountry`` without the country boundaries. So one cause gives one line.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

from caucasus_atlas.dates import parse_partial_date
from caucasus_atlas.paths import DATA_DIR, REPO_ROOT
from caucasus_atlas.problems import Problem, encoding_problem
from caucasus_atlas.references import COPY_KINDS, Reference, check_bibliography, entry_lines, listed_domain, url_host
from caucasus_atlas.verdicts import remembered, verdict_folder

if TYPE_CHECKING:
    from frictionless import errors as fl_errors

# Frictionless and the geography (shapely, pyproj) are imported where they are used: a kernel or a build that finds a
# clean verdict never needs them (a third of a second, and a fifth).
INTEGRITY_UNCHECKED = ["hash-count", "byte-count"]  # Frictionless errors
# A point may sit this far outside its country's simplified polygon (coastal bases, for one).
SITE_TOLERANCE_KM = 5.0
# A row that is blank, or whose cells do not line up with the header: its other problems are consequences.
MALFORMED = ("blank-row", "extra-cell", "missing-cell")
# how Frictionless (and caucasus_atlas.data) read true in a boolean cell
TRUE_CELLS = {"true", "True", "TRUE", "1"}


@dataclass(frozen=True)
class Table:
    """A table whose file passed the whole-file checks: its schema and its data rows by row number."""

    label: str
    schema: dict
    rows: list[tuple[int, dict[str, str]]]


@dataclass(frozen=True)
class Bibliography:
    """A bibliography whose file passed the whole-file checks, as text."""

    label: str
    text: str


def display_path(path: Path) -> str:
    """The path as a reader would type it from the repository root."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def validate_package(data_dir: Path = DATA_DIR, verdicts: Path | None = None) -> list[Problem]:
    """Every problem in the data package at ``data_dir``: root causes first, then row by row.

    None at once if the folder ``verdicts`` holds a clean verdict on the same inputs; by default the
    book's own data is remembered in ``_build/.validated/`` and other packages are checked in full.
    """
    folder = verdicts or verdict_folder(data_dir)
    return check_package(data_dir) if folder is None else remembered(check_package, data_dir, folder)


def check_package(data_dir: Path) -> list[Problem]:
    """Every problem in the data package at ``data_dir``, found afresh."""
    from caucasus_atlas.geography import LAYER_KEYS

    descriptor, problems = read_descriptor(data_dir / "datapackage.json")
    if problems:
        return problems
    contents = {resource["name"]: read_resource(data_dir, resource) for resource in descriptor["resources"]}
    layers = {layer: boundary_layer(data_dir / "boundaries", layer) for layer in LAYER_KEYS}
    problems = [found for found in [*contents.values(), *layers.values()] if isinstance(found, Problem)]
    tables = {name: found for name, found in contents.items() if isinstance(found, Table)}
    bibliographies = {name: found for name, found in contents.items() if isinstance(found, Bibliography)}
    for resource in descriptor["resources"]:
        if (bibliography := bibliographies.get(resource["name"])) is not None:
            references, found = check_bibliography(bibliography.text, bibliography.label)
            problems += found + copy_host_problems(bibliography, references, tables.get(resource.get("mirrorHosts")))
    countries = None if isinstance(layers["countries"], Problem) else layers["countries"]
    return problems + row_problems(data_dir, descriptor, tables, known_keys(tables, bibliographies), countries)


def read_descriptor(path: Path) -> tuple[dict, list[Problem]]:
    """The package descriptor, and the problems that stop it being used: unreadable, not JSON, not a valid package."""
    label = display_path(path)
    text = read_text(path, label)
    if isinstance(text, Problem):
        return {}, [text]
    try:
        descriptor = json.loads(text)
    except ValueError as err:
        return {}, [json_problem(label, "descriptor", err)]
    import frictionless

    report = frictionless.Package.validate_descriptor(descriptor)
    if not report.valid:
        return descriptor, [Problem(label, None, None, "descriptor", error.message) for error in report.errors]
    names = {resource["name"] for resource in descriptor["resources"]}
    faults = as_of_faults(descriptor.get("asOf")) + [
        f"resource '{resource['name']}': {fault}"
        for resource in descriptor["resources"]
        for fault in declaration_faults(resource, names)
    ]
    return descriptor, [Problem(label, None, None, "descriptor", fault) for fault in faults]


def as_of_faults(as_of) -> list[str]:
    """``asOf``, the day the record was last checked against its sources, must be a calendar day."""
    try:
        if parse_partial_date(str(as_of)).precision == "day":
            return []
    except ValueError:
        pass
    return [f"asOf must be the day the record was last checked, as YYYY-MM-DD (not {as_of!r})"]


def declaration_faults(resource: dict, names: set[str]) -> list[str]:
    """What in a resource's declaration the rules here cannot read (Frictionless allows it)."""
    faults = [] if isinstance(resource.get("path"), str) else ["path must name one file"]
    faults += [
        f"{name} must be a whole number"
        for name in ("maxBytes", "minRows")
        if name in resource and not (type(resource[name]) is int and resource[name] >= 0)
    ]
    schema = resource.get("schema", {})
    if not isinstance(schema, dict):
        return [*faults, "schema must be written inline"]
    if "mirrorHosts" in resource and resource["mirrorHosts"] not in names:
        faults.append("mirrorHosts must name a resource")
    return faults + [
        f"field '{field['name']}': {rule} must name a resource"
        for field in schema.get("fields", [])
        for rule in ("listOf", "inListOf", "linedBy")
        if rule in field and not (isinstance(field[rule], dict) and field[rule].get("resource") in names)
    ]


def read_text(path: Path, label: str, max_bytes: int | None = None) -> str | Problem:
    """A file's text, or the Problem that stops it being read: missing, over ``max_bytes`` (not read), not UTF-8."""
    if not path.is_file():
        return Problem(label, None, None, "missing-file", "the file is missing")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        return Problem(label, None, None, "max-bytes", f"the file has {size:,} bytes; maxBytes is {max_bytes:,}")
    content = path.read_bytes()
    return encoding_problem(label, content) or content.decode("utf-8")


def read_resource(data_dir: Path, resource: dict) -> Table | Bibliography | Problem | None:
    """A resource as the rules read it (a Table, a Bibliography; None for other files), or its whole file's Problem."""
    path = data_dir / resource["path"]
    label = display_path(path)
    text = read_text(path, label, resource.get("maxBytes"))
    if isinstance(text, Problem):
        return text
    if "schema" in resource:
        return read_table(text, label, resource)
    return Bibliography(label, text) if resource.get("format") == "bib" else None


def json_problem(label: str, rule: str, err: ValueError) -> Problem:
    """One line for JSON that does not parse (at its line), or parses into the wrong thing."""
    if isinstance(err, json.JSONDecodeError):
        return Problem(label, err.lineno, None, rule, f"not valid JSON: {err.msg} (column {err.colno})")
    return Problem(label, None, None, rule, str(err))


def read_table(text: str, label: str, resource: dict) -> Table | Problem:
    """A table's rows, or the one Problem of the whole file: not CSV, a wrong header, or fewer than ``minRows`` rows."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as err:
        return Problem(label, reader.line_num, None, "csv", str(err))
    fields = [field["name"] for field in resource["schema"]["fields"]]
    header = records[0] if records else []
    if header != fields:
        return header_problem(label, header, fields)
    numbered = enumerate(records[1:], start=2)
    rows = [(number, dict(zip(fields, record, strict=False))) for number, record in numbered if record]
    least = resource.get("minRows", 0)
    if len(rows) < least:
        message = f"the table has {len(rows)} data row(s) below its header; minRows is {least}"
        return Problem(label, None, None, "min-rows", message)
    return Table(label, resource["schema"], rows)


def header_problem(label: str, header: list[str], fields: list[str]) -> Problem:
    """One line for a header that does not name the schema's fields in order."""
    wrong = {
        "lacks": [name for name in fields if name not in header],
        "has unexpected": [name for name in header if name not in fields],
        "repeats": sorted({name for name in header if header.count(name) > 1}),
    }
    said = "; ".join(f"{verb} {', '.join(map(repr, names))}" for verb, names in wrong.items() if names)
    message = f"the header {said}" if said else "the columns are in the wrong order"
    culprits = ",".join(name for names in wrong.values() for name in names if name)
    return Problem(label, 1, culprits or None, "header", f"{message}: expected {', '.join(fields)}")


def boundary_layer(boundaries_dir: Path, layer: str) -> dict | Problem:
    """A boundary layer's shapes by key, or the Problem that makes it unusable."""
    from caucasus_atlas.geography import feature_shapes, parse_layer

    path = boundaries_dir / f"{layer}.geojson"
    label = display_path(path)
    text = read_text(path, label)
    if isinstance(text, Problem):
        return text
    try:
        return feature_shapes(parse_layer(text), layer)
    except ValueError as err:
        return json_problem(label, "geojson", err)


def known_keys(tables: dict[str, Table], bibliographies: dict[str, Bibliography]) -> dict[str, set[str]]:
    """The keys a ``listOf`` may name, by usable resource: a table's one-field primary key, a bibliography's entries."""
    keys = {name: entries for name, bib in bibliographies.items() if (entries := set(entry_lines(bib.text)))}
    for name, table in tables.items():
        primary_key = as_list(table.schema.get("primaryKey", []))
        if len(primary_key) == 1:
            keys[name] = {row.get(primary_key[0]) for _, row in table.rows}
    return keys


def copy_host_problems(
    bibliography: Bibliography, references: dict[str, Reference], hosts: Table | None
) -> list[Problem]:
    """Entries whose url is on a mirror or compilation host that ``hosts`` does not allow (none if it is unusable)."""
    if hosts is None:
        return []
    rows = {row.get("host"): (number, row) for number, row in hosts.rows}
    lines = entry_lines(bibliography.text)
    problems = []
    for key, reference in references.items():
        domain = listed_domain(url_host(reference.url), rows)
        if domain is None:
            continue
        number, row = rows[domain]
        if row.get("kind") in COPY_KINDS and row.get("allowed") not in TRUE_CELLS:
            message = (
                f"entry '{key}': {domain} is a {row['kind']} host ({hosts.label}, row {number}, not allowed); "
                "cite the original page, or allow the host there with a reason"
            )
            problems.append(Problem(bibliography.label, lines[key][0], "url", "mirror-host", message))
    return sorted(problems)


def as_list(names: str | list[str]) -> list[str]:
    """Field names as Table Schema allows them: one name, or a list."""
    return [names] if isinstance(names, str) else names


def row_problems(
    data_dir: Path, descriptor: dict, tables: dict[str, Table], keys: dict[str, set[str]], countries: dict | None
) -> list[Problem]:
    """Problems of single rows of the usable tables, in file and row order; a malformed row gives one line."""
    problems = schema_problems(data_dir, descriptor, tables)
    for table in tables.values():
        problems += extra_rule_problems(table, keys)
        problems += chapter_problems(table)
        problems += quoted_value_problems(table, keys)
        problems += sequence_problems(table)
        problems += line_problems(table, tables)
        if countries is not None:
            problems += point_location_problems(table, countries)
    malformed = {(p.file, p.row) for p in problems if p.rule in MALFORMED}
    kept = {p for p in problems if p.rule in MALFORMED or (p.file, p.row) not in malformed}
    return sorted(kept, key=lambda p: (p.file, p.row or 0, p.field or "", p.rule))


def schema_problems(data_dir: Path, descriptor: dict, tables: dict[str, Table]) -> list[Problem]:
    """What Frictionless finds against the Table Schema of each usable table, leaving out foreign keys into others."""
    resources = [
        without_foreign_keys_outside(resource, set(tables))
        for resource in descriptor["resources"]
        if resource["name"] in tables
    ]
    import frictionless

    # checksums and sizes are provenance, checked by the tests (see ``provenance``), not validity
    report = frictionless.Package({**descriptor, "resources": resources}, basepath=str(data_dir)).validate(
        checklist=frictionless.Checklist(skip_errors=INTEGRITY_UNCHECKED)
    )
    label = display_path(data_dir / "datapackage.json")
    problems = [Problem(label, None, None, error.type, error.message) for error in report.errors]
    for task in report.tasks:
        table = tables[task.name]
        problems += [frictionless_problem(table.label, error, table.schema) for error in task.errors]
    return problems


def without_foreign_keys_outside(resource: dict, usable: set[str]) -> dict:
    """The resource without its foreign keys into tables that are not usable (their own problem is reported)."""
    schema = resource["schema"]
    kept = [key for key in schema.get("foreignKeys", []) if key["reference"].get("resource", "") in usable | {""}]
    return {**resource, "schema": {**schema, "foreignKeys": kept}}


def frictionless_problem(label: str, error: "fl_errors.Error", schema: dict) -> Problem:
    """Translate one Frictionless error into a one-line Problem."""
    from frictionless import errors as fl_errors

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
        key = as_list(schema["primaryKey"])
        cells = dict(zip((field["name"] for field in schema["fields"]), error.cells, strict=False))
        values = ", ".join(f"'{cells.get(name, '')}'" for name in key)
        message = f"duplicate key ({values}): {error.note}"
        return Problem(label, error.row_number, ",".join(key), "duplicate-id", message)
    if isinstance(error, (fl_errors.ExtraCellError, fl_errors.MissingCellError)):
        counts = f"the row has {len(error.cells)} cells, the header has {len(schema['fields'])}"
        return Problem(label, error.row_number, None, error.type, counts)
    if isinstance(error, fl_errors.CellError):
        cell = f"'{error.cell}'" if error.cell else "empty cell"
        return Problem(label, error.row_number, error.field_name or None, error.type, f"{cell}: {error.note}")
    if isinstance(error, fl_errors.RowError):
        return Problem(label, error.row_number, None, error.type, error.note or error.message)
    return Problem(label, None, None, error.type, error.message)


def extra_rule_problems(table: Table, keys: dict[str, set[str]]) -> list[Problem]:
    """Problems with the ``partialDate``, ``notBefore`` and ``listOf`` rules (``listOf`` an unusable resource: none)."""
    problems = []
    fields = table.schema["fields"]
    dates = [f["name"] for f in fields if f.get("partialDate")]
    for number, row in table.rows:
        parsed = {}
        for name in dates:
            if row.get(name):
                try:
                    parsed[name] = parse_partial_date(row[name]).first_day
                except ValueError as err:
                    problems.append(Problem(table.label, number, name, "date", str(err)))
        for field in fields:
            name, earliest = field["name"], field.get("notBefore")
            if earliest and name in parsed and earliest in parsed and parsed[name] < parsed[earliest]:
                message = f"{row[name]} is before {earliest} {row[earliest]}"
                problems.append(Problem(table.label, number, name, "not-before", message))
            target = field.get("listOf", {}).get("resource")
            if target in keys and row.get(name):
                problems += [
                    Problem(table.label, number, name, "unknown-key", f"'{key}' is not a key of {target}")
                    for key in row[name].split(";")
                    if key not in keys[target]
                ]
    return problems


def chapter_problems(table: Table) -> list[Problem]:
    """Problems with the ``chapterList`` rule: each ``;``-separated name is a chapter, a notebook in chapters/."""
    chapters = {path.stem for path in (REPO_ROOT / "chapters").glob("*.ipynb")}
    return [
        Problem(
            table.label,
            number,
            field["name"],
            "unknown-chapter",
            f"'{name}' is not a chapter: no chapters/{name}.ipynb",
        )
        for field in table.schema["fields"]
        if field.get("chapterList")
        for number, row in table.rows
        if row.get(field["name"])
        for name in row[field["name"]].split(";")
        if name not in chapters
    ]


def point_location_problems(table: Table, countries: dict) -> list[Problem]:
    """Per ``pointsInCountry`` place: points more than SITE_TOLERANCE_KM outside the polygon of the country named."""
    from caucasus_atlas.geography import distance_outside_km

    problems = []
    for place, (number, row) in product(table.schema.get("pointsInCountry", []), table.rows):
        try:
            lat, lon = float(row[place["lat"]]), float(row[place["lon"]])
        except (KeyError, TypeError, ValueError):
            continue  # empty, or not a number: the schema check reports it
        country = row.get(place["country"])
        if country not in countries or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        km = distance_outside_km(countries[country], lon, lat)
        if km > SITE_TOLERANCE_KM:
            problems.append(
                Problem(
                    table.label,
                    number,
                    f"{place['lat']},{place['lon']}",
                    "outside-country",
                    f"({lat}, {lon}) lies {km:.0f} km outside {country}",
                )
            )
    return problems


# Digit groups: a comma, a full stop, an apostrophe or a (no-break, narrow or thin) space.
GROUP_SEPARATORS = (",", ".", "'", " ", "\u00a0", "\u202f", "\u2009")
DECIMAL_MARKS = (".", ",")


def number_pattern(value: str) -> re.Pattern:
    """What a number looks like in a source's text, in any of the formats sources use.

    ``1234.5`` matches ``1234.5``, ``1,234.5``, ``1 234,5``, ``1.234,5`` and ``1'234.5``, with
    trailing zeros (``1234.50``); never a rounding (``1234``, ``1234.56``) nor part of a longer
    number (``11234.5``, ``1234.55``, ``1,234.5`` for 234.5; after a space, a digit group reads as
    a number of its own). A scale word is not a number: ``$1.2 billion`` states 1.2,
    whose scale is the row's unit.
    """
    whole, _, fraction = value.lstrip("+").partition(".")
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    groups = [whole[max(0, end - 3) : end] for end in range(len(whole), 0, -3)][::-1]
    forms = []
    for mark in DECIMAL_MARKS:
        tail = f"{re.escape(mark)}{fraction}0*" if fraction else f"(?:{re.escape(mark)}0+)?"
        forms.append(whole + tail)
        forms += [re.escape(sep).join(groups) + tail for sep in GROUP_SEPARATORS if sep != mark and len(groups) > 1]
    digits_after = r"(?!\d)(?![.,'\u00a0\u202f\u2009 ]\d{3}(?!\d))(?![.,]\d)"
    return re.compile(rf"(?<!\d)(?<!\d[.,'])(?:{'|'.join(forms)}){digits_after}")


def quote_states(quote: str, value: str) -> bool:
    """Whether ``quote`` states the number ``value`` (a decimal, as the table writes it)."""
    return bool(number_pattern(value).search(quote))


def quoted_value_problems(table: Table, keys: dict[str, set[str]]) -> list[Problem]:
    """Problems with the ``valueInQuote`` and ``keyOfAny`` rules."""
    problems = []
    for field, (number, row) in product(table.schema["fields"], table.rows):
        name, cell = field["name"], row.get(field["name"], "")
        quote = row.get(field.get("valueInQuote", ""), "")
        if "valueInQuote" in field and re.fullmatch(r"\+?\d+(\.\d+)?", cell) and quote:
            if not quote_states(quote, cell):
                message = f"{cell} is not stated in {field['valueInQuote']} (as written there, unrounded)"
                problems.append(Problem(table.label, number, name, "value-in-quote", message))
        targets = field.get("keyOfAny", [])
        # a target that is not usable has its own problem: then the rule is not checked
        if cell and targets and all(t in keys for t in targets) and not any(cell in keys[t] for t in targets):
            message = f"'{cell}' is not a key of {' or '.join(targets)}"
            problems.append(Problem(table.label, number, name, "unknown-key", message))
    return problems


def sequence_problems(table: Table) -> list[Problem]:
    """Per ``sequenceWithin`` field: within each group, the numbers run 1, 2, ... n with n >= 2.

    A number that is not a whole number from 1 up is reported on its row; a group whose numbers
    are not 1..n (a gap, a repeat, a single point) on its first row.
    """
    problems = []
    for field in table.schema["fields"]:
        group_field = field.get("sequenceWithin")
        if not group_field:
            continue
        name, groups = field["name"], {}
        for number, row in table.rows:
            try:
                value = float(row.get(name, ""))
            except ValueError:
                continue  # empty, or not a number: the schema check reports it
            if value != int(value) or value < 1:
                problems.append(Problem(table.label, number, name, "sequence", f"{row[name]} is not 1, 2, 3..."))
                continue
            groups.setdefault(row.get(group_field), []).append((number, int(value)))
        for group, members in groups.items():
            found = sorted(value for _, value in members)
            if len(found) < 2 or found != list(range(1, len(found) + 1)):
                message = f"{group_field} '{group}' has {name} {found}; expected 1 to n, with n at least 2"
                problems.append(Problem(table.label, members[0][0], name, "sequence", message))
    return problems


def line_problems(table: Table, tables: dict[str, Table]) -> list[Problem]:
    """Problems with the ``inListOf`` and ``linedBy`` rules; a rule whose other table is unusable is skipped."""
    problems = []
    for field in table.schema["fields"]:
        name = field["name"]
        if (rule := field.get("inListOf")) and rule["resource"] in tables:
            other = tables[rule["resource"]]
            key = as_list(other.schema["primaryKey"])[0]
            lists = {row.get(key): row.get(rule["field"], "").split(";") for _, row in other.rows}
            problems += [
                Problem(
                    table.label,
                    number,
                    name,
                    "not-in-list",
                    f"'{row[name]}' is not in {rule['field']} of {rule['resource']} '{row.get(rule['key'])}'",
                )
                for number, row in table.rows
                if row.get(name) and row.get(rule["key"]) in lists and row[name] not in lists[row[rule["key"]]]
            ]
        if (rule := field.get("linedBy")) and rule["resource"] in tables:
            used = {row.get(rule["field"]) for _, row in tables[rule["resource"]].rows}
            problems += [
                Problem(table.label, number, name, "no-line", f"'{row[name]}' has no rows in {rule['resource']}")
                for number, row in table.rows
                if row.get(name) and row[name] not in used
            ]
    return problems
