import fcntl
import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from caucasus_atlas.book.build import BUILD_DIR, build_book
from caucasus_atlas.paths import REPO_ROOT
from tests.browsing import CHROMIUM, CHROMIUM_ARGS, serve

TRACES = REPO_ROOT / "_build" / "test-traces"  # open one with `.venv/bin/playwright show-trace FILE`
# A trace's DOM snapshots, taken at every action, doubled the browser tests' time (the references page's 970
# entries); a trace keeps its actions, console, requests and screenshots without them. To record them for a test
# you are debugging: ATLAS_TRACE_SNAPSHOTS=1.
TRACE_SNAPSHOTS = bool(os.environ.get("ATLAS_TRACE_SNAPSHOTS"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The HTML book, built once per test session exactly as `make book` builds it.

    pytest-xdist runs the tests in a process per core (``-n auto`` in pyproject.toml), each with its own session:
    the first to ask builds the book, under a lock the others wait on, and they all read that build.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:  # a run without workers (-n 0, -p no:xdist)
        return build_book(quiet=True)
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / "book.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = shared / "book.built"
        if not built.exists():
            build_book(quiet=True)
            built.write_text("")
    return BUILD_DIR / "html"


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, for fixtures that act on failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def trace_on_failure(request):
    """Record a Playwright trace of every browser context a test opens; keep it under TRACES if the test fails."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    contexts, open_context = [], browser.new_context

    def new_context(**options):
        context = open_context(**options)
        context.tracing.start(screenshots=True, snapshots=TRACE_SNAPSHOTS)
        contexts.append(context)
        return context

    browser.new_context = new_context
    browser.new_page = lambda **options: new_context(**options).new_page()
    yield
    del browser.new_context, browser.new_page
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for number, context in enumerate(contexts):
        try:
            context.tracing.stop(path=TRACES / f"{request.node.name}-{number}.zip" if failed else None)
            context.close()
        except PlaywrightError:
            pass  # the test closed it: it passed that far
