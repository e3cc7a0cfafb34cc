"""The projected network in the files other network tools read: GEXF (Gephi), GraphML (Cytoscape,
igraph, yEd) and CSV node and edge tables.

:func:`~helixgraph.exports.attributes.exportable` turns the projection's attributes (lists, None)
into typed scalars every format can hold; :func:`~helixgraph.exports.writers.write_network` writes
one format.
"""

from helixgraph.exports.attributes import exportable
from helixgraph.exports.writers import FORMATS, write_network

__all__ = ["FORMATS", "exportable", "write_network"]
