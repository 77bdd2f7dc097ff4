"""Entity resolution across sources: people, short forms, events."""

from __future__ import annotations

import pytest

from claimdiff.alignment.align import align
from claimdiff.alignment.aliases import load_aliases
from claimdiff.alignment.entities import same_person
from claimdiff.base.errors import ConfigError

from rule_cases import build_corpus


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("Bryan", "Shoup"), ("Bryan", "Shoupe"), True),
        (("Viktor", "Khrenine"), ("Viktor", "Khrenin"), True),
        (("Alexandre", "Loukachenko"), ("Alexandre", "Lukashenko"), True),
        (("Sergueï", "Choïgou"), ("Sergei", "Shoigu"), True),
        (("J.", "Biden"), ("Joe", "Biden"), True),
        (("Donald", "Trump"), ("Donald", "Tusk"), False),
        (("Donald", "Trump"), ("Melania", "Trump"), False),
        (("Sergueï", "Tikhanovski"), ("Svetlana", "Tikhanovskaïa"), False),
        (("Maria", "Lopez"), ("Mario", "Lopez"), False),
        (("Anna", "Ivanova"), ("Anna", "Ivanov"), False),
    ],
)
def test_entities_same_person(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    assert same_person(*a, *b) is same
    assert same_person(*b, *a) is same


def _people(entries: list[tuple[str, str]]):
    claims = [{"source": s, "type": "person", "text": t} for s, t in entries]
    sources, extracted = build_corpus(claims)
    alignment = align(sources, extracted)
    return {e.label: sorted(m.span.text for m in e.mentions) for e in alignment.entities if e.type == "person"}


def test_entities_short_form_links_to_full_name() -> None:
    people = _people([("a", "Vladimir Poutine"), ("b", "Poutine"), ("b", "Vladimir Poutine")])
    assert people == {"Vladimir Poutine": ["Poutine", "Vladimir Poutine", "Vladimir Poutine"]}


def test_entities_short_form_prefers_the_person_named_in_its_article() -> None:
    people = _people([("a", "Donald Trump"), ("b", "Melania Trump"), ("b", "Trump")])
    assert people["Melania Trump"] == ["Melania Trump", "Trump"]
    assert people["Donald Trump"] == ["Donald Trump"]


def test_entities_ambiguous_short_form_stays_alone() -> None:
    people = _people([("a", "Donald Trump"), ("a", "Melania Trump"), ("c", "Trump")])
    assert people["Trump"] == ["Trump"]


def test_entities_event_bare_name_joins_its_numbered_event() -> None:
    claims = [
        {"source": "a", "type": "entity", "text": "Vostok-2022", "key": "event:vostok-2022"},
        {"source": "b", "type": "entity", "text": "Vostok", "key": "event:vostok"},
    ]
    sources, extracted = build_corpus(claims)
    alignment = align(sources, extracted)
    assert [e.id for e in alignment.entities] == ["event:vostok-2022"]


def test_entities_event_bare_name_ambiguous_between_editions() -> None:
    claims = [
        {"source": "a", "type": "entity", "text": "Vostok-2022", "key": "event:vostok-2022"},
        {"source": "a", "type": "entity", "text": "Vostok-2018", "key": "event:vostok-2018"},
        {"source": "b", "type": "entity", "text": "Vostok", "key": "event:vostok"},
    ]
    sources, extracted = build_corpus(claims)
    assert len(align(sources, extracted).entities) == 3


def test_entities_alias_file_declares_same_and_distinct(tmp_path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("same:\n  - [Kaïs Saïed, Kais Saied, Qaïs Saïd]\ndistinct:\n  - [Jean Martin, Jean Martins]\n", encoding="utf-8")
    aliases = load_aliases(str(path))
    claims = [
        {"source": "a", "type": "person", "text": "Jean Martin"},
        {"source": "b", "type": "person", "text": "Jean Martins"},
        {"source": "a", "type": "person", "text": "Kais Saied"},
        {"source": "b", "type": "person", "text": "Qaïs Saïd"},
    ]
    sources, extracted = build_corpus(claims)
    alignment = align(sources, extracted, aliases=aliases)
    labels = sorted(e.label for e in alignment.entities)
    assert labels == ["Jean Martin", "Jean Martins", "Kais Saied"]


@pytest.mark.parametrize("content", ["same: [[only-one]]\n", "- a list\n", "same: 3\n", "nope: []\n", "same: [[a, b]\n"])
def test_entities_alias_file_errors_are_one_line(tmp_path, content: str) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        load_aliases(str(path))
    assert "\n" not in str(excinfo.value)
    assert str(path) in str(excinfo.value)


@pytest.mark.parametrize(
    ("person", "thing", "thing_type", "retyped"),
    [
        ("Fonscolombe", "place:fonscolombes", "place", True),  # one letter apart: the place
        ("Milton", "event:milton", "event", True),  # "Hurricane Milton" elsewhere: the storm
        ("Pierre Milton", "event:milton", "event", False),  # a given name: a person
        ("Dupont", "place:lyon", "place", False),  # nothing like it: a person
    ],
)
def test_entities_a_lone_surname_written_as_a_thing_elsewhere_is_that_thing(
    person: str, thing: str, thing_type: str, retyped: bool
) -> None:
    name = "Hurricane Milton" if thing_type == "event" else thing.split(":")[1].capitalize()
    sources, extracted = build_corpus(
        [
            {"source": "a", "type": "entity", "text": name, "key": thing, "entity_type": thing_type},
            {"source": "b", "type": "person", "text": person},
        ]
    )
    alignment = align(sources, extracted)
    people = [e for e in alignment.entities if e.type == "person"]
    assert (not people) is retyped, [e.label for e in alignment.entities]
