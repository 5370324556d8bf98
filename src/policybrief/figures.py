"""Figures of the brief, in one house style. Each figure function takes the tables (a dict
of documents, facts, recommendations and indicators rows) and returns the matplotlib figure,
its caption, alt text and source line, and the rows of data it draws (published as CSV
beside it), all from data.

Rules a statistics office would keep: one denominator per axis; a colour means one thing in
every figure (COLOURS); a time axis ends with its data; the source line names the survey or
dataset as the document cites it. Figures are drawn narrow, with type large enough to read
at phone width without scrolling sideways.
"""

import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from .documents import citation_of  # noqa: E402
from .formatting import format_number, grouped_notes, in_words, lower_first  # noqa: E402
from .indicators import ESTABLISHED, GAP, RECENT  # noqa: E402
from .limits import limits_of  # noqa: E402
from .periods import period_order, period_shown, series_index, series_over_periods  # noqa: E402

# Okabe-Ito colours (distinguishable with the common forms of colour blindness), each with
# one meaning across all figures.
COLOURS = {
    "recent migrants": "#0072B2",       # blue: migrants resident under 10 years
    "established migrants": "#E69F00",  # orange: migrants resident 10 years or more
    "work permits": "#009E73",          # green: work permits
    "Belgium": "#1F3A5F",               # dark blue: Belgian policy events
    "Europe and world": "#CC79A7",      # purple: European and international events
}
INK, GREY = "#1F2933", "#5B6770"
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


def with_notes(caption: str, notes) -> str:
    """The caption with the catalogue's reading notes of the facts drawn, in brackets."""
    text = grouped_notes(notes)
    return f"{caption} ({text})" if text else caption


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
        else:
            part = f"{fact.get('source', '')} (plug-in data file)"
        if part not in parts:
            parts.append(part)
    return "; ".join(parts)


def education_gap(tables):
    facts, documents = tables["facts"], tables["documents"]
    # The pairs the indicators stage matched (one group, one period): each gap names its inputs.
    by_id = {fact["fact_id"]: fact for fact in facts}
    pairs = {(gap["group"], gap["period"]): dict(zip((RECENT, ESTABLISHED),
                                                     (by_id[i] for i in gap["inputs"].split(";"))))
             for gap in tables["indicators"] if gap["indicator"] == GAP}
    periods = sorted({period for _, period in pairs}, key=period_order)
    # Groups by their latest share of recent migrants, largest first; periods in order.
    latest = {group: float(pair[RECENT]["value"]) for (group, _), pair in
              sorted(pairs.items(), key=lambda item: period_order(item[0][1]))}
    keys = sorted(pairs, key=lambda k: (-latest[k[0]], k[0], period_order(k[1])))
    labels = [group if len(periods) == 1 else f"{group}, {period}" for group, period in keys]
    rows = [{"group": group, "period": period,
             "resident_under_10_years_percent": pairs[(group, period)][RECENT]["value"],
             "resident_10_years_or_more_percent": pairs[(group, period)][ESTABLISHED]["value"],
             "approximate": "yes" if pairs[(group, period)][RECENT].get("qualifier") == "approx" else ""}
            for group, period in keys]
    recent = [float(r["resident_under_10_years_percent"]) for r in rows]
    established = [float(r["resident_10_years_or_more_percent"]) for r in rows]
    span = period_shown(periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}" if periods else "")
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH, 1.85 + 0.68 * len(keys)), dpi=150)
        positions = range(len(keys))
        height = 0.38
        bars_recent = ax.barh([p - height / 2 for p in positions], recent, height,
                              color=COLOURS["recent migrants"], label="Resident under 10 years")
        bars_established = ax.barh([p + height / 2 for p in positions], established, height,
                                   color=COLOURS["established migrants"], label="Resident 10 years or more")
        # "≈" marks a share the source gives as approximate.
        for bars, side in ((bars_recent, RECENT), (bars_established, ESTABLISHED)):
            ax.bar_label(bars, labels=[("≈" if pairs[k][side].get("qualifier") == "approx" else "")
                                       + f"{format_number(b.get_width())}%" for k, b in zip(keys, bars)],
                         padding=3, fontsize=9.5, color=INK)
        ax.set_yticks(list(positions), [textwrap.fill(label, 16) for label in labels])
        ax.invert_yaxis()
        ax.set_xlabel("% with a high level of education")
        ax.set_xlim(0, max(recent + established + [1]) * 1.22)
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(-0.3, -0.32 / (0.4 + 0.3 * len(keys))),
                  ncol=1, fontsize=9, handlelength=1.2)
        source = source_line([pairs[k][RECENT] for k in keys], documents)
        _frame(fig, f"Source: {source}.")
    def shown(key, side, value):
        return ("approximately " if pairs[key][side].get("qualifier") == "approx" else "") + f"{format_number(value)}%"

    listed = "; ".join(f"{label}: {shown(k, RECENT, r)} of those resident under 10 years, "
                       f"{shown(k, ESTABLISHED, e)} of those resident 10 years or more"
                       for k, label, r, e in zip(keys, labels, recent, established))
    return fig, {
        "caption": with_notes(f"Share of foreigners with a high level of education, by group and length of "
                              f"residence in Belgium, {span}",
                              [(group, pairs[(group, period)][side].get("note", "")) for group, period in keys
                               for side in (RECENT, ESTABLISHED)]),
        "alt": f"Bar chart, {span}. {listed}.",
        "source": source,
    }, rows


