"""Typed records for what the corpus reader produces."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Source(BaseModel):
    """One article's identity and metadata, as printed in every report."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="File stem, or the JSONL `id`.")
    path: str = Field(description="Path of the file the article was read from.")
    outlet: str | None = Field(default=None, description="Publisher or agency, when known.")
    date: dt.date | None = Field(default=None, description="Publication date, when known.")
    date_origin: Literal["metadata", "inferred"] | None = Field(
        default=None, description="Where `date` comes from: the file's metadata or inference from the text."
    )
    time: dt.time | None = Field(
        default=None,
        description="Publication time of day, when the metadata gives one with the date (with its UTC offset when "
        "written); it orders reports of one day.",
    )
    url: str | None = None
    title: str | None = None
    language: str = Field(default="fr", description="ISO 639-1 code of the language the article is read in.")
    language_origin: Literal["metadata", "detected", "default"] = Field(
        default="default", description="Where `language` comes from: metadata, detection from the text, or the default."
    )
    encoding: str = "utf-8"
    body_start: int = Field(default=0, description="Offset where the article body starts (after any header).")
    line: int | None = Field(default=None, description="1-based line number in a JSON Lines corpus.")


class Article(BaseModel):
    """An article's full decoded text (header included) and its source record."""

    model_config = ConfigDict(frozen=True)

    source: Source
    text: str

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def body(self) -> str:
        return self.text[self.source.body_start :]


class InputNote(BaseModel):
    """Something about the input that the user should know: a skipped or oddly encoded file."""

    model_config = ConfigDict(frozen=True)

    path: str
    level: Literal["note", "warning", "error"]
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.level}: {self.message}"


class FamilyLink(BaseModel):
    """Why two articles are copies of one text."""

    model_config = ConfigDict(frozen=True)

    sources: tuple[str, str] = Field(description="The two source ids, in corpus order.")
    basis: Literal["near-duplicate", "agency-copy"] = Field(
        description="`near-duplicate`: most of the wording is shared; `agency-copy`: both credit one agency and share much of its wording."
    )
    overlap: float = Field(description="Share (0-1) of the shorter article's word triples that the other contains.")
    jaccard: float = Field(description="Word triples in both articles over word triples in either (0-1).")
    agency: str | None = Field(default=None, description="The news agency both articles credit, when they do.")


class SourceFamily(BaseModel):
    """Articles that reprint one text (one dispatch): together they are one independent source."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description='"F1", "F2"... in the order of the families\' first members.')
    sources: list[str] = Field(description="Source ids of the members, in corpus order.")
    agency: str | None = Field(default=None, description="The agency whose dispatch they reprint, when they credit one.")
    reason: str = Field(description="Why they were grouped, in one line.")
    links: list[FamilyLink] = Field(description="The pairs found to be copies; the family is the group they connect.")
