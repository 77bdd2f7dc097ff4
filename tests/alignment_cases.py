"""Build alignment `Item`s by hand, without spaCy, from the compact notation of
tests/fixtures/alignment/*.yml.

An item entry names the frame fields alignment reads (`head`, `head_class`, `event`, `verb`,
`anchor`, `anchor_close`, `entities`, `participants`, `nationality`, `place`, `when`,
`occasion`, `other_occasion`, `modifiers`, `part`, `cumulative`, `anaphoric`, `temporal`,
`context`, `placed`, `head_generic`) and where the item sits: `source`, `story`, `kind` (quantity, date,
time), `block`, `sentence` (its sentence's number in its source). The claim behind it takes
`value` and `dimension` (quantities), `start` and `precision` (dates) or `at` (times).

    {head: délégation, head_class: delegations, event: attend, context: [sommet, istanbul]}

Expected values in cases may be numbers or sums of the weights of alignment/features.py
("HEAD_LEMMA + NATIONALITY"), so that a case says which feature fired, not today's weight.
"""

from __future__ import annotations

import ast
import datetime as dt
from typing import Any

from claimdiff.alignment import features
from claimdiff.alignment.features import Item
from claimdiff.claims.models import DateClaim, Dimension, QuantityClaim, Span, Temporal, TimeClaim

_SENTENCE = 100  # characters per hand-built sentence


def claim_for(spec: dict[str, Any], source: str) -> QuantityClaim | DateClaim | TimeClaim:
    """The claim behind an item entry: its own sentence, its value."""
    n = int(spec.get("sentence", 0))
    sentence = Span(source=source, start=n * _SENTENCE, end=n * _SENTENCE + 60, text="x" * 60)
    span = Span(source=source, start=n * _SENTENCE + 10, end=n * _SENTENCE + 20, text="x" * 10)
    kind = spec.get("kind", "quantity")
    if kind == "date":
        start = dt.date.fromisoformat(str(spec.get("start", "2025-09-15")))
        end = dt.date.fromisoformat(str(spec["end"])) if "end" in spec else start
        return DateClaim(source=source, span=span, sentence=sentence, start=start, end=end, precision=spec.get("precision", "day"))
    if kind == "time":
        hours, minutes = (int(x) for x in str(spec.get("at", "20:08")).split(":"))
        minute = hours * 60 + minutes
        return TimeClaim(source=source, span=span, sentence=sentence, minute=minute, low=minute, high=minute)
    value = float(spec.get("value", 10))
    return QuantityClaim(
        source=source, span=span, sentence=sentence, value=value, low=value, high=value,
        dimension=Dimension(spec.get("dimension", "count")),
    )


def make_item(spec: dict[str, Any], source: str = "a") -> Item:
    """An alignment item from an entry; unnamed fields are empty, the block is the claim's kind's."""
    source = str(spec.get("source", source))
    kind = spec.get("kind", "quantity")
    head_class = spec.get("head_class")
    return Item(
        claim=claim_for(spec, source),
        source=source,
        story=str(spec.get("story", "s")),
        kind=kind,
        block=str(spec.get("block", {"quantity": "count", "date": "day", "time": "time"}[kind])),
        head=spec.get("head"),
        head_class=head_class,
        head_type=spec.get("head_type", features.head_type(head_class)),
        head_generic=bool(spec.get("head_generic", False)),
        head_event=bool(spec.get("head_event", False)),
        event=spec.get("event"),
        verb=spec.get("verb"),
        anchor=spec.get("anchor"),
        anchor_close=bool(spec.get("anchor_close", False)),
        entities=frozenset(spec.get("entities", ())),
        nationality=spec.get("nationality"),
        place=spec.get("place"),
        when=None if spec.get("when") is None else str(spec["when"]),
        occasion=spec.get("occasion"),
        other_occasion=bool(spec.get("other_occasion", False)),
        modifiers=frozenset(spec.get("modifiers", ())),
        part=spec.get("part"),
        cumulative=bool(spec.get("cumulative", False)),
        anaphoric=bool(spec.get("anaphoric", False)),
        temporal=Temporal(spec.get("temporal", "reported")),
        context=frozenset(spec.get("context", ())),
        placed=bool(spec.get("placed", False)),
        participants=frozenset(spec.get("participants", ())),
    )


def weight(expression: float | int | str) -> float:
    """A number, or an arithmetic expression over the weights of alignment/features.py."""
    if isinstance(expression, (int, float)):
        return float(expression)

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name) and node.id.isupper() and isinstance(getattr(features, node.id, None), float):
            return float(getattr(features, node.id))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            left, right = value(node.left), value(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            return left * right if isinstance(node.op, ast.Mult) else left / right
        raise ValueError(f"not a weight expression: {expression!r}")

    return value(ast.parse(str(expression), mode="eval").body)
