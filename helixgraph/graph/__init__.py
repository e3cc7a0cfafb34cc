"""The knowledge graph itself, in RDF: the dataset of named graphs, the Oxigraph store that holds
it, and the SPARQL that reads it (the shipped competency questions among it).

"Graph" here always means the RDF knowledge graph; the NetworkX graphs the analysis computes on
are called networks (:func:`helixgraph.network`, :mod:`helixgraph.analysis.projection`).
"""
