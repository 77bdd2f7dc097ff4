"""blank_regions: the header, page furniture, bylines and note references are hidden from extractors."""

from __future__ import annotations

import pytest

from claimdiff.base import lexicon
from claimdiff.corpus import boilerplate
from claimdiff.corpus.boilerplate import blank_regions, is_boilerplate_line, is_byline
from claimdiff.corpus.models import Article, Source
from claimdiff.corpus.normalize import NormText

BEFORE = "Les pompiers ont maîtrisé dimanche l'incendie qui a parcouru 300 hectares dans le Var."
AFTER = "Selon la préfecture, 12 habitations ont été évacuées par précaution."


def _article(text: str, body_start: int = 0) -> Article:
    return Article(source=Source(id="t", path="t.txt", body_start=body_start), text=text)


def _blanked(text: str, body_start: int = 0) -> list[str]:
    return [text[s:e] for s, e in blank_regions(_article(text, body_start))]


def test_boilerplate_header_is_blanked():
    text = " date 2025-08-03 " + BEFORE
    assert blank_regions(_article(text, body_start=17)) == [(0, 17)]


def test_boilerplate_nothing_in_plain_prose():
    assert blank_regions(_article(f"{BEFORE}\n\n{AFTER}\n")) == []


@pytest.mark.parametrize(
    "line",
    [
        "Logo webradio media",
        "1 COMMENT",
        "12 commentaires",
        "Commentaires (4)",
        "Partager",
        "Partager sur Facebook",
        "• Partager cet article",
        "Facebook Twitter LinkedIn",
        "Imprimer",
        "Lire aussi : Incendies : le Var placé en vigilance rouge",
        "À lire aussi",
        "LIRE AUSSI > Sécheresse : les restrictions prolongées",
        "Sur le même sujet",
        "Abonnez-vous pour lire la suite de cet article",
        "Déjà abonné ? Se connecter",
        "Cet article est réservé aux abonnés.",
        "Il vous reste 68 % de cet article à lire.",
        "Nous utilisons des cookies pour améliorer votre expérience de navigation.",
        "En poursuivant votre navigation, vous acceptez l'utilisation de cookies.",
        "Tout accepter",
        "Gérer mes choix",
        "Newsletter",
        "Inscrivez-vous à notre newsletter quotidienne",
        "Recevez gratuitement notre newsletter",
        "Publicité",
        "Temps de lecture : 3 min",
        "4 min de lecture",
        "Écouter cet article",
        "Crédit photo : Nicolas Tucat / AFP",
        "© AFP",
        "Tous droits réservés",
        "Accueil > Faits divers > Incendies",
        "Mots-clés : incendie, Var, pompiers",
        "Suivez-nous sur Instagram",
        "— AFP",
        "(AFP)",
        "Avec AFP",
        "(avec AFP et Reuters)",
    ],
)
def test_boilerplate_line_is_blanked_whole(line):
    text = f"{BEFORE}\n{line}\n{AFTER}\n"
    assert is_boilerplate_line(line)
    assert _blanked(text) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Partager le pouvoir avec l'opposition reste exclu, a déclaré le premier ministre.",
        "12 commentaires ont été supprimés par la modération du site, selon l'hébergeur.",
        "Lire la déclaration en entier prend 20 minutes, reconnaît son auteur.",
        "Le logo de la marque a été changé en 2019 après 40 ans.",
        "Les cookies du boulanger ont été primés à Lyon devant 300 visiteurs.",
        "La newsletter du ministère a été publiée jeudi.",
        "La publicité pour les jeux d'argent sera interdite à partir de 2026.",
        "Accueil chaleureux pour les 45 réfugiés arrivés à Calais.",
        "Photos et vidéos ont circulé sur les réseaux sociaux dès samedi matin.",
        "L'AFP a pu consulter le rapport de 80 pages.",
    ],
)
def test_boilerplate_prose_line_is_kept(line):
    assert not is_boilerplate_line(line)
    assert _blanked(f"{BEFORE}\n{line}\n{AFTER}\n") == []


def test_boilerplate_long_line_is_never_boilerplate():
    line = "Partager " + "x" * 400
    assert not is_boilerplate_line(line)


