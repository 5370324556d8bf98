"""Data Docs: data shown as text, every asset local and checked, a policy that lets a page load
nothing from the network and run only Great Expectations' own scripts."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from policybrief.core.errors import InputError
from policybrief.validate.data_docs import (
    Asset,
    content_security_policy,
    harden_site,
    load_assets,
    local_assets,
    with_policy,
)
from policybrief.validate.runner import run_suites, utc_clock
from policybrief.validate.suites import load_suite
from policybrief.workflow import WORKFLOW

VENDOR = WORKFLOW / "report/data-docs"
MANIFEST = VENDOR / "assets.yaml"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(document.cookie)>'


def build_site(folder):
    """The real plug-in suite over rows whose values fail it, with markup in them."""
    rows = [{"where": f"update.csv row {line}", "file": "update.csv", "row": line, "indicator": HOSTILE,
             "geography": HOSTILE, "group": "", "period": "2010", "value": value, "unit": unit,
             "source": HOSTILE, "label": HOSTILE, "note": HOSTILE, "read_as": "UTF-8"}
            for line, value, unit in ((2, 150, "percent"), (3, 5, HOSTILE))]
    folder.mkdir(parents=True, exist_ok=True)
    table = folder / "supplementary.csv"
    pd.DataFrame(rows).to_csv(table, index=False)
    suite = load_suite(WORKFLOW / "expectations/sources/supplementary.yaml")
    outcomes = run_suites([suite], {"supplementary": table}, {}, folder / "site", run_name="sources",
                          run_time=datetime(2026, 11, 23, tzinfo=UTC))
    assert not all(outcome.success for outcome in outcomes)
    harden_site(folder / "site", VENDOR, MANIFEST)
    return folder / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("docs"))


def test_failing_values_with_markup_are_shown_as_text(hostile_site):
    page = next((hostile_site / "validations").rglob("*.html")).read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert ("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
            or "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in page)


def test_every_page_loads_only_local_files_that_exist(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 3
    for path in pages:
        page = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", page):
            address = re.search(r'\s(?:src|href)="([^"#?]*)', tag)
            if not address or not address.group(1):
                continue
            assert not re.match(r"(https?:)?//", address.group(1)), (path.name, tag)
            assert (path.parent / address.group(1)).resolve().is_file(), (path.name, tag)
        assert "integrity=" not in page and "?d=" not in page


def test_the_same_results_give_the_same_pages(hostile_site, tmp_path):
    """Run name, time and element ids are fixed, so a rebuild changes no byte."""
    rebuilt = build_site(tmp_path)
    pages = sorted(path.relative_to(hostile_site) for path in hostile_site.rglob("*.html"))
    assert pages == sorted(path.relative_to(rebuilt) for path in rebuilt.rglob("*.html"))
    for page in pages:
        assert (hostile_site / page).read_bytes() == (rebuilt / page).read_bytes(), page


# Builds the site of build_site in a process of its own, whose time zone is the TZ it is given;
# this module (and so Great Expectations) is imported before the validation runs, as in the job.
BUILD_IN_ZONE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from test_data_docs import build_site
build_site(Path(sys.argv[1]))
"""


