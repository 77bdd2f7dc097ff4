"""Tests of the people extractor: pure helpers, rules on hand-made entities, real-model cases, seeds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.base import lexicon
from claimdiff.claims import people
from claimdiff.claims.document import Document
from claimdiff.claims.extract import prepare
from claimdiff.corpus.models import Article, Source
from claimdiff.corpus.normalize import NormText
from claimdiff.corpus.reader import read_corpus

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = yaml.safe_load((ROOT / "tests/fixtures/extractors/people.yml").read_text(encoding="utf-8"))
GOLD = yaml.safe_load((ROOT / "seeds/gold.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def no_places(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the places extractor offered no country look-ups: only this module's own rules act."""
    monkeypatch.setattr(people, "_places_lookup", lambda name: None)


def _article(text: str, source_id: str = "case", body_start: int = 0, language: str = "fr") -> Article:
    return Article(source=Source(id=source_id, path=f"{source_id}.txt", body_start=body_start, language=language), text=text)


@dataclass
class _Ent:
    start_char: int
    end_char: int
    label_: str


@dataclass
class _FakeSpacyDoc:
    ents: list[_Ent]


def _doc_with_entities(text: str, entities: list[tuple[str, str]]) -> Document:
    """A document whose "model" output is the given (surface, label) entities, in order."""
    ents, pos = [], 0
    for surface, label in entities:
        start = text.index(surface, pos)
        ents.append(_Ent(start, start + len(surface), label))
        pos = start + len(surface)
    article = _article(text)
    return Document(article, NormText(article.text), spacy_doc=_FakeSpacyDoc(ents))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("name", "given", "surname"),
    [
        ("Loukachenko", None, "Loukachenko"),
        ("Alexandre Loukachenko", "Alexandre", "Loukachenko"),
        ("Iounous-bek Evkourov", "Iounous-bek", "Evkourov"),
        ("Jean-Luc Mélenchon", "Jean-Luc", "Mélenchon"),
        ("Ursula von der Leyen", "Ursula", "von der Leyen"),
        ("Charles de Gaulle", "Charles", "de Gaulle"),
        ("Marine Le Pen", "Marine", "Le Pen"),
        ("Jean-Yves Le Drian", "Jean-Yves", "Le Drian"),
        ("Mohammed ben Salmane", "Mohammed", "ben Salmane"),
        ("Abdel Fattah al-Sissi", "Abdel Fattah", "al-Sissi"),
        ("Luiz Inácio Lula da Silva", "Luiz Inácio Lula", "da Silva"),
        ("Valéry Giscard d'Estaing", "Valéry Giscard", "d'Estaing"),
        ("Emmanuel MACRON", "Emmanuel", "MACRON"),
        ("Jean-Marie LE PEN", "Jean-Marie", "LE PEN"),
        ("de Villepin", None, "de Villepin"),
        ("Donald Trump Jr.", "Donald", "Trump Jr."),
        ("J. D. Vance", "J. D.", "Vance"),
        ("Sergueï Tikhanovski", "Sergueï", "Tikhanovski"),
        ("Svetlana Tikhanovskaïa", "Svetlana", "Tikhanovskaïa"),
        ("Charles III", None, "Charles III"),
        ("Kim Jong-un", "Jong-un", "Kim"),
        ("Xi Jinping", "Jinping", "Xi"),
    ],
)
def test_people_split_name_given_and_surname(name: str, given: str | None, surname: str) -> None:
    assert people.split_name(name, "fr") == (given, surname)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Vice-ministre russe de la Défense", "vice-ministre de la défense"),
        ("lieutenant-colonel de l'armée de l'air", "lieutenant-colonel de l'armée de l'air"),
        ("attaché militaire américain", "attaché militaire"),
        ("Premier  ministre", "premier ministre"),
        ("présidente", "président"),
        ("chef de la diplomatie", "ministre des affaires étrangères"),
        ("ministre ukrainien des Affaires étrangères", "ministre des affaires étrangères"),
        ("président du Belarus", "président"),
        ("représentante spéciale", "représentant spécial"),
        ("porte-parole du Kremlin", "porte-parole du kremlin"),
        ("ex-président", "ancien président"),
        ("ancienne Première ministre britannique", "ancien premier ministre"),
        ("nouveau ministre de l'Intérieur", "ministre de l'intérieur"),
        ("ambassadeur de France en Russie", "ambassadeur en russie"),
    ],
)
def test_people_normalise_title_canonical_form(written: str, canonical: str) -> None:
    assert people.normalise_title(written, "fr") == canonical


