"""The columns of a SPARQL TSV result as distinct terms and row indices, read by pyarrow's CSV reader.

pyarrow splits the text in C++ on every core and dictionary-encodes each column as it goes, so
Python sees each distinct term once; a column of a million cells becomes its few thousand distinct
terms and an integer array saying which term each row holds. pyarrow is optional (the ``tables``
extra): without it :func:`tsv_columns` returns None and the caller splits the text itself.
"""

from __future__ import annotations

from typing import BinaryIO

__all__ = ["tsv_columns"]

_BLOCK = 1 << 24  # bytes pyarrow reads per block (one block per thread at a time)


def tsv_columns(body: bytes | BinaryIO, width: int, *, block_size: int = _BLOCK,
                skip_header: bool = False) -> list[tuple[list[bytes], object]] | None:
    r"""Each of the ``width`` columns of the rows of a SPARQL TSV document as ``(terms, indices)``.

    ``body`` holds the lines after the header, each ending in a newline, as Oxigraph writes them
    (tabs, newlines and carriage returns inside literals escaped), as bytes or as a binary file to
    read to its end (a pipe Oxigraph is writing into, say); with ``skip_header`` its first line is
    the header. ``terms`` are the column's
    distinct tokens as bytes (``b""`` for an unbound cell), ``indices`` a NumPy integer array giving
    each row's token. pyarrow reads ``block_size`` bytes at a time (a block must hold a whole
    line); the blocks' dictionaries are unified. None when pyarrow is not installed.

    >>> [(terms, rows.tolist()) for terms, rows in tsv_columns(b'<urn:a>\t1\n<urn:a>\t\n', 2)]
    [([b'<urn:a>'], [0, 0]), ([b'1', b''], [0, 1])]
    >>> [(terms, rows.tolist()) for terms, rows in tsv_columns(b"\n<urn:a>\n", 1)]
    [([b'', b'<urn:a>'], [0, 1])]
    """
    import numpy as np

    try:
        import pyarrow as pa
        from pyarrow import csv
    except ImportError:
        return None
    if width == 0 or (isinstance(body, bytes) and not body):
        raise ValueError("tsv_columns needs at least one column and one row")
    names = [f"c{j}" for j in range(width)]  # variable names may not be valid or distinct column names
    token = pa.dictionary(pa.int32(), pa.binary())
    pool = pa.system_memory_pool()  # measured: a third less time than the default pool on a first read
    table = csv.read_csv(
        pa.py_buffer(body) if isinstance(body, bytes) else body,
        read_options=csv.ReadOptions(column_names=names, block_size=block_size, skip_rows=int(skip_header)),
        parse_options=csv.ParseOptions(delimiter="\t", quote_char=False, escape_char=False,
                                       newlines_in_values=False, ignore_empty_lines=False),
        convert_options=csv.ConvertOptions(column_types=dict.fromkeys(names, token), strings_can_be_null=False,
                                           quoted_strings_can_be_null=False),
        memory_pool=pool,
    ).unify_dictionaries(pool)
    columns = []
    for column in table.columns:  # the chunks of a column now share one dictionary
        indices = [chunk.indices.to_numpy() for chunk in column.chunks]
        columns.append((column.chunk(0).dictionary.to_pylist(),
                        indices[0] if len(indices) == 1 else np.concatenate(indices)))
    return columns
