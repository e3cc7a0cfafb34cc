"""Run the command line as ``python -m helixgraph``."""

from helixgraph.cli import main

main()