# --- bylines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "Amaryllis BECAM",
        "Par Jean Dupont",
        "Jean Dupont",
        "Jean-Pierre de La Fontaine",
        "Par Marie Durand et Paul Martin",
        "J. DUPONT",
    ],
)
def test_boilerplate_byline_at_the_end(byline):
    text = f"{BEFORE}\n\n{AFTER}\n{byline}\n"
    assert _blanked(text) == [byline]


def test_boilerplate_byline_before_trailing_furniture():
    text = f"{BEFORE}\n{AFTER}\nAmaryllis BECAM\n\n1 COMMENT"
    assert _blanked(text) == ["Amaryllis BECAM", "1 COMMENT"]


@pytest.mark.parametrize("byline", ["Par Jean Dupont", "Amaryllis BECAM", "PAR SOPHIE MARTIN"])
def test_boilerplate_byline_at_the_start_with_marker(byline):
    text = f"{byline}\n{BEFORE}\n{AFTER}"
    assert _blanked(text) == [byline]


@pytest.mark.parametrize("title", ["Emmanuel Macron", "Libération de Sergueï Tikhanovski"])
def test_boilerplate_capitalised_first_line_without_marker_is_kept(title):
    assert _blanked(f"{title}\n{BEFORE}\n{AFTER}") == []


@pytest.mark.parametrize(
    "line",
    [
        "Rapprochement avec la Russie",
        "Jean Dupont, à Marseille",
        "Un Deux Trois Quatre Cinq",
        "Vladimir",
        "Charles de",
        "Lundi Soir.",
        "Zapad 2025",
    ],
)
def test_boilerplate_not_a_byline(line):
    assert not is_byline(line)
    assert _blanked(f"{BEFORE}\n{AFTER}\n{line}") == []


def test_boilerplate_name_line_in_the_middle_is_kept():
    text = f"{BEFORE}\nCharles de Gaulle\n{AFTER}"
    assert _blanked(text) == []


def test_boilerplate_article_of_only_a_name_is_not_blanked():
    assert _blanked("Jean Dupont\n") == []


# --- note references --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, blanked",
    [
        ("Les soldats ont remercié le ministre pour l'invitation 1.", [" 1"]),
        ("Les soldats ont remercié le ministre pour l'invitation\u00a01.", ["\u00a01"]),
        ("Il se « réjouissait de rencontrer le président à l'avenir » 4.", [" 4"]),
        ("Le ministre veut « normaliser les relations » 2", [" 2"]),
        ("Le texte a été voté en première lecture3.", []),  # a glued 3 out of sequence
        ("Les soldats ont remercié le ministre pour l'invitation1.", ["1"]),
        ("Le rapport [2] évoque 300 victimes civiles.", ["[2]"]),
        ("Le traité a été signé à Rome² en présence de 6 ministres.", ["²"]),
    ],
)
def test_boilerplate_footnote_reference(line, blanked):
    assert _blanked(f"{BEFORE}\n{line}\n{AFTER}") == blanked


@pytest.mark.parametrize(
    "line",
    [
        "La semaine dernière, il en a libéré 52.",
        "L'exercice a débuté vendredi et s'est achevé mardi 16.",
        "La guerre a commencé en février 2022.",
        "Les secouristes en ont sauvé 2.",  # a first reference would be 1
        "Le pays occupe désormais le rang 1.",
        "Les manœuvres « Zapad » 2025.",
        "Une surface de 40 km² a brûlé.",
        "Le bilan est de 1. Ensuite, les secours sont repartis.",
        "The law enters into force on October 1.",  # months and weekdays of every language pack
        "The new rules take effect on Oct 1.",
        "The final is on Sunday 1.",
        "The suspect was later charged and is due in court on page 1.",
    ],
)
def test_boilerplate_number_that_is_not_a_reference_is_kept(line):
    assert _blanked(f"{BEFORE}\n{line}\n{AFTER}") == []


def test_boilerplate_references_follow_their_numbering():
    text = "\n".join(
        [
            "Les soldats ont remercié le ministre pour l'invitation 1.",
            "Washington veut « normaliser les relations » 2.",
            "Le président a accepté de venir, sans préciser de date 3.",
            "Le régime en a libéré 4.",  # the next reference would be 4: blanked
            "Les autorités en ont libéré 9.",  # out of sequence: a count
        ]
    )
    assert _blanked(text) == [" 1", " 2", " 3", " 4"]


