"""Great Expectations Data Docs that are safe to open and work offline.

Out of the box, Data Docs write a failing expectation's unexpected values into the page as
raw HTML (a plug-in value `<script>...</script>` would run when the page is opened), load
their CSS and JavaScript from CDNs (offline, the pages are unstyled and their tables empty),
and stamp every page with the time it was written. Here:

- the views escape every string they write into a page (`EscapingPageView`,
  `EscapingIndexPageView`: Great Expectations' own views, one filter changed), give elements
  ids in page order and add no time stamps to image URLs, so the same results give the same
  bytes;
- after the build, every page points at the copies in the engine's workflow/report/data-docs/ (copied into
  the site's static/vendor/) and carries a Content-Security-Policy that lets it load nothing
  from the network and run only the inline scripts Great Expectations' templates write.

The classes subclass Great Expectations' views, so this module imports Great Expectations:
import it only inside a validation job.
"""

import base64
import hashlib
import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import pass_context

from policybrief.core.checksums import sha256_of
from policybrief.core.errors import InputError
from policybrief.core.yaml_input import load_yaml_input

VENDOR_FOLDER = "static/vendor"
# Great Expectations' navbar shows its logo from S3; the same image ships in static/images/.
GX_WEB_ASSETS = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"

# How each inline script that Great Expectations' templates write begins (after leading
# blanks), and the inline event handlers they write. Anything else is not given a hash, so
# the page's policy blocks it even if it ever got past the escaping.
GX_SCRIPT_OPENINGS = (
    "try {\n          if (localStorage.getItem('ge-walkthrough-modal-dismissed')",
    "function showAllValidations() {",
    "function rowStyleLinks(row, index) {",
    'if (sessionStorage.getItem("showCta") !== "false") {',
)
GX_TABLE_SCRIPT = re.compile(r"\$\('#[\w-]+-body-table'\)\.bootstrapTable\(")
GX_HANDLERS = re.compile(r"(showAllValidations\(\)|hideSucceededValidations\(\)|clearTableFilters\('[\w-]+'\))")


# Great Expectations makes a Jinja environment per page, and so compiles every template again
# for each page (about half the time of building Data Docs). Compiled code does not depend on
# the environment it was compiled in (all are configured alike), so it is kept for the run.
_COMPILED = {}


def _compiling_once(compile_):
    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        if not isinstance(source, str):
            return compile_(source, name, filename, raw, defer_init)
        key = (source, name, filename, raw, defer_init)
        if key not in _COMPILED:
            _COMPILED[key] = compile_(*key)
        return _COMPILED[key]

    return compile


class _Escaping:
    """What both views change: strings are text, ids follow page order, URLs carry no time."""

    def __init__(self, custom_styles_directory=None, custom_views_directory=None) -> None:
        super().__init__(custom_styles_directory, custom_views_directory)
        self.env.compile = _compiling_once(self.env.compile)
        self._element_count = 0
        self.env.filters["generate_html_element_uuid"] = self.generate_html_element_uuid
        self.env.filters["add_data_context_id_to_url"] = lambda url, add_datetime=True: url

    def render(self, document, template=None, **kwargs):
        self._element_count = 0
        return super().render(document, template, **kwargs)

    def generate_html_element_uuid(self, prefix=None):
        self._element_count += 1
        return f"{prefix or ''}element-{self._element_count:05d}"

    @pass_context
    def render_content_block(self, jinja_context, content_block, index=None, content_block_id=None,
                             render_to_markdown=False):
        # Great Expectations' renderers build markup as dicts; a bare string (an unexpected
        # value, a table cell) is data, shown as text.
        if render_to_markdown:
            return super().render_content_block(jinja_context, content_block, index, content_block_id,
                                                render_to_markdown)
        if isinstance(content_block, str):
            return html.escape(content_block)
        if isinstance(content_block, list):
            content_block = [html.escape(item) if isinstance(item, str) else item for item in content_block]
        elif content_block is not None and not isinstance(content_block, (dict, int, float)):
            return html.escape(str(content_block))
        return super().render_content_block(jinja_context, content_block, index, content_block_id)


class EscapingPageView(_Escaping, DefaultJinjaPageView):
    """The validation and suite pages."""


class EscapingIndexPageView(_Escaping, DefaultJinjaIndexPageView):
    """The site's index page."""


def site_config(docs_dir) -> dict:
    """A Data Docs site in docs_dir whose pages are drawn by the escaping views."""
    view = {"module_name": __name__, "class_name": EscapingPageView.__name__}
    return {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(Path(docs_dir).resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder",
                               "view": {"module_name": __name__, "class_name": EscapingIndexPageView.__name__}},
        "site_section_builders": {"expectations": {"view": view}, "validations": {"view": view},
                                  "profiling": {"view": view}},
    }


@dataclass(frozen=True)
class Asset:
    url: str
    file: str
    sha256: str


def load_assets(manifest) -> list[Asset]:
    """The vendored files and the CDN address each replaces (the engine's workflow/report/data-docs/assets.yaml)."""
    entries = load_yaml_input(manifest, "assets")["assets"]
    return [Asset(entry["url"], entry["file"], entry["sha256"]) for entry in entries]