NICHE_INDICATOR = "sector_permits_share"


def permit_niches(tables):
    """Share of one sector's work permits in one region that went to one nationality: the
    same denominator (a sector's permits) for every bar."""
    facts, documents = tables["facts"], tables["documents"]
    niches = [f for f in facts if f["indicator"] == NICHE_INDICATOR]
    latest = max((f["period"] for f in niches), key=period_order, default="")
    shown = sorted((f for f in niches if f["period"] == latest), key=lambda f: -float(f["value"]))
    period = period_shown(latest)
    labels = [f["label"].removeprefix("Share of ").replace(" work permits granted to ", " permits: ")
              for f in shown]
    # The bar shows the number as the document states it ("half" stays "half").
    stated = [f["value_text"].lower() if in_words(f["value_text"]) else f"{format_number(f['value'])}%" for f in shown]
    rows = [{"region": f["geography"], "sector_and_nationality": label, "period": f["period"],
             "share_percent": f["value"], "as_stated": text} for f, label, text in zip(shown, labels, stated)]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH, 1.5 + 0.62 * len(shown)), dpi=150)
        values = [float(f["value"]) for f in shown]
        bars = ax.barh(range(len(shown)), values, color=COLOURS["work permits"], height=0.6)
        ax.bar_label(bars, labels=stated, padding=3, fontsize=9.5, color=INK)
        ax.set_yticks(range(len(shown)), [textwrap.fill(f"{f['geography']}: {lower_first(label)}", 22)
                                          for f, label in zip(shown, labels)], fontsize=9)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel(f"% of the sector's work permits\nin the region, {period}")
        _frame(fig, f"Source: {source_line(shown, documents)}.")
    listed = "; ".join(f"{r['region']}, {lower_first(r['sector_and_nationality'])}: {r['as_stated']}" for r in rows)
    return fig, {
        "caption": with_notes(f"Share of a sector's work permits granted to one nationality, by region, {period}",
                              [(f["geography"], f.get("note", "")) for f in shown]),
        "alt": f"Bar chart, {period}. {listed}.",
        "source": source_line(shown, documents),
    }, rows


