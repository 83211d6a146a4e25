"""What the data package holds, for the book's data page: tables, row counts, column dictionary."""

import pandas as pd
import yaml
from IPython.display import HTML

from caucasus_atlas.data import load_table
from caucasus_atlas.descriptor import load_as_of, valid_descriptor
from caucasus_atlas.markup import Markup
from caucasus_atlas.paths import REPO_ROOT
from caucasus_atlas.references import load_references
from caucasus_atlas.tables import frame_table


def tables_summary() -> HTML:
    """One row per resource: its file, how many rows or entries, and what it holds."""
    rows = []
    for resource in valid_descriptor()["resources"]:
        count = len(load_table(resource["name"])) if "schema" in resource else len(load_references())
        rows.append({"file": resource["path"], "rows": count, "holds": resource["description"]})
    return frame_table(pd.DataFrame(rows))


def column_dictionary(name: str) -> HTML:
    """The columns of one table: type, whether required, allowed values or rule, meaning."""
    resource = next(r for r in valid_descriptor()["resources"] if r["name"] == name)
    rows = []
    for field in resource["schema"]["fields"]:
        constraints = field.get("constraints", {})
        rule = ", ".join(constraints.get("enum", []))
        if field.get("partialDate"):
            rule = "date: YYYY-MM-DD, YYYY-MM or YYYY"
        if "listOf" in field:
            rule = f"keys of {field['listOf']['resource']}, separated by ';'"
        if field.get("notBefore"):
            rule += f"; not before {field['notBefore']}"
        required = constraints.get("required", False) or field["name"] in resource["schema"].get("primaryKey", [])
        rows.append(
            {
                "column": field["name"],
                "type": field["type"],
                "required": "yes" if required else "",
                "values": rule,
                "meaning": field["description"],
            }
        )
    return frame_table(pd.DataFrame(rows))


def how_to_cite() -> HTML:
    """A citation for the book and its data snapshot, read from CITATION.cff and the references."""
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    snapshot = load_as_of()
    authors = "; ".join(author["name"] for author in citation["authors"])
    return HTML(
        Markup(
            "<blockquote><p>{}. <em>{}</em>. Version {}, data checked against its sources up to {}. Licence: {}.</p>"
            "</blockquote>"
        ).format(authors, citation["title"], citation["version"], f"{snapshot:%-d %B %Y}", citation["license"])
    )
