"""The theme's stylesheets cut to the rules the book can use.

The theme's stylesheet carries all of Bootstrap and every component the theme offers (312 KB, 46 KB gzip, on
every page), most of which no page of the book has. After the build, each rule whose selectors all name a class
or id that appears nowhere in the book's pages or scripts is dropped, as PurgeCSS does
(https://purgecss.com/introduction, matching selectors against the words of the content), and nothing else changes.

A word counts wherever it appears, in a page's text or in a script, so a class a script adds (the theme's
``scrolled``) is kept as long as the script names it; the few that scripts build from parts are listed
(``BUILT_BY_SCRIPTS``). Bootstrap's bundle is the exception: it names every component Bootstrap has (popovers,
modals, toasts, carousels…), though the book uses two, the buttons' tooltips and the download menu, so its words do
not count, save the custom properties it reads (``--bs-position``), and the classes it adds to those two are listed
(``BOOTSTRAP_ADDS``). Selectors are read conservatively:
what sits inside brackets or parentheses (``[data-theme=dark]``, ``:not(.x)``, ``:is(.a, .b)``) is not checked, and
a selector with an escape is kept. Then the custom properties nothing reads go (``--bs-toast-zindex: 1090``), as
PurgeCSS's ``variables`` option has them go: a property stays while a ``var()`` of what is left of its stylesheet,
another stylesheet, or a page or script names it. Each cut starts from the stylesheet as Sphinx copied it (see
``cut_stylesheets``), so a rebuild never cuts an already cut file.
"""

import hashlib
import re
import string
from collections.abc import Iterable
from pathlib import Path

import tinycss2

WORD_BYTES = (string.ascii_letters + string.digits + "_-").encode()
# Every other byte as a space: a file's bytes so translated split into its words (twice as fast as a pattern).
BETWEEN_WORDS = bytes(byte if byte in WORD_BYTES else ord(" ") for byte in range(256))
NAMED = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")  # a class or an id in a selector
NON_ASCII = re.compile(r"([^\x00-\x7f])([0-9a-fA-F\s])?")  # and the character after it, which an escape would swallow
ARGUMENTS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
GROUPING_RULES = {"media", "supports", "layer", "container"}
VARIABLE_READ = re.compile(r"var\(\s*(--[\w-]+)")
CUSTOM_PROPERTY = re.compile(r"--[\w-]+")
LOCAL_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([\w./-]+\.css)["']?\s*\)?\s*;""")  # no media query
# This module's own digest: a cut kept from an earlier version of it is made again.
CUTTER = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
# Classes scripts build from parts, which no page or script names whole: Bootstrap's tooltips and popovers add
# `bs-tooltip-<placement>` (their arrow is drawn by rules on it).
BUILT_BY_SCRIPTS = ("bs-tooltip-", "bs-popover-")
BOOTSTRAP = "_static/scripts/bootstrap.js"
# What Bootstrap's tooltips and menus add to a page: a tooltip's own markup, and the classes that show either.
BOOTSTRAP_ADDS = {"tooltip", "tooltip-arrow", "tooltip-inner", "fade", "show"}


def words_in(paths: Iterable[Path]) -> set[str]:
    """Every word (letters, digits, ``-`` and ``_``) in the files at ``paths``."""
    words: set[bytes] = set()
    for path in paths:
        words.update(path.read_bytes().translate(BETWEEN_WORDS).split())
    return {word.decode("ascii") for word in words}


def checked_names(selector: str) -> list[str]:
    """The classes and ids ``selector`` names outside brackets and parentheses, which decide whether it is kept;
    none for a selector with an escape (it is always kept)."""
    if "\\" in selector:
        return []
    bare, previous = selector, None
    while bare != previous:
        previous, bare = bare, ARGUMENTS.sub("", bare)
    return NAMED.findall(bare)


def selector_used(selector: str, words: set[str]) -> bool:
    """Whether every class and id ``selector`` names, outside brackets and parentheses, is one of ``words``."""
    return all(name in words or name.startswith(BUILT_BY_SCRIPTS) for name in checked_names(selector))


def selectors(prelude: list) -> list[str]:
    """A rule's selectors: its prelude split at the commas outside any brackets (tinycss2 nests those)."""
    groups: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [tinycss2.serialize(group).strip() for group in groups]


