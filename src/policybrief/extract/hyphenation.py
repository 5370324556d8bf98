"""A word broken at a line's end: join it, or keep its hyphen. One rule for a list item's text
(policybrief.extract.lists) and for a PDF read directly (policybrief.extract.published)."""

import functools


@functools.cache
def english_words() -> frozenset:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=True))


def keeps_hyphen(head: str, tail: str, compounds: set, words: set) -> bool:
    """At a line break 'head-' + 'tail': a compound the document writes elsewhere
    ('trade-union'), or one before a capital ('non-EU'), keeps its hyphen; a word split for the
    line ('particu-larly') is joined, as is any whose joined form is a word (of English, or of
    the document); two words that are not one ('three-year') keep it. `compounds` are the
    document's hyphenated words as written, `words` its words in lower case."""
    if f"{head}-{tail}" in compounds or f"{head}-{tail}".lower() in compounds or tail[:1].isupper():
        return True
    joined = (head + tail).lower()
    dictionary = english_words()
    if joined in dictionary or joined in words:
        return False
    return head.lower() in dictionary and tail.lower() in dictionary
