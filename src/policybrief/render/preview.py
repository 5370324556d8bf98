"""`policybrief preview`: the brief's web page, shown again each time its words change.

Writing a brief is rewording sentences. A build reruns what a template change touches (the
brief's source, its ledger, both renders, the publication) in a few seconds; the preview
re-renders only the web page, from the tables the last build made, in about the time Pandoc
takes to write it (benchmarks/preview.py measures it against that floor):

- the brief's template or the edition's settings (config/brief.qmd.j2, config/config.yaml)
  changed: the brief's source is filled again from the built tables and Pandoc writes the page;
- anything the tables are made from changed (a document, the catalogue, the inventory, the
  indicators, the figures, the units, a data file): `snakemake` makes the brief's source first
  (only what that change needs), then the page is written.

The page is served at http://localhost:<port>/brief.html and reloads itself when a new one is
written. It is a preview: it is written to reports/preview/, never published, and its numbers
are checked only by the build (`snakemake --cores 4`), which publishes the brief.
"""

import functools
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

from policybrief.core.checksums import sha256_or_none
from policybrief.core.errors import InputError
from policybrief.render.engines import ASSETS, pandoc_html
from policybrief.workflow import engine_file

PREVIEW = Path("reports/preview")
# Re-rendered from the tables the last build made.
WORDS = ("config/brief.qmd.j2", "config/config.yaml")
# What the tables are made from: the brief's source is made by the pipeline first.
SOURCES = ("config", "seeds", "data/supplementary")
BUILT = Path("reports/brief.qmd")
# Asks the server every fifth of a second whether a newer page was written, and loads it.
RELOAD = """<script>
(function () {
  var shown = null;
  setInterval(function () {
    fetch("version.txt", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (shown === null) { shown = v; } else if (v !== shown) { location.reload(); }
    }).catch(function () {});
  }, 200);
})();
</script>
"""


class Say:
    """The preview's log: one line on the terminal per step."""

    def info(self, message, *arguments):
        if message.startswith("$ "):
            return  # the commands run; the terminal shows what they did
        print(message % arguments if arguments else message, flush=True)


def files_under(topic: Path, names) -> dict[str, tuple[int, int]]:
    """path -> (modification time, size) of every file under these files and folders."""
    found = {}
    for name in names:
        path = topic / name
        for file in [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []:
            if file.is_file():
                stat = file.stat()
                found[file.relative_to(topic).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_files(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def contents_of(topic: Path, names: list[str]) -> dict[str, str | None]:
    """path -> checksum of each of these files (None for one that is gone)."""
    return {name: sha256_or_none(topic / name) for name in names}


def seen_after_rebuild(topic: Path, seen: dict, contents: dict) -> dict:
    """What the watch has seen once the pipeline ran: the files as they were before it ran, and
    those it dated again (policybrief.core.freshness) as they are now, since their content is
    what it read. A file written meanwhile stays unseen, so the next round shows it."""
    after = files_under(topic, SOURCES)
    dated_again = [name for name in changed_files(seen, after) if name in after and name in contents]
    contents_after = contents_of(topic, dated_again)
    return seen | {name: after[name] for name in dated_again if contents_after[name] == contents[name]}


def rebuild_source(topic: Path, say) -> None:
    """The pipeline up to the brief's source, for a change the tables depend on."""
    say.info("a source of the tables changed: snakemake makes the brief's source again")
    result = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4", str(BUILT)], cwd=topic,
                            capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise InputError(BUILT, f"could not be made again:\n{tail}",
                         "correct what the message names; the preview tries again at the next change.")


def write_page(topic: Path, say) -> float:
    """The brief's web page from the built tables, into reports/preview/; returns the seconds it took."""
    from policybrief.brief.source import brief_source
    from policybrief.core.configuration import edition_config

    started = time.perf_counter()
    folder = topic / PREVIEW
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "brief.qmd"
    source.write_text(brief_source(edition_config()), encoding="utf-8")
    page = folder / "brief.html"
    written = folder / ".brief.html"
    pandoc_html(source, written, {name: engine_file(path) for name, path in ASSETS.items()}, say,
                resources=topic / "reports")
    html = written.read_text(encoding="utf-8")
    written.write_text(html.replace("</body>", RELOAD + "</body>", 1), encoding="utf-8")
    written.replace(page)
    (folder / "version.txt").write_text(str(time.time_ns()), encoding="utf-8")
    return time.perf_counter() - started


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """The preview's folder on http://localhost:<port>/, in a thread of its own."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *arguments):  # the page asks for version.txt five times a second
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def touches_tables(changed: list[str]) -> bool:
    """Whether a change reaches what the tables are made from, not only the brief's words."""
    return any(name not in WORDS for name in changed)


def render_once(topic: Path, changed: list[str], say, rebuild: bool = False) -> None:
    """What a change needs: the source again if the tables' inputs changed (`rebuild`), then
    the page."""
    if rebuild:
        rebuild_source(topic, say)
    took = write_page(topic, say)
    say.info("%s: page written in %.2f s", ", ".join(changed) or "start", took)


def preview(port: int = 8000, interval: float = 0.1, rounds: int | None = None, say=None) -> None:
    """Watch the topic in the working folder and write the page after each change (`rounds`
    changes, or until Ctrl-C). The edition's files are read as the build reads them, from here."""
    topic, say = Path.cwd(), say or Say()
    if not (topic / BUILT).is_file():
        raise InputError(topic / BUILT, "is not there: the preview shows the brief of a built topic.",
                         "build the topic first: snakemake --cores 4")
    # Taken before the first page, so that a change made while it is written is seen.
    seen = files_under(topic, SOURCES)
    render_once(topic, [], say)
    server = serve(topic / PREVIEW, port)
    say.info("preview: http://localhost:%d/brief.html (Ctrl-C to stop)", server.server_address[1])
    try:
        while rounds is None or rounds > 0:
            time.sleep(interval)
            now = files_under(topic, SOURCES)
            changed = changed_files(seen, now)
            if not changed:
                continue
            rebuild = touches_tables(changed)
            contents = contents_of(topic, changed) if rebuild else {}
            try:
                render_once(topic, changed, say, rebuild)
            except InputError as error:
                say.info("Error: %s", error)
            # A change made while the page is written shows at the next round.
            seen = seen_after_rebuild(topic, now, contents) if rebuild else now
            if rounds is not None:
                rounds -= 1
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
