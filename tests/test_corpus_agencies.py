"""credited_agency: the outlet of an agency dispatch, from its dateline or closing credit."""

from __future__ import annotations

import pytest

from claimdiff.corpus.agencies import credited_agency

BODY = "Le Kremlin a démenti lundi toute participation de 4 000 soldats aux manœuvres."


@pytest.mark.parametrize(
    "text, outlet",
    [
        (f"MOSCOU, 15 septembre (Reuters) - {BODY}", "Reuters"),
        (f"PRÈS DE BORISSOV, Biélorussie, 15 septembre (Reuters) - D es officiers. {BODY}", "Reuters"),
        (f"Kiev (AFP) – {BODY}", "AFP"),
        (f"WASHINGTON (AP) — {BODY}", "AP"),
        (f"Bruxelles (Belga) - {BODY}", "Belga"),
        (f"Paris (Agence France-Presse) - {BODY}", "AFP"),
        (f"Genève (AFP/Keystone) - {BODY}", "AFP"),
        (f"{BODY}\n\n— AFP\n", "AFP"),
        (f"{BODY}\n(AFP)", "AFP"),
        (f"{BODY} — Reuters", "Reuters"),
        (f"{BODY}\nReuters\n\n", "Reuters"),
    ],
)
def test_agencies_credit(text, outlet):
    assert credited_agency(text) == outlet


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        f"{BODY}\nSelon l'AFP, le bilan pourrait s'alourdir.",
        f"{BODY}\nAvec AFP",  # written "with" an agency: the outlet is someone else
        f"Le rapport de l'Assemblée populaire (ap) - {BODY}",
        f"{'Un long premier paragraphe sans agence. ' * 10}Kiev (AFP) - {BODY}",  # past the dateline window
        f"{BODY}\n(AFP) est citée plus haut mais ce n'est pas un crédit.",
    ],
)
def test_agencies_no_credit(text):
    assert credited_agency(text) is None


def test_agencies_dateline_after_header_only():
    header = " date 2025-09-15 "
    assert credited_agency(header + f"Minsk (Reuters) - {BODY}", body_start=len(header)) == "Reuters"
