"""Figures of the brief, in one house style. Each figure function takes the tables (a dict
of documents, facts, recommendations and indicators rows) and returns the matplotlib figure
with its caption, alt text and source line, all from data."""

import textwrap

import matplotlib
import matplotlib.patches

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .periods import period_order  # noqa: E402
from .formatting import format_number, lower_first  # noqa: E402
from .indicators import ESTABLISHED, RECENT  # noqa: E402

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "grey": "#6B6B6B",
           "ink": "#1F2933"}
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": PALETTE["grey"],
    "axes.labelcolor": PALETTE["ink"],
    "xtick.color": PALETTE["ink"],
    "ytick.color": PALETTE["ink"],
    "axes.titleweight": "bold",
    "svg.hashsalt": "policybrief",  # stable ids inside SVG files
    "svg.fonttype": "path",
}


def _frame(fig, title: str, source: str) -> None:
    """Title at the top left, source line(s) at the bottom left, and the axes laid out between."""
    height = fig.get_figheight()
    source = textwrap.fill(source, 100)  # about the width of a 7.2-inch figure at 8 pt
    fig.text(0.01, 0.985, title, fontsize=11, fontweight="bold", color=PALETTE["ink"], ha="left", va="top")
    fig.text(0.01, 0.01, source, fontsize=8, color=PALETTE["grey"], ha="left", va="bottom")
    bottom = (0.08 + 0.16 * (source.count("\n") + 1)) / height
    fig.tight_layout(rect=(0, bottom, 1, 1 - 0.4 / height))


def _document_title(documents: list[dict], document: str) -> str:
    for row in documents:
        if row["document"] == document:
            return f"{row['title']} ({row['date'][:4]})" if row.get("date") else row["title"]
    return document


def education_gap(tables):
    facts, documents = tables["facts"], tables["documents"]
    shares = {}
    for fact in facts:
        if fact["indicator"] in (RECENT, ESTABLISHED):
            shares.setdefault((fact["group"], fact["period"]), {})[fact["indicator"]] = fact
    pairs = {key: pair for key, pair in shares.items() if RECENT in pair and ESTABLISHED in pair}
    periods = sorted({period for _, period in pairs}, key=period_order)
    # Groups by their latest share of recent migrants, largest first; periods in order.
    latest = {group: float(pair[RECENT]["value"]) for (group, _), pair in
              sorted(pairs.items(), key=lambda item: period_order(item[0][1]))}
    keys = sorted(pairs, key=lambda k: (-latest[k[0]], k[0], period_order(k[1])))
    labels = [group if len(periods) == 1 else f"{group}, {period}" for group, period in keys]
    recent = [float(pairs[k][RECENT]["value"]) for k in keys]
    established = [float(pairs[k][ESTABLISHED]["value"]) for k in keys]
    first = pairs[keys[0]] if keys else {}
    recent_label = first[RECENT]["label"].split(", ")[-1].capitalize() if keys else ""
    established_label = first[ESTABLISHED]["label"].split(", ")[-1].capitalize() if keys else ""
    span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}" if periods else ""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 1.2 + 0.8 * len(keys)), dpi=150)
        positions = range(len(keys))
        height = 0.36
        bars_recent = ax.barh([p - height / 2 for p in positions], recent, height,
                              color=PALETTE["blue"], label=recent_label)
        bars_established = ax.barh([p + height / 2 for p in positions], established, height,
                                   color=PALETTE["orange"], label=established_label)
        for bars in (bars_recent, bars_established):
            ax.bar_label(bars, labels=[f"{format_number(b.get_width())}%" for b in bars],
                         padding=3, fontsize=9, color=PALETTE["ink"])
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
        ax.set_xlabel("Share with a high level of education (%)")
        ax.set_xlim(0, max(recent + established + [1]) * 1.18)
        ax.legend(frameon=False, loc="lower right")
        source = "; ".join(sorted({_source_of(pairs[k][RECENT], documents) for k in keys}))
        _frame(fig, f"Recent migrants are more often highly educated ({span})", f"Source: {source}.")
    listed = "; ".join(f"{label}: {format_number(r)}% vs {format_number(e)}%"
                       for label, r, e in zip(labels, recent, established))
    return fig, {
        "caption": f"Share of highly educated foreign residents by length of residence in Belgium, {span}.",
        "alt": ("Horizontal bar chart comparing the share with a high level of education among "
                f"migrants {lower_first(recent_label)} and those {lower_first(established_label)}. {listed}."),
        "source": source,
    }


def _source_of(fact: dict, documents: list[dict]) -> str:
    """A fact's source for a figure's source line: its document, or its plug-in file's source."""
    if fact.get("document"):
        return _document_title(documents, fact["document"])
    return fact.get("source", "")


