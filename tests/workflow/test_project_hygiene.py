"""What a maintainer expects of the repository: a changelog entry for the version being
released, a licence, and the Snakemake workflow catalog's description."""

import re

import yaml

from conftest import ROOT


def test_the_changelog_opens_with_the_version_of_pyproject():
    # (tomllib is Python 3.11's; the project supports 3.10.)
    version = re.search(r'(?m)^version = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    releases = re.findall(r"(?m)^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$",
                          (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert releases, "CHANGELOG.md has no '## [x.y.z] - YYYY-MM-DD' heading"
    assert releases[0][0] == version, f"pyproject.toml says {version}; CHANGELOG.md's newest entry is {releases[0][0]}"
    dates = [date for _, date in releases]
    assert dates == sorted(dates, reverse=True), "CHANGELOG.md lists its versions newest first"


def test_the_licence_and_the_catalog_description_are_there():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    catalog = yaml.safe_load((ROOT / ".snakemake-workflow-catalog.yml").read_text(encoding="utf-8"))
    assert catalog["usage"]["report"] is True
    assert catalog["usage"]["software-stack-deployment"]["conda"] is True


def locked(path):
    """The pins of a lock file whose markers hold on this machine: {name: version}."""
    from packaging.requirements import Requirement

    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                (version,) = [spec.version for spec in requirement.specifier if spec.operator == "=="]
                pins[requirement.name] = version
    return pins


def test_the_tests_run_in_the_locked_environment():
    from importlib.metadata import PackageNotFoundError, version

    from packaging.utils import canonicalize_name

    wrong = []
    for lock in ("runtime.lock", "test.lock"):
        for name, pinned in locked(ROOT / "requirements" / lock).items():
            try:
                installed = version(name)
            except PackageNotFoundError:
                installed = "not installed"
            if installed != pinned:
                wrong.append(f"{canonicalize_name(name)}: locked {pinned}, installed {installed} ({lock})")
    assert not wrong, "run `pip install -e \".[test]\"` (README):\n" + "\n".join(wrong)


def test_the_project_depends_on_the_lock_and_the_lock_meets_the_ranges():
    from importlib.metadata import requires

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    runtime = {canonicalize_name(name): pinned for name, pinned in locked(ROOT / "requirements/runtime.lock").items()}
    declared = {canonicalize_name(Requirement(text).name): str(Requirement(text).specifier)
                for text in requires("policybrief") if "extra ==" not in text}
    assert {name: f"=={pinned}" for name, pinned in runtime.items()}.items() <= declared.items()
    for line in (ROOT / "requirements/runtime.in").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wanted = Requirement(line)
            assert wanted.specifier.contains(runtime[canonicalize_name(wanted.name)]), line
