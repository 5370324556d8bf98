from policybrief.extract.sentences import sentence_span, wrap_width


def quote_around(text, needle):
    start = text.index(needle)
    begin, end = sentence_span(text, start, start + len(needle))
    return text[begin:end]


def test_sentence_ends_at_full_stop_before_a_capital():
    text = "First sentence here. The value is 32% for all. Last one."
    assert quote_around(text, "32%") == "The value is 32% for all."


def test_abbreviations_and_decimals_do_not_end_a_sentence():
    text = "Earlier (i.e. those with 10 or more years) were 20%. Massey et al., 1993 said 91.5% agreed. Next."
    assert quote_around(text, "20%") == "Earlier (i.e. those with 10 or more years) were 20%."
    assert quote_around(text, "91.5%") == "Massey et al., 1993 said 91.5% agreed."


def test_hard_wrapped_text_keeps_a_sentence_across_blank_lines():
    line = "word " * 11
    text = "\n\n".join([line.strip()] * 30 + ["word word word word word word the share was seventy",
                                              "percent overall.", "Short heading", "Next sentence here."])
    assert wrap_width(text) is not None
    assert quote_around(text, "seventy").endswith("percent overall.")


def test_a_paragraph_break_ends_a_sentence_in_unwrapped_text():
    text = "A heading without a stop\n\nThe figure is 5 days here. Then more."
    assert quote_around(text, "5 days") == "The figure is 5 days here."


def test_crlf_line_ends_and_a_byte_order_mark_behave_like_lf():
    text = "\ufeffA heading\r\n\r\nThe figure is 5 days here. Then more.\r\n"
    assert quote_around(text, "5 days") == "The figure is 5 days here."
