"""Figures of the brief, in one house style. The edition says which figures it has, of which
kind, with which indicator, words and colours (config/figures.yaml, policybrief.figures.specs);
each kind here takes the tables (a dict of documents, facts, recommendations and indicators
rows, and the declared indicators) with the figure's entry and the colours, and returns the
matplotlib figure, its caption, alt text and source line, and the rows of data it draws
(published as CSV beside it), all from data.

Rules a statistics office would keep: one denominator per axis; a colour means one thing in
every figure (the colours of config/figures.yaml); a time axis ends with its data; the source
line names the survey or dataset as the document cites it. Figures are drawn narrow, with type large enough to read
at phone width without scrolling sideways.
"""

import re
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from policybrief.compute.indicators import INDICATORS_FILE  # noqa: E402
from policybrief.core.documents import citation_of  # noqa: E402
from policybrief.core.errors import InputError  # noqa: E402
from policybrief.core.flags import flagged, has  # noqa: E402
from policybrief.core.formatting import (  # noqa: E402
    format_number,
    grouped_notes,
    in_words,
    lower_first,
    published_decimals,
)
from policybrief.core.limits import limits_of  # noqa: E402
from policybrief.core.numbers import (  # noqa: E402
    MarkedText,
    Shown,
    cell_words,
    from_data_file,
    indicator_key,
    joined_parts,
    row_mark,
    source_words,
    span_mark,
    text_mark,
    with_source,
)
from policybrief.core.periods import period_order, period_shown, series_index, series_over_periods  # noqa: E402
from policybrief.core.units import words_after  # noqa: E402
from policybrief.figures.specs import FIGURES_FILE  # noqa: E402

INK, GREY = "#1F2933", "#5B6770"
# A series with more periods than this is drawn as a time series (breaks marked, ends labelled).
LONG_SERIES = 8
# What a caption says of the marks a series' flags put on a figure.
BREAK_WORDS = ("a dotted line marks a break in series (definitions or methods changed: values either side are not "
               "fully comparable)")
UNRELIABLE_WORDS = "a hollow point is a value of low reliability"
WIDTH = 3.9  # inches: about 375 CSS px, so a 360 px phone column keeps the type near its printed size
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": GREY,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "svg.hashsalt": "policybrief",  # stable ids inside SVG files
    "svg.fonttype": "path",
}


def _source_text(fig, source: str) -> str:
    """The source line at the bottom left of the figure, wrapped; returns it as drawn."""
    source = textwrap.fill(source, 62)  # about the width of the figure at 8 pt
    fig.text(0.01, 0.01, source, fontsize=8, color=GREY, ha="left", va="bottom")
    return source


def _frame(fig, source: str) -> None:
    """The source line at the bottom left, the axes laid out above it. (The title is the
    caption of the brief's figure, so it is not repeated inside the image.)"""
    source = _source_text(fig, source)
    bottom = (0.08 + 0.15 * (source.count("\n") + 1)) / fig.get_figheight()
    fig.tight_layout(rect=(0, bottom, 1, 1))


def with_notes(caption: list, noted) -> MarkedText:
    """The caption (its parts) with the catalogue's reading notes of the facts drawn, in
    brackets: `noted` holds (subject, fact) pairs."""
    notes = grouped_notes((subject, _words(fact, "note")) for subject, fact in noted)
    return MarkedText([*caption, " (", *notes, ")"] if notes else caption)


# A figure's caption and alt text print each number as the words of the row it comes from
# (core.numbers.Shown), so the brief's ledger traces it to that row and to no other.
def _key(row: dict) -> tuple[str, str]:
    """A row's id and table: a fact's, or a computed indicator's."""
    return (indicator_key(row), "indicators") if "formula" in row else (row["fact_id"], "facts")