PERMIT_PROFILE_INDICATORS = ("b_permits_share", "sector_permits_share",
                              "permit_holders_share_highly_qualified", "permit_holders_share_women")


def work_permit_profiles(tables):
    facts, documents = tables["facts"], tables["documents"]
    profiles = [f for f in facts if f["indicator"] in PERMIT_PROFILE_INDICATORS and f["unit"] == "percent"]
    period = max((f["period"] for f in profiles), key=period_order, default="")
    rows = sorted((f for f in profiles if f["period"] == period),
                  key=lambda f: (f["geography"], -float(f["value"])))
    labels = [textwrap.fill(f["label"].removeprefix("Share of "), 38) for f in rows]
    values = [float(f["value"]) for f in rows]
    regions = list(dict.fromkeys(f["geography"] for f in rows))
    colours = dict(zip(regions, [PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["grey"]]))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 0.5 * len(rows) + 1.5), dpi=150)
        bars = ax.barh(range(len(rows)), values, color=[colours[f["geography"]] for f in rows])
        ax.bar_label(bars, labels=[f"{format_number(v)}%" for v in values], padding=3, fontsize=9)
        ax.set_yticks(range(len(rows)), labels, fontsize=8.5)
        ax.invert_yaxis()
        ax.set_xlim(0, 112)
        ax.set_xlabel("Share (%)")
        ax.legend(handles=[matplotlib.patches.Patch(color=colours[r], label=r) for r in regions],
                  frameon=False, loc="lower right", title="Region")
        source = "; ".join(sorted({_source_of(f, documents) for f in rows}))
        _frame(fig, f"Who received work permits in {period}, by region", f"Source: {source}.")
    listed = "; ".join(f"{f['geography']}, {lower_first(f['label'])}: {format_number(v)}%"
                       for f, v in zip(rows, values))
    return fig, {
        "caption": f"Profiles of the main work-permit users by region, {period} (shares in percent).",
        "alt": f"Horizontal bar chart of work-permit shares in {period} by region. {listed}.",
        "source": source,
    }


