"""Sources at their origin: mirror hosts are refused unless allowed, and data/README.md counts the sources.

The counts between ``<!-- counts:data -->`` and ``<!-- /counts -->`` in data/README.md are made from the
data (rows per table; references.bib entries by kind of host, from source_hosts.csv, and by day read);
after a data change, rewrite them with ``.venv/bin/python -m tests.test_sources``.
"""

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from caucasus_atlas.data import load_table
from caucasus_atlas.descriptor import valid_descriptor
from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.references import listed_domain, load_references, url_host
from caucasus_atlas.validation import validate_package
from tests.test_validation import package_with, read_descriptor

README = DATA_DIR / "README.md"
COUNTS = re.compile(r"(<!-- counts:data -->\n)(.*?)(<!-- /counts -->)", re.DOTALL)
REGENERATE = ".venv/bin/python -m tests.test_sources"


def host_kinds(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Each cited reference's kind of host (source_hosts.csv), 'not listed' for a host the table lacks."""
    kinds = dict(load_table("source_hosts", data_dir)[["host", "kind"]].itertuples(index=False))
    return {
        key: kinds.get(listed_domain(url_host(reference.url), kinds), "not listed")
        for key, reference in load_references(data_dir).items()
    }


def counts_section(data_dir: Path = DATA_DIR) -> str:
    """Markdown tables: rows per file; references by kind of host and by day read."""
    descriptor = valid_descriptor(data_dir)
    references = load_references(data_dir)
    lines = ["| file | rows |", "| --- | --: |"]
    for resource in descriptor["resources"]:
        count = len(load_table(resource["name"], data_dir)) if "schema" in resource else len(references)
        lines.append(f"| `{resource['path']}` | {count:,}{' entries' if 'schema' not in resource else ''} |")
    kinds = Counter(host_kinds(data_dir).values())
    hosts = next(r for r in descriptor["resources"] if r["name"] == "source_hosts")
    vocabulary = next(f for f in hosts["schema"]["fields"] if f["name"] == "kind")["constraints"]["enum"]
    lines += ["", "| kind of host (`source_hosts.csv`) | entries |", "| --- | --: |"]
    lines += [f"| {kind.replace('_', ' ')} | {kinds[kind]:,} |" for kind in [*vocabulary, "not listed"]]
    days = Counter(reference.urldate for reference in references.values())
    lines += ["", "| day read (`urldate`) | entries |", "| --- | --: |"]
    lines += [f"| {day} | {days[day]:,} |" for day in sorted(days)]
    return "\n".join(lines) + "\n"


def regenerated(text: str) -> str:
    return COUNTS.sub(lambda m: m.group(1) + counts_section() + m.group(3), text)


def test_the_readme_counts_match_the_data():
    text = README.read_text(encoding="utf-8")
    assert COUNTS.search(text), "data/README.md has no `<!-- counts:data -->` ... `<!-- /counts -->` section"
    assert regenerated(text) == text, f"data/README.md's counts are stale: run `{REGENERATE}`"


def test_a_host_is_matched_by_itself_or_its_nearest_listed_domain():
    listed = {"wikipedia.org", "gov.ge", "mfa.gov.ge", "1.2.3.4"}
    assert url_host("https://en.m.wikipedia.org./wiki/Akhurik") == "en.m.wikipedia.org"
    assert url_host("http://The-Uncensored-Wiki.com:20082/a") == "the-uncensored-wiki.com"
    assert listed_domain("en.m.wikipedia.org", listed) == "wikipedia.org"
    assert listed_domain("nato.mfa.gov.ge", listed) == "mfa.gov.ge"
    assert listed_domain("smr.gov.ge", listed) == "gov.ge"
    assert listed_domain("1.2.3.4", listed) == "1.2.3.4"
    assert listed_domain("notwikipedia.org", listed) is None


def cite(data: Path, url: str) -> None:
    """Point the fixture's second entry at ``url``."""
    bib = data / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("https://en.wikipedia.org/wiki/", url), encoding="utf-8")


def set_allowed(data: Path, host: str, allowed: str) -> None:
    path = data / "source_hosts.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row["host"] == host:
            row["allowed"] = allowed
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_mirror_host_may_be_cited_only_while_allowed(tmp_path):
    data = package_with(None, tmp_path)
    cite(data, "https://piglix.com/piglix/")
    assert validate_package(data) == []
    set_allowed(data, "piglix.com", "false")
    [problem] = validate_package(data)
    where = (Path(problem.file).name, problem.row, problem.field, problem.rule)
    assert where == ("references.bib", 8, "url", "mirror-host")
    assert "'wikipedia-belovezha-accords': piglix.com is a mirror host" in str(problem)


def test_a_subdomain_of_a_refused_host_is_refused(tmp_path):
    data = package_with(None, tmp_path)
    cite(data, "https://en.wikiclassic.com/wiki/")
    assert [p.rule for p in validate_package(data)] == ["mirror-host"]


def test_mirror_hosts_must_name_a_resource(tmp_path):
    data = package_with(None, tmp_path)
    descriptor = read_descriptor(data)
    next(r for r in descriptor["resources"] if r["name"] == "references")["mirrorHosts"] = "no_such_table"
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert [p.message for p in validate_package(data)] == ["resource 'references': mirrorHosts must name a resource"]


if __name__ == "__main__":
    README.write_text(regenerated(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"rewrote the counts in {README}", file=sys.stderr)