def _value(row: dict, text: str) -> str:
    """Text that shows a row's value ("32%", "half"); a data file's value with its source
    ("37.5% (Register)"), as the brief's text gives it."""
    key, table = _key(row)
    return with_source(Shown(text, row_mark(row, key, table)), row, key, table)


def _series_values(rows: list[dict], approximate=lambda row: False) -> list:
    """A series' values in a text alternative ("1995 42.0%, …, 2024 61.0%"). A data file's
    value names its source; where one data file gives them all, it is named once, after them."""
    sources = {row.get("source") for row in rows if "formula" not in row and from_data_file(row)}
    one = len(sources) == 1 and None not in sources and "" not in sources and all(
        "formula" not in row and from_data_file(row) for row in rows)
    parts = joined_parts([[_period(r), " ", "approximately " if approximate(r) else "",
                           Shown(_point(r), row_mark(r, *_key(r))) if one else _value(r, _point(r)), _flag_words(r)]
                          for r in rows], ", ")
    return parts + ([" (all from ", source_words(rows[-1], *_key(rows[-1])), ")"] if one else [])


def _period(row: dict) -> Shown:
    """A row's period as the brief shows it ("2001–2005")."""
    key, table = _key(row)
    return Shown(period_shown(row["period"]), row_mark(row, key, table, "period"))


def _words(row: dict, column: str):
    """A cell of a row's words (a label, a note); digits in it are that row's."""
    key, table = _key(row)
    return cell_words(row, key, table, column) if row.get(column) else ""


def citation(documents: list[dict], document: str) -> str:
    """'Martiniello et al. (2008)', for a document id."""
    return next((citation_of(row) for row in documents if row["document"] == document), document)


def source_line(facts: list[dict], documents: list[dict]) -> str:
    """The datasets behind the facts as their documents cite them, and the documents."""
    parts = []
    for fact in facts:
        if fact.get("document"):
            cited = citation(documents, fact["document"])
            dataset = fact.get("dataset", "")
            period = f", {period_shown(fact['period'])}" if fact.get("period") and dataset else ""
            part = f"{dataset}{period}, as reported in {cited}" if dataset else cited
        elif fact.get("dataset"):  # an official statistics file names its dataset in its source
            part = fact.get("source", "")
        else:
            part = f"{fact.get('source', '')} (plug-in data file)"
        if part not in parts:
            parts.append(part)
    return "; ".join(parts)


def _pairs(tables, figure: dict) -> tuple[list, dict, bool]:
    """The input names of the figure's computed indicator and, per (group, period), its input
    facts under those names: the pairs the indicators stage matched (one group, one period)."""
    declaration = next((d for d in tables["declared"]["computed"] if d["name"] == figure["indicator"]), None)
    if declaration is None or set(declaration["inputs"]) != set(figure["bars"]):
        raise InputError(FIGURES_FILE, f"the figure of {figure['indicator']!r} draws the bars "
                                       f"{', '.join(figure['bars'])}, which are not the inputs of a computed indicator "
                                       f"of that name in {INDICATORS_FILE}.",
                         "name a computed indicator of two inputs, with a bar under each input's name.")
    roles = list(declaration["inputs"])
    by_id = {fact["fact_id"]: fact for fact in tables["facts"]}
    rows = [row for row in tables["indicators"] if row["indicator"] == figure["indicator"]]
    # Who a pair is about: its group, and its place where the pairs are of several places.
    several_places = len({row["geography"] for row in rows}) > 1
    pairs = {(", ".join(p for p in (row["geography"] if several_places else "", row["group"]) if p), row["period"]):
             dict(zip(roles, (by_id[i] for i in row["inputs"].split(";")))) for row in rows}
    return roles, pairs, several_places


def _axis_title(text: str, width: int = 40) -> str:
    """An axis title in lines that fit the figure's width, or (a vertical title, given a
    narrower width) its height; its own line breaks kept."""
    return "\n".join(textwrap.fill(line, width) for line in text.split("\n"))


