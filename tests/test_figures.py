"""Figures: caption, alt text and source line come from the tables, in the house style."""

import pytest

from policybrief.figures import FIGURES, PALETTE, save_figure

DOCUMENTS = [{"document": "study", "title": "A study", "date": "2008-10-30"}]


def fact(fact_id, indicator, value, label, unit="percent", period="2006", geography="Belgium", group="",
         document="study"):
    return {"fact_id": fact_id, "indicator": indicator, "value": str(value), "label": label, "unit": unit,
            "period": period, "geography": geography, "group": group, "document": document, "source": ""}


def test_permit_profiles_alt_text_lists_every_bar_and_keeps_proper_nouns():
    facts = [
        fact("a", "sector_permits_share", 83, "Share of IT work permits granted to Indian workers", geography="Brussels"),
        fact("b", "permit_holders_share_women", 21, "Share of women among Polish construction workers",
             geography="Wallonia"),
        fact("c", "sector_permits_share", 50, "Older share", period="2001", geography="Wallonia"),  # earlier period
    ]
    figure, meta = FIGURES["work_permit_profiles"]({"facts": facts, "documents": DOCUMENTS})
    assert "Brussels, share of IT work permits granted to Indian workers: 83%" in meta["alt"]
    assert "Wallonia, share of women among Polish construction workers: 21%" in meta["alt"]
    assert "Older share" not in meta["alt"] and "2006" in meta["caption"]
    assert meta["source"] == "A study (2008)"
    texts = [text.get_text() for text in figure.texts]
    assert "Source: A study (2008)." in texts  # the source line under the plot


def test_regional_shares_figure_from_indicators(tmp_path):
    indicators = [{"indicator": "work_permits_regional_share", "value": value, "geography": region,
                   "period": "1995-2006", "inputs": "r1;r2"}
                  for region, value in (("Wallonia", "14.2857"), ("Flanders", "57.1429"), ("Brussels", "28.5714"))]
    facts = [fact("r1", "work_permits_ratio", 2, "Ratio", unit="ratio"),
             fact("r2", "work_permits_ratio", 2, "Ratio", unit="ratio")]
    figure, meta = FIGURES["regional_permits"]({"facts": facts, "indicators": indicators, "documents": DOCUMENTS})
    assert meta["alt"].endswith("1995-2006: Flanders 57.1%; Brussels 28.6%; Wallonia 14.3%.")
    bars = figure.axes[0].patches
    assert [bar.get_facecolor()[:3] for bar in bars] == [pytest.approx(_rgb(PALETTE["blue"]))] * 3
    assert figure.axes[0].get_xlabel() == "Share of work permits issued (%)"
    save_figure(figure, tmp_path / "f.png", tmp_path / "f.svg")
    svg = (tmp_path / "f.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<dc:date>" not in svg  # vector, and no date inside


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
