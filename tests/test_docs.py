"""The contributor docs cannot drift from the schema or the data.

- Generated sections: data/README.md's column tables, and the vocabularies and column lists in
  CONTRIBUTING.md and docs/adding-a-table.md, sit between marker comments and are made from
  data/datapackage.json:

      <!-- fields:TABLE -->...<!-- /fields -->            a table's key, limits and columns (a block)
      <!-- values:TABLE.FIELD -->...<!-- /values -->      a field's vocabulary (inline)
      <!-- columns:TABLE -->...<!-- /columns -->          a table's column names (inline)

  After a schema change, rewrite them with ``.venv/bin/python -m tests.test_docs``; the tests fail
  while any differs from what the schema gives.
- Examples: a fenced block after ``<!-- example: FILE -->`` is laid into a copy of data/, which must
  still validate. For a table (``memberships.csv``), a row whose key is already in the table must be
  identical to that row (the docs copy real rows, they assert nothing new); a new row is appended.
  For ``references.bib``, an entry whose key exists must be identical to it. A ``datapackage.json``
  example is a resource declaration, added to the descriptor before the file's other examples are laid.
  A ``validate`` example is a problem line that ``make validate`` prints for the cell it names.
"""

import csv
import difflib
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from caucasus_atlas import validation
from caucasus_atlas.paths import DATA_DIR, REPO_ROOT
from caucasus_atlas.references import REQUIRED_FIELDS, entry_lines

DOCS = [REPO_ROOT / "CONTRIBUTING.md", DATA_DIR / "README.md", REPO_ROOT / "docs" / "adding-a-table.md"]
REGENERATE = ".venv/bin/python -m tests.test_docs"
# a marker in a code span (`<!-- fields:NAME -->`, `<!-- /fields -->`) is text about markers, not a marker
OPENING = r"(?<!`)(<!-- (fields|values|columns):([A-Za-z0-9_.-]+) -->)"
GENERATED = re.compile(OPENING + r"(.*?)(<!-- /\2 -->)(?!`)", re.DOTALL)
EXAMPLE = re.compile(r"<!-- example: (\S+) -->\n```(\w+)\n(.*?)\n```", re.DOTALL)
FENCE = re.compile(r"^```(\w*)\n.*?^```$", re.DOTALL | re.MULTILINE)
CHECKED_LANGUAGES = {"csv", "bibtex", "json"}
PROBLEM = re.compile(r"^data/(?P<file>[^,]+\.csv), row (?P<row>\d+), field '(?P<field>[^']+)': '(?P<cell>[^']*)' ")


def read_descriptor(data_dir: Path = DATA_DIR) -> dict:
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def resource_named(descriptor: dict, name: str) -> dict:
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"a marker names '{name}', which is not a resource of data/datapackage.json")


def field_named(resource: dict, name: str) -> dict:
    for field in resource["schema"]["fields"]:
        if field["name"] == name:
            return field
    raise KeyError(f"a marker names '{resource['name']}.{name}', which is not a field of data/datapackage.json")


# --- generated sections ---------------------------------------------------------------------------


def codes(values) -> str:
    return ", ".join(f"`{value}`" for value in values)


def cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def as_list(names) -> list[str]:
    return [names] if isinstance(names, str) else list(names)


def field_rules(field: dict, schema: dict, descriptor: dict) -> list[str]:
    """Every rule the schema sets on a field, in words, with the property that sets it."""
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    constraints = dict(field.get("constraints", {}))
    constraints.pop("required", None)
    rules = []
    if "enum" in constraints:
        rules.append(f"one of {codes(constraints.pop('enum'))}")
    for key in schema.get("foreignKeys", []):
        if field["name"] in as_list(key["fields"]):
            target = key["reference"].get("resource") or schema_owner(schema, descriptor)
            together = "" if len(as_list(key["fields"])) == 1 else f"with {codes(as_list(key['fields']))}, "
            rules.append(f"{together}a key of `{paths[target]}` ({codes(as_list(key['reference']['fields']))})")
    extra = {name: value for name, value in field.items() if name not in ("name", "type", "description", "constraints")}
    if "listOf" in extra:
        target = dict(extra.pop("listOf"))
        keys = f"`{target.pop('field')}` keys" if "field" in target else "keys"
        rules.append(f"`;`-separated {keys} of `{paths[target.pop('resource')]}` (`listOf`)")
        rules += [f"`listOf.{name}`: `{json.dumps(value)}`" for name, value in target.items()]
    if extra.pop("partialDate", False):
        rules.append("a calendar date at day, month or year precision (`partialDate`)")
    if "notBefore" in extra:
        rules.append(f"not before `{extra.pop('notBefore')}` (`notBefore`)")
    if "pattern" in constraints:
        rules.append(f"matches `{constraints.pop('pattern')}`")
    if "minimum" in constraints and "maximum" in constraints:
        rules.append(f"from {constraints.pop('minimum')} to {constraints.pop('maximum')}")
    for name, words in (("minimum", "at least"), ("maximum", "at most")):
        if name in constraints:
            rules.append(f"{words} {constraints.pop(name)}")
    for name, words in (("minLength", "at least"), ("maxLength", "at most")):
        if name in constraints:
            rules.append(f"{words} {constraints.pop(name)} characters")
    if constraints.pop("unique", False):
        rules.append("unique")
    # anything else the schema says, as it says it, so that nothing is left out
    rules += [f"`{name}`: `{json.dumps(value)}`" for name, value in {**constraints, **extra}.items()]
    return rules