def _horizontal_bars(rows, labels, colours, title, xlabel, source, value_format, xlim=None):
    """One bar per row in the house style, values at the bar ends."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 1.6 + 0.45 * len(rows)), dpi=150)
        values = [float(r["value"]) for r in rows]
        bars = ax.barh(range(len(rows)), values, color=colours, height=0.6)
        ax.bar_label(bars, labels=[value_format(v) for v in values], padding=3, fontsize=9, color=PALETTE["ink"])
        ax.set_yticks(range(len(rows)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, xlim or max(values + [1]) * 1.15)
        ax.set_xlabel(xlabel)
        _frame(fig, title, f"Source: {source}.")
    return fig


def regional_permits(tables):
    facts, indicators, documents = tables["facts"], tables["indicators"], tables["documents"]
    rows = sorted((r for r in indicators if r["indicator"] == "work_permits_regional_share"),
                  key=lambda r: -float(r["value"]))
    by_id = {f["fact_id"]: f for f in facts}
    inputs = [by_id[i] for i in rows[0]["inputs"].split(";") if i in by_id] if rows else []
    source = "; ".join(sorted({_source_of(f, documents) for f in inputs}))
    period = rows[0]["period"] if rows else ""
    fig = _horizontal_bars(rows, [r["geography"] for r in rows], [PALETTE["blue"]] * len(rows),
                           f"Where work permits were issued, {period}", "Share of work permits issued (%)",
                           f"{source}; shares implied by the stated ratios", lambda v: f"{format_number(v)}%", 100)
    listed = "; ".join(f"{r['geography']} {format_number(float(r['value']))}%" for r in rows)
    return fig, {"caption": f"Regional distribution of work permits implied by the stated ratios, {period}.",
                 "alt": f"Horizontal bar chart of the share of work permits issued by region, {period}: {listed}.",
                 "source": source}


def case_studies(tables):
    facts, documents = tables["facts"], tables["documents"]
    rows = sorted((f for f in facts if f["indicator"] == "case_studies" and f["geography"] != "Belgium"),
                  key=lambda f: (-float(f["value"]), f["geography"]))
    source = "; ".join(sorted({_source_of(f, documents) for f in rows}))
    fig = _horizontal_bars(rows, [r["geography"] for r in rows], [PALETTE["green"]] * len(rows),
                           "Welfare centres studied in depth, by region", "Case studies (number of centres)",
                           source, lambda v: format_number(v))
    listed = "; ".join(f"{r['geography']} {format_number(float(r['value']))}" for r in rows)
    return fig, {"caption": "Case studies of public social welfare centres by region.",
                 "alt": f"Horizontal bar chart of the welfare centres studied in depth by region: {listed}.",
                 "source": source}


def theme_matrix(tables):
    indicators, documents = tables["indicators"], tables["documents"]
    rows = [r for r in indicators if r["indicator"].endswith("_by_theme") and r["indicator"] != "recommendations_by_theme"]
    lists = list(dict.fromkeys(r["indicator"].removesuffix("_by_theme") for r in rows))
    themes = sorted({r["group"] for r in rows},
                    key=lambda t: (-sum(float(r["value"]) for r in rows if r["group"] == t), t))
    counts = {(r["indicator"].removesuffix("_by_theme"), r["group"]): float(r["value"]) for r in rows}
    titles = {d["document"]: d["title"] for d in documents}
    document_of = {r["list"]: r["document"] for r in tables["recommendations"]}
    list_names = [textwrap.fill(titles.get(document_of.get(l), l), 24) for l in lists]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 1.8 + 0.42 * len(themes)), dpi=150)
        grid = [[counts.get((l, t), 0) for l in lists] for t in themes]
        image = ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0)
        for y, row in enumerate(grid):
            for x, value in enumerate(row):
                dark = value > 0.55 * max(max(r) for r in grid)
                ax.text(x, y, format_number(value), ha="center", va="center", fontsize=9,
                        color="white" if dark else PALETTE["ink"])
        ax.set_xticks(range(len(lists)), list_names, fontsize=8.5)
        ax.set_yticks(range(len(themes)), themes)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        fig.colorbar(image, ax=ax, label="Recommendations", shrink=0.8)
        _frame(fig, "Recommendations by theme and source", "Source: the recommendations of each document; "
                                                             "themes by keyword (config/themes.yaml).")
    listed = "; ".join(f"{t}: " + ", ".join(f"{format_number(counts.get((l, t), 0))}" for l in lists) for t in themes)
    return fig, {"caption": "Recommendations by theme and by source document (a recommendation can touch several themes).",
                 "alt": f"Heat map of recommendations by theme (rows) and source (columns: "
                        f"{'; '.join(n.replace(chr(10), ' ') for n in list_names)}). {listed}.",
                 "source": "recommendations of each document"}


def timeline(tables):
    facts, documents = tables["facts"], tables["documents"]
    events = sorted((f for f in facts if f["unit"] == "calendar year"),
                    key=lambda f: (float(f["value"]), f["label"]))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 1.4 + 0.3 * len(events)), dpi=150)
        years = [float(f["value"]) for f in events]
        colours = [PALETTE["orange"] if f["geography"] in ("Europe", "World") else PALETTE["blue"] for f in events]
        ax.scatter(years, range(len(events)), color=colours, zorder=3, s=28)
        for y, (year, f) in enumerate(zip(years, events)):
            # A white box keeps the grid lines from striking through the label.
            ax.text(year + 0.8, y, f"{int(year)}  {f['label']}", va="center", fontsize=8.5, color=PALETTE["ink"],
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.invert_yaxis()
        low, high = min(years + [2000]), max(years + [2000])
        ax.set_xlim(low - 2, high + (high - low) * 1.25 + 4)  # room for the labels on the right
        ax.set_xticks(range(int(low) // 10 * 10, int(high) + 10, 10))
        ax.grid(axis="x", color="#E5E8EB", zorder=0)
        ax.set_xlabel("Year")
        # In the title band, clear of the labels: the top rows' labels reach the right edge.
        fig.legend(handles=[matplotlib.patches.Patch(color=PALETTE["blue"], label="Belgium"),
                            matplotlib.patches.Patch(color=PALETTE["orange"], label="Europe and world")],
                   frameon=False, loc="upper right", ncol=2, fontsize=8.5)
        source = "; ".join(sorted({_source_of(f, documents) for f in events}))
        _frame(fig, "Dates that shaped migration policy", f"Source: {source}.")
    listed = "; ".join(f"{int(float(f['value']))}: {f['label']}" for f in events)
    return fig, {"caption": "Timeline of the dates the sources give for migration and integration policy.",
                 "alt": f"Timeline of policy dates: {listed}.", "source": source}


FIGURES = {"education_gap": education_gap, "work_permit_profiles": work_permit_profiles,
           "regional_permits": regional_permits, "case_studies": case_studies,
           "theme_matrix": theme_matrix, "timeline": timeline}


def save_figure(fig, png_path, svg_path) -> None:
    """PNG for the web page, SVG for print; no dates inside, so same data gives same bytes."""
    with plt.rc_context(STYLE):  # the SVG hash salt applies when saving
        fig.savefig(png_path, dpi=150, metadata={"Software": None})
        fig.savefig(svg_path, metadata={"Date": None, "Creator": None})
    plt.close(fig)