@pytest.mark.parametrize("written", ["homologue américain", "ministère de la Défense", ""])
def test_people_normalise_title_rejects_non_roles(written: str) -> None:
    assert people.normalise_title(written, "fr") is None


@pytest.mark.parametrize(
    ("title", "head", "cls", "group", "qualified"),
    [
        ("président", "président", "head_of_state", "executive", False),
        ("premier ministre", "premier ministre", "head_of_government", "executive", False),
        ("lieutenant-colonel de l'armée de l'air", "lieutenant-colonel", "military_rank", "military_rank", True),
        ("ministre de la défense", "ministre", "government", None, True),
        ("attaché militaire", "attaché militaire", "diplomat", None, False),
    ],
)
def test_people_title_info_class_and_exclusive_group(
    title: str, head: str, cls: str, group: str | None, qualified: bool
) -> None:
    info = people.title_info(title, "fr")
    assert info is not None
    assert (info.head, info.cls, info.exclusive_group, info.qualified) == (head, cls, group, qualified)


def test_people_title_info_reads_modifier() -> None:
    info = people.title_info("ancien premier ministre", "fr")
    assert info is not None
    assert (info.head, info.modifier, info.exclusive_group) == ("premier ministre", "ancien", "executive")


@pytest.mark.parametrize(("title", "generic"), [("dirigeant", True), ("chef", True), ("président", False)])
def test_people_title_info_marks_generic_titles(title: str, generic: bool) -> None:
    info = people.title_info(title, "fr")
    assert info is not None and info.generic is generic


def test_people_title_info_unknown_title_is_none() -> None:
    assert people.title_info("boulanger", "fr") is None


@pytest.mark.parametrize(
    ("title", "code", "cls"),
    [("porte-parole", "fr", "spokesperson"), ("spokesman", "en", "spokesperson"), ("prime minister", "en", "head_of_government")],
)
def test_people_title_info_reads_the_titles_of_its_language(title: str, code: str, cls: str) -> None:
    info = people.title_info(title, code)
    assert info is not None and info.cls == cls
    other = "en" if code == "fr" else "fr"
    assert people.title_info(title, other) is None  # a title is known in its own language only


@pytest.mark.parametrize(
    ("name", "code", "given", "surname"),
    [("Ali ould Brahim", "fr", "Ali", "ould Brahim"), ("Ahmed abu Khalil", "en", "Ahmed", "abu Khalil")],
)
def test_people_split_name_reads_the_particles_of_its_language(name: str, code: str, given: str, surname: str) -> None:
    assert people.split_name(name, code) == (given, surname)
    assert people.split_name(name, "en" if code == "fr" else "fr") != (given, surname)  # the other pack lacks the particle


@pytest.mark.parametrize(
    ("word", "code"), [("américaine", "US"), ("Bélarusses", "BY"), ("russe", "RU"), ("turque", "TR")]
)
def test_people_demonym_code_reads_places_lookups(word: str, code: str) -> None:
    assert people.demonym_code("fr", word) == code


def test_people_country_lookups_degrade_to_none_without_places(no_places: None) -> None:
    assert people.demonym_code("fr", "américain") is None
    assert people.country_code("fr", "Bélarus") is None
    assert people.normalise_title("président américain", "fr") == "président américain"


def test_people_country_lookups_degrade_to_none_when_lexicon_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(code: str, text: str) -> str:
        raise people.ConfigError("claimdiff.claims/data/countries.yaml: cannot read lexicon file")

    monkeypatch.setattr(people, "_places_lookup", lambda name: missing)
    assert people.demonym_code("fr", "russe") is None


# ---------------------------------------------------------------------------- rules, without the model


def _found(doc: Document) -> list[tuple[str, str | None]]:
    return [(c.name, c.title) for c in people.extract(doc)]


def test_people_rules_find_honorific_and_title_names_the_model_missed(no_places: None) -> None:
    text = "Mme Ivanova a rencontré le ministre de la Défense Viktor Khrenine et le général Kouznetsov."
    assert _found(_doc_with_entities(text, [])) == [
        ("Ivanova", None),
        ("Viktor Khrenine", "ministre de la défense"),
        ("Kouznetsov", "général"),
    ]


