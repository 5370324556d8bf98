"""Figures: one denominator per axis, colours that keep their meaning, time axes that end with
the data, source lines naming the dataset, and caption, alt text and data rows from the tables."""

import pytest

from policybrief.compute.indicators import compute_indicators, declared_indicators
from policybrief.core.errors import InputError
from policybrief.figures.draw import draw_figure, save_figure
from policybrief.figures.specs import figure_specs

from conftest import FIRST_EDITION

SPECS = figure_specs(FIRST_EDITION / "config/figures.yaml")
DECLARED = declared_indicators(FIRST_EDITION / "config/indicators.yaml")
COLOURS = {name: entry["colour"] for name, entry in SPECS["colours"].items()}

DOCUMENTS = [{"document": "study", "title": "A study", "citation": "Author et al.", "date": "2008-10-30"}]


def fact(fact_id, indicator, value, label, unit="percent", period="2006", geography="Belgium", group="",
         document="study", value_text=None, qualifier="", dataset=""):
    return {"fact_id": fact_id, "indicator": indicator, "value": str(value), "label": label, "unit": unit,
            "period": period, "geography": geography, "group": group, "document": document, "source": "",
            "value_text": value_text or str(value), "qualifier": qualifier, "dataset": dataset}


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def test_permit_niches_share_one_denominator_and_keep_the_stated_words():
    facts = [
        fact("a", "sector_permits_share", 83, "Share of IT work permits granted to Indian workers",
             geography="Brussels"),
        fact("b", "sector_permits_share", 50, "Share of construction work permits granted to Polish workers",
             geography="Wallonia", value_text="Half"),
        fact("c", "sector_permits_share", 40, "Older share", period="2001", geography="Wallonia"),  # earlier period
        fact("d", "permit_holders_share_women", 21, "Share of women among Polish workers"),  # another denominator
    ]
    figure, meta, rows = draw_figure("permit_niches", {"facts": facts, "documents": DOCUMENTS}, SPECS)
    assert [r["as_stated"] for r in rows] == ["83%", "half"]
    assert "Brussels, IT permits: Indian workers: 83%" in meta["alt"] and "Older share" not in meta["alt"]
    assert "women" not in meta["alt"] and "2006" in meta["caption"]
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert "IT permits" in ticks[0]  # proper nouns and acronyms keep their case
    assert meta["source"] == "Author et al. (2008)"
    bars = figure.axes[0].patches
    assert all(bar.get_facecolor()[:3] == pytest.approx(_rgb(COLOURS["work permits"])) for bar in bars)


