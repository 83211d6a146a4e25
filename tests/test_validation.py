"""Bad data is refused before anything runs, with one line naming file, row, field and rule.

Each folder in tests/fixtures/broken/ holds one deliberately broken file. It is laid
over a small valid package (tests/fixtures/valid/ on top of the real organisations,
schema and boundaries), so each case breaks exactly one rule. Files that break a rule
by being absent or too large are made by the tests themselves.

tests/fixtures/valid/ holds a file for every resource of datapackage.json but the lookups
copied whole (LOOKUPS). A new table needs one there: until it has one,
test_the_valid_fixture_has_every_table fails and says what to add, and the other tests
leave that table out of the package they build (see docs/adding-a-table.md).
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caucasus_atlas import DataError, load_memberships
from caucasus_atlas.__main__ import main
from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.references import check_bibliography, is_web_address
from caucasus_atlas.validation import validate_package

FIXTURES = Path(__file__).parent / "fixtures"
LOOKUPS = ("datapackage.json", "organisations.csv", "source_hosts.csv", "boundaries")
HOW_TO = "docs/adding-a-table.md"

# case: (file, row, field, rule) of the single problem it must raise
BROKEN = {
    "wrong-type": ("military_sites.csv", 2, "lat", "type-error"),
    "coordinates-out-of-range": ("military_sites.csv", 2, "lon", "constraint-error"),
    "unknown-iso3": ("memberships.csv", 3, "country", "foreign-key"),
    "unknown-organisation": ("memberships.csv", 2, "organisation", "foreign-key"),
    "unknown-status": ("memberships.csv", 2, "status", "constraint-error"),
    "end-before-start": ("memberships.csv", 3, "end", "not-before"),
    "broken-date": ("events.csv", 2, "date", "date"),
    "unknown-source-key": ("events.csv", 2, "sources", "unknown-key"),
    "unknown-country-in-list": ("events.csv", 2, "countries", "unknown-key"),
    "missing-title": ("events.csv", 2, "title", "constraint-error"),
    "unknown-chapter": ("events.csv", 2, "chapters", "unknown-chapter"),
    "duplicate-id": ("military_sites.csv", 3, "id", "duplicate-id"),
    "duplicate-membership": ("memberships.csv", 4, "country,organisation,status,start", "duplicate-id"),
    "site-outside-host": ("military_sites.csv", 2, "lat,lon", "outside-country"),
    "extra-cell": ("events.csv", 2, None, "extra-cell"),
    "missing-cell": ("events.csv", 2, None, "missing-cell"),
    "blank-row": ("events.csv", 3, None, "blank-row"),
    "newline-in-cell": ("events.csv", 2, "id", "constraint-error"),
    "missing-column": ("events.csv", 1, "note", "header"),
    "reordered-columns": ("events.csv", 1, None, "header"),
    "header-only-events": ("events.csv", None, None, "min-rows"),
    "header-only-memberships": ("memberships.csv", None, None, "min-rows"),
    "latin1-csv": ("events.csv", 2, None, "encoding"),
    "bom-csv": ("countries.csv", 1, None, "encoding"),
    "latin1-bibliography": ("references.bib", 2, None, "encoding"),
    "empty-bibliography": ("references.bib", None, None, "empty"),
    "reference-without-url": ("references.bib", 1, "url", "required"),
    "duplicate-reference": ("references.bib", 14, None, "duplicate-key"),
    "mirror-url": ("references.bib", 8, "url", "mirror-host"),
    "corrupt-geojson": ("countries.geojson", 3, None, "geojson"),
    "not-a-feature-collection": ("disputed.geojson", None, None, "geojson"),
    "corrupt-descriptor": ("datapackage.json", 8, None, "descriptor"),
}
# file made absent: the single problem it must raise
MISSING = {
    "events.csv": ("events.csv", None, None, "missing-file"),
    "references.bib": ("references.bib", None, None, "missing-file"),
    "boundaries/countries.geojson": ("countries.geojson", None, None, "missing-file"),
    "boundaries/disputed.geojson": ("disputed.geojson", None, None, "missing-file"),
    "datapackage.json": ("datapackage.json", None, None, "missing-file"),
}


def read_descriptor(data_dir: Path = DATA_DIR) -> dict:
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def fixture_gaps(descriptor: dict) -> list[dict]:
    """The resources the valid package would lack: neither in tests/fixtures/valid/ nor a lookup copied whole."""
    return [
        resource
        for resource in descriptor["resources"]
        if resource["path"] not in LOOKUPS and not (FIXTURES / "valid" / resource["path"]).is_file()
    ]


def package_with(case: str | None, root: Path, source: Path = DATA_DIR) -> Path:
    """A data package: the real schema, lookups and boundaries, the small valid tables, and one broken file.

    A resource with no file in tests/fixtures/valid/ is left out of the package's descriptor, so that the
    package still validates; test_the_valid_fixture_has_every_table fails for it instead.
    """
    data = root / "data"
    data.mkdir()
    for name in LOOKUPS:
        copy = shutil.copytree if (source / name).is_dir() else shutil.copy
        copy(source / name, data / name)
    shutil.copytree(FIXTURES / "valid", data, dirs_exist_ok=True)
    descriptor = read_descriptor(data)
    if gaps := {resource["name"] for resource in fixture_gaps(descriptor)}:
        kept = [resource for resource in descriptor["resources"] if resource["name"] not in gaps]
        text = json.dumps({**descriptor, "resources": kept}, indent=2, ensure_ascii=False) + "\n"
        (data / "datapackage.json").write_text(text, encoding="utf-8")
    if case:
        shutil.copytree(FIXTURES / "broken" / case, data, dirs_exist_ok=True)
    return data


def broken_package(case: str, root: Path) -> Path:
    """The package of a broken fixture; for "missing <path>", the valid package without that file."""
    if not case.startswith("missing "):
        return package_with(case, root)
    data = package_with(None, root)
    (data / case.removeprefix("missing ")).unlink()
    return data


def located(problems) -> list[tuple]:
    return [(Path(p.file).name, p.row, p.field, p.rule) for p in problems]


def run_command(capsys, *argv: str) -> tuple[int, str]:
    """Run the command line (``python -m caucasus_atlas ARGV``) in this process; return its exit code and what it
    wrote to stderr. An exception it lets escape fails the test, as it would print a traceback from the shell
    (``test_python_m_runs_the_command_line`` runs it as the shell does)."""
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_the_real_data_is_valid():
    assert [str(p) for p in validate_package()] == []


def test_the_valid_fixture_is_valid(tmp_path):
    assert [str(p) for p in validate_package(package_with(None, tmp_path))] == []


def test_the_valid_fixture_has_every_table():
    descriptor = read_descriptor()
    missing = [
        f"tests/fixtures/valid/ has no {resource['path']}, so the tests leave the resource '{resource['name']}' "
        f"of data/datapackage.json out of their package. Add tests/fixtures/valid/{resource['path']}: the header "
        f"of data/{resource['path']} and one or two valid rows that cite only keys of "
        "tests/fixtures/valid/references.bib and countries of tests/fixtures/valid/countries.csv "
        f"(see {HOW_TO})."
        for resource in fixture_gaps(descriptor)
    ]
    paths = {resource["path"] for resource in descriptor["resources"]}
    stray = [
        f"tests/fixtures/valid/{path.name} is not the path of any resource in data/datapackage.json: "
        "rename it to its resource's path, or remove it."
        for path in sorted((FIXTURES / "valid").iterdir())
        if path.name not in paths
    ]
    assert not missing + stray, "\n".join(missing + stray)


def test_a_table_the_fixture_lacks_is_left_out_of_the_valid_package(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(DATA_DIR, source)
    descriptor = read_descriptor(source)
    events = next(resource for resource in descriptor["resources"] if resource["name"] == "events")
    descriptor["resources"].append({**events, "name": "new_table", "path": "new_table.csv"})
    (source / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    shutil.copy(source / "events.csv", source / "new_table.csv")
    assert "new_table" in [resource["name"] for resource in fixture_gaps(descriptor)]
    (tmp_path / "package").mkdir()
    data = package_with(None, tmp_path / "package", source)
    assert "new_table" not in {resource["name"] for resource in read_descriptor(data)["resources"]}
    assert [str(p) for p in validate_package(data)] == []


def test_every_broken_fixture_has_an_expectation():
    assert sorted(p.name for p in (FIXTURES / "broken").iterdir()) == sorted(BROKEN)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_fixture_breaks_exactly_its_rule(case, tmp_path):
    file, row, field, rule = BROKEN[case]
    problems = validate_package(package_with(case, tmp_path))
    assert located(problems) == [(file, row, field, rule)]
    line = str(problems[0])
    word = "row" if file.endswith(".csv") else "line"
    assert "\n" not in line and "  " not in line and file in line and (row is None or f", {word} {row}" in line)
    assert field is None or f"field '{field}'" in line


@pytest.mark.parametrize("path", sorted(MISSING))
def test_a_missing_file_is_one_problem(path, tmp_path):
    assert located(validate_package(broken_package(f"missing {path}", tmp_path))) == [MISSING[path]]


@pytest.mark.parametrize("name", ["events.csv", "references.bib"])
def test_a_file_over_its_size_limit_is_one_problem_and_is_not_read(name, tmp_path):
    data = package_with(None, tmp_path)
    os.truncate(data / name, 50_000_000)  # 50 MB of NUL bytes, which would break every other rule if read
    problems = validate_package(data)
    assert located(problems) == [(name, None, None, "max-bytes")]
    assert "50,000,000 bytes" in str(problems[0])


def test_root_causes_come_first(tmp_path):
    data = package_with("broken-date", tmp_path)
    shutil.copy(FIXTURES / "broken/bom-csv/countries.csv", data)
    assert located(validate_package(data)) == [
        ("countries.csv", 1, None, "encoding"),
        ("events.csv", 2, "date", "date"),
    ]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("extra-cell", "the row has 9 cells, the header has 8"),
        ("missing-cell", "the row has 6 cells, the header has 8"),
        ("duplicate-membership", "duplicate key ('ARM', 'CIS', 'founding_member', '1991-12-21')"),
        ("missing-column", "the header lacks 'note': expected id, date, countries, kind, title, sources, note"),
        ("reordered-columns", "the columns are in the wrong order: expected id, date, countries, kind, title, sources"),
        ("latin1-csv", "byte 0xe9 on line 2 (byte offset 162) is not UTF-8"),
        ("newline-in-cell", "'1991-belovezha accords': constraint"),
    ],
)
def test_messages_say_what_is_wrong_in_one_line(case, message, tmp_path):
    assert message in str(validate_package(package_with(case, tmp_path))[0])


CLI_CASES = ["end-before-start", "broken-date", "reference-without-url", "latin1-csv", "bom-csv", "corrupt-descriptor"]


@pytest.mark.parametrize("case", [*CLI_CASES, "corrupt-geojson", "empty-bibliography", "missing events.csv"])
def test_the_command_line_reports_without_a_traceback(case, tmp_path, capsys):
    data = broken_package(case, tmp_path)
    code, stderr = run_command(capsys, "validate", "--data", str(data))
    assert code == 1
    assert "Traceback" not in stderr
    assert stderr.splitlines()[0].startswith(str(data))
    assert len(stderr.splitlines()) == 2  # the problem, then the count


@pytest.mark.parametrize("command", ["validate", "stamp"])
def test_python_m_runs_the_command_line(command, tmp_path):
    data = broken_package("broken-date", tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_atlas", command, "--data", str(data)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{data}/events.csv" in result.stderr  # the broken file, named


def test_loaders_refuse_invalid_data(tmp_path):
    with pytest.raises(DataError, match="not-before"):
        load_memberships(package_with("end-before-start", tmp_path))


ENTRY = """@misc{an-entry,
  title = {TITLE},
  publisher = {A publisher},
  url = {URL},
  urldate = {2026-11-25}
}
"""


def entry(title: str = "A title", url: str = "https://example.org/a") -> str:
    return ENTRY.replace("TITLE", title).replace("URL", url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://example.org/a page",
        " https://example.org/a",
        "https://example.org/a\n",
        "ftp://example.org/a",
    ],
)
def test_only_web_addresses_are_urls(url):
    assert not is_web_address(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "http://a b"])
def test_an_entry_whose_url_is_not_a_web_address_is_refused(url):
    references, problems = check_bibliography(entry(url=url), "references.bib")
    assert references == {} and located(problems) == [("references.bib", 1, "url", "url")]


def test_a_web_address_is_a_url():
    assert is_web_address("https://example.org/a?b=c#d") and is_web_address("http://en.kremlin.ru/catalog/glossary/38")


@pytest.mark.parametrize("title", ["<script>alert(1)</script>", "{{ 7*7 }}"])
def test_markup_in_a_title_is_kept_as_text(title):
    references, problems = check_bibliography(entry(title=title), "references.bib")
    assert problems == [] and references["an-entry"].title == title


@pytest.mark.parametrize("as_of", [None, "2026-11", "2026-02-30", "soon"])
def test_the_as_of_day_is_a_calendar_day(as_of, tmp_path):
    data = package_with(None, tmp_path)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.pop("asOf") if as_of is None else descriptor.update(asOf=as_of)
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert [(p.rule, "asOf" in p.message) for p in validate_package(data)] == [("descriptor", True)]
