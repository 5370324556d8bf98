"""Observation flags as a sentence says them, beside a value set against others."""

from policybrief.core.flags import said_in_text


def test_a_flag_is_said_in_words_without_the_break_or_the_pointer_to_metadata():
    assert said_in_text({"flag": "d"}) == "definition differs"
    assert said_in_text({"flag": "bd"}) == "definition differs"  # the break is said where a change is computed
    assert said_in_text({"flag": "u"}) == "low reliability"
    assert said_in_text({"flag": "b"}) == said_in_text({"flag": ""}) == said_in_text({}) == ""
