"""Tables (CSV, TSV, Excel, Parquet) as sources, through a YARRRML mapping file."""

from helixgraph.loaders.tables.mapping_file import MAPPING_SUFFIXES, is_mapping_file, read_mapping_file
from helixgraph.loaders.tables.rows import read_mapping_documents

__all__ = ["MAPPING_SUFFIXES", "is_mapping_file", "read_mapping_documents", "read_mapping_file"]
