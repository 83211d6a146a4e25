from datetime import date

import pytest

from caucasus_atlas.dates import format_partial_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "first_day", "precision"),
    [
        ("1991-12-21", date(1991, 12, 21), "day"),
        ("2009-08", date(2009, 8, 1), "month"),
        ("1994", date(1994, 1, 1), "year"),
    ],
)
def test_parse_keeps_the_precision_of_the_source(text, first_day, precision):
    assert parse_partial_date(text) == (first_day, precision)


@pytest.mark.parametrize("text", ["2023-02-30", "1991-13", "91-12-21", "1991/12/21", "", "1991-12-1"])
def test_parse_rejects_what_is_not_a_calendar_date(text):
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(text)


@pytest.mark.parametrize(("text", "shown"), [("1991-12-08", "8 Dec 1991"), ("2009-08", "Aug 2009"), ("1994", "1994")])
def test_format_shows_no_more_precision_than_known(text, shown):
    assert format_partial_date(*parse_partial_date(text)) == shown