def test_people_rules_recover_person_from_misc_entity(no_places: None) -> None:
    text = "Le vice-ministre de la Défense Iounous-bek Evkourov a assisté aux exercices."
    doc = _doc_with_entities(text, [("Défense Iounous-bek Evkourov", "MISC")])
    claims = list(people.extract(doc))
    assert [(c.name, c.given, c.surname, c.title) for c in claims] == [
        ("Iounous-bek Evkourov", "Iounous-bek", "Evkourov", "vice-ministre de la défense")
    ]
    assert claims[0].title_span is not None and claims[0].title_span.text == "vice-ministre de la Défense"


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Minsk a libéré des prisonniers à la suite de négociations avec Washington.", "Washington"),
        ("Les sanctions visant la compagnie aérienne nationale Avialeta ont été levées.", "Avialeta"),
        ("Les États-Unis ont levé les sanctions pesant sur Avialeta, la compagnie aérienne du pays.", "Avialeta"),
        ("Les exercices « Sokol » sont organisés tous les quatre ans.", "Sokol"),
        ("La participation à l'exercice militaire Sokol témoigne d'un rapprochement.", "Sokol"),
        ("Les manœuvres Sokol-2024 ont commencé.", "Sokol"),
        ("Le groupe Wagner aurait recruté des détenus.", "Wagner"),
        ("Le Kremlin a démenti, selon l'agence Tass.", "Tass"),
        ("Rencontre avec un émissaire. La rencontre a duré deux heures.", "Rencontre"),
        ("La réunion a été organisée par l'OTAN.", "OTAN"),
    ],
)
def test_people_rules_drop_model_persons_that_name_places_or_things(no_places: None, text: str, entity: str) -> None:
    assert _found(_doc_with_entities(text, [(entity, "PER")])) == []


@pytest.mark.parametrize(
    ("entity", "name"),
    [
        ("M. Loukachenko", "Loukachenko"),
        ("président Erdogan", "Erdogan"),
        ("d'Alexandre Loukachenko", "Alexandre Loukachenko"),
    ],
)
def test_people_rules_trim_model_entities_to_the_name(entity: str, name: str) -> None:
    text = f"La déclaration {entity} a surpris."
    claims = list(people.extract(_doc_with_entities(text, [(entity, "PER")])))
    assert [c.name for c in claims] == [name]
    assert claims[0].span.text == name


def test_people_rules_drop_entity_that_is_only_a_title() -> None:
    text = "Le président de la République s'exprimera ce soir."
    assert _found(_doc_with_entities(text, [("président de la République", "PER")])) == []


def test_people_rules_keep_lone_surname_of_a_real_person() -> None:
    text = "Zelensky a déclaré que la défense des frontières était une priorité."
    claims = list(people.extract(_doc_with_entities(text, [("Zelensky", "PER")])))
    assert [(c.name, c.short_form, c.given) for c in claims] == [("Zelensky", True, None)]


def test_people_rules_all_caps_byline_is_not_a_mention() -> None:
    text = "Les négociations reprendront lundi.\nMarie DURAND\n"
    assert _found(_doc_with_entities(text, [("Marie DURAND", "PER")])) == []


@pytest.mark.parametrize(
    ("line", "name", "kept"),
    [
        ("De notre envoyée spéciale Claire LEROUX", "Claire LEROUX", False),  # a marker of four words
        ("Propos recueillis par Paul MARTIN", "Paul MARTIN", False),
        ("Par Inès BAKRI", "Inès BAKRI", False),
        ("Recueillis par Paul MARTIN", "Paul MARTIN", True),  # not a marker: a line about him
        ("Le communiqué a été signé par Inès BAKRI", "Inès BAKRI", True),
    ],
)
def test_people_rules_byline_marker_must_be_all_the_line_before_the_name(line: str, name: str, kept: bool) -> None:
    text = f"Les combats ont repris.\n{line}\nLa ville est sous le feu."
    assert _found(_doc_with_entities(text, [(name, "PER")])) == ([(name, None)] if kept else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Le ministre délégué Jean Martin a signé l'accord.", [("Jean Martin", "ministre délégué")]),
        ("Le général de division Paul Roux commandera la brigade.", [("Paul Roux", "général de division")]),
        ("L'ancien Premier ministre Jean Martin a signé l'accord.", [("Jean Martin", "ancien premier ministre")]),
        ("L'ex-ministre Jean Martin a signé l'accord.", [("Jean Martin", "ancien ministre")]),
        # A title is read on one line: the modifier or the last word of the title is cut off.
        ("L'ancien\nPremier ministre Jean Martin a signé l'accord.", [("Jean Martin", "premier ministre")]),
        ("Le ministre\ndélégué Jean Martin a signé l'accord.", []),
    ],
)
def test_people_rules_read_longest_title_on_one_line(text: str, found: list[tuple[str, str]]) -> None:
    assert _found(_doc_with_entities(text, [])) == found


