"""The claims ledger's links into the data: the rows that cite the same sources as a claim."""

import pandas as pd


def row_labels(events: pd.DataFrame, sites: pd.DataFrame, memberships: pd.DataFrame) -> pd.DataFrame:
    """One label and source tuple per data row: 'events: <id>', 'sites: <id>', 'memberships: ARM CSTO frozen'."""
    labelled = [
        pd.DataFrame({"label": "events: " + events["id"], "sources": events["sources"]}),
        pd.DataFrame({"label": "sites: " + sites["id"], "sources": sites["sources"]}),
        pd.DataFrame(
            {
                "label": "memberships: "
                + memberships["country"]
                + " "
                + memberships["organisation"]
                + " "
                + memberships["status"],
                "sources": memberships["sources"],
            }
        ),
    ]
    return pd.concat(labelled, ignore_index=True)


def related_rows(claims: pd.DataFrame, rows: pd.DataFrame) -> list[list[str]]:
    """For each claim, the labels of the data rows citing at least one of its sources, in label order."""
    citing = {}
    for label, keys in zip(rows["label"], rows["sources"], strict=True):
        for key in keys:
            citing.setdefault(key, set()).add(label)
    return [sorted(set().union(*(citing.get(key, set()) for key in keys))) for keys in claims["sources"]]
