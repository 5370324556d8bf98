"""The workflow is executor-clean: under Snakemake's generic cluster executor
(profiles/local-cluster), each job a separate process that knows only the files of the
shared folder, it builds the same bytes as on one machine."""

import filecmp
import re

import pytest

from conftest import copy_project, snakemake

pytestmark = pytest.mark.e2e

# Everything a build leaves for its readers and the next edition.
COMPARED = ["reports/brief.html", "reports/brief.pdf", "reports/annex.html", "reports/annex.pdf",
            "reports/brief-numbers.csv", "reports/validation/results.json", "data/processed", "reports/figures",
            "reports/validation/data_docs"]


def differing(left, right):
    """Files that differ (or exist on one side only) between two trees."""
    comparison = filecmp.dircmp(left, right)
    found = [str(left / name) for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [str(left / name) for name in mismatch + errors]
    for name in comparison.common_dirs:
        found += differing(left / name, right / name)
    return found


@pytest.fixture(scope="module")
def cluster_build(built, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("cluster") / "project")
    result = snakemake(project, "--profile", "profiles/local-cluster")
    assert result.returncode == 0, result.stderr[-4000:]
    return project, result.stderr


def test_a_cluster_build_gives_the_same_bytes_as_one_machine(built, cluster_build):
    project, _ = cluster_build
    for path in COMPARED:
        if (built / path).is_dir():
            assert not differing(built / path, project / path), path
        else:
            assert (built / path).read_bytes() == (project / path).read_bytes(), path


def test_each_job_was_submitted_but_the_quick_ones_stayed_beside_snakemake(cluster_build):
    _, log = cluster_build
    submitted = set(re.findall(r"Submitted job (\d+) with external jobid '\d+'", log))
    # Each job's rule, from Snakemake's progress lines (the topic's profile keeps its job lists quiet).
    rules = dict(re.findall(r"Finished jobid: (\d+) \(Rule: (\w+)\)", log))
    remote = {rule for job, rule in rules.items() if job in submitted}
    assert {"validate", "render_document", "merge_tables", "compute_indicators", "draw_figures"} <= remote
    assert not remote & {"publish_edition", "validation_gate", "compare_editions"}
