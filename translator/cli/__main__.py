"""python -m translator.cli: the pl2en command line."""

from translator.cli import main

main()
