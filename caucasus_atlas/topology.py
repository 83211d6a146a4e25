"""The boundaries as the maps download them: one quantised TopoJSON file of both layers.

The GeoJSON in ``data/boundaries/`` stays as readers download it. For the maps, the
topology stores each border two countries share once, as an arc, and quantises it.
Arcs the maps never show up close (wholly outside ``DETAIL_WINDOW``: Siberia, the Arctic,
Scandinavia) are simplified further; simplifying arcs, not polygons, keeps neighbours
meeting exactly.
"""

import numpy as np
import shapely
import topojson

from caucasus_atlas.geography import load_boundaries

LAYERS = ("countries", "disputed")
# Where the maps look: the widest frame (the former Soviet space west of 80°E) with a margin.
DETAIL_WINDOW = shapely.box(20.0, 31.0, 82.0, 60.0)
# Outside it, 0.05 degrees: under a pixel at the zoom of the region map (about 0.09 degrees a pixel).
FAR_TOLERANCE = 0.05
# 30,000 steps across the extent, which spans 360 degrees of longitude (Russia crosses the antimeridian):
# 0.012 degrees of longitude and 0.002 of latitude, so a border moves at most 0.006 degrees (about 500 m),
# less than the boundaries' own simplification (0.02 degrees) and about a pixel on the closest map (Armenia).
QUANTISATION = 30_000


def web_topology() -> str:
    """Both boundary layers as one TopoJSON text, one object per layer; identical on every run."""
    topology = topojson.Topology(
        [load_boundaries(layer) for layer in LAYERS], object_name=list(LAYERS), prequantize=False
    )
    arcs = topology.output["arcs"]
    for index, arc in enumerate(arcs):
        arcs[index] = simplified_if_far(np.asarray(arc))
    return topology.topoquantize(QUANTISATION).to_json()


def simplified_if_far(arc: np.ndarray) -> np.ndarray:
    """An arc simplified to ``FAR_TOLERANCE`` if it lies wholly outside the detail window.

    Its ends, where it meets other arcs, never move, and a closed arc (an island) stays a ring.
    """
    line = shapely.LineString(arc)
    if line.intersects(DETAIL_WINDOW):
        return arc
    return shapely.get_coordinates(shapely.simplify(line, FAR_TOLERANCE, preserve_topology=True))
