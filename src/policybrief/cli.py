"""The `policybrief` command: start a topic, accept suggested catalogue entries, preview the
brief while writing it, freeze an edition once it is published. The build itself is
`snakemake --cores 4` in a topic's folder."""

import argparse
import sys

from policybrief.core.errors import InputError


def _new_topic(arguments) -> int:
    from policybrief.new_topic import new_topic

    written = new_topic(arguments.folder, arguments.title, arguments.publisher)
    print(f"Wrote {arguments.folder}/ ({len(written)} files): one document in seeds/, its inventory, one fact, "
          "one figure and a short brief in config/.")
    print(f"Next: cd {arguments.folder} && snakemake --cores 4   (the brief: reports/brief.html and .pdf)")
    return 0


def _accept(arguments) -> int:
    from policybrief.suggest.accept import accept_command

    return accept_command(arguments.ids, arguments.suggestions, arguments.catalogue)


def _preview(arguments) -> int:
    from policybrief.render.preview import preview

    preview(port=arguments.port)
    return 0


def _freeze(arguments) -> int:
    import os
    from datetime import UTC, datetime

    from policybrief.core.configuration import edition_config
    from policybrief.core.markup import one_line
    from policybrief.editions.freeze import freeze
    from policybrief.editions.publish import receipt_holds
    from policybrief.editions.records import edition_folder

    edition = edition_config()["edition"]
    # The day of the freeze: today, or SOURCE_DATE_EPOCH's day where it is set (reproducible runs).
    moment = os.environ.get("SOURCE_DATE_EPOCH")
    day = (datetime.fromtimestamp(int(moment), UTC) if moment else datetime.now(UTC)).date().isoformat()
    folder = edition_folder(edition)
    seal = freeze(edition, folder, receipt_holds(), day, arguments.signed_by)
    print(f"Froze edition {edition['number']} ({edition['name']}) in {folder}/, signed by "
          f"{one_line(arguments.signed_by)}: its record is sealed in {seal}. "
          "A build that would change what it says now stops; the next edition (its own number and date in "
          "config/config.yaml) is compared with it. Commit the folder to keep it.")
    return 0


def parser() -> argparse.ArgumentParser:
    commands = argparse.ArgumentParser(prog="policybrief", description=__doc__.split("\n\n")[0])
    sub = commands.add_subparsers(dest="command", required=True, metavar="command")
    new = sub.add_parser("new-topic", help="write a topic folder with a minimal edition that builds at once")
    new.add_argument("folder", help="the new topic's folder (it must not exist, or be empty)")
    new.add_argument("--title", help="the brief's title (default: from the folder's name)")
    new.add_argument("--publisher", default="Policy analysis team", help="who publishes the brief")
    new.set_defaults(run=_new_topic)
    from policybrief.suggest.accept import add_arguments

    accept = sub.add_parser("accept", help="add suggested entries (reports/catalogue-suggestions.yaml) "
                                           "to the catalogue")
    add_arguments(accept)
    accept.set_defaults(run=_accept)
    watch = sub.add_parser("preview", help="show the brief's web page, written again each time its words change "
                                           "(run it in a built topic's folder)")
    watch.add_argument("--port", type=int, default=8000, help="the local port to serve it on (default 8000)")
    watch.set_defaults(run=_preview)
    sign = sub.add_parser("freeze", help="publish the built edition: seal its record (editions/<date>/), which no "
                                         "later build may change, and against which the next edition is compared "
                                         "(run it in a built topic's folder)")
    sign.add_argument("--signed-by", default="", metavar="EDITOR",
                      help="the name of the editor who read the brief and signs it (recorded in the seal)")
    sign.set_defaults(run=_freeze)
    return commands


def main(argv=None) -> int:
    arguments = parser().parse_args(argv)
    try:
        return arguments.run(arguments)
    except InputError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