def is_grouping(rule) -> bool:
    """Whether ``rule`` is an at-rule holding rules (``@media``, ``@supports``…)."""
    return rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_RULES and rule.content is not None


def inner_rules(rule) -> list:
    return tinycss2.parse_rule_list(rule.content, True, True)


def regrouped(rule, inner: str) -> str:
    """The grouping ``rule`` around ``inner`` (CSS), or nothing if ``inner`` is empty."""
    return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}" if inner else ""


def kept(rule, words: set[str]) -> str:
    """``rule`` as CSS with only its used selectors (inside a grouping rule, only its used rules), or nothing."""
    if rule.type == "qualified-rule":
        used = [s for s in selectors(rule.prelude) if selector_used(s, words)]
        return f"{','.join(used)}{{{tinycss2.serialize(rule.content)}}}" if used else ""
    if is_grouping(rule):
        return regrouped(rule, "".join(kept(r, words) for r in inner_rules(rule)))
    return rule.serialize()


def without_unread_variables(css: str, named: set[str]) -> str:
    """``css`` without the custom properties (``--name: …``) that no ``var()`` of it reads and ``named`` (what the
    pages, scripts and other stylesheets name) does not hold. Dropping one can leave another unread
    (``--a: var(--b)``), so it runs until nothing more goes."""
    while True:
        read = named | set(VARIABLE_READ.findall(css))
        thinner = "".join(with_read_variables(rule, read) for rule in tinycss2.parse_stylesheet(css, True, True))
        if thinner == css:
            return css
        css = thinner


def with_read_variables(rule, read: set[str]) -> str:
    """``rule`` as CSS without the custom properties it declares that are not in ``read``, or nothing if it is left
    empty; a rule tinycss2 cannot read whole is kept as it is."""
    if rule.type == "qualified-rule":
        body = tinycss2.parse_blocks_contents(rule.content, True, True)
        if any(node.type == "error" for node in body):
            return rule.serialize()
        kept_body = [n.serialize() for n in body if not (n.type == "declaration" and unread(n.name, read))]
        return f"{tinycss2.serialize(rule.prelude)}{{{';'.join(kept_body)}}}" if kept_body else ""
    if is_grouping(rule):
        return regrouped(rule, "".join(with_read_variables(r, read) for r in inner_rules(rule)))
    return rule.serialize()


def properties(words: set[str]) -> set[str]:
    """The custom properties among ``words``."""
    return {word for word in words if word.startswith("--")}


def unread(name: str, read: set[str]) -> bool:
    return name.startswith("--") and name not in read


def names_checked_in(rules: Iterable) -> set[str]:
    """Every class and id a selector of ``rules`` (parsed CSS) names that ``kept`` checks against the words, and
    every custom property they declare: the cut depends on no other word, so two sets of words that share these
    cut the stylesheet alike."""
    names: set[str] = set()
    for rule in rules:
        if rule.type == "qualified-rule":
            names.update(name for s in selectors(rule.prelude) for name in checked_names(s))
            body = tinycss2.parse_blocks_contents(rule.content, True, True)
            names.update(n.name for n in body if n.type == "declaration" and n.name.startswith("--"))
        elif is_grouping(rule):
            names |= names_checked_in(inner_rules(rule))
    return names


def without_unused_rules(css: str, words: set[str]) -> str:
    """``css`` without the selectors, and then the rules, that name a class or id none of ``words`` is.

    tinycss2 writes the characters its strings hold (an icon's private-use code point, say) as themselves; they
    are written back as escapes (``"\\f0c9"``), as the theme wrote them, so the file stays ASCII.
    """
    cut = "".join(kept(rule, words) for rule in tinycss2.parse_stylesheet(css, True, True))
    cut = without_unread_variables(cut, properties(words))
    return NON_ASCII.sub(lambda m: f"\\{ord(m.group(1)):x}" + (f" {m.group(2)}" if m.group(2) else ""), cut)


MARK = "/* cut to the rules the book uses: caucasus_atlas/book/stylesheets.py */\n"