def _shown(fact: dict, value=None) -> str:
    """A value as a figure writes it, with its unit's words ("32%")."""
    return f"{format_number(fact['value'] if value is None else value)}{words_after(fact['unit'])}"


def paired_bars(tables, figure: dict, colours: dict):
    """The two inputs of a computed indicator side by side, a pair per group (and place, where
    there are several) and period."""
    documents = tables["documents"]
    roles, pairs, several_places = _pairs(tables, figure)
    first, second = roles
    bars_of = figure["bars"]
    periods = sorted({period for _, period in pairs}, key=period_order)
    # Groups by their latest value of the first input, largest first; periods in order.
    latest = {group: float(pair[first]["value"]) for (group, _), pair in
              sorted(pairs.items(), key=lambda item: period_order(item[0][1]))}
    keys = sorted(pairs, key=lambda k: (-latest[k[0]], k[0], period_order(k[1])))
    labels = [", ".join(p for p in (group, period_shown(period) if len(periods) > 1 else "") if p)
              or pairs[(group, period)][first]["geography"] for group, period in keys]

    def approximate(key, role=None):
        return any(pairs[key][r].get("qualifier") == "approx" for r in ([role] if role else roles))

    rows = [{"group": group, "period": period,
             **{bars_of[role]["column"]: pairs[(group, period)][role]["value"] for role in roles},
             "approximate": "yes" if approximate((group, period)) else ""}
            for group, period in keys]
    values = {role: [float(pairs[k][role]["value"]) for k in keys] for role in roles}
    first_rows = {period: pairs[(group, period)][first] for group, period in keys}
    span = ([_period(first_rows[periods[0]])] if len(periods) == 1 else
            [_period(first_rows[periods[0]]), " to ", _period(first_rows[periods[-1]])] if periods else [])
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH, 1.85 + 0.68 * len(keys)), dpi=150)
        positions = range(len(keys))
        height = 0.38
        for role, offset in ((first, -height / 2), (second, height / 2)):
            bars = ax.barh([p + offset for p in positions], values[role], height,
                           color=colours[bars_of[role]["colour"]]["colour"],
                           label="".join(_bar_words(bars_of[role]["legend"], tables["facts"])))
            # "≈" marks a value the source gives as approximate.
            ax.bar_label(bars, labels=[("≈" if approximate(k, role) else "") + _shown(pairs[k][role], b.get_width())
                                       for k, b in zip(keys, bars)],
                         padding=3, fontsize=9.5, color=INK)
        ax.set_yticks(list(positions), [textwrap.fill(label, 16) for label in labels])
        ax.invert_yaxis()
        ax.set_xlabel(_axis_title(figure["axis"]))
        ax.set_xlim(0, max(values[first] + values[second] + [1]) * 1.22)
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(-0.3, -0.32 / (0.4 + 0.3 * len(keys))),
                  ncol=1, fontsize=9, handlelength=1.2)
        source = source_line([pairs[k][role] for k in keys for role in roles], documents)
        _frame(fig, f"Source: {source}.")

    def shown(key, role):
        return ["approximately " if approximate(key, role) else "", _value(pairs[key][role], _shown(pairs[key][role]))]

    def bar(key, role):
        return [*shown(key, role), " ", *_bar_words(bars_of[role]["alt"], tables["facts"])]

    def label(key):
        """A pair's label as words of its row: its place and group, its period where there are several."""
        fact = pairs[key][first]
        columns = ("geography", "group") if several_places else ("group",)
        words = joined_parts([[_words(fact, column)] for column in columns if fact.get(column)], ", ")
        if len(periods) > 1:
            words += [", " if words else "", _period(fact)]
        return words or [_words(fact, "geography")]

    listed = joined_parts([[*label(k), ": ", *joined_parts([bar(k, role) for role in roles], ", ")] for k in keys],
                          "; ")
    return fig, {
        "caption": with_notes([figure["caption"], ", ", *span],
                              [(group, pairs[(group, period)][role]) for group, period in keys for role in roles]),
        "alt": MarkedText(["Bar chart, ", *span, ". ", *listed, "."]),
        "source": source,
    }, rows


