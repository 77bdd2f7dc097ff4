"""Source families: articles that reprint one text, so that their agreement is not corroboration.

Two articles are copies of one text when most of the shorter one's wording is in the
other: at least `NEAR_DUPLICATE` of its word triples (accents and case folded; headers and
page furniture left out), or at least `AGENCY_COPY` when both credit the same news agency
in their dateline or closing line (or name it as their outlet in their metadata). Families are the connected groups of copies.

A corpus of up to `EXACT_UP_TO` articles is compared pair by pair, which is cheaper than
hashing it. A larger one is never compared pair by pair: candidate pairs come from MinHash
signatures indexed by locality-sensitive hashing (datasketch), and every candidate is then
measured exactly, so both ways give the same links, except that LSH may miss a copy that
shares less than about half of its word triples with the other (a heavily cut or edited
one, or a short one inside a much longer article).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.corpus.agencies import agency_names, credited_agency
from claimdiff.corpus.boilerplate import is_boilerplate_line
from claimdiff.corpus.models import Article, FamilyLink, SourceFamily

#: Share of the shorter article's word triples found in the other that makes it a copy.
NEAR_DUPLICATE = 0.6
#: The same share when both articles credit the same agency: one dispatch, edited.
AGENCY_COPY = 0.35
#: Word triples an article needs before its wording is compared (a headline alone is not a text).
MIN_SHINGLES = 20
SHINGLE_WORDS = 3
#: Up to this many articles, every pair is measured (a few thousand set intersections).
EXACT_UP_TO = 200
_PERMUTATIONS = 128
# 32 bands of 4 rows: two articles whose word triples have a Jaccard similarity of 0.5 (a
# near-duplicate of about the same length) collide in a band with probability 0.87, at 0.6
# with 0.98, at 0.2 (articles on one topic sharing stock phrases) with 0.05: a large corpus
# of related articles yields few candidates, and copies that were cut or rewritten by half
# may be missed.
_BANDS = (32, 4)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Text:
    id: str
    shingles: frozenset[int]
    agency: str | None


def find_families(articles: Sequence[Article]) -> list[SourceFamily]:
    """The families of `articles` (two members or more), in the order of their first member."""
    texts = [_text(a) for a in articles]
    comparable = [t for t in texts if len(t.shingles) >= MIN_SHINGLES]
    links = [link for a, b in _candidates(comparable) if (link := _link(a, b)) is not None]
    return _families([t.id for t in texts], links)


def _text(article: Article) -> _Text:
    """An article's word triples (as stable 32-bit hashes), its header and furniture lines left out."""
    import numpy as np

    # Lines of page furniture ("Partager", cookie notices) repeat across one site's articles.
    lines = article.body.splitlines()
    words = _WORD.findall(_fold("\n".join(line for line in lines if not is_boilerplate_line(line))))
    if len(words) < SHINGLE_WORDS:
        return _Text(article.id, frozenset(), None)
    ids = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    # A triple's hash from its words' hashes: fast, order-sensitive, the same in every process.
    mixed = ids[:-2] * np.uint64(0x9E3779B1) + ids[1:-1] * np.uint64(0x85EBCA77) + ids[2:]
    shingles = frozenset((mixed % np.uint64(_PRIME32)).tolist())
    return _Text(article.id, shingles, _agency(article))


def _agency(article: Article) -> str | None:
    """The agency the article credits, or that its metadata names as its outlet."""
    credited = credited_agency(article.text, article.source.body_start)
    if credited is None and article.source.outlet in agency_names():
        return article.source.outlet
    return credited


_ACCENTS = re.compile(r"[\u0300-\u036f]+")
_PRIME32 = 4294967291  # the largest prime below 2**32


def _fold(text: str) -> str:
    """Lower case without accents: "Vendôme" and "Vendome" are the same word in a reprint."""
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold()))


@functools.lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    # Stable across processes, unlike hash(); words repeat, so each is hashed once.
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little")


def _candidates(texts: Sequence[_Text]) -> list[tuple[_Text, _Text]]:
    """The pairs to measure, in corpus order."""
    if len(texts) <= EXACT_UP_TO:
        return list(itertools.combinations(texts, 2))
    return lsh_candidates(texts)


def lsh_candidates(texts: Sequence[_Text]) -> list[tuple[_Text, _Text]]:
    """Pairs whose MinHash signatures collide in some LSH band, in corpus order."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=_PERMUTATIONS, params=_BANDS)
    permutations = MinHash(num_perm=_PERMUTATIONS, scheme="affine32").permutations  # seeded, drawn once
    pairs: set[tuple[int, int]] = set()
    for i, text in enumerate(texts):
        # The shingles are already stable 32-bit hashes: MinHash only permutes them.
        signature = MinHash(num_perm=_PERMUTATIONS, hashfunc=int, permutations=permutations, scheme="affine32")
        signature.update_batch(text.shingles)
        pairs.update((other, i) for other in lsh.query(signature))
        lsh.insert(i, signature)
    return [(texts[a], texts[b]) for a, b in sorted(pairs)]


def _link(a: _Text, b: _Text) -> FamilyLink | None:
    """The link between two articles when one copies the other's wording."""
    shared = len(a.shingles & b.shingles)
    overlap = shared / min(len(a.shingles), len(b.shingles))
    agency = a.agency if a.agency is not None and a.agency == b.agency else None
    if overlap >= NEAR_DUPLICATE:
        basis = "near-duplicate"
    elif agency is not None and overlap >= AGENCY_COPY:
        basis = "agency-copy"
    else:
        return None
    jaccard = shared / len(a.shingles | b.shingles)
    return FamilyLink(sources=(a.id, b.id), basis=basis, overlap=round(overlap, 2), jaccard=round(jaccard, 2), agency=agency)


def _families(order: list[str], links: list[FamilyLink]) -> list[SourceFamily]:
    """Connected groups of linked sources, members and links in corpus order."""
    parent = {source: source for source in order}

    def root(source: str) -> str:
        while parent[source] != source:
            parent[source] = parent[parent[source]]
            source = parent[source]
        return source

    position = {source: i for i, source in enumerate(order)}
    for link in links:
        a, b = root(link.sources[0]), root(link.sources[1])
        if a != b:
            first, second = sorted((a, b), key=position.__getitem__)
            parent[second] = first
    groups: dict[str, list[str]] = {}
    for source in order:
        groups.setdefault(root(source), []).append(source)
    families = []
    for members in (m for m in groups.values() if len(m) > 1):
        inside = [link for link in links if root(link.sources[0]) == root(members[0])]
        families.append(_family(f"F{len(families) + 1}", members, inside))
    return families


def _family(family_id: str, members: list[str], links: list[FamilyLink]) -> SourceFamily:
    agencies = {link.agency for link in links if link.agency}
    agency = agencies.pop() if len(agencies) == 1 else None
    low, high = min(link.overlap for link in links), max(link.overlap for link in links)
    shared = f"{low:.0%}" if low == high else f"{low:.0%}–{high:.0%}"
    what = f"copies of one {agency} dispatch" if agency else "copies of one text"
    return SourceFamily(
        id=family_id,
        sources=members,
        agency=agency,
        reason=f"{what}: {shared} of the shorter article's wording is in the other",
        links=links,
    )