def test_people_rules_extend_name_with_capitalised_surname() -> None:
    text = "Selon Emmanuel MACRON, l'Europe doit s'armer."
    claims = list(people.extract(_doc_with_entities(text, [("Emmanuel", "PER")])))
    assert [(c.name, c.given, c.surname) for c in claims] == [("Emmanuel MACRON", "Emmanuel", "MACRON")]


def test_people_rules_propagate_surname_seen_with_given_name() -> None:
    text = "Loukachenko appelle à la détente\n\nLe président Alexandre Loukachenko a écrit à Donald Trump."
    doc = _doc_with_entities(text, [("Alexandre Loukachenko", "PER"), ("Donald Trump", "PER")])
    assert [(c.name, c.span.start) for c in people.extract(doc)] == [
        ("Loukachenko", 0),
        ("Alexandre Loukachenko", text.index("Alexandre")),
        ("Donald Trump", text.index("Donald")),
    ]


def test_people_rules_apposition_title_drops_person_complement(no_places: None) -> None:
    text = "John Coale, représentant de Donald Trump, s'est rendu à Minsk."
    doc = _doc_with_entities(text, [("John Coale", "PER"), ("Donald Trump", "PER")])
    claims = list(people.extract(doc))
    assert [(c.name, c.title) for c in claims] == [("John Coale", "représentant"), ("Donald Trump", None)]
    assert claims[0].title_span is not None and claims[0].title_span.text == "représentant de Donald Trump"


def test_people_rules_demonym_before_name_gives_nationality_without_title() -> None:
    text = "Il a appelé son homologue bélarusse Alexandre Loukachenko."
    claims = list(people.extract(_doc_with_entities(text, [("Alexandre Loukachenko", "PER")])))
    assert [(c.title, c.nationality) for c in claims] == [(None, "BY")]


def test_people_extract_sets_doc_people_and_maps_spans_to_original_text() -> None:
    # A header, a soft hyphen inside the name and a curly apostrophe: offsets must map back.
    original = "date 2025-09-15 L’opposant Sergueï Tikha\u00adnovski a été libéré.\n"
    article = _article(original, body_start=16)
    doc = prepare(article)
    start = doc.text.index("Sergueï")
    doc.parsed = _FakeSpacyDoc([_Ent(start, doc.text.index(" a été"), "PER")])  # type: ignore[assignment]
    claims = list(people.extract(doc))
    assert doc.people == claims
    (claim,) = claims
    assert claim.name == "Sergueï Tikhanovski"
    assert claim.span.text == original[claim.span.start : claim.span.end] == "Sergueï Tikha\u00adnovski"
    assert claim.title == "opposant"
    assert claim.sentence.start <= claim.span.start < claim.span.end <= claim.sentence.end


