"""The one-line lists of values that finding messages are made of: "~20 (001) vs 17 (002)"."""

from __future__ import annotations

from collections.abc import Iterable


def comparison(stated: Iterable[tuple[str, str]], sep: str = " vs ") -> str:
    """Each distinct value with the labels of the sources stating it, in first-seen order.

    `stated` holds (source label, value) pairs in the order the message reads them.
    """
    labels_by_value: dict[str, list[str]] = {}
    for label, value in stated:
        labels = labels_by_value.setdefault(value, [])
        if label not in labels:
            labels.append(label)
    return sep.join(f"{value} ({', '.join(labels)})" for value, labels in labels_by_value.items())
