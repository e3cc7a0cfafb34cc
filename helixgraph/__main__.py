"""Run the command line as ``python -m helixgraph``."""

from helixgraph.cli import main

if __name__ == "__main__":
    main()