def timeline(tables):
    """Policy milestones the sources date (indicator 'timeline'), Belgian and European. Dates
    with a bound ("by 2011 at the latest") are forecasts, not events, and stay off."""
    facts, documents = tables["facts"], tables["documents"]
    events = sorted((f for f in facts if f["indicator"] == "timeline" and not f.get("qualifier")),
                    key=lambda f: (float(f["value"]), f["label"]))
    scope = {f["fact_id"]: "Belgium" if f["geography"] == "Belgium" else "Europe and world" for f in events}
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
            ax.scatter([0.62], [y + 0.07], s=30, color=COLOURS[r["scope"]], zorder=3)
            ax.text(0.78, y, "\n".join(lines), fontsize=9, color=INK, va="top", linespacing=1.25)
            y += len(lines) * line + 0.1
        ax.legend(handles=[Line2D([], [], marker="o", linestyle="", color=COLOURS[name], label=name)
                           for name in ("Belgium", "Europe and world")],
                  frameon=False, loc="upper left", bbox_to_anchor=(0.0, 1 - (y + 0.02) / (0.75 + height)),
                  ncol=2, fontsize=9, handletextpad=0.2)
        source = source_line(events, documents)
        _source_text(fig, f"Source: {source}.")  # the list lays itself out: no tight_layout
    listed = "; ".join(f"{r['year']}: {r['event']}" for r in rows)
    span = f", {rows[0]['year']}–{rows[-1]['year']}" if rows else ""
    return fig, {"caption": f"Dates in migration and integration policy mentioned by the sources{span}",
                 "alt": f"Timeline, {rows[0]['year']} to {rows[-1]['year']}. {listed}." if rows else "Timeline.",
                 "source": source}, rows


def periods(tables):
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
             "approximate": "yes" if approximate[id(r)] else "", "source": source_of(r, by_id, documents)}
            for members in series for r in members]
    drawn_facts = [r for members in series for r in members if "formula" not in r]
    source = source_line(drawn_facts, documents) + ("; indicators computed from these"
                                                    if len(drawn_facts) < len(rows) else "")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(series), 1, figsize=(WIDTH, 0.9 + 1.75 * len(series)), dpi=150, squeeze=False)
        for ax, members in zip(axes[:, 0], series):
            values = [float(r["value"]) for r in members]
            colour = {RECENT: COLOURS["recent migrants"], ESTABLISHED: COLOURS["established migrants"]}.get(
                members[0]["indicator"], INK)
            ax.plot(range(len(members)), values, marker="o", color=colour, linewidth=1.6)
            for x, r in enumerate(members):
                ax.annotate(("≈" if approximate[id(r)] else "") + _shown(r), (x, float(r["value"])),
                            textcoords="offset points", xytext=(0, 6), ha="center", fontsize=9, color=INK)
            ax.set_xticks(range(len(members)), [period_shown(r["period"]) for r in members], fontsize=9)
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
    listed = "; ".join(f"{_series_title(members[0])}: " + ", ".join(
        f"{period_shown(r['period'])} {'approximately ' if approximate[id(r)] else ''}{_shown(r)}" for r in members)
        for members in series)
    return fig, {
        "caption": f"Indicators with values for more than one period"
                   f"{' (the first ones; the others are among the values from data files in the annex)' if cut else ''}"
                   f"{caveat}",
        "alt": f"Line charts, one per indicator. {listed}.",
        "source": source,
    }, rows


def _approximate(row: dict, facts_by_id: dict) -> bool:
    """An approximate value, or an indicator computed from one."""
    if "formula" in row:
        return any(facts_by_id.get(i, {}).get("qualifier") == "approx" for i in row["inputs"].split(";"))
    return row.get("qualifier") == "approx"


def _shown(row: dict) -> str:
    """A point's label: the value, with % for a share (other units are in the panel's title)."""
    return f"{format_number(row['value'])}{'%' if row['unit'] == 'percent' else ''}"


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


FIGURES = {"education_gap": education_gap, "permit_niches": permit_niches, "timeline": timeline,
           "periods": periods}


def save_figure(fig, png_path, svg_path) -> None:
    """PNG for the web page, SVG for print; no dates inside, so same data gives same bytes."""
    with plt.rc_context(STYLE):  # the SVG hash salt applies when saving
        fig.savefig(png_path, dpi=150, metadata={"Software": None})
        fig.savefig(svg_path, metadata={"Date": None, "Creator": None})
    plt.close(fig)
