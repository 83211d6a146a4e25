"""Bad data is refused before anything runs, with one line naming file, row, field and rule.

Each folder in tests/fixtures/broken/ holds one deliberately broken file. It is laid
over a small valid package (tests/fixtures/valid/ on top of the real organisations
and schema), so each case breaks exactly one rule.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caucasus_atlas import DataError, load_memberships
from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.validation import validate_package

FIXTURES = Path(__file__).parent / "fixtures"
LOOKUPS = ("datapackage.json", "organisations.csv")

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
    "duplicate-id": ("military_sites.csv", 3, "id", "duplicate-id"),
    "site-outside-host": ("military_sites.csv", 2, "lat,lon", "outside-country"),
    "extra-cell": ("events.csv", 2, None, "extra-cell"),
    "reference-without-url": ("references.bib", 1, "url", "required"),
    "duplicate-reference": ("references.bib", 14, None, "duplicate-key"),
}


def package_with(case: str | None, root: Path) -> Path:
    """A data package: the real schema and lookups, the small valid tables, and one broken file."""
    data = root / "data"
    data.mkdir()
    for name in LOOKUPS:
        shutil.copy(DATA_DIR / name, data / name)
    shutil.copytree(FIXTURES / "valid", data, dirs_exist_ok=True)
    if case:
        shutil.copytree(FIXTURES / "broken" / case, data, dirs_exist_ok=True)
    return data


def test_the_real_data_is_valid():
    assert [str(p) for p in validate_package()] == []


def test_the_valid_fixture_is_valid(tmp_path):
    assert [str(p) for p in validate_package(package_with(None, tmp_path))] == []


def test_every_broken_fixture_has_an_expectation():
    assert sorted(p.name for p in (FIXTURES / "broken").iterdir()) == sorted(BROKEN)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_fixture_breaks_exactly_its_rule(case, tmp_path):
    file, row, field, rule = BROKEN[case]
    problems = validate_package(package_with(case, tmp_path))
    assert [(Path(p.file).name, p.row, p.field, p.rule) for p in problems] == [(file, row, field, rule)]
    line = str(problems[0])
    assert "\n" not in line and file in line and (row is None or f"row {row}" in line)
    assert field is None or f"field '{field}'" in line


@pytest.mark.parametrize("case", ["end-before-start", "broken-date", "reference-without-url"])
def test_the_command_line_reports_without_a_traceback(case, tmp_path):
    data = package_with(case, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_atlas", "validate", "--data", str(data)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(str(data))


def test_loaders_refuse_invalid_data(tmp_path):
    with pytest.raises(DataError, match="not-before"):
        load_memberships(package_with("end-before-start", tmp_path))
