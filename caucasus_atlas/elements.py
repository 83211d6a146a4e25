"""Map elements whose output is never read as a template a second time.

branca renders a ``MacroElement``'s macros, then wraps each result in a new ``Element``,
which compiles it as a Jinja template and renders it again with the page. Anything from
the data inside a macro's output (a site named ``{{ 7*7 }}``, say) would be evaluated
then. ``AtlasElement`` places the rendered macros as they are.

It relies on branca's internals: the macros in ``self._template.module`` and the root Figure's
``header``, ``html`` and ``script`` children. No upstream issue was found for the second rendering;
https://github.com/geopandas/geopandas/issues/2657 reports its symptom (a ``TemplateSyntaxError``
for data holding ``{{{``). ``tests/test_overrides.py`` fails when branca stops rendering twice (and
this module can go) or reads other macros.
"""

from branca.element import Element, MacroElement

PARTS = ("header", "html", "script")  # the macros branca looks for, and the page sections they fill


class Literal(Element):
    """Text placed into a map document as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class AtlasElement(MacroElement):
    """A ``MacroElement`` rendered once: each macro's output reaches the page as a ``Literal``."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        for part in PARTS:
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Literal(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
