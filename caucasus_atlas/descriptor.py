"""The data package's descriptor, once the whole package validates, and the day it declares the record last checked.

Kept apart from the typed tables (``data``): the build dates every page from it without pandas.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.problems import DataError
from caucasus_atlas.validation import validate_package


@cache
def valid_descriptor(data_dir: Path = DATA_DIR) -> dict:
    """The package descriptor, once the data has passed validation."""
    problems = validate_package(data_dir)
    if problems:
        raise DataError(problems)
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def load_as_of(data_dir: Path = DATA_DIR) -> date:
    """The day the record was last checked against its sources (``asOf`` in the descriptor).

    It is declared, not computed from the sources' access dates, so that adding a row read
    today changes no figure, map or page but those that show the row.
    """
    return date.fromisoformat(valid_descriptor(data_dir)["asOf"])


def checked_line(as_of: date) -> str:
    """The line every page shows under its title: when its data was last checked against its sources."""
    return f"Data last checked: {format_partial_date(as_of, 'day')}."
