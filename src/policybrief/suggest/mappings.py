"""A mapping proposed for a downloaded statistics file that has none (rule suggest_mappings):
made from what the file holds (its profile), listed in reports/mapping-suggestions.yaml the way
numbers not yet catalogued are listed with a ready-made catalogue entry. Save a proposal as
the YAML beside its file, check its words, and the next build plugs the file in."""

import re

import yaml

from policybrief.core.flags import vocabulary
from policybrief.core.project_files import file_name
from policybrief.extract.statistics.profile import code_words


def proposed_mapping(profile: dict, file_name: str, places: set[str] = frozenset()) -> dict:
    """A mapping for a file that has none, from its profile: each dimension with one code kept;
    the place the edition already speaks of (else the first); a dimension's total where it has
    one; the last dimension left (in the file's order) split into one series per code."""
    vocab = vocabulary()
    dimensions = profile["dimensions"]
    geography = next((entry["dimension"] for entry in dimensions if entry["dimension"].lower() == "geo"), "")
    keep, varying = {}, []
    for entry in dimensions:
        name, codes = entry["dimension"], entry["codes"]
        if name == geography:
            known = [code for code, label in codes.items() if label in places or code in places]
            keep[name] = known[0] if known else next(iter(codes), "")
        elif len(codes) == 1:
            keep[name] = next(iter(codes))
        else:
            varying.append(entry)
    split = varying[-1] if varying else None
    for entry in varying[:-1]:
        total = next((code for code in entry["codes"] if code in vocab["totals"]), next(iter(entry["codes"])))
        keep[entry["dimension"]] = total
    unit_dimension = next((entry for entry in dimensions if entry["dimension"].lower() == "unit"), None)
    unit_code = keep.get(unit_dimension["dimension"], "") if unit_dimension else ""
    unit = vocab["units"].get(unit_code, "")
    title = profile["title"]
    labels = {entry["dimension"]: entry["codes"] for entry in dimensions}
    names = {entry["dimension"]: entry["name"] for entry in dimensions}

    def universe(extra: dict) -> str:
        chosen = {**keep, **extra}
        return "; ".join(f"{names[name]}: {labels[name].get(code) or code}" for name, code in chosen.items()
                         if name.lower() not in ("freq", "unit"))

    base = _machine_name(profile["dataset"] or file_name)
    series = {}
    for code, label in (split["codes"].items() if split else [("", "")]):
        name = f"{base}_{_machine_name(code)}" if code else base
        where = {split["dimension"]: code} if split else {}
        series[name] = {
            "where": where,
            "label": f"{title or profile['dataset']}: {label or code}" if code else (title or profile["dataset"]),
            "group": label or code,
            "universe": universe(where),
            "definition": title or profile["dataset"],
        }
    mapping = {"dataset": profile["dataset"] or file_name.upper()}
    mapping.update({"geography": geography, "keep": keep, "unit": unit, "series": series})
    return mapping


def _machine_name(text: str) -> str:
    """'EDAT_LFS_9911' → 'edat_lfs_9911', 'ED5-8' → 'ed5_8': a name a series may take."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def still_needed(profile: dict) -> list[str]:
    """What the proposal cannot know and the user must add: keys the file does not answer."""
    needed = []
    if not profile["title"]:
        needed.append("title: <the dataset's title, from its download page>")
    if profile["agency"] not in vocabulary()["agencies"]:
        needed.append("publisher: <who publishes the dataset>")
    if not profile["last_update"]:
        needed.append("downloaded: <the date you downloaded the file, YYYY-MM-DD>")
    return needed


def proposal_text(file_name: str, mapping_name: str, profile: dict, mapping: dict) -> str:
    """The proposal as a commented YAML document: what the file holds, then the mapping."""
    lines = [f"# {file_name}: {profile['layout']}, {profile['rows']} rows, dataset {profile['dataset'] or '?'}"
             + (f" ({profile['title']})" if profile["title"] else ""),
             f"# periods: {', '.join(profile['periods'][:3])} … {', '.join(profile['periods'][-3:])}"
             if len(profile["periods"]) > 6 else f"# periods: {', '.join(profile['periods'])}"]
    for entry in profile["dimensions"]:
        codes = ", ".join(code_words(code, label) for code, label in list(entry["codes"].items())[:20])
        more = " …" if entry["more"] or len(entry["codes"]) > 20 else ""
        lines.append(f"# {entry['dimension']} ({entry['name']}): {codes}{more}")
    if profile["flags"]:
        lines.append("# flags: " + ", ".join(f"{flag} ({words})" if words else flag
                                           for flag, words in profile["flags"].items()))
    lines.append("# Check label, group, universe and definition (written from the file's labels), then save "
                 f"this as {mapping_name} beside the file.")
    lines += [f"# Add: {line}" for line in still_needed(profile)]
    return "\n".join(lines) + "\n" + yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100)


def mapping_suggestions(reports: list[dict], places: set[str]) -> str:
    """reports/mapping-suggestions.yaml: a proposed mapping for each downloaded file with none,
    one YAML document each, or a line saying every file has its mapping."""
    unmapped = [report for report in reports if not report["mapping"]]
    if not reports:
        return "# No downloaded statistics file in data/supplementary/: nothing to propose.\n"
    if not unmapped:
        return (f"# Every downloaded statistics file in data/supplementary/ has its mapping ({len(reports)} "
                f"file{'s' if len(reports) > 1 else ''}); nothing to propose.\n")
    parts = []
    for report in sorted(unmapped, key=lambda r: r["file"]):
        name = file_name(report["file"])
        mapping_name = file_name(report["mapping_file"])
        parts.append(proposal_text(name, mapping_name, report, proposed_mapping(report, name, places)))
    return ("# Downloaded statistics files with no mapping: not plugged in. Each proposal below is the\n"
            "# mapping to save beside its file (docs/official-statistics.md).\n---\n" + "---\n".join(parts))
