"""ISO 8601 dates at day, month or year precision, as the sources give them."""

import re
from datetime import date
from typing import Literal, NamedTuple

Precision = Literal["day", "month", "year"]
_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(NamedTuple):
    """A date known to some precision; ``first_day`` is where its period starts."""

    first_day: date
    precision: Precision


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
    match = _FORM.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    precision: Precision = "day" if day else "month" if month else "year"
    try:
        first_day = date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ValueError(f"'{text}' is not a calendar date ({err})") from None
    return PartialDate(first_day, precision)


def format_partial_date(day: date, precision: Precision) -> str:
    """Show a date only as precisely as it is known: '21 Dec 1991', 'Dec 1991', '1991'."""
    formats = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}
    return day.strftime(formats[precision])


def iso_text(day: date, precision: Precision) -> str:
    """A date back to the ISO form its source gave: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'."""
    return day.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision])