def schema_owner(schema: dict, descriptor: dict) -> str:
    return next(resource["name"] for resource in descriptor["resources"] if resource.get("schema") is schema)


def fields_section(resource: dict, descriptor: dict) -> str:
    """A resource's description, key, limits and columns, as Markdown."""
    lines = [cell(resource["description"]), ""] if resource.get("description") else []
    limit = f"at most {resource['maxBytes']:,} bytes (`maxBytes`)" if "maxBytes" in resource else "no size limit"
    if "schema" not in resource:
        lines.append(f"A `{resource.get('format', '')}` file with no table schema; {limit}.")
        return "\n".join(lines)
    schema = resource["schema"]
    key = as_list(schema.get("primaryKey", []))
    keyed = f"Keyed by {codes(key)}{' together' if len(key) > 1 else ''} (`primaryKey`)" if key else "No key"
    least = resource.get("minRows", 0)
    rows = f"at least {least} data row{'' if least == 1 else 's'} (`minRows`)"
    lines += [f"{keyed}; {rows}; {limit}.", ""]
    lines += ["| column | type | required | what it holds | values and rules |", "| --- | --- | --- | --- | --- |"]
    for field in schema["fields"]:
        required = "yes" if field.get("constraints", {}).get("required") else ""
        rules = "; ".join(field_rules(field, schema, descriptor))
        description = cell(field.get("description", ""))
        lines.append(f"| `{field['name']}` | {field['type']} | {required} | {description} | {cell(rules)} |")
    for place in schema.get("pointsInCountry", []):
        lines += [
            "",
            f"A row's point ({codes([place['lat'], place['lon']])}), where it has one, lies within "
            f"{validation.SITE_TOLERANCE_KM:g} km of the polygon of the country in `{place['country']}`, "
            "in `boundaries/countries.geojson` (`pointsInCountry`).",
        ]
    return "\n".join(lines)


def generated(kind: str, target: str, descriptor: dict) -> str:
    """What the schema puts between the markers of one generated section."""
    if kind == "fields":
        return "\n" + fields_section(resource_named(descriptor, target), descriptor) + "\n"
    if kind == "columns":
        return codes(field["name"] for field in resource_named(descriptor, target)["schema"]["fields"])
    table, _, name = target.partition(".")
    return codes(field_named(resource_named(descriptor, table), name)["constraints"]["enum"])


def regenerate(text: str, descriptor: dict) -> str:
    """``text`` with every generated section made again from ``descriptor``."""
    return GENERATED.sub(
        lambda m: m.group(1) + generated(m.group(2), m.group(3), descriptor) + m.group(5),
        text,
    )


def regenerate_docs(descriptor: dict | None = None) -> list[Path]:
    """Rewrite the generated sections of every doc; return the files that changed."""
    descriptor = descriptor or read_descriptor()
    changed = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        new = regenerate(text, descriptor)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


@pytest.mark.parametrize("path", DOCS, ids=shown)
def test_the_generated_sections_match_the_schema(path):
    text = path.read_text(encoding="utf-8")
    new = regenerate(text, read_descriptor())
    diff = "".join(list(difflib.unified_diff(text.splitlines(True), new.splitlines(True), shown(path), "schema"))[:40])
    assert new == text, f"{shown(path)} differs from data/datapackage.json: run `{REGENERATE}`\n{diff}"