def _shortened(label: str, shorten: dict) -> str:
    for words, shorter in shorten.items():
        label = label.replace(words, shorter)
    return label


def shares(tables, figure: dict, colours: dict):
    """A bar per fact of one indicator in its latest period, in percent of the same
    denominator (for work permits: a sector's permits in a region) for every bar."""
    facts, documents = tables["facts"], tables["documents"]
    columns = figure["columns"]
    found = [f for f in facts if f["indicator"] == figure["indicator"]]
    latest = max((f["period"] for f in found), key=period_order, default="")
    shown = sorted((f for f in found if f["period"] == latest), key=lambda f: -float(f["value"]))
    period = period_shown(latest)
    labels = [_shortened(f["label"], figure.get("shorten", {})) for f in shown]
    # The bar shows the number as the document states it ("half" stays "half").
    stated = [f["value_text"].lower() if in_words(f["value_text"]) else _shown(f) for f in shown]
    rows = [{columns["geography"]: f["geography"], columns["label"]: label, "period": f["period"],
             columns["value"]: f["value"], "as_stated": text} for f, label, text in zip(shown, labels, stated)]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH, 1.5 + 0.62 * len(shown)), dpi=150)
        values = [float(f["value"]) for f in shown]
        bars = ax.barh(range(len(shown)), values, color=colours[figure["colour"]]["colour"], height=0.6)
        ax.bar_label(bars, labels=stated, padding=3, fontsize=9.5, color=INK)
        ax.set_yticks(range(len(shown)), [textwrap.fill(f"{f['geography']}: {lower_first(label)}", 22)
                                          for f, label in zip(shown, labels)], fontsize=9)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel(_axis_title(figure["axis"].format(period=period)))
        _frame(fig, f"Source: {source_line(shown, documents)}.")
    listed = joined_parts([[_words(f, "geography"), ", ", _words_as(f, lower_first(label)), ": ", _value(f, text)]
                           for f, label, text in zip(shown, labels, stated)], "; ")
    period_words = [_period(shown[0])] if shown else []
    return fig, {
        "caption": with_notes([figure["caption"], ", ", *period_words], [(f["geography"], f) for f in shown]),
        "alt": MarkedText(["Bar chart, ", *period_words, ". ", *listed, "."]),
        "source": source_line(shown, documents),
    }, rows


