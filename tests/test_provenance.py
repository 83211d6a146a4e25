"""Provenance next to the data: who made each file, under what licence, when it changed, and its checksum."""

import json
import shutil
from datetime import date, datetime

from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.provenance import file_integrity, stale_resources, stamp

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
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("boundaries"))
    with (data / "events.csv").open("a", encoding="utf-8") as table:
        table.write("\n")
    assert stale_resources(data) == ["events"]
    assert stamp(data, today=date(2030, 1, 2)) == ["events"]
    events = next(r for r in json.loads((data / "datapackage.json").read_text())["resources"] if r["name"] == "events")
    assert events["lastUpdated"] == "2030-01-02"
    assert events["hash"] == file_integrity(data / "events.csv")["hash"]
    assert stamp(data) == [] and stale_resources(data) == []
