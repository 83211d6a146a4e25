"""Data is text, never code: a book built from hostile data shows every string literally and runs none of them.

The book is built, as `make book` builds it, from a copy of the repository whose data carries every payload of
``tests/fixtures/hostile/payloads.csv`` (templates, scripts, event handlers, ``javascript:`` URLs, mathtext,
spreadsheet formulas, emoji, right-to-left and zero-width characters). Then each string must be found as text
where the fixture says a reader meets it, and Chromium must see no trace of any of them running.

The copy starts from this checkout's built book and execution cache, so its build is a warm rebuild after a data
edit: finding the new strings on the pages also shows that such an edit never publishes a stale chapter.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from caucasus_atlas import load_events
from caucasus_atlas.book.contents import toc_files
from caucasus_atlas.paths import REPO_ROOT
from tests.browsing import map_texts, needs_chromium, serve
from tests.hostile import hostile_copy, payloads

PAYLOADS = payloads()
PLACES = sorted({place for payload in PAYLOADS for place in payload.shown_on})
TRACES = "pwned"  # every payload that would run, or load anything, names this


@pytest.fixture(scope="module")
def hostile_book(built_book, tmp_path_factory) -> Path:
    """The HTML book rebuilt from the hostile copy (its package, kernels and data, not this checkout's)."""
    root = hostile_copy(REPO_ROOT, built_book.parent, tmp_path_factory.mktemp("hostile") / "book")
    environment = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_atlas", "build"], cwd=root, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, f"the hostile book did not build:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return root / "_build" / "html"


def page_text(page: Path) -> str:
    """What a page says, as a reader reads it: its text, without scripts and styles."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for element in soup(["script", "style"]):
        element.decompose()
    return soup.get_text()


def figure_text(figures: list[Path]) -> str:
    """Every text element of the book's SVG figures."""
    return "\n".join("".join(ET.parse(svg).getroot().itertext()) for svg in figures)


def expected(place: str) -> list[str]:
    return [payload.text for payload in PAYLOADS if place in payload.shown_on]


def test_the_fixture_reaches_every_kind_of_place():
    assert {p.split(":")[0] for p in PLACES} >= {"chapters/footprint.html", "map", "svg"}
    assert all(payload.shown_on for payload in PAYLOADS)


def test_a_data_edit_reaches_the_page_after_a_warm_rebuild(hostile_book):
    edited = next(p for p in PAYLOADS if p.file == "events.csv")
    original = next(e for e in load_events().itertuples() if e.id == edited.key).title
    text = page_text(hostile_book / "chapters" / "timeline.html")
    assert edited.text in text and original not in text


def test_no_page_shows_a_warning_or_an_error_output(hostile_book):
    noisy = [p.name for p in hostile_book.rglob("*.html") if "output stderr" in p.read_text(encoding="utf-8")]
    assert noisy == []


@pytest.mark.parametrize("place", [p for p in PLACES if p.endswith(".html") and ":" not in p])
def test_each_string_is_text_on_its_page(hostile_book, place):
    text = page_text(hostile_book / place)
    assert [payload for payload in expected(place) if payload not in text] == []


def test_each_string_is_text_in_the_figures(hostile_book):
    text = figure_text(sorted(hostile_book.rglob("*.svg")))
    assert [payload for payload in expected("svg") if payload not in text] == []


@dataclass(frozen=True)
class Visit:
    """What the browser met on a page, once every tooltip and popup of its maps was built."""

    map_text: str
    errors: list[str]  # console errors
    requests: list[str]  # every URL the page asked for
    dialogs: list[str]
    ran: list[str]  # the frames in which a payload ran


def met_on(browser, url: str) -> Visit:
    page = browser.new_page()
    errors, requests, dialogs = [], [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exception: errors.append(str(exception)))
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    text = "\n".join(map_texts(page))  # builds every tooltip and popup, as a reader opening each would
    ran = [frame.url for frame in page.frames if frame.evaluate("() => 'pwned' in window")]
    page.close()
    return Visit(text, errors, requests, dialogs, ran)


@pytest.fixture(scope="module")
def visits(browser, hostile_book) -> dict[str, Visit]:
    """Every page of the hostile book, visited once, by its path: the browser tests below share the visits."""
    with serve(hostile_book) as address:
        return {f"{name}.html": met_on(browser, f"{address}/{name}.html") for name in toc_files()}


@needs_chromium
@pytest.mark.parametrize("place", [p for p in PLACES if p.startswith("map:")])
def test_each_string_is_text_in_its_maps(visits, place):
    met = visits[place.removeprefix("map:")]
    assert [payload for payload in expected(place) if payload not in met.map_text] == []
    assert met.errors == []


@needs_chromium
def test_nothing_from_the_data_runs_on_any_page_or_map(visits):
    """A payload that ran would set ``pwned``, open a dialog, or load a file named after it."""
    assert [url for met in visits.values() for url in met.requests if TRACES in url] == []
    assert [message for met in visits.values() for message in met.dialogs] == []
    assert [f"{name}: {frame}" for name, met in visits.items() for frame in met.ran] == []
