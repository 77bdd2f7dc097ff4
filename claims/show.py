"""`claimdiff extract`: what was extracted from each article, spans included."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

from claimdiff.claims.models import (
    ArticleClaims,
    Claim,
    DateClaim,
    EntityClaim,
    Frame,
    PersonClaim,
    QuantityClaim,
    SetClaim,
    TimeClaim,
)
from claimdiff.corpus.models import Article


def summary(claim: Claim) -> str:
    """The normalised value of a claim in a few words."""
    if isinstance(claim, QuantityClaim):
        bounds = f"[{_num(claim.low)}, {_num(claim.high)}]"
        unit = f" {claim.unit}" if claim.unit else ""
        parts = [f"{_num(claim.value)}{unit} {claim.qualifier.value} {bounds}", claim.dimension.value, frame_summary(claim.frame)]
        parts += [claim.temporal.value] if claim.temporal.value != "reported" else []
        parts += ["anaphoric"] if claim.anaphoric else []
        return " · ".join(parts)
    if isinstance(claim, TimeClaim):
        zone = f" {claim.zone}" if claim.zone else ""
        return f"{claim.minute // 60:02d}:{claim.minute % 60:02d}{zone} {claim.qualifier.value} · {frame_summary(claim.frame)}"
    if isinstance(claim, PersonClaim):
        name = claim.surname if claim.short_form else f"{claim.given} | {claim.surname}"
        return " · ".join(x for x in (name, claim.title, claim.nationality) if x)
    if isinstance(claim, EntityClaim):
        return f"{claim.key} ({claim.entity_type.value}, {claim.form})"
    if isinstance(claim, DateClaim):
        when = "unresolved" if claim.start is None else claim.start.isoformat()
        if claim.end and claim.end != claim.start:
            when += f"..{claim.end.isoformat()}"
        return " · ".join(
            x for x in (when, claim.precision, frame_summary(claim.frame), "weekday mismatch" if claim.weekday_mismatch else "") if x
        )
    if isinstance(claim, SetClaim):
        members = ", ".join(m.key for m in claim.members)
        count = f" count={claim.stated_count}" if claim.stated_count is not None else ""
        return f"{{{members}}} {'exhaustive' if claim.exhaustive else 'partial'}{count} · {claim.relation or '-'}"
    return ""


def frame_summary(frame: Frame) -> str:
    """ "head=délégation(delegations) verb=défiler(protest) anchor=org:nato part=subset" """
    parts = []
    for name, value, cls in (("head", frame.head, frame.head_class), ("verb", frame.verb, frame.verb_class)):
        if value or cls:
            parts.append(f"{name}={value or '-'}" + (f"({cls})" if cls else ""))
    if frame.anchor:
        parts.append(f"anchor={frame.anchor}")
    for name in ("nationality", "part", "place", "when"):
        if getattr(frame, name):
            parts.append(f"{name}={getattr(frame, name)}")
    if frame.cumulative:
        parts.append("cumulative")
    return " ".join(parts) or "-"


def _num(value: float | None) -> str:
    if value is None:
        return "∞"
    return str(int(value)) if value == int(value) else str(value)


def render_claims(articles: Sequence[Article], extracted: Sequence[ArticleClaims], fmt: str) -> str:
    """The claims of every article as JSON or as rich tables."""
    if fmt == "json":
        data = [
            {"source": a.source.model_dump(mode="json"), **e.model_dump(mode="json", exclude={"source"})}
            for a, e in zip(articles, extracted)
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    from rich.console import Console
    from rich.table import Table

    out = io.StringIO()
    console = Console(file=out, width=120, highlight=False)
    for article, result in zip(articles, extracted):
        published = result.publication_date.isoformat() if result.publication_date else "unknown"
        table = Table(title=f"{article.id} — published {published} — {len(result.claims)} claims", expand=True)
        for column in ("type", "span", "text", "value"):
            table.add_column(column, overflow="fold")
        for claim in result.claims:
            table.add_row(claim.type, f"{claim.span.start}-{claim.span.end}", claim.span.text, summary(claim))
        console.print(table)
    return out.getvalue()
