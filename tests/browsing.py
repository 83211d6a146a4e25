"""Reading the book as a browser shows it: Debian's Chromium driven by Playwright, pages served on localhost.

The benchmark (``benchmarks/run.py``) starts Chromium the same way.
"""

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium")
# Headless and quiet on a closed network: without the background-networking flags Chromium keeps calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chromium 156's headless mode is the whole browser, and each new window (a Playwright context) loads the
    # omnibox's WebUI popup: about 300 module requests, while the page under test loads. A visit to intro.html costs
    # 0.32 CPU-seconds without it, 0.56 with it, on a 2-core machine. No reader's page load pays it (a browser window
    # loads it once); no upstream issue found.
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
]
# Without Chromium the browser tests skip, with the reason shown; under CI a missing browser is a failure.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM and os.environ.get("CI") != "true", reason="Chromium is not installed (run scripts/ensure-chromium)"
)

# Run in a map frame: the text a reader can meet there. Controls and notes as shown, every tooltip built as
# Leaflet builds it when it opens, and every site's and corridor's details as the panel shows them (markup set as
# the HTML of an element in the document), from the file the page's maps share.
MAP_DOCUMENT = re.compile(r"\.map-[0-9a-f]{12}\.html$")  # caucasus_atlas/book/map_frames.py
MAP_TEXTS = """async () => {
  const texts = [document.body.innerText], box = document.createElement("div");
  document.querySelectorAll("option").forEach((option) => texts.push(option.text));
  document.body.append(box);
  const show = (content) => {
    if (typeof content === "string") box.innerHTML = content; else box.replaceChildren(content.cloneNode(true));
    texts.push(box.textContent);
  };
  const map = Object.keys(window).filter((name) => name.startsWith("map_")).map((name) => window[name])
    .find((value) => value instanceof L.Map);
  map.eachLayer((layer) => {
    const tooltip = layer.getTooltip && layer.getTooltip();
    if (tooltip && tooltip.getContent()) show(tooltip.getContent());
  });
  Object.values(await atlasMaps.details()).forEach(show);
  box.remove();
  return texts.join("\\n");
}"""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on localhost; yield its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def visit(browser, url):
    """Open a page; return it with its console errors and every host it asked for."""
    page = browser.new_page()
    errors, hosts = [], set()
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: hosts.add(urlsplit(req.url).hostname))
    page.goto(url)  # until "load"; tests then wait for what they check (maps drawn, elements present)
    return page, errors, hosts - {None, "127.0.0.1"}


def drawn_maps(page) -> list:
    """Scroll to each map frame of the page in turn (they load lazily), wait until it has drawn; return them."""
    frames = []
    for index in range(page.locator("iframe").count()):
        page.locator("iframe").nth(index).scroll_into_view_if_needed()
        frame = page.frame_locator("iframe").nth(index)
        frame.locator("html[data-countries-drawn][data-disputed-drawn]").wait_for(state="attached")
        frames.append(frame)
    return frames


def map_texts(page) -> list[str]:
    """The text each drawn map of the page shows a reader, controls, tooltips and details included."""
    drawn_maps(page)
    return [frame.evaluate(MAP_TEXTS) for frame in page.frames if is_map_document(frame)]


def is_map_document(frame) -> bool:
    """Whether a Playwright frame holds one of the book's map documents (caucasus_atlas/book/map_frames.py)."""
    return MAP_DOCUMENT.search(frame.url) is not None