def dated_list(tables, figure: dict, colours: dict):
    """Dates of one indicator (policy milestones the sources date), each with its label and
    a dot in the colour of its geography. Dates with a bound ("by 2011 at the latest") are
    forecasts, not events, and stay off."""
    facts, documents = tables["facts"], tables["documents"]
    events = sorted((f for f in facts if f["indicator"] == figure["indicator"] and not f.get("qualifier")),
                    key=lambda f: (float(f["value"]), f["label"]))
    scope = {f["fact_id"]: figure["colour_by_geography"].get(f["geography"], figure["other"]) for f in events}
    rows = [{"year": format_number(f["value"], unit="calendar year"), "event": f["label"], "scope": scope[f["fact_id"]],
             "source": citation(documents, f["document"]) if f.get("document") else f.get("source", "")}
            for f in events]
    # A dated list, not a chart on a year axis: most dates fall within a few years of each
    # other, so an axis would crowd them; each row leads with its year, in source order of time.
    labels = [textwrap.wrap(r["event"], 38) or [""] for r in rows]
    line = 0.175  # inches per line of 9 pt text
    height = sum(len(lines) * line + 0.1 for lines in labels)
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(WIDTH, 0.75 + height), dpi=150)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(0.75 + height, 0)  # inches from the top
        y = 0.1
        for r, lines in zip(rows, labels):
            ax.text(0.05, y, r["year"], fontsize=9, fontweight="bold", color=INK, va="top")
            ax.scatter([0.62], [y + 0.07], s=30, color=colours[r["scope"]]["colour"], zorder=3)
            ax.text(0.78, y, "\n".join(lines), fontsize=9, color=INK, va="top", linespacing=1.25)
            y += len(lines) * line + 0.1
        legend = list(dict.fromkeys([*figure["colour_by_geography"].values(), figure["other"]]))
        ax.legend(handles=[Line2D([], [], marker="o", linestyle="", color=colours[name]["colour"], label=name)
                           for name in legend],
                  frameon=False, loc="upper left", bbox_to_anchor=(0.0, 1 - (y + 0.02) / (0.75 + height)),
                  ncol=2, fontsize=9, handletextpad=0.2)
        source = source_line(events, documents)
        _source_text(fig, f"Source: {source}.")  # the list lays itself out: no tight_layout
    years = [_value(f, r["year"]) for f, r in zip(events, rows)]
    listed = joined_parts([[year, ": ", _words(f, "label")] for year, f in zip(years, events)], "; ")
    span = [", ", Shown(f"{rows[0]['year']}–{rows[-1]['year']}", years_between(events[0], events[-1]))] if rows else []
    return fig, {"caption": MarkedText([figure["caption"], *span]),
                 "alt": MarkedText(["Timeline, ", years[0], " to ", years[-1], ". ", *listed, "."] if rows
                                   else ["Timeline."]),
                 "source": source}, rows


def series_panels(tables, figure: dict, colours: dict):
    """Each indicator that has values for more than one period (a new edition's data file can
    add one), one small panel each, its periods in order on the horizontal axis: facts first,
    then the indicators computed from them. "≈" marks an approximate value (or one computed
    from one); values from different sources share a panel only with a warning in the caption."""
    facts, indicators, documents = tables["facts"], tables["indicators"], tables["documents"]
    by_id = {fact["fact_id"]: fact for fact in facts}
    keys = set(series_over_periods(facts, indicators))
    series = [members for index in (series_index(facts), series_index(indicators))
              for key, members in index.items() if key in keys]
    # A panel each, up to the limit: the documents' indicators first (those the brief discusses).
    known = {f["indicator"] for f in facts if f["document"]} | {r["indicator"] for r in indicators}
    series = sorted(series, key=lambda members: members[0]["indicator"] not in known)
    panels = limits_of(tables.get("limits"))["figure_panels"]
    cut, series = len(series) > panels, series[:panels]
    approximate = {id(r): _approximate(r, by_id) for members in series for r in members}
    rows = [{"series": _series_title(r), "period": r["period"], "value": r["value"], "unit": r["unit"],
             "approximate": "yes" if approximate[id(r)] else "", "flag": r.get("flag", ""),
             "source": source_of(r, by_id, documents)}
            for members in series for r in members]
    drawn_facts = [r for members in series for r in members if "formula" not in r]
    source = source_line(drawn_facts, documents) + ("; indicators computed from these"
                                                    if len(drawn_facts) < len(rows) else "")
    colour_of = {indicator: entry["colour"] for entry in colours.values() for indicator in entry.get("indicators", [])}
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(series), 1, figsize=(WIDTH, 0.9 + 1.75 * len(series)), dpi=150, squeeze=False)
        for ax, members in zip(axes[:, 0], series):
            values = [float(r["value"]) for r in members]
            long = len(members) > LONG_SERIES
            ax.plot(range(len(members)), values, marker="o", color=colour_of.get(members[0]["indicator"], INK),
                    linewidth=1.6, markersize=3.5 if long else 6)
            # A long series (a statistics file's years) labels its first and last values only, and
            # ticks every few years; a break in series is a dotted line before the value it flags,
            # a value of low reliability a hollow point.
            for x, r in enumerate(members):
                if not long or x in (0, len(members) - 1):
                    side = "center" if not long else ("left" if x == 0 else "right")
                    ax.annotate(("≈" if approximate[id(r)] else "") + _point(r), (x, float(r["value"])),
                                textcoords="offset points", xytext=(0, 6), ha=side, fontsize=9, color=INK)
                if x and flagged(r, "break"):
                    ax.axvline(x - 0.5, color=GREY, linestyle=":", linewidth=1)
                if flagged(r, "unreliable"):
                    ax.plot([x], [float(r["value"])], marker="o", markerfacecolor="white", color=GREY,
                            markersize=3.5 if long else 6)
            step = max(1, round(len(members) / 6)) if long else 1
            ticks = sorted({*range(0, len(members), step), len(members) - 1})
            ax.set_xticks(ticks, [period_shown(members[x]["period"]) for x in ticks], fontsize=9)
            ax.set_xlim(-0.4, len(members) - 0.6)
            ax.set_ylim(min(0, min(values)), max(values + [1]) * 1.3)
            ax.set_title(textwrap.fill(_series_title(members[0]), 52), fontsize=9, loc="left", color=INK)
            ax.tick_params(axis="y", labelsize=8)
        _frame(fig, f"Source: {source}.")
    sources = {}
    for r in rows:
        sources.setdefault(r["series"], set()).add(r["source"])
    caveat = ("; values of one panel come from different sources, whose methods may differ"
              if any(len(found) > 1 for found in sources.values()) else "")
    flags = "".join(r["flag"] for r in rows)
    caveat += f"; {BREAK_WORDS}" if has(flags, "break") else ""
    caveat += f"; {UNRELIABLE_WORDS}" if has(flags, "unreliable") else ""
    listed = joined_parts([[*_series_title_words(members[0]), ": ",
                            *_series_values(members, lambda r: approximate[id(r)])] for members in series], "; ")
    return fig, {
        "caption": MarkedText([figure["caption"],
                               " (the first ones; the others are among the values from data files in the annex)"
                               if cut else "", caveat]),
        "alt": MarkedText(["Line charts, one per indicator. ", *listed, "."]),
        "source": source,
    }, rows