def vendor_into(docs_dir, vendor_dir, assets: list[Asset]) -> None:
    """Copy the vendored files into the site, checking each against its recorded checksum."""
    target = Path(docs_dir) / VENDOR_FOLDER
    shutil.copytree(vendor_dir, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.yaml", "*.md"))
    for asset in assets:
        digest = sha256_of(target / asset.file)
        if digest != asset.sha256:
            raise InputError(Path(vendor_dir) / asset.file, f"has sha256 {digest}, but assets.yaml "
                             f"records {asset.sha256}.", "restore the file from its npm package, "
                             "or record the new checksum if you updated it on purpose.")


_TAG = re.compile(r"<(script|link|img)\b[^>]*>", re.IGNORECASE)
_URL_ATTRIBUTE = re.compile(r'\s(src|href)="([^"]*)"')
_SUBRESOURCE_INTEGRITY = re.compile(r'\s(integrity|crossorigin)="[^"]*"')


def local_assets(page: str, page_path: str, assets: list[Asset]) -> str:
    """Point the page's scripts, stylesheets and images at the site's own copies.

    page_path is the page's path inside the site ('index.html', 'expectations/facts.html'),
    from which the way up to static/ follows. An external script, stylesheet or image that
    is not vendored is an error: the page would not work offline.
    """
    up = "../" * page_path.count("/")
    by_url = {asset.url: f"{up}{VENDOR_FOLDER}/{asset.file}" for asset in assets}

    def rewrite(tag_match):
        tag = tag_match.group(0)
        found = _URL_ATTRIBUTE.search(tag)
        if not found:
            return tag
        kind, url = tag_match.group(1).lower(), html.unescape(found.group(2))
        rel = re.search(r'\srel="([^"]*)"', tag)
        rel = rel.group(1).split() if rel else []
        if kind == "link" and "icon" in rel:
            # Great Expectations climbs one level too few to the favicon on validation pages.
            return tag.replace(found.group(0), f' href="{up}static/images/favicon.ico"')
        if kind == "link" and "stylesheet" not in rel:
            return tag
        if not re.match(r"(https?:)?//", url):
            return tag
        if url in by_url:
            local = by_url[url]
        elif url.startswith(GX_WEB_ASSETS):
            local = f"{up}static/images/{url[len(GX_WEB_ASSETS):].split('?')[0]}"
        else:
            raise InputError(page_path, f"loads {url}, which is not vendored.",
                             "add it to the engine's workflow/report/data-docs/assets.yaml with a copy of the file.")
        # Integrity and CORS attributes name the CDN's response; a local copy is checked by
        # its sha256 in assets.yaml, and a file:// page cannot satisfy them.
        tag = _SUBRESOURCE_INTEGRITY.sub("", tag)
        return tag.replace(found.group(0), f' {found.group(1)}="{html.escape(local)}"')

    return _TAG.sub(rewrite, page)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_HANDLER = re.compile(r'\son[a-z]+="([^"]*)"')


def _hash_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def written_by_gx(script: str) -> bool:
    opening = script.lstrip()
    return opening.startswith(GX_SCRIPT_OPENINGS) or bool(GX_TABLE_SCRIPT.match(opening))


def content_security_policy(page: str) -> str:
    """No network; styles, images and fonts from the site; scripts from the site and the
    inline ones Great Expectations' templates wrote, each by its hash."""
    hashes = sorted({_hash_source(script) for script in _INLINE_SCRIPT.findall(page) if written_by_gx(script)})
    handlers = sorted({_hash_source(html.unescape(handler)) for handler in _HANDLER.findall(page)
                       if GX_HANDLERS.fullmatch(html.unescape(handler))})
    scripts = " ".join(["'self'", *(["'unsafe-hashes'"] if handlers else []), *hashes, *handlers])
    return ("default-src 'none'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")


def with_policy(page: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(content_security_policy(page))}">'
    page, count = re.subn(r"<head>", f"<head>\n    {meta}", page, count=1)
    if not count:
        raise ValueError("a Data Docs page without <head>")
    return page


def harden_site(docs_dir, vendor_dir, manifest) -> list[Path]:
    """Vendor the assets into the site and rewrite each page; returns the pages."""
    assets = load_assets(manifest)
    vendor_into(docs_dir, vendor_dir, assets)
    pages = sorted(Path(docs_dir).rglob("*.html"))
    for path in pages:
        page_path = path.relative_to(docs_dir).as_posix()
        if page_path.startswith(VENDOR_FOLDER):
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(with_policy(local_assets(text, page_path, assets)), encoding="utf-8")
    return pages


def not_run_page(docs_dir, stage: str, failed: str) -> Path:
    """The Data Docs of a stage left unjudged after an earlier stage failed: one page that says
    so and links to the failing stage's pages (rather than an earlier build's pages)."""
    page = Path(docs_dir) / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    stage_name, failed_name = html.escape(stage), html.escape(failed)
    page.write_text(with_policy(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n    <meta charset="utf-8">\n'
        f'    <title>Data Docs: {stage_name} not validated</title>\n</head>\n<body>\n<main>\n'
        f'<h1>The {stage_name} stage was not validated</h1>\n'
        f'<p>The {failed_name} stage before it failed a critical expectation, and the {stage_name} tables '
        f'are computed from its tables. See <a href="../{failed_name}/index.html">the {failed_name} '
        'stage&rsquo;s Data Docs</a> for what failed; once it passes, this stage is validated.</p>\n'
        '</main>\n</body>\n</html>\n'), encoding="utf-8")
    return page
