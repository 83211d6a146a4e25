"""The book's Sphinx hooks that need no build to test."""

from types import SimpleNamespace

from caucasus_atlas.book.checks import unlisted_chapters
from caucasus_atlas.book.page_assets import refresh_static_files
from caucasus_atlas.paths import REPO_ROOT


def test_an_edited_stylesheet_reaches_the_built_book_even_when_no_page_changed(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static/atlas.css").write_text("p { color: red; }")
    (tmp_path / "html/_static").mkdir(parents=True)
    (tmp_path / "html/_static/atlas.css").write_text("p { color: blue; }")
    app = SimpleNamespace(
        config=SimpleNamespace(html_static_path=["_static"]), confdir=tmp_path, outdir=tmp_path / "html"
    )
    refresh_static_files(app)
    assert (tmp_path / "html/_static/atlas.css").read_text() == "p { color: red; }"


def test_every_chapter_file_is_in_the_table_of_contents():
    assert unlisted_chapters(REPO_ROOT) == []


def test_a_chapter_left_out_of_the_table_of_contents_is_named_but_not_a_listed_section_or_a_checkpoint(tmp_path):
    (tmp_path / "chapters/sub").mkdir(parents=True)
    (tmp_path / "chapters/.ipynb_checkpoints").mkdir()
    for name in ("listed.md", "sub/section.md", "sub/forgotten.md", ".ipynb_checkpoints/listed-checkpoint.md"):
        (tmp_path / "chapters" / name).write_text("# A page")
    (tmp_path / "chapters/forgotten.ipynb").write_text("{}")
    (tmp_path / "_toc.yml").write_text(
        "root: intro\nparts:\n  - chapters:\n      - file: chapters/listed\n"
        "        sections:\n          - file: chapters/sub/section\n"
    )
    assert unlisted_chapters(tmp_path) == ["chapters/forgotten.ipynb", "chapters/sub/forgotten.md"]


def test_the_citations_backend_and_style_parts_are_found_without_reading_every_packages_entry_points(monkeypatch):
    import pybtex.plugin
    from pybtex.backends.plaintext import Backend
    from pybtex.style.labels.number import LabelStyle as NumberLabels
    from pybtex.style.names.plain import NameStyle as PlainNames
    from pybtex.style.sorting.none import SortingStyle as Unsorted
    from sphinxcontrib.bibtex.style.names.last import LastNameStyle

    from caucasus_atlas.book import sphinx_ext
    from caucasus_atlas.book.citations import AtlasStyle

    monkeypatch.setattr(sphinx_ext, "draw_cards_only_when_needed", lambda: None)  # leaves sys.modules as it is
    app = SimpleNamespace(
        events=SimpleNamespace(listeners={}),
        connect=lambda event, handler, priority=500: None,
        setup_extension=lambda name: None,
    )
    sphinx_ext.setup(app)
    monkeypatch.setattr(pybtex.plugin, "entry_points", lambda **_: [])  # as if nothing were installed
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is Backend
    assert pybtex.plugin.find_plugin("pybtex.style.names", "last") is LastNameStyle  # sphinxcontrib-bibtex's
    style = AtlasStyle()  # its name, label and sorting styles, pybtex's defaults
    assert (type(style.name_style), type(style.label_style), type(style.sorting_style)) == (
        PlainNames,
        NumberLabels,
        Unsorted,
    )


def test_the_boundaries_are_made_once_for_each_version_of_their_inputs(tmp_path, monkeypatch):
    from caucasus_atlas import topology
    from caucasus_atlas.book import page_assets

    made, static = tmp_path / "made", tmp_path / "_static"
    static.mkdir()
    calls = []
    monkeypatch.setattr(topology, "web_topology", lambda: calls.append(1) or f"topology {len(calls)}")
    monkeypatch.setattr(page_assets, "input_fingerprint", lambda: "inputs one")
    page_assets.write_boundaries(static, made)
    page_assets.write_boundaries(static, made)
    assert calls == [1] and (static / "boundaries.topojson").read_text() == "topology 1"
    monkeypatch.setattr(page_assets, "input_fingerprint", lambda: "inputs two")
    page_assets.write_boundaries(static, made)
    assert (static / "boundaries.topojson").read_text() == "topology 2"
    assert [path.name for path in made.iterdir()] == ["inputs two.topojson"]


def test_a_template_is_compiled_once_across_builds_and_again_once_edited(tmp_path, monkeypatch):
    import jinja2

    from caucasus_atlas.book.templates import keep_compiled_templates

    sources = {"page.html": "<p>{{ title }}</p>"}

    def build() -> str:
        """A builder's template environment as a new build makes it, hooked as the book's extension hooks it."""
        environment = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: sources[name]))
        keep_compiled_templates(
            SimpleNamespace(
                builder=SimpleNamespace(templates=SimpleNamespace(environment=environment)), outdir=tmp_path / "html"
            )
        )
        return environment.get_template("page.html").render(title="Borders")

    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )
    assert build() == "<p>Borders</p>" and len(compiled) == 1
    assert build() == "<p>Borders</p>" and len(compiled) == 1  # read from _build/.jinja
    assert list((tmp_path / ".jinja").iterdir())
    sources["page.html"] = "<p>{{ title }}!</p>"
    assert build() == "<p>Borders!</p>" and len(compiled) == 2


def test_the_sidebars_section_toggles_are_named_after_their_page():
    from bs4 import BeautifulSoup

    from caucasus_atlas.book.accessibility import named_toggles

    toggle = '<summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i>'
    sidebar = (
        '<ul><li class="toctree-l1"><a class="reference internal" href="a.html">Data &amp; methods</a></li>'
        '<li class="toctree-l1 has-children"><a class="reference internal" href="r.html">Q&amp;A "sources"</a>'
        f'<details open="open">{toggle}</span></summary><ul><li>…</li></ul></details></li></ul>'
    )
    for given in (sidebar, BeautifulSoup(sidebar, "html.parser")):  # the theme gives a tree; HTML is named too
        named = BeautifulSoup(str(named_toggles(given)), "html.parser")
        assert [summary.get("aria-label") for summary in named("summary")] == ['Pages under Q&A "sources"']
        assert named.get_text() == BeautifulSoup(sidebar, "html.parser").get_text()
