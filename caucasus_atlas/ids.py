"""Deterministic element ids for folium maps.

branca names every element with ``os.urandom``, so a re-run notebook would differ
from its committed outputs in every id. Here ids are derived from a namespace (one
per map) and a counter, so the same code yields the same ids, and two maps on one
page never share one.

It replaces ``Element._generate_id``, the hook branca added for predictable ids
(https://github.com/python-visualization/branca/pull/203); ``tests/test_overrides.py`` fails
if branca stops naming elements through it, or a map rendered twice differs.
"""

import hashlib
import itertools

from branca.element import Element


class IdSequence:
    """Hex ids from ``sha256(namespace:n)``, n counting up from 0, 12 digits long: a map names a few dozen
    elements, each many times, and 48 bits keep them apart as well as branca's 128 do."""

    def __init__(self) -> None:
        self.restart("caucasus-atlas")

    def restart(self, namespace: str) -> None:
        self._namespace = namespace
        self._counter = itertools.count()

    def __call__(self, cls: type | None = None) -> str:
        return hashlib.sha256(f"{self._namespace}:{next(self._counter)}".encode()).hexdigest()[:12]


ELEMENT_IDS = IdSequence()
Element._generate_id = classmethod(ELEMENT_IDS)
