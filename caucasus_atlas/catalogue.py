"""What the data package holds, for the book's data page: tables, row counts, column dictionary."""

import pandas as pd

from caucasus_atlas.data import load_table, valid_descriptor
from caucasus_atlas.references import load_references


def tables_summary() -> pd.DataFrame:
    """One row per resource: its file, how many rows or entries, and what it holds."""
    rows = []
    for resource in valid_descriptor()["resources"]:
        count = len(load_table(resource["name"])) if "schema" in resource else len(load_references())
        rows.append({"file": resource["path"], "rows": count, "holds": resource["description"]})
    return pd.DataFrame(rows).set_index("file")


def column_dictionary(name: str) -> pd.DataFrame:
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
    return pd.DataFrame(rows).set_index("column")
