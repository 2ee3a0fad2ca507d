"""`python -m healthlint` and the `healthlint` command (the console script calls run())."""
import gc
import os
import sys


def run():
    """The `healthlint` command. Loading rules, patterns and tables makes no garbage cycles worth
    the collector's passes (~10 ms of a one-file run): it stays off until cli.main knows whether
    there is more than one file to lint. The console script imports this small module first."""
    gc.disable()
    from .cli import main

    main(prog_name="healthlint")


if __name__ == "__main__":
    # `python -m healthlint` puts the working directory, usually the content repo being linted, first
    # on sys.path: a click.py or regex.py there would be imported as a dependency. Nothing from the
    # linted repo may run, so drop it, unless healthlint itself is being run from its own checkout.
    if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd() != os.path.dirname(os.path.dirname(os.path.abspath(__file__))):
        del sys.path[0]
    run()