def test_education_figure_pairs_shares_within_a_period_and_names_the_survey(tmp_path):
    facts = [
        fact("r", "high_education_share_recent", 32, "Recent", period="2001-2005", group="All", qualifier="approx",
             dataset="Labour force survey"),
        fact("e", "high_education_share_established", 20, "Established", period="2001-2005", group="All",
             dataset="Labour force survey"),
        fact("x", "high_education_share_recent", 38, "Recent", period="2006-2010", group="All", document=""),
        fact("new_migrant_max_residence_years", "new_migrant_definition_years", 10, "Longest residence", unit="years",
             period=""),
    ]
    tables = {"facts": facts, "indicators": compute_indicators(facts, (), DECLARED), "documents": DOCUMENTS,
              "declared": DECLARED}
    figure, meta, rows = draw_figure("education_gap", tables, SPECS)
    assert rows == [{"group": "All", "period": "2001-2005", "resident_under_10_years_percent": "32",
                     "resident_10_years_or_more_percent": "20", "approximate": "yes"}]  # 2006-2010 has no pair
    assert meta["source"] == "Labour force survey, 2001–2005, as reported in Author et al. (2008)"
    labels = [t.get_text() for t in figure.axes[0].texts]
    assert "≈32%" in labels and "20%" in labels
    assert "approximately 32% of those resident under 10 years" in meta["alt"]  # the bound stays in the text too
    # Each number of the alt text and the caption is marked as the words of its row.
    marked = {(meta["alt"][m["start"]:m["end"]], m["mark"]["id"], m["mark"]["kind"]) for m in meta["marks"]["alt"]}
    assert marked == {("2001–2005", "r", "period"), ("32%", "r", "fact"), ("20%", "e", "fact"),
                      ("10 years", "new_migrant_max_residence_years", "fact")}
    assert [meta["caption"][m["start"]:m["end"]] for m in meta["marks"]["caption"]] == ["2001–2005"]
    assert "Resident under 10 years" in [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    entry = SPECS["figures"]["education_gap"]
    bars = {role: {**bar, "alt": "under {no_such_fact}"} for role, bar in entry["bars"].items()}
    specs = {**SPECS, "figures": {**SPECS["figures"], "education_gap": {**entry, "bars": bars}}}
    with pytest.raises(InputError, match=r"a bar's words name the fact \{no_such_fact\}"):
        draw_figure("education_gap", tables, specs)
    colours = [bar.get_facecolor()[:3] for bar in figure.axes[0].patches]
    assert colours == [pytest.approx(_rgb(COLOURS["recent migrants"])),
                       pytest.approx(_rgb(COLOURS["established migrants"]))]
    save_figure(figure, tmp_path / "f.png", tmp_path / "f.svg")
    svg = (tmp_path / "f.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<dc:date>" not in svg  # vector, and no date inside


def test_timeline_keeps_forecasts_off_and_ends_with_the_last_event():
    facts = [
        fact("a", "timeline", 1974, "End of labour immigration", unit="calendar year", period=""),
        fact("b", "timeline", 2007, "EU enlargement", unit="calendar year", period="", geography="Europe"),
        fact("c", "timeline", 2011, "Full access, at the latest", unit="calendar year", period="", qualifier="at_most"),
        fact("d", "trend_start", 2000, "A trend begins", unit="calendar year", period=""),
    ]
    figure, meta, rows = draw_figure("timeline", {"facts": facts, "documents": DOCUMENTS}, SPECS)
    assert [r["year"] for r in rows] == ["1974", "2007"] and rows[1]["scope"] == "Europe and world"
    # A dated list, not a year axis: each event's year leads its row, in order, and the dot
    # takes the colour of its scope.
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["1974", "End of labour immigration", "2007", "EU enlargement"]
    dots = [c.get_facecolor()[0][:3] for c in figure.axes[0].collections]
    assert dots == [pytest.approx(_rgb(COLOURS["Belgium"])), pytest.approx(_rgb(COLOURS["Europe and world"]))]
    assert "2011" not in meta["alt"] and "A trend" not in meta["alt"]
    assert meta["caption"].endswith("1974–2007")


def test_indicators_across_periods_one_panel_each_facts_before_their_indicators():
    from policybrief.core.periods import series_over_periods

    recent = [fact("r1", "high_education_share_recent", 32, "Recent", period="2001-2005", qualifier="approx"),
              {**fact("r2", "high_education_share_recent", 36, "Recent", period="2006-2010", document=""),
               "source": "LFS 2010"}]
    single = [fact("s", "sector_permits_share", 83, "Share", period="2006"),
              fact("y", "timeline", 1974, "Stop", unit="calendar year", period="1974")]
    gaps = [{"indicator": "gap", "label": "Gap", "value": v, "unit": "percentage points", "period": p,
             "geography": "Belgium", "group": "", "formula": "a minus b", "inputs": i}
            for v, p, i in (("12", "2001-2005", "r1;x"), ("14", "2006-2010", "r2;x"))]
    assert series_over_periods(recent + single, gaps) == [("gap", "Belgium", ""),
                                                          ("high_education_share_recent", "Belgium", "")]
    figure, meta, rows = draw_figure("periods", {"facts": recent + single, "indicators": gaps, "documents": DOCUMENTS},
                                       SPECS)
    assert len(figure.axes) == 2
    assert [(r["series"], r["period"], r["approximate"]) for r in rows] == [
        ("Recent (Belgium)", "2001-2005", "yes"), ("Recent (Belgium)", "2006-2010", ""),
        ("Gap (Belgium, percentage points)", "2001-2005", "yes"), ("Gap (Belgium, percentage points)", "2006-2010", "")]
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["2001–2005", "2006–2010"]
    assert [t.get_text() for t in figure.axes[0].texts] == ["≈32%", "36%"]
    assert "values of one panel come from different sources" in meta["caption"]
    assert "Recent (Belgium): 2001–2005 approximately 32%, 2006–2010 36%" in meta["alt"]
    assert meta["source"] == "Author et al. (2008); LFS 2010 (plug-in data file); indicators computed from these"
    assert figure.axes[0].lines[0].get_color() == COLOURS["recent migrants"]


def test_a_time_series_draws_one_denominator_with_its_breaks_and_refuses_two():
    def yearly(indicator, group, values, flags, definition="employed share (EU-LFS)"):
        return [{**fact(f"{indicator}_{year}", indicator, value, "Employment rate", period=str(year), group=group,
                        document=""),
                 "flag": flags.get(year, ""), "definition": definition, "source": "Eurostat, LFSA_ERGAN",
                 "value_text": f"{value:.1f}"}
                for year, value in zip(range(2019, 2019 + len(values)), values)]

    foreign = yearly("employment_rate_foreign", "Foreign citizens", [58.2, 57.1, 59.2, 61.0], {2021: "b", 2022: "u"})
    national = yearly("employment_rate_national", "Belgian nationals", [66.3, 65.8, 66.2, 67.4], {2021: "b"})
    specs = {**SPECS, "figures": {"employment": {
        "kind": "time_series", "indicators": ["employment_rate_foreign", "employment_rate_national"],
        "axis": "% employed", "caption": "Employment rates"}}}
    figure, meta, rows = draw_figure("employment", {"facts": foreign + national, "documents": DOCUMENTS}, specs)
    assert meta["caption"] == ("Employment rates, 2019–2022, a dotted line marks a break in series (definitions or "
                               "methods changed: values either side are not fully comparable), a hollow point is a "
                               "value of low reliability")
    # One file gives every value of a line: its source is named once, after them.
    assert ("2021 59.2% (break in series), 2022 61.0% (low reliability) (all from Eurostat, LFSA_ERGAN);"
            in meta["alt"]), meta["alt"]
    assert [(r["period"], r["flag"]) for r in rows[:4]] == [("2019", ""), ("2020", ""), ("2021", "b"), ("2022", "u")]
    other = yearly("tertiary_share_foreign", "Foreign citizens", [30.5, 31.0], {}, definition="ISCED 5-8 share")
    specs["figures"]["employment"]["indicators"].append("tertiary_share_foreign")
    with pytest.raises(InputError, match="different units or definitions on one axis"):
        draw_figure("employment", {"facts": foreign + national + other, "documents": DOCUMENTS}, specs)
