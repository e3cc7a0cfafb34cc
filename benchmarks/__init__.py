"""Benchmarks of helixgraph: a synthetic ecosystem generator and a runner comparing with the plain way.

See ``benchmarks/README.md``; run ``python -m benchmarks.run --help``.
"""
