"""Provenance next to the data: who made each file, under what licence, when it changed, and its checksum."""

import json
import shutil
import subprocess
from datetime import date, datetime

import pytest

from caucasus_atlas.paths import DATA_DIR, REPO_ROOT
from caucasus_atlas.problems import DataError
from caucasus_atlas.provenance import file_integrity, stale_resources, stamp
from tests.test_validation import broken_package, package_with, run_command

DESCRIPTOR = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_every_file_records_the_checksum_and_size_it_has():
    assert not stale_resources(), "data changed without its metadata: run `make stamp` and commit datapackage.json"


def test_every_file_records_when_it_last_changed():
    created = datetime.fromisoformat(DESCRIPTOR["created"]).date()
    for resource in DESCRIPTOR["resources"]:
        assert created <= date.fromisoformat(resource["lastUpdated"]) <= date.today(), resource["name"]


def test_the_package_names_its_producer_licence_and_sources():
    assert {c["role"] for c in DESCRIPTOR["contributors"]} >= {"author"}
    assert all(licence["name"] and licence["path"].startswith("https://") for licence in DESCRIPTOR["licenses"])
    assert [source["path"] for source in DESCRIPTOR["sources"]] == ["references.bib"]


def test_stamping_records_an_edit_once(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    events = (data / "events.csv").read_text(encoding="utf-8")
    (data / "events.csv").write_text(events.replace("Belovezha Accords", "Belavezha Accords"), encoding="utf-8")
    assert stale_resources(data) == ["events"]
    assert stamp(data, today=date(2030, 1, 2)) == ["events"]
    events = next(r for r in json.loads((data / "datapackage.json").read_text())["resources"] if r["name"] == "events")
    assert events["lastUpdated"] == "2030-01-02"
    assert events["hash"] == file_integrity(data / "events.csv")["hash"]
    assert stamp(data) == [] and stale_resources(data) == []


def test_stamping_a_broken_package_writes_nothing(tmp_path):
    data = package_with("broken-date", tmp_path)
    assert stale_resources(data), "the fixture's files differ from the real ones: stamping would write"
    before = (data / "datapackage.json").read_bytes()
    with pytest.raises(DataError, match="not a calendar date"):
        stamp(data)
    assert (data / "datapackage.json").read_bytes() == before


@pytest.mark.parametrize("case", ["broken-date", "corrupt-descriptor", "missing events.csv"])
def test_the_stamp_command_refuses_a_broken_package_without_a_traceback(case, tmp_path, capsys):
    data = broken_package(case, tmp_path)
    before = (data / "datapackage.json").read_bytes()
    code, stderr = run_command(capsys, "stamp", "--data", str(data))
    assert code == 1 and "Traceback" not in stderr
    assert "nothing recorded" in stderr
    assert (data / "datapackage.json").read_bytes() == before


def make_commands(target: str) -> list[str]:
    """The package commands `make <target>` runs, in order (``make -n`` prints them and runs nothing)."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    recipe = subprocess.run(["make", "-n", target], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    return [line.split("caucasus_atlas ")[1].split()[0] for line in recipe.splitlines() if "-m caucasus_atlas " in line]


def test_make_validate_stamps_only_after_validating_and_make_check_never_stamps():
    assert make_commands("validate") == ["validate", "stamp"]
    assert "stamp" not in make_commands("check")
