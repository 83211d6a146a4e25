"""What a browser meets on each page of the built book: bytes by kind, and seconds to first render and to maps.

Two profiles, both in Debian's Chromium:

- ``DESKTOP``: localhost as it is, 1366x900;
- ``PHONE``: a mid-range phone on a slow mobile network: Lighthouse's mobile network preset
  (https://github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md: 1.6 Mbps down, 750 kbps up,
  150 ms round trip), with the CPU slowed four times and a 390x844 screen, as issue 19 sets them. Chromium
  applies it (DevTools protocol: ``Network.emulateNetworkConditions``, ``Emulation.setCPUThrottlingRate``) to
  every request, localhost's too.

Chromium runs with the tests' flags (``tests/browsing.py``), which keep its headless mode from loading the
omnibox's WebUI popup for each new context: until 2 December 2026 that work, beside the page measured and at the
same time, was counted in every page's timings.

A visit opens the page in a fresh context (an empty cache), scrolls to its first map as soon as the page has
parsed (a lazy frame loads once near the view) and waits for it to draw, then scrolls to each further map: what
it has sent by then are the page's bytes. Then it scrolls through the whole page, so that every figure a reader
would scroll past has loaded too: the page's bytes once read. The server logs each file it sends; bytes are
gzip at level 6, each file as often as it was sent (the browser does not share its cache between sandboxed map
frames).
"""

import functools
import gzip
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from caucasus_atlas.book.build import BUILD_DIR

HTML_DIR = BUILD_DIR / "html"
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
PHONE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
PHONE_CPU_SLOWDOWN = 4
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".topojson", ".csv", ".txt"}  # what GitHub Pages gzips
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await new Promise((done) => setTimeout(done, 50));
  }
}"""
DRAWN = "html[data-countries-drawn]"  # set by a map frame once its countries are drawn (caucasus_atlas/static/)
# What a page's bytes are, by the file that carries them: the first pattern that matches a path names its kind.
KINDS = [
    ("map frames", re.compile(r"\.map-[0-9a-f]{12}\.html$")),
    ("map data", re.compile(r"\.topojson$|\.details-[0-9a-f]{12}\.json$")),
    ("map scripts", re.compile(r"^_static/(leaflet/|topojson-client|atlas-maps)")),
    ("fonts", re.compile(r"\.(woff2?|ttf)$")),
    ("book CSS", re.compile(r"^_static/atlas[^/]*\.css$")),
    ("theme CSS", re.compile(r"\.css$")),
    ("book scripts", re.compile(r"^_static/atlas[^/]*\.js$")),
    ("theme scripts", re.compile(r"\.js$")),
    ("figures", re.compile(r"^_images/")),
    ("page", re.compile(r"\.html$")),
]


def kind_of(path: str) -> str:
    """The kind of bytes the file at ``path`` (relative to the book's root) carries."""
    return next((kind for kind, pattern in KINDS if pattern.search(path)), "other")


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, 6, mtime=0))


class LoggingHost(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages is one: text compressed with gzip for browsers that accept it, and caching
    allowed for ten minutes. It logs each file it sends."""

    sent: list[Path]

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.sent.append(path)

    def send_head(self):
        response = super().send_head()
        if response is not None:
            self.sent.append(Path(self.translate_path(self.path)))
        return response

    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[str, list[Path]]:
    """Serve ``directory`` on localhost; return its address and the list the server appends each sent file to."""
    sent: list[Path] = []
    handler = functools.partial(type("Host", (LoggingHost,), {"sent": sent}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", sent


@dataclass
class Visit:
    """One visit to a page: seconds from the start of navigation, and the files the server sent."""

    dom_content_loaded: float
    first_map: float | None  # the first map drawn
    slowest_map: float | None  # the longest any map took to draw from the moment it was scrolled to
    files: list[Path] = field(default_factory=list)  # on opening, each map scrolled to
    scrolled: list[Path] = field(default_factory=list)  # once the reader has scrolled through the whole page


def visit(browser, host: tuple[str, list[Path]], path: str, profile: dict, throttled: bool = False) -> Visit:
    """Open ``path`` in a fresh context with ``profile``, its maps and every image scrolled to; see the module."""
    address, sent = host
    sent.clear()
    context = browser.new_context(**profile)
    page = context.new_page()
    if throttled:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        session.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    page.goto(f"{address}/{path}", wait_until="commit")
    page.wait_for_load_state("domcontentloaded")
    origin = page.evaluate("performance.timeOrigin")
    first_map = slowest = None
    frames = page.locator(".atlas-frame iframe")
    for index in range(frames.count()):
        scrolled_at = page.evaluate(
            "frame => { frame.scrollIntoView(); return performance.timeOrigin + performance.now(); }",
            frames.nth(index).element_handle(),
        )
        root = page.frame_locator(".atlas-frame iframe").nth(index).locator(DRAWN)
        root.wait_for(state="attached", timeout=60_000)
        drawn_at = int(root.get_attribute("data-countries-drawn"))  # ms since the epoch, by the frame's clock
        if first_map is None:
            first_map = (drawn_at - origin) / 1000
        slowest = max(slowest or 0, (drawn_at - scrolled_at) / 1000)
    opened = list(sent)
    page.evaluate(SCROLL_THROUGH)
    page.wait_for_function("() => [...document.images].every(i => i.complete || i.offsetParent === null)")
    timing = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    context.close()
    return Visit(timing / 1000, first_map, slowest, opened, list(sent))


def composition(files: list[Path], root: Path = HTML_DIR) -> dict[str, int]:
    """Gzip bytes of ``files`` by kind (``KINDS``), each as often as it was sent."""
    kinds: dict[str, int] = {}
    for file in files:
        if file.is_file():
            kind = kind_of(file.relative_to(root).as_posix())
            kinds[kind] = kinds.get(kind, 0) + gzip_size(file.read_bytes())
    return kinds


def text_floor(html_path: Path) -> int:
    """Gzip bytes of the page's article text alone: the least any page could send to say what it says."""
    from bs4 import BeautifulSoup

    article = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").find("article")
    return gzip_size(article.get_text(" ", strip=True).encode())


def medians(visits: list[Visit]) -> Visit:
    """The median of each timing over ``visits``; the files of the first."""

    def middle(values):
        values = [v for v in values if v is not None]
        return median(values) if values else None

    return Visit(
        middle(v.dom_content_loaded for v in visits),
        middle(v.first_map for v in visits),
        middle(v.slowest_map for v in visits),
        visits[0].files,
        visits[0].scrolled,
    )
