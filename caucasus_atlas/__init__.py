"""Data, maps and figures for the book on Moscow's leverage in the South Caucasus.

Notebooks read every table through this package, so that data is validated once
against ``data/datapackage.json`` and arrives typed.

The names below are imported when first used: the build imports this package for its
Sphinx extension and its command line, which need neither pandas nor geopandas.
"""

from importlib import import_module

# Each public name and the module that defines it.
_PUBLIC = {
    "load_as_of": "caucasus_atlas.descriptor",
    "load_claims": "caucasus_atlas.data",
    "DataError": "caucasus_atlas.problems",
    "Problem": "caucasus_atlas.problems",
    "load_countries": "caucasus_atlas.data",
    "load_disputed_areas": "caucasus_atlas.data",
    "load_events": "caucasus_atlas.data",
    "load_memberships": "caucasus_atlas.data",
    "load_military_sites": "caucasus_atlas.data",
    "load_organisations": "caucasus_atlas.data",
    "load_references": "caucasus_atlas.references",
}
__all__ = list(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_PUBLIC[name]), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