def files_under(folder) -> dict:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def test_data_docs_are_made_in_utc_whatever_the_time_zone(tmp_path):
    """Great Expectations writes times in the process's zone (and on the validation pages, a local
    time followed by 'Z'); the validation runs on a UTC clock, so a run at 00:00 UTC says so in
    every zone, and the pages are the same bytes."""
    zones = ("Pacific/Kiritimati", "America/Los_Angeles")  # UTC+14 and UTC-8: not even the same day
    # Both at once: each mostly waits for Great Expectations' import.
    here = str(Path(__file__).parent)
    runs = {zone: subprocess.Popen([sys.executable, "-c", BUILD_IN_ZONE, str(tmp_path / zone), here],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "TZ": zone, "GX_ANALYTICS_ENABLED": "false"})
            for zone in zones}
    sites = {}
    for zone, run in runs.items():
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors[-3000:]
        sites[zone] = files_under(tmp_path / zone / "site")
    first, second = sites.values()
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    pages = [data.decode("utf-8") for name, data in first.items() if name.endswith(".html")]
    index = next(data.decode("utf-8") for name, data in first.items() if name == "index.html")
    # The run was at 2026-11-23 00:00 UTC (build_site): the index says it in UTC, the validation
    # page's 'Z' time is that time, and no page gives another.
    assert "'run_time': '2026-11-23 00:00:00 UTC'" in index
    assert any(">2026-11-23T00:00:00Z<" in page for page in pages)
    stamps = {stamp for page in pages for stamp in re.findall(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?Z?", page)}
    assert stamps <= {"2026-11-23T00:00:00Z", "2026-11-23 00:00:00"}, stamps


def test_the_utc_clock_gives_the_zone_back(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        with utc_clock():
            assert time.strftime("%Z") == "UTC" and datetime(2026, 1, 1).astimezone().utcoffset().total_seconds() == 0
        assert os.environ["TZ"] == "Asia/Tokyo" and time.strftime("%Z") == "JST"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_each_vendored_file_is_the_one_its_manifest_names():
    assets = load_assets(MANIFEST)
    assert len(assets) >= 16 and len({asset.url for asset in assets}) == len(assets)
    for asset in assets:
        assert hashlib.sha256((VENDOR / asset.file).read_bytes()).hexdigest() == asset.sha256, asset.file


def test_a_changed_vendored_file_stops_the_build(tmp_path):
    vendor = tmp_path / "vendor"
    shutil.copytree(VENDOR, vendor)
    (vendor / "jquery-3.7.1/jquery.min.js").write_text("alert(1)", encoding="utf-8")
    (tmp_path / "site").mkdir()
    with pytest.raises(InputError, match="jquery.min.js: has sha256 .* but assets.yaml records"):
        harden_site(tmp_path / "site", vendor, vendor / "assets.yaml")


def test_addresses_are_made_local_and_an_unknown_one_is_refused():
    assets = [Asset("https://cdn.example/lib.js", "lib-1/lib.js", "0")]
    page = ('<script src="https://cdn.example/lib.js" integrity="sha384-x" crossorigin="anonymous"></script>'
            '<img src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1">'
            '<link rel="shortcut icon" href="../../../static/images/favicon.ico">'
            '<a href="https://greatexpectations.io">Great Expectations</a>')
    local = local_assets(page, "validations/facts/run/time/page.html", assets)
    assert '<script src="../../../../static/vendor/lib-1/lib.js"></script>' in local
    assert 'src="../../../../static/images/logo-long.png"' in local
    assert 'href="../../../../static/images/favicon.ico"' in local
    assert '<a href="https://greatexpectations.io">' in local  # a link, not something the page loads
    with pytest.raises(InputError, match="index.html: loads https://cdn.other/x.css, which is not vendored"):
        local_assets('<link rel="stylesheet" href="https://cdn.other/x.css">', "index.html", assets)


def test_the_policy_allows_great_expectations_scripts_and_blocks_any_other():
    own = "\n    function showAllValidations() {\n    $('.x').fadeIn();\n  }\n"
    page = (f"<html><head><title>t</title></head><body><script>{own}</script>"
            '<label onclick="showAllValidations()">all</label>'
            "<script>alert(document.cookie)</script><b onclick=\"alert(1)\">b</b></body></html>")
    policy = content_security_policy(page)
    assert policy.startswith("default-src 'none'; script-src 'self' 'unsafe-hashes' ")
    assert "connect-src 'none'" in policy and "https:" not in policy and "'unsafe-inline'" not in policy.split(";")[1]
    hashes = re.findall(r"'sha256-[^']+'", policy)
    assert len(hashes) == 2  # the function and its handler; neither alert
    hardened = with_policy(page)
    assert hardened.index('http-equiv="Content-Security-Policy"') < hardened.index("<title>")


def console_errors(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def requests_made(browser) -> list[str]:
    return [json.loads(entry["message"])["message"]["params"]["request"]["url"]
            for entry in browser.get_log("performance") if '"Network.requestWillBeSent"' in entry["message"]]


@pytest.mark.e2e
def test_data_docs_of_the_build_work_offline_in_a_browser(built, browser):
    docs = built / "reports/validation/data_docs/sources"
    for page in (docs / "index.html", next((docs / "validations").rglob("*facts.html"))):
        browser.get_log("browser"), browser.get_log("performance")
        browser.get(page.as_uri())
        browser.execute_async_script("setTimeout(arguments[arguments.length - 1], 500)")
        state = browser.execute_script(
            "return {table: typeof (window.jQuery && jQuery.fn.bootstrapTable),"
            " rows: document.querySelectorAll('table[data-toggle=table] tbody tr').length,"
            " icons: getComputedStyle(document.querySelector('i.fas'), '::before').fontFamily,"
            " navbar: getComputedStyle(document.querySelector('nav.navbar')).display}")
        assert state["table"] == "function" and state["rows"] > 0, (page.name, state)
        assert "Font Awesome" in state["icons"] and state["navbar"] == "flex", (page.name, state)
        assert not console_errors(browser), page.name
        assert [url for url in requests_made(browser)
                if not url.startswith(("file:", "data:", "about:"))] == [], page.name


@pytest.mark.e2e
def test_a_script_slipped_into_a_data_docs_page_is_blocked_by_its_policy(built, browser, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built / "reports/validation/data_docs/sources", site)
    index = site / "index.html"
    page = index.read_text(encoding="utf-8")
    index.write_text(page.replace("<body>", "<body><script>document.title = 'ran';</script>", 1), encoding="utf-8")
    browser.get_log("browser")
    browser.get(index.as_uri())
    assert browser.title != "ran"
    assert any("Content Security Policy" in message for message in console_errors(browser))
