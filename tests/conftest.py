import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from caucasus_atlas.build import build_book


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
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_book))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