@pytest.mark.parametrize("path", DOCS, ids=shown)
def test_every_marker_is_closed(path):
    text = path.read_text(encoding="utf-8")
    opened = [m.group(1) for m in re.finditer(OPENING, text)]
    closed = [m.group(1) for m in GENERATED.finditer(text)]
    assert opened == closed, f"{shown(path)}: a generated section lacks its closing marker: {opened} != {closed}"


def test_the_data_readme_has_one_column_table_per_resource():
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    tables = [m.group(3) for m in GENERATED.finditer(text) if m.group(2) == "fields"]
    names = [resource["name"] for resource in read_descriptor()["resources"]]
    missing = [name for name in names if name not in tables]
    assert not missing, "\n".join(
        f"data/README.md has no column table for {name}: under its heading add the lines "
        f"`<!-- fields:{name} -->` and `<!-- /fields -->`, then run `{REGENERATE}` (see docs/adding-a-table.md)"
        for name in missing
    )
    assert sorted(tables) == sorted(names), "data/README.md has a column table twice, or for no resource"


def prose_blocks(text: str) -> list[str]:
    """Paragraphs and list items, without code blocks or generated sections."""
    text = FENCE.sub("", GENERATED.sub("", text))
    return [block for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.) )", text) if block.strip()]


@pytest.mark.parametrize("path", DOCS, ids=shown)
def test_no_vocabulary_is_listed_by_hand_in_part(path):
    """A paragraph that names a field and two or more of its values names them all (or uses a generated list)."""
    partial = []
    for block in prose_blocks(path.read_text(encoding="utf-8")):
        quoted = set(re.findall(r"`([^`\n]+)`", block))
        for resource in read_descriptor()["resources"]:
            for field in resource.get("schema", {}).get("fields", []):
                values = set(field.get("constraints", {}).get("enum", []))
                named = quoted & values
                if field["name"] in quoted and len(named) >= 2 and named != values:
                    partial.append(
                        f"{resource['name']}.{field['name']} lacks {codes(sorted(values - named))} in: "
                        f"{' '.join(block.split())[:120]}..."
                    )
    assert not partial, (
        f"{shown(path)} lists a vocabulary by hand, in part; use `<!-- values:TABLE.FIELD --><!-- /values -->` "
        f"and run `{REGENERATE}`:\n" + "\n".join(partial)
    )


@pytest.mark.parametrize("path", [DOCS[0], DOCS[1]], ids=shown)
def test_the_bibliography_fields_are_all_named(path):
    quoted = set(re.findall(r"`([^`\n]+)`", path.read_text(encoding="utf-8")))
    assert set(REQUIRED_FIELDS) <= quoted, f"{shown(path)} does not name {set(REQUIRED_FIELDS) - quoted}"


@pytest.mark.parametrize("path", DOCS, ids=shown)
def test_local_links_lead_to_files(path):
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    targets = re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", text)
    broken = [t for t in targets if not re.match(r"[a-z]+:", t) and not (path.parent / t).exists()]
    assert not broken, f"{shown(path)} links to files that do not exist: {broken}"


# --- examples ------------------------------------------------------------------------------------


def examples(path: Path) -> list[tuple[str, str, str]]:
    """(target, language, text) of each marked example in a doc."""
    return EXAMPLE.findall(path.read_text(encoding="utf-8"))


def all_examples() -> list:
    return [
        pytest.param(path, number, id=f"{shown(path)}:{number}:{target}")
        for path in DOCS
        for number, (target, _, _) in enumerate(examples(path), start=1)
        if target != "datapackage.json"
    ]


@pytest.mark.parametrize("path", DOCS, ids=shown)
def test_every_data_block_is_a_checked_example(path):
    text = path.read_text(encoding="utf-8")
    checked = {m.start(0) + len(m.group(0).split("\n", 1)[0]) + 1 for m in EXAMPLE.finditer(text)}
    unchecked = [
        f"line {text.count(chr(10), 0, m.start()) + 1}: ```{m.group(1)}"
        for m in FENCE.finditer(text)
        if m.group(1) in CHECKED_LANGUAGES and m.start() not in checked
    ]
    assert not unchecked, (
        f"{shown(path)} has data blocks no test checks; put `<!-- example: FILE -->` on the line before each "
        f"(FILE as in data/, e.g. memberships.csv, references.bib, datapackage.json): {unchecked}"
    )


