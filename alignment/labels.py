"""How a report names what a group of claims is about: "delegation (protest)", "age — Hiller"."""

from __future__ import annotations


def subject_of(kind: str, block: str, head: str | None, event: str | None, anchor: str | None) -> str:
    """A short label from a group's most common head, event and anchor."""
    dimension, _, unit = block.partition(":")
    if kind == "quantity":
        if dimension == "count":
            what = head or "count"
            if event and event != head:
                what += f" ({event})"
        elif dimension == "money":
            what = f"amount in {unit}" + (f" ({head})" if head else f" ({event})" if event else "")
        elif dimension == "age":
            what = "age"
        else:
            what = dimension + (f" of {head}" if head else f" ({event})" if event else "")
    elif kind == "date":
        what = f"date of {head or event or 'an event'}"
    else:
        what = f"time of {head or event or 'an event'}"
    return f"{what} — {anchor}" if anchor else what
