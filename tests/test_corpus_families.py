"""Source families: articles that reprint one text, found from their wording (corpus/families.py)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimdiff.corpus import families
from claimdiff.corpus.families import find_families
from claimdiff.corpus.models import Article, Source
from claimdiff.corpus.reader import read_corpus

REPO = Path(__file__).resolve().parents[1]
JEWELLERY = REPO.parent / "shared" / "dev" / "corpus" / "en-paris-jewellery-raid-2013-09"

DISPATCH = [
    "A fire at a chemical depot on the outskirts of Lyon injured 14 people on Saturday, three of them "
    "seriously, the regional fire service said.",
    "The blaze broke out shortly after 6 am in a warehouse storing solvents and spread to two neighbouring "
    "buildings before more than 120 firefighters brought it under control around noon.",
    "Residents within a radius of 500 metres were told to keep their windows shut, and the A7 motorway was "
    "closed in both directions for four hours as a thick black plume drifted over the city.",
    "The prefect, Fabienne Buccio, told reporters that air quality readings taken during the morning showed "
    "no toxic levels, but that tests would continue overnight.",
    "The depot, run by the logistics company Transchim, had been inspected in March and no breach of safety "
    "rules had been found, according to the regional environment authority.",
    "An investigation has been opened to establish the cause of the fire, the Lyon prosecutor's office said.",
]


OTHER_DISPATCH = [
    "Rail workers in Belgium walked out on Monday for the second time this month, cancelling two thirds of "
    "trains across the country and stranding thousands of commuters in Brussels and Antwerp.",
    "The unions are protesting against a pension reform that would raise the retirement age of train drivers "
    "from 55 to 67 over the next ten years, a plan the government says is needed to balance the budget.",
    "Eurostar and Thalys services to Paris and London ran normally, the national operator SNCB said, but "
    "local lines in Wallonia were almost entirely shut down.",
    "Talks between the mobility minister and union leaders are due to resume on Thursday.",
]


def _article(source_id: str, text: str, outlet: str | None = None) -> Article:
    return Article(source=Source(id=source_id, path=f"{source_id}.txt", outlet=outlet), text=text)


def _reprints() -> dict[str, str]:
    """One dispatch as three outlets print it, and an independent report of the same fire."""
    lightly_edited = [p.replace("on Saturday", "today").replace("metres", "meters") for p in DISPATCH]
    return {
        "courier": "\n\n".join(DISPATCH),
        "herald": "Chemical depot fire injures 14 near Lyon\n\n" + "\n\n".join(lightly_edited[:5]),
        "gazette": "\n\n".join(DISPATCH)
        + "\n\nLast year, a fire at a paint factory in Grenoble forced the evacuation of 300 homes.",
        "own-reporter": (
            "Fourteen people were hurt when flames tore through a solvent warehouse near Lyon early on Saturday. "
            "Fabienne Buccio, the prefect, said that the morning's air samples had found nothing dangerous. "
            "Some 120 firefighters fought the blaze, which also reached two other buildings, for six hours, and "
            "drivers on the A7 were turned back for most of the morning. Transchim, which runs the depot, did not "
            "answer our calls. Prosecutors in Lyon have opened an inquiry into what started the fire."
        ),
    }


def test_families_group_the_reprints_of_one_text():
    articles = [_article(i, t) for i, t in _reprints().items()]
    (family,) = find_families(articles)
    assert family.id == "F1"
    assert family.sources == ["courier", "herald", "gazette"]
    assert family.agency is None
    assert {link.sources for link in family.links} == {("courier", "herald"), ("courier", "gazette"), ("herald", "gazette")}
    assert all(link.basis == "near-duplicate" and link.overlap >= families.NEAR_DUPLICATE for link in family.links)
    assert family.reason.startswith("copies of one text: ")
    assert "of the shorter article's wording is in the other" in family.reason


def test_families_need_shared_wording_not_shared_facts():
    texts = _reprints()
    # The independent report states the same facts (14 injured, 120 firefighters, the prefect, the A7).
    assert find_families([_article("courier", texts["courier"]), _article("own", texts["own-reporter"])]) == []


def _half_rewritten() -> tuple[str, str]:
    first = "LYON, France (AFP) - " + " ".join(DISPATCH)
    # Half of the dispatch kept word for word, the other half rewritten at the same length: a heavy edit.
    second = (
        "LYON (AFP) - "
        + " ".join(DISPATCH[:3])
        + " Speaking to journalists at the scene, Fabienne Buccio said the samples collected since dawn had not "
        "shown any dangerous pollution, although checks were set to go on through the night. Transchim, the "
        "logistics firm that operates the site, passed an inspection this spring without any safety problem "
        "being reported, regional environment officials said. Prosecutors in Lyon have started an inquiry "
        "into what set off the fire."
    )
    return first, second


def test_families_a_shared_agency_credit_lowers_the_bar():
    first, second = _half_rewritten()
    (family,) = find_families([_article("a", first), _article("b", second)])
    (link,) = family.links
    assert link.basis == "agency-copy" and link.agency == "AFP"
    assert families.AGENCY_COPY <= link.overlap < families.NEAR_DUPLICATE
    assert family.agency == "AFP" and family.reason.startswith("copies of one AFP dispatch: ")
    # The same wording without the credit (or credited to two agencies) is not enough.
    bare = [_article("a", first.split(" - ", 1)[1]), _article("b", second.split(" - ", 1)[1])]
    assert find_families(bare) == []
    crossed = [_article("a", first), _article("b", second.replace("(AFP)", "(Reuters)"))]
    assert find_families(crossed) == []


def test_families_ignore_page_furniture_and_headers():
    furniture = "\n".join(["Share this article", "Facebook", "Twitter", "Newsletter", "Read more: our top stories"] * 4)
    header = "---\nsource: The Site\ntitle: A title shared by both files, long enough to make word triples of its own\n---\n"
    a = header + "The council voted to close the library on Tuesday.\n" + furniture
    b = header + "Police arrested two men after a robbery at a bakery on Friday.\n" + furniture
    articles = [
        Article(source=Source(id=i, path=f"{i}.md", body_start=len(header)), text=t) for i, t in (("a", a), ("b", b))
    ]
    assert find_families(articles) == []


def test_families_leave_out_articles_too_short_to_compare():
    line = "Fourteen people were injured in a fire near Lyon."
    assert find_families([_article("a", line), _article("b", line + " Saturday.")]) == []


def test_families_are_numbered_in_corpus_order():
    texts = _reprints()
    articles = [
        _article("a-first", "Belgian rail strike\n\n" + "\n\n".join(OTHER_DISPATCH)),
        _article("b-courier", texts["courier"]),
        _article("c-gazette", texts["gazette"]),
        _article("d-second", "\n\n".join(OTHER_DISPATCH[:3])),
    ]
    found = find_families(articles)
    assert [(f.id, f.sources) for f in found] == [("F1", ["a-first", "d-second"]), ("F2", ["b-courier", "c-gazette"])]
    # The same corpus in another order names the same groups, numbered by their new first members.
    again = find_families(list(reversed(articles)))
    assert [(f.id, f.sources) for f in again] == [("F1", ["d-second", "a-first"]), ("F2", ["c-gazette", "b-courier"])]


def _filler(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)) + "."


def test_families_large_corpora_go_through_minhash_lsh(monkeypatch):
    """Past EXACT_UP_TO articles, candidates come from LSH; the families are those of the exact comparison."""
    rng = random.Random(7)
    vocabulary = sorted({w.strip(".,'") for p in DISPATCH for w in p.split()} | {f"word{i}" for i in range(400)})
    corpus = [_article(f"filler-{i:03d}", _filler(rng, vocabulary, 150)) for i in range(40)]
    texts = _reprints()
    corpus += [_article(i, t) for i, t in texts.items()]
    exact = find_families(corpus)
    assert [f.sources for f in exact] == [["courier", "herald", "gazette"]]
    called: list[int] = []
    lsh = families.lsh_candidates

    def spy(items):
        called.append(len(items))
        return lsh(items)

    monkeypatch.setattr(families, "EXACT_UP_TO", 10)
    monkeypatch.setattr(families, "lsh_candidates", spy)
    assert find_families(corpus) == exact
    assert called == [len(corpus)]
    candidates = lsh([families._text(a) for a in corpus])
    assert len(candidates) < len(corpus) * (len(corpus) - 1) / 2 / 10  # far fewer than all pairs


def test_families_of_the_seeds_are_none():
    """The seeds have Reuters (000) and AFP-style (001) copy, but no two share their wording."""
    articles, _ = read_corpus([str(REPO / "seeds")])
    assert find_families(articles) == []


@pytest.mark.skipif(not JEWELLERY.is_dir(), reason=f"dev corpus not present at {JEWELLERY} (../shared/dev)")
def test_families_jewellery_raid_reprints_of_one_afp_dispatch(cli):
    """The Local, City Press and i24news reprint one AFP dispatch (dev sources file); Telegraph and
    Sky reuse parts of it, BBC and NBC wrote their own: one family of three."""
    run = cli("check", JEWELLERY, "--format", "json", "--fail-on", "never")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert [(f["id"], f["sources"]) for f in report["families"]] == [
        ("F1", ["ecbplus_24_10_itwentyfournews", "ecbplus_24_5_thelocal", "ecbplus_24_7_citypress"])
    ]
    assert all(link["basis"] == "near-duplicate" for link in report["families"][0]["links"])


def test_families_an_agency_named_as_outlet_counts_as_its_credit():
    first, second = _half_rewritten()
    bare = [first.split(" - ", 1)[1], second.split(" - ", 1)[1]]
    tagged = [Article(source=Source(id=i, path=f"{i}.md", outlet="AFP"), text=t) for i, t in zip("ab", bare)]
    (family,) = find_families(tagged)
    assert family.agency == "AFP" and family.links[0].basis == "agency-copy"
    # An outlet that is not an agency is no credit.
    sites = [a.model_copy(update={"source": a.source.model_copy(update={"outlet": "Le Monde"})}) for a in tagged]
    assert find_families(sites) == []
