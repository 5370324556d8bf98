"""One downloaded statistics file to plug-in rows, by its mapping; or, with no mapping, to a
description of what it holds and a proposed mapping (rule read_statistics)."""

from pathlib import Path

from policybrief.core.checksums import sha256_of
from policybrief.core.errors import InputError
from policybrief.extract.statistics.layouts import mapping_path, read_observations
from policybrief.extract.statistics.mapping import load_mapping, plugin_rows, select
from policybrief.extract.statistics.profile import Profile


def read_statistics(path, units: list[str]) -> tuple[list[dict], dict]:
    """The file's plug-in rows and its report: layout, dataset, what it holds (its profile),
    its mapping, and the values it does not publish. A file with no mapping gives no rows: its
    report is what a mapping is proposed from."""
    path = Path(path)
    mapping_file = mapping_path(path)
    if not mapping_file.exists():
        observations = read_observations(path)  # a plain table is read only with its mapping's columns
        profile = Profile()
        for _ in observations.chunks(profile):
            pass
        return [], {**profile.as_dict(observations.header), "file": path.as_posix(),
                    "mapping_file": mapping_file.as_posix(), "mapping": "", "not_published": []}
    mapping = load_mapping(mapping_file)
    for series in mapping.series:
        if series.unit not in units:
            raise InputError(mapping_file, f"series.{series.indicator}: unit {series.unit!r} is not one of "
                                           f"config/units.yaml ({', '.join(units)}).",
                             "use one of those units, or add the unit to config/units.yaml.")
    observations = read_observations(path, mapping.columns)
    selected, profile = select(observations, mapping, path.as_posix())
    rows, not_published = plugin_rows(selected, mapping, observations.header, profile, path.as_posix(),
                                      sha256_of(path))
    return rows, {**profile.as_dict(observations.header), "file": path.as_posix(),
                  "mapping_file": mapping_file.as_posix(), "mapping": mapping_file.as_posix(),
                  "not_published": not_published}