def lay_rows(data: Path, name: str, block: str, descriptor: dict) -> None:
    """Lay an example's rows into the table ``name`` of the package at ``data``."""
    resource = next((r for r in descriptor["resources"] if r["path"] == name), None)
    assert resource, f"the example names {name}, which is not the path of any resource of datapackage.json"
    fields = [field["name"] for field in resource["schema"]["fields"]]
    header, *rows = list(csv.reader(io.StringIO(block)))
    assert header == fields, f"the example's header is not {name}'s: expected {','.join(fields)}"
    assert rows, f"the example of {name} has no row"
    path = data / name
    if not path.exists():
        path.write_text(block + "\n", encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    key = [fields.index(name) for name in as_list(resource["schema"].get("primaryKey", fields))]
    existing = {tuple(row[i] for i in key): row for row in list(csv.reader(io.StringIO(text)))[1:] if row}
    added = io.StringIO()
    for row in rows:
        same = existing.get(tuple(row[i] for i in key) if len(row) == len(fields) else None)
        assert same is None or same == row, (
            f"the example's row keyed {[row[i] for i in key]} differs from that row of data/{name}; "
            "copy the row from the data again (examples copy real rows verbatim)"
        )
        if same is None:
            csv.writer(added, lineterminator="\n").writerow(row)
    path.write_text(text + ("" if text.endswith("\n") else "\n") + added.getvalue(), encoding="utf-8")


def lay_entries(data: Path, name: str, block: str) -> None:
    """Lay an example's BibTeX entries into the package's bibliography."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    known = entry_lines(text)
    for entry in re.split(r"\n(?=@)", block.strip()):
        key = next(iter(entry_lines(entry)), None)
        assert key, f"the example is not a BibTeX entry: {entry[:60]}"
        assert key not in known or entry.strip() in text, f"the example's entry '{key}' differs from data/{name}'s"
        if key not in known:
            text += ("" if text.endswith("\n") else "\n") + "\n" + entry.strip() + "\n"
    path.write_text(text, encoding="utf-8")


def lay_resource(data: Path, block: str) -> dict:
    """Add an example's resource declaration to the package's descriptor; return the descriptor."""
    descriptor, resource = read_descriptor(data), json.loads(block)
    assert resource["name"] not in {r["name"] for r in descriptor["resources"]}, (
        f"the example table '{resource['name']}' is now a resource of data/datapackage.json: "
        "give the example in docs/adding-a-table.md a name no table has"
    )
    descriptor["resources"].insert(-1, resource)
    (data / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return descriptor


def break_cell(data: Path, line: str) -> None:
    """Set the cell a problem line names to the value it quotes."""
    found = PROBLEM.match(line)
    assert found, f"the example problem does not read like 'data/FILE.csv, row N, field 'F': 'CELL' ...': {line}"
    path = data / found["file"]
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[int(found["row"]) - 1][rows[0].index(found["field"])] = found["cell"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.parametrize(("path", "number"), all_examples())
def test_every_example_is_real_and_valid(path, number, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    descriptor = read_descriptor(data)
    for target, _, block in examples(path):
        if target == "datapackage.json":
            descriptor = lay_resource(data, block)
    target, _, block = examples(path)[number - 1]
    if target == "validate":
        break_cell(data, block)
        printed = [str(p).replace(f"{data}/", "data/") for p in validation.validate_package(data)]
        assert printed == [block], f"make validate prints {printed}, not what {shown(path)} shows"
        return
    if target.endswith(".bib"):
        lay_entries(data, target, block)
    else:
        lay_rows(data, target, block, descriptor)
    problems = [str(p) for p in validation.validate_package(data)]
    assert problems == [], f"with the example of {target} from {shown(path)}, the data does not validate"


def test_the_how_to_resource_is_a_valid_declaration(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    declared = [block for target, _, block in examples(DOCS[2]) if target == "datapackage.json"]
    assert len(declared) == 1, "docs/adding-a-table.md shows one resource, marked `<!-- example: datapackage.json -->`"
    lay_resource(data, declared[0])
    assert [str(p) for p in validation.read_descriptor(data / "datapackage.json")[1]] == []


if __name__ == "__main__":
    changed = regenerate_docs()
    for path in changed:
        print(f"rewrote the generated sections of {shown(path)}")
    if not changed:
        print("the generated sections are up to date")
    sys.exit(0)