def test_boilerplate_one_missing_reference_is_tolerated():
    text = "Le ministre a salué l'invitation 1.\nIl a accepté la visite sans fixer de date 3.\n"
    assert _blanked(text) == [" 1", " 3"]


# --- spans inside prose ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, blanked",
    [
        (
            "Le rapport est en ligne sur https://example.org/2025/09/15/rapport-17.html depuis lundi.",
            ["https://example.org/2025/09/15/rapport-17.html"],
        ),
        ("Voir [le communiqué](https://example.org/c/2025-06-03) publié mardi.", ["https://example.org/c/2025-06-03"]),
        ("Plus d'informations sur www.interieur.gouv.fr/actu-2025.", ["www.interieur.gouv.fr/actu-2025"]),
        ("Écrire à contact-2025@redaction.example.fr pour témoigner.", ["contact-2025@redaction.example.fr"]),
        ("Le bilan<br/>s'élève à 12 morts.", ["<br/>"]),
        ("Un score de 3 < 5 mais 7 > 2 selon l'institut.", []),
    ],
)
def test_boilerplate_spans_inside_prose(line, blanked):
    assert _blanked(f"{BEFORE}\n{line}\n{AFTER}") == blanked


def test_boilerplate_data_lists_hold_only_strings():
    # YAML 1.1 reads bare on/off/yes/no as booleans: a French word list must not lose "on".
    for name in ("boilerplate", "agencies"):
        data = lexicon.load(name, package="claimdiff.corpus")
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                assert all(isinstance(v, (str, dict)) for v in item), (name, item)
                stack.extend(item)


# --- offsets and integration ------------------------------------------------------------


def test_boilerplate_crlf_regions_exclude_line_breaks():
    text = f"Logo Radio Info\r\n{BEFORE}\r\n{AFTER}\r\nPar Jean Dupont\r\n"
    regions = blank_regions(_article(text))
    assert [text[s:e] for s, e in regions] == ["Logo Radio Info", "Par Jean Dupont"]
    assert all("\r" not in text[s:e] and "\n" not in text[s:e] for s, e in regions)


def test_boilerplate_regions_are_sorted_merged_and_after_header():
    text = " date 2025-08-03 Partager\n" + BEFORE + "\nPartager\nPartager\n"
    regions = blank_regions(_article(text, body_start=17))
    assert regions == sorted(regions)
    assert regions[0] == (0, 25)  # the header and the "Partager" right after it, merged
    assert all(a[1] < b[0] for a, b in zip(regions, regions[1:], strict=False))


def test_boilerplate_normalised_text_hides_regions_and_keeps_offsets():
    text = f"Logo webradio media\n\n{BEFORE}\n{AFTER}\nAmaryllis BECAM\n\n1 COMMENT"
    norm = NormText(text, blank_regions(_article(text)))
    assert len(norm.text) == len(text)
    assert "Logo" not in norm.text and "BECAM" not in norm.text and "COMMENT" not in norm.text
    assert norm.text.index("Les pompiers") == text.index("Les pompiers")


def test_boilerplate_patterns_come_from_yaml_and_user_lexicons(tmp_path, monkeypatch):
    (tmp_path / "boilerplate.yaml").write_text("lines:\n  - 'votre avis nous intéresse'\n", encoding="utf-8")
    line = "Votre avis nous intéresse"
    text = f"{BEFORE}\n{line}\n{AFTER}"
    assert _blanked(text) == []
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        assert _blanked(text) == [line]
        assert is_boilerplate_line("Partager")  # the built-in patterns are kept
    finally:
        monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH")
        lexicon.load.cache_clear()
    assert _blanked(text) == []


def test_boilerplate_bad_user_pattern_is_a_config_error(tmp_path, monkeypatch):
    from claimdiff.base.errors import ConfigError

    (tmp_path / "boilerplate.yaml").write_text("lines:\n  - '(unclosed'\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        with pytest.raises(ConfigError, match="bad pattern"):
            blank_regions(_article(BEFORE))
    finally:
        monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH")
        lexicon.load.cache_clear()
        boilerplate._compiled = None
