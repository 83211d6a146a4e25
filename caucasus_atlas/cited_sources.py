"""Which sources the tables' rows cite: the keys of ``references.bib`` in their reference columns.

Read with the standard library, from the validated package: the book lists each table's sources without pandas.
"""

import csv
from collections.abc import Iterable
from pathlib import Path

from caucasus_atlas.descriptor import valid_descriptor
from caucasus_atlas.paths import DATA_DIR


def reference_columns(resource: dict) -> list[str]:
    """A table's columns of ``references.bib`` keys (``listOf`` the references)."""
    fields = resource.get("schema", {}).get("fields", [])
    return [field["name"] for field in fields if field.get("listOf", {}).get("resource") == "references"]


def citing_tables(data_dir: Path = DATA_DIR) -> dict[str, Path]:
    """Every table with a column of source keys, by name, with its file."""
    return {
        resource["name"]: data_dir / resource["path"]
        for resource in valid_descriptor(data_dir)["resources"]
        if reference_columns(resource)
    }


def keys_cited_by(tables: Iterable[str], data_dir: Path = DATA_DIR) -> set[str]:
    """The keys of every source the named tables' rows cite; a name that is not a citing table is a KeyError."""
    resources = {resource["name"]: resource for resource in valid_descriptor(data_dir)["resources"]}
    keys: set[str] = set()
    for name in tables:
        columns = reference_columns(resources.get(name, {}))
        if not columns:
            raise KeyError(name)
        with open(data_dir / resources[name]["path"], encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                keys.update(key for column in columns for key in row[column].split(";") if key)
    return keys
