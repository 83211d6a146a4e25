import os
from pathlib import Path

import pytest

from caucasus_atlas.build import build_book
from caucasus_atlas.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.browsing import serve


def pytest_configure(config):
    """Notebooks under nbval draw the book's maps, as their committed outputs do (see caucasus_atlas.assets)."""
    os.environ.pop("ATLAS_MAPS", None)


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The HTML book, built once per test session exactly as `make book` builds it."""
    return build_book(quiet=True)


@pytest.fixture(scope="session")
def book_server(built_book):
    """The built book served on localhost; yields its base URL."""
    with serve(built_book) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "CI=true but Chromium is not installed: .ci/run must install it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
