import gc
import os
import sys

gc.disable()  # until healthlint.cli.main knows whether there is more than one file to lint

# `python -m healthlint` puts the working directory, usually the content repo being linted, first
# on sys.path: a click.py or regex.py there would be imported as a dependency. Nothing from the
# linted repo may run, so drop it, unless healthlint itself is being run from its own checkout.
if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd() != os.path.dirname(os.path.dirname(os.path.abspath(__file__))):
    del sys.path[0]

from .cli import main  # noqa: E402

main(prog_name="healthlint")
