"""The boundaries as the maps download them: one quantised TopoJSON file of both layers.

The GeoJSON in ``data/boundaries/`` stays as readers download it. For the maps, the
topology stores each border two countries share once, as an arc, and quantises it.
What the maps never show up close (the stretches of arcs outside ``DETAIL_WINDOW``: Siberia,
the Arctic, Scandinavia) is simplified further; simplifying arcs, not polygons, keeps
neighbours meeting exactly. Out there, islets (``FAR_ISLET``) are left out.
"""

import geopandas as gpd
import numpy as np
import shapely
import topojson

from caucasus_atlas.geography import load_boundaries

LAYERS = ("countries", "disputed")
# Where the maps look: the widest frame (the former Soviet space west of 80°E) with a margin.
DETAIL_WINDOW = shapely.box(20.0, 31.0, 82.0, 60.0)
# Outside it, 0.1 degrees: about a pixel at the zoom of the region map (0.09 degrees a pixel), which shows these
# stretches only once a reader pans or zooms out past its frame. 0.05 degrees took 5.5 KB more, gzip, on every map
# page.
FAR_TOLERANCE = 0.1
# Outside it too, an island smaller than 0.05 square degrees (about 250 km² in the Arctic, two pixels by two at the
# region map's zoom) is left out: 269 of them (Russia's, Norway's, Finland's, China's…), 4.8 KB gzip.
FAR_ISLET = 0.05
# The grid the topology snaps to: 30,000 steps across the extent of longitude, which spans 360 degrees (Russia
# crosses the antimeridian), so 0.012 degrees of longitude, about 940 m at 45°N, where the maps look; and 0.0048
# degrees of latitude (530 m). A border moves at most half a step (about 470 m), less than the boundaries' own
# simplification (0.02 degrees) and about a pixel on the closest map (Armenia). An equal number of steps on both
# axes made those of latitude six times finer than those of longitude (its extent is 57 degrees, not 360): 4 KB
# more, gzip. Coarser steps of latitude (half or 0.7 of those of longitude) fold a fjord or an inlet into a spike,
# which topojson removes, moving that coast by 0.1 degrees: tests/test_boundaries.py checks that no country's
# border moves further than allowed.
LONGITUDE_STEP = 360 / (30_000 - 1)
LATITUDE_STEP = LONGITUDE_STEP * 0.4


def web_topology() -> str:
    """Both boundary layers as one TopoJSON text, one object per layer; identical on every run."""
    topology = topojson.Topology(
        [without_far_islets(load_boundaries(layer)) for layer in LAYERS], object_name=list(LAYERS), prequantize=False
    )
    arcs = topology.output["arcs"]
    for index, arc in enumerate(arcs):
        arcs[index] = simplified_where_far(np.asarray(arc))
    west, south = topology.output["bbox"][:2]
    grid = {"scale": [LONGITUDE_STEP, LATITUDE_STEP], "translate": [west, south]}
    return topology.topoquantize(grid).to_json()


def simplified_where_far(arc: np.ndarray) -> np.ndarray:
    """``arc`` with each stretch outside the detail window simplified to ``FAR_TOLERANCE``.

    A stretch is simplified between the points that bound it inside the window, which do not move, nor do the
    arc's ends, where it meets other arcs; so neighbours keep meeting exactly, and a closed arc (an island) stays
    a ring. An arc wholly outside is simplified whole.
    """
    far = ~shapely.contains_xy(DETAIL_WINDOW, arc[:, 0], arc[:, 1])
    pieces = []
    for run in np.split(np.arange(len(arc)), np.flatnonzero(np.diff(far)) + 1):
        if not far[run[0]]:
            pieces.append(arc[run])
            continue
        first, last = max(run[0] - 1, 0), min(run[-1] + 1, len(arc) - 1)  # with the inside points around it
        line = shapely.simplify(shapely.LineString(arc[first : last + 1]), FAR_TOLERANCE, preserve_topology=True)
        stretch = shapely.get_coordinates(line)
        pieces.append(stretch[int(first < run[0]) : len(stretch) - int(last > run[-1])])
    return np.concatenate(pieces)


def without_far_islets(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``shapes`` without the parts that lie wholly outside the detail window and are smaller than ``FAR_ISLET``
    (in square degrees: the measure of the tolerances here)."""

    def kept(shape):
        parts = shapely.get_parts(shape)
        far = ~shapely.intersects(parts, DETAIL_WINDOW) & (shapely.area(parts) < FAR_ISLET)
        return shapely.multipolygons(parts[~far]) if far.any() else shape

    shapes = shapes.copy()
    shapes["geometry"] = [kept(shape) for shape in shapes.geometry]
    return shapes
