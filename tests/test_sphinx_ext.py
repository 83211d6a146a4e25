"""The book's Sphinx hooks that need no build to test."""

from types import SimpleNamespace

from caucasus_atlas.sphinx_ext import refresh_static_files


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