def cut_stylesheets(html_dir: Path, originals: Path) -> list[str]:
    """Cut each third-party stylesheet of the built book to the rules its pages and scripts can use; return the
    names of those cut this time.

    Sphinx copies a fresh stylesheet into ``_static`` whenever it writes pages, and leaves the last one there
    when it writes none. A fresh one (without ``MARK``) is kept in ``originals`` first, and the cut always starts
    from the kept original, so a rebuild never cuts an already cut file. The cut is kept there too, with a digest
    of this module, of the original and of the words it was cut for that it names (``names_checked_in``, also
    kept): while they stay the same, the kept cut is copied, not made again. So an edit to a page's prose, which
    brings new words but rarely a class name, cuts nothing again. A custom property another stylesheet names (the
    book's own and Leaflet's included) counts as read.
    """
    static = html_dir / "_static"
    content = [p for p in html_dir.rglob("*") if p.suffix in {".html", ".js"} and p.is_file()]
    bootstrap = words_in(p for p in content if p == html_dir / BOOTSTRAP)
    words = words_in(p for p in content if p != html_dir / BOOTSTRAP) | BOOTSTRAP_ADDS | properties(bootstrap)
    sources, properties_named = {}, {}  # the original of each stylesheet to cut; what each stylesheet names
    for sheet in sorted(static.rglob("*.css")):
        name = sheet.relative_to(static)
        css = sheet.read_text(encoding="utf-8")
        if not (name.name.startswith("atlas") or name.parts[0] == "leaflet"):
            if not css.startswith(MARK):
                (originals / name).parent.mkdir(parents=True, exist_ok=True)
                (originals / name).write_text(css, encoding="utf-8")
            css = sources[sheet] = (originals / name).read_text(encoding="utf-8")
        properties_named[sheet] = set(CUSTOM_PROPERTY.findall(css))
    cut_now, cuts = [], {}
    for sheet, source in sources.items():
        name = sheet.relative_to(static)
        original = originals / name
        record, kept_cut = original.with_name(f"{name.name}.key"), original.with_name(f"{name.name}.cut")
        sheet_words = words.union(*(named for other, named in properties_named.items() if other != sheet))
        names = kept_names(source, original.with_name(f"{name.name}.names"))
        key = hashlib.sha256(f"{CUTTER}\0{source}\0{' '.join(sorted(sheet_words & names))}".encode()).hexdigest()
        if not (record.is_file() and record.read_text() == key and kept_cut.is_file()):
            kept_cut.write_text(MARK + without_unused_rules(source, sheet_words), "utf-8")
            record.write_text(key)
            cut_now.append(name.as_posix())
        cuts[sheet.resolve()] = kept_cut.read_text(encoding="utf-8")
    for sheet, cut in cuts.items():
        text = with_imports_inlined(cut, sheet.parent, cuts)
        if sheet.read_text(encoding="utf-8") != text:
            sheet.write_text(text, encoding="utf-8")
    return cut_now


def with_imports_inlined(css: str, folder: Path, cuts: dict[Path, str]) -> str:
    """``css`` (of a stylesheet in ``folder``) with each ``@import`` of another stylesheet cut here replaced by its
    cut rules (``cuts``, by resolved path).

    The theme's ``theme.css`` is one such line (``@import "../basic.css"``): a browser asks for the imported file
    only once it has read the first, a round trip later (150 ms more on a slow phone), and it draws nothing, nor
    runs a script, until both are in.
    """

    def rules(match: re.Match) -> str:
        imported = cuts.get((folder / match.group(1)).resolve())
        return match.group() if imported is None else imported.removeprefix(MARK)

    return LOCAL_IMPORT.sub(rules, css)


def kept_names(source: str, record: Path) -> set[str]:
    """The names ``source``'s selectors are checked by (``names_checked_in``), kept in ``record`` with a digest of
    ``source``, and found again only when it changes."""
    digest = hashlib.sha256(f"{CUTTER}\0{source}".encode()).hexdigest()
    if record.is_file():
        kept_digest, _, names = record.read_text(encoding="utf-8").partition("\n")
        if kept_digest == digest:
            return set(names.split())
    names = names_checked_in(tinycss2.parse_stylesheet(source, True, True))
    record.write_text(digest + "\n" + " ".join(sorted(names)), encoding="utf-8")
    return names