def time_series(tables, figure: dict, colours: dict):
    """Series over time on one chart, one line per indicator (config: `indicators`, and
    `geography` where the values are of several places): one denominator, so every line must
    share its unit and definition; the years of the data on the horizontal axis; a dotted line
    before each value that breaks its series, a hollow point for a value of low reliability;
    each line labelled at its end with its group and latest value."""
    facts, documents = tables["facts"], tables["documents"]
    wanted, place = figure["indicators"], figure.get("geography", "")
    lines = {name: sorted((f for f in facts if f["indicator"] == name and (not place or f["geography"] == place)),
                          key=lambda f: period_order(f["period"])) for name in wanted}
    empty = [name for name, rows in lines.items() if not rows]
    if empty:
        raise InputError(FIGURES_FILE, f"the figure of kind time_series draws {', '.join(map(repr, empty))}, which has "
                                       "no values" + (f" for {place}" if place else "") + ".",
                         "plug in the data file that gives it (or correct the indicator's name), or take the figure "
                         "out of config/figures.yaml and the brief's template.")
    measures = {(rows[0]["unit"], rows[0].get("definition", "")) for rows in lines.values()}
    if len(measures) > 1:
        raise InputError(FIGURES_FILE, "the figure of kind time_series would draw values of different units or "
                                       "definitions on one axis: " + "; ".join(
                                           f"{name}: {rows[0]['unit']}, {rows[0].get('definition') or 'no definition'}"
                                           for name, rows in lines.items()) + ".",
                         "draw only indicators of one unit and definition together (one denominator).")
    colour_of = {indicator: entry["colour"] for entry in colours.values() for indicator in entry.get("indicators", [])}
    palette = iter(["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"])
    every = [row for rows in lines.values() for row in rows]
    years = sorted({int(row["period"][-4:]) for row in every})
    with plt.rc_context(STYLE):
        # Wide rather than tall: a series over the years reads along its width, and the chart
        # then keeps to the page its paragraph is on.
        fig, ax = plt.subplots(figsize=(WIDTH, 2.8), dpi=150)
        # A legend names each line with its group and latest value, highest first, where the
        # chart leaves room (the axis starts at 0, so there is room below the lines).
        for name in sorted(lines, key=lambda n: -float(lines[n][-1]["value"])):
            rows = lines[name]
            colour = colour_of.get(name) or next(palette)
            xs, ys = [int(r["period"][-4:]) for r in rows], [float(r["value"]) for r in rows]
            latest = rows[-1]
            words = f"{latest['group'] or latest['label']}: {_point(latest)} in {period_shown(latest['period'])}"
            ax.plot(xs, ys, color=colour, linewidth=1.8, marker="o", markersize=3, label=words)
            for x, y, r in zip(xs, ys, rows):
                if flagged(r, "unreliable"):
                    ax.plot([x], [y], marker="o", markerfacecolor="white", color=colour, markersize=4)
        # On a white ground above the break lines, which would otherwise run through its words.
        legend = ax.legend(frameon=True, facecolor="white", edgecolor="none", framealpha=1, fontsize=8.5,
                           loc="best", handlelength=1.4)
        legend.set_zorder(5)
        breaks = sorted({int(r["period"][-4:]) for r in every if flagged(r, "break")} - {years[0]})
        for year in breaks:
            ax.axvline(year - 0.5, color=GREY, linestyle=":", linewidth=1)
        ax.set_ylim(0, max(float(r["value"]) for r in every) * 1.18)
        # Along the chart's height, about 28 characters at this size.
        ax.set_ylabel(_axis_title(figure["axis"], 28), fontsize=8.5)
        ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
        _frame(fig, f"Source: {source_line(every, documents)}.")
    first = min(every, key=lambda r: period_order(r["period"]))
    last = max(every, key=lambda r: period_order(r["period"]))
    notes = [f", {BREAK_WORDS}"] if breaks else []
    notes += [f", {UNRELIABLE_WORDS}"] if any(flagged(r, "unreliable") for r in every) else []
    rows = [{"indicator": r["indicator"], "series": _series_title(r), "period": r["period"], "value": r["value"],
             "unit": r["unit"], "flag": r.get("flag", ""), "source": r.get("source", "")} for r in every]
    listed = joined_parts([[*_series_title_words(rows_[0]), ": ", *_series_values(rows_)] for rows_ in lines.values()],
                          "; ")
    return fig, {
        "caption": MarkedText([figure["caption"], ", ", _years_of(first, last), *notes]),
        "alt": MarkedText(["Line chart, one line per series. ", *listed, "."]),
        "source": source_line(every, documents),
    }, rows


