"""Sentence cues: predicate, attribution, hedging and temporal status around a mention."""

from __future__ import annotations

import pytest

from claimdiff.claims import cues
from claimdiff.claims.extract import prepare
from claimdiff.claims.models import Temporal
from claimdiff.corpus.models import Article, Source


def _doc(text: str):
    return prepare(Article(source=Source(id="t", path="t.txt"), text=text))


def _at(text: str, mention: str) -> tuple:
    doc = _doc(text)
    start = doc.text.index(mention)
    return doc, start, start + len(mention)


@pytest.mark.parametrize(
    ("text", "mention", "lemma", "cls"),
    [
        ("Selon Ankara, des délégués d'une trentaine de pays assistent au sommet.", "une trentaine", "assister", "attend"),
        ("La Hongrie a libéré 14 prisonniers politiques mardi.", "14 prisonniers", "libérer", "release"),
        ("Le tournoi, qui a commencé samedi 3 mai, s'est achevé hier, dimanche 11.", "samedi 3 mai", "commencer", "start"),
        ("Le tournoi, qui a commencé samedi 3 mai, s'est achevé hier, dimanche 11.", "dimanche 11", "achever", "end"),
        ("Les épreuves doivent s'achever le vendredi 22 mars.", "vendredi 22 mars", "achever", "end"),
        ("La Moldavie est frontalière de deux pays, la Roumanie et l'Ukraine.", "deux pays", "voisin", "border"),
        ("Au moins 12 personnes ont été tuées dans l'explosion.", "12 personnes", "tuer", "kill"),
        ("Près de 3 000 soldats auraient pris part aux manœuvres.", "3 000 soldats", "prendre part", "participate"),
        ("Le chancelier s'est rendu à Varsovie lundi 4 mars.", "lundi 4 mars", "se rendre", "meeting"),
    ],
)
def test_cues_find_predicate(text: str, mention: str, lemma: str, cls: str) -> None:
    doc, start, end = _at(text, mention)
    found = cues.find_predicate(doc, start, end)
    assert found is not None and (found.lemma, found.cls) == (lemma, cls)


def test_cues_no_predicate_in_a_verbless_sentence() -> None:
    doc, start, end = _at("Trois pays, deux continents.", "Trois pays")
    assert cues.find_predicate(doc, start, end) is None


def test_cues_predicate_restricted_to_classes() -> None:
    doc, start, end = _at("Le ministre a annoncé la libération de 30 détenus.", "30 détenus")
    assert cues.find_predicate(doc, start, end, classes=frozenset({"announce"})).lemma == "annoncer"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Selon le Kremlin, plus de 100 000 militaires ont participé.", "Kremlin"),
        ("D'après Kiev, 40 drones ont été abattus.", "Kiev"),
        ("Onze personnes ont été arrêtées, a indiqué à l'AFP un porte-parole.", "AFP"),
        ("Onze personnes ont été arrêtées dans la nuit.", None),
    ],
)
def test_cues_attribution(text: str, who: str | None) -> None:
    doc, start, _ = _at(text, text.split()[2])
    assert cues.attribution(doc, start) == who


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("Plus de 100 000 militaires auraient pris part aux manœuvres.", True),
        ("Le bilan serait de 30 morts.", True),
        ("Une incursion de drones présumés russes a eu lieu.", True),
        ("Le retrait de 3 000 soldats est achevé.", False),
        ("Plus de 100 000 militaires ont pris part aux manœuvres.", False),
    ],
)
def test_cues_hedging(text: str, hedged: bool) -> None:
    doc, start, _ = _at(text, text.split()[1])
    assert cues.is_hedged(doc, start) is hedged


@pytest.mark.parametrize(
    ("text", "mention", "status"),
    [
        ("Un nombre supérieur aux 13 000 initialement annoncés.", "13 000", Temporal.announced),
        ("Quelque 5 000 participants sont attendus samedi.", "5 000", Temporal.planned),
        ("Ils étaient 2 000 l'an dernier.", "2 000", Temporal.previous),
        ("Plus de 100 000 militaires ont participé.", "100 000", Temporal.reported),
        ("La banque avait annoncé le 17 octobre avoir perdu 600 millions d'euros.", "600 millions", Temporal.previous),
        ("La banque a annoncé avoir perdu 600 millions d'euros.", "600 millions", Temporal.reported),
    ],
)
def test_cues_temporal_status(text: str, mention: str, status: Temporal) -> None:
    doc, start, end = _at(text, mention)
    assert cues.temporal_status(doc, start, end) is status


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("L'envoyé spécial a rencontré 3 ministres.", "3 ministres"),
        ("Un arrêté vise 12 associations.", "12 associations"),
    ],
)
def test_cues_participle_after_a_determiner_is_a_noun(text: str, mention: str) -> None:
    doc, start, end = _at(text, mention)
    found = cues.find_predicate(doc, start, end)
    assert found is None or found.lemma not in ("envoyer", "arrêter")


def test_cues_attribution_nearest_source_wins() -> None:
    text = "À Lyon, 24 000 manifestants ont défilé selon la préfecture, 100 000 selon la CGT."
    doc, start, _ = _at(text, "24 000")
    assert cues.attribution(doc, start) == "préfecture"
    doc, start, _ = _at(text, "100 000")
    assert cues.attribution(doc, start) == "CGT"


def test_cues_imperfect_with_encore_is_a_previous_figure() -> None:
    doc, start, end = _at("Lundi soir, les autorités comptaient encore 21 morts.", "21 morts")
    assert cues.temporal_status(doc, start, end) is Temporal.previous