def test_people_user_lexicon_adds_a_title(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    (tmp_path / "fr" / "titles.yaml").write_text("titles:\n  bourgmestre: {class: local_official}\n", encoding="utf-8")
    lexicon.set_extra_dirs([tmp_path])
    try:
        text = "Le bourgmestre de Liège Willy Demeyer a rouvert le pont."
        assert _found(_doc_with_entities(text, [])) == [("Willy Demeyer", "bourgmestre de liège")]
    finally:
        lexicon.set_extra_dirs([])
    assert _found(_doc_with_entities(text, [])) == []


_PIECES = st.sampled_from(
    ["M.", "Mme", "MM.", "le", "ministre", "de", "la", "Défense", "Viktor", "Khrenine", "von", "der", "al-Sissi",
     "D", "es", ",", ".", "«", "»", "\n", "\n\n", "Par", "BECAM", "ex-président", "ancien", "2025", "-", "’", "\u00ad"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=25), ent=st.tuples(st.integers(0, 200), st.integers(0, 40)))
def test_people_rules_never_fail_and_spans_are_exact(pieces: list[str], ent: tuple[int, int]) -> None:
    text = " ".join(pieces)
    article = _article(text)
    doc = prepare(article)
    start = min(ent[0], len(doc.text))
    doc.parsed = _FakeSpacyDoc([_Ent(start, min(len(doc.text), start + ent[1]), "PER")])  # type: ignore[assignment]
    for claim in people.extract(doc):
        assert claim.span.text == text[claim.span.start : claim.span.end]
        assert claim.name and claim.surname
        assert claim.short_form is (claim.given is None)


# ---------------------------------------------------------------------------- real model


def _check_case(claims: list[Any], expected: list[dict[str, Any]], case_id: str) -> None:
    got = [
        {
            "name": c.name,
            "given": c.given,
            "surname": c.surname,
            "short_form": c.short_form,
            "title": c.title,
            "nationality": c.nationality,
            "title_text": c.title_span.text if c.title_span else None,
        }
        for c in claims
    ]
    assert [g["name"] for g in got] == [e["name"] for e in expected], case_id
    for g, e in zip(got, expected):
        assert {k: g[k] for k in e} == e, case_id


def _case_params() -> list[Any]:
    """The fixture cases; a `known_gap` is a reading the extractor does not make yet (strict xfail)."""
    return [
        pytest.param(
            case, id=case["id"], marks=[pytest.mark.xfail(reason=case["known_gap"], strict=True)] if "known_gap" in case else []
        )
        for case in FIXTURE["cases"]
    ]


@pytest.mark.slow
@pytest.mark.parametrize("case", _case_params())
def test_people_extract_fixture_cases(case: dict[str, Any]) -> None:
    article = _article(case["text"], language=case.get("language", "fr"))
    doc = prepare(article)
    claims = list(people.extract(doc))
    for c in claims:
        assert c.span.text == article.text[c.span.start : c.span.end]
    _check_case(claims, case["people"] or [], case["id"])


def test_people_fixture_has_english_cases() -> None:
    english = [c for c in FIXTURE["cases"] if c.get("language") == "en" and "known_gap" not in c]
    assert len(english) >= 12
    assert sum(1 for c in english if not c["people"]) >= 3


def _gold_person_evidence() -> list[tuple[str, str]]:
    """(source, text) of gold `name` evidence that names a person.

    A person's evidence is a name of two or more capitalised words without digits, or a
    single word that is the last word of such a name in the same item (a short form).
    """
    out = []
    for item in GOLD["items"]:
        if item["kind"] != "name":
            continue
        texts = [e["text"] for e in item["evidence"]]
        full = [
            t
            for t in texts
            if len(t.split()) >= 2 and not re.search(r"\d", t) and all(w[0].isupper() for w in t.split())
        ]
        surnames = {t.split()[-1] for t in full}
        for e in item["evidence"]:
            if e["text"] in full or e["text"] in surnames:
                out.append((e["source"], e["text"]))
    return out


@pytest.fixture(scope="module")
def seed_people() -> dict[str, tuple[str, list[Any]]]:
    articles, _ = read_corpus([str(ROOT / "seeds")])
    out = {}
    for article in articles:
        out[article.id] = (article.text, list(people.extract(prepare(article))))
    return out


@pytest.mark.slow
def test_people_seed_gold_persons_are_covered(seed_people: dict[str, tuple[str, list[Any]]]) -> None:
    evidence = _gold_person_evidence()
    assert len(evidence) >= 8
    for source, text in evidence:
        original, claims = seed_people[source]
        occurrences = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", original)]
        assert occurrences, (source, text)
        for at in occurrences:
            assert any(c.span.start < at + len(text) and at < c.span.end for c in claims), (source, text, at)


@pytest.mark.slow
def test_people_seed_no_person_is_a_country_or_capital(seed_people: dict[str, tuple[str, list[Any]]]) -> None:
    # Gold `name` evidence that is not a person's (countries, organisations, events).
    persons = {t for _, t in _gold_person_evidence()}
    not_persons = {e["text"] for item in GOLD["items"] if item["kind"] == "name" for e in item["evidence"]} - persons
    not_persons |= {t.split()[0] for t in not_persons}  # "Zapad" of "Zapad-2025" too
    assert not_persons
    folded = {people._fold(t) for t in not_persons}
    for _, claims in seed_people.values():
        for claim in claims:
            for part in (claim.name, claim.surname):
                assert people._fold(part) not in folded, claim.name
                assert people.country_code("fr", part) is None and people.capital_code("fr", part) is None, claim.name


@pytest.mark.slow
def test_people_seed_gold_persons_have_name_parts(seed_people: dict[str, tuple[str, list[Any]]]) -> None:
    """What alignment clusters on: given names and surname apart, short forms marked."""
    for source, text in _gold_person_evidence():
        original, claims = seed_people[source]
        at = original.index(text)
        (claim,) = [c for c in claims if c.span.start < at + len(text) and at < c.span.end]
        words = text.split()
        if len(words) == 1:
            assert (claim.given, claim.surname, claim.short_form) == (None, text, True), text
        else:
            assert (claim.given, claim.surname, claim.short_form) == (" ".join(words[:-1]), words[-1], False), text