def _years_of(first: dict, last: dict) -> Shown:
    """'1995–2024': the span from the first row's period to the last's, marked as such."""
    return Shown(f"{period_shown(first['period'])}–{period_shown(last['period'])}",
                 span_mark(*({"table": "facts", "id": row["fact_id"], "column": "period"} for row in (first, last))))


def _flag_words(row: dict) -> str:
    """' (break in series)', ' (low reliability)': a value's flags, in the alt text's words."""
    said = [words for meaning, words in (("break", "break in series"), ("unreliable", "low reliability"))
            if flagged(row, meaning)]
    return f" ({', '.join(said)})" if said else ""


def _series_title_words(row: dict) -> list:
    """_series_title as words of the row: its label, group and place."""
    dims = joined_parts([[_words(row, column)] for column in ("group", "geography") if row[column]], ", ")
    if row["unit"] != "percent":
        dims += [", " if dims else "", row["unit"]]
    return [_words(row, "label"), " (", *dims, ")"] if dims else [_words(row, "label")]


def _words_as(row: dict, text: str):
    """Words made from a row's label and dimensions ("Share ... (EU foreigners)"): its text."""
    return Shown(text, text_mark(row, *_key(row), "label")) if any(character.isdigit() for character in text) else text


def _bar_words(words: str, facts: list[dict]) -> list:
    """A bar's words in the alt text (config/figures.yaml); {fact_id} in them is that fact's
    value ("resident under {new_migrant_max_residence_years} years")."""
    by_id = {fact["fact_id"]: fact for fact in facts}
    parts = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", words)):
        if index % 2 == 0:
            parts.append(piece)
        elif piece in by_id:
            parts.append(_value(by_id[piece], _shown(by_id[piece])))
        else:
            raise InputError(FIGURES_FILE, f"a bar's words name the fact {{{piece}}}, which the facts do not have.",
                             "name a fact_id of data/processed/facts.csv between the braces, or write the words "
                             "without braces.")
    return parts


def years_between(first: dict, last: dict) -> dict:
    """The mark of a span of years from the first row's value to the last's (a timeline's)."""
    return span_mark(*({"table": "facts", "id": row["fact_id"], "column": "value"} for row in (first, last)))


def _approximate(row: dict, facts_by_id: dict) -> bool:
    """An approximate value, or an indicator computed from one."""
    if "formula" in row:
        return any(facts_by_id.get(i, {}).get("qualifier") == "approx" for i in row["inputs"].split(";"))
    return row.get("qualifier") == "approx"


def _point(row: dict) -> str:
    """A point's label: the value, with % for a share (other units are in the panel's title)."""
    # A data file's value keeps the decimals it is published with, as the brief prints it.
    fixed = published_decimals(row.get("value_text", "")) if "formula" not in row and from_data_file(row) else None
    return f"{format_number(row['value'], fixed=fixed)}{'%' if row['unit'] == 'percent' else ''}"


def _series_title(row: dict) -> str:
    dims = [d for d in (row["group"], row["geography"]) if d]
    if row["unit"] != "percent":
        dims.append(row["unit"])
    return f"{row['label']} ({', '.join(dims)})" if dims else row["label"]


def source_of(row: dict, facts_by_id: dict, documents: list[dict]) -> str:
    """One value's source as a figure's source line names it; an indicator's is that of the
    facts it is computed from."""
    if "formula" in row:
        inputs = [facts_by_id[i] for i in row["inputs"].split(";") if i in facts_by_id]
        return f"computed from {source_line(inputs, documents)}" if inputs else "computed"
    return source_line([row], documents)


KINDS = {"paired_bars": paired_bars, "shares": shares, "dated_list": dated_list, "series_panels": series_panels,
         "time_series": time_series}


def draw_figure(name: str, tables: dict, specs: dict):
    """The figure of this name in config/figures.yaml, drawn by its kind: (figure, its
    caption, alt text and source line, the rows of data it draws)."""
    figure = specs["figures"][name]
    fig, meta, rows = KINDS[figure["kind"]](tables, figure, specs["colours"])
    # The caption and the alt text as text, and where the words of each row are in them.
    texts = {key: meta[key] if isinstance(meta[key], MarkedText) else MarkedText([meta[key]])
             for key in ("caption", "alt")}
    return fig, {**meta, **{key: str(text) for key, text in texts.items()},
                 "marks": {key: text.spans() for key, text in texts.items()}}, rows


def save_figure(fig, png_path, svg_path) -> None:
    """PNG for the web page, SVG for print; no dates inside, so same data gives same bytes."""
    with plt.rc_context(STYLE):  # the SVG hash salt applies when saving
        fig.savefig(png_path, dpi=150, metadata={"Software": None})
        fig.savefig(svg_path, metadata={"Date": None, "Creator": None})
    plt.close(fig)
