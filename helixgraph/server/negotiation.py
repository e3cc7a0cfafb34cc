"""Which serialization a SPARQL client gets: HTTP ``Accept`` negotiation plus ``format=``/``output=``.

SELECT and ASK answers come as SPARQL results (JSON, XML, CSV, TSV); CONSTRUCT and DESCRIBE answers
as RDF (Turtle, N-Triples, RDF/XML, JSON-LD). Without a preference the first of each list is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "Offer", "choose"]


@dataclass(frozen=True)
class Offer:
    """One serialization: its media type, the media types that also ask for it, its short names."""

    media_type: str
    format: ox.QueryResultsFormat | ox.RdfFormat
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header of an answer in this format (text formats say UTF-8)."""
        text = self.media_type.startswith("text/") or self.media_type == "application/n-triples"
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


RESULT_FORMATS = (
    Offer("application/sparql-results+json", ox.QueryResultsFormat.JSON, ("application/json",), ("json",)),
    Offer("application/sparql-results+xml", ox.QueryResultsFormat.XML, ("application/xml", "text/xml"),
          ("xml",)),
    Offer("text/csv", ox.QueryResultsFormat.CSV, (), ("csv",)),
    Offer("text/tab-separated-values", ox.QueryResultsFormat.TSV, (), ("tsv",)),
)
GRAPH_FORMATS = (
    Offer("text/turtle", ox.RdfFormat.TURTLE, ("application/x-turtle",), ("turtle", "ttl")),
    Offer("application/n-triples", ox.RdfFormat.N_TRIPLES, ("text/plain",), ("ntriples", "n-triples", "nt")),
    Offer("application/rdf+xml", ox.RdfFormat.RDF_XML, ("application/xml", "text/xml"), ("rdfxml", "xml")),
    Offer("application/ld+json", ox.RdfFormat.JSON_LD, ("application/json",), ("jsonld", "json-ld", "json")),
)


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their quality, lower case.

    >>> _ranges("text/csv;q=0.5, application/json, */*;q=0")
    [('text/csv', 0.5), ('application/json', 1.0), ('*/*', 0.0)]
    >>> _ranges("text/csv;q=x")
    [('text/csv', 0.0)]
    """
    ranges = []
    for item in accept.split(","):
        kind, *parameters = (part.strip() for part in item.split(";"))
        if not kind:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((kind.lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The quality the most specific matching range gives ``media_type`` (0 if none matches)."""
    family = media_type.split("/")[0] + "/*"
    best, specificity = 0.0, -1
    for kind, quality in ranges:
        rank = 2 if kind == media_type else 1 if kind == family else 0 if kind == "*/*" else -1
        if rank > specificity:
            best, specificity = quality, rank
    return best if specificity >= 0 else 0.0


def choose(offers: tuple[Offer, ...], accept: str | None, name: str | None = None) -> Offer | None:
    """The offer a client asked for, or None if it accepts none of them.

    Parameters
    ----------
    offers
        :data:`RESULT_FORMATS` or :data:`GRAPH_FORMATS`, in the server's order of preference.
    accept
        The ``Accept`` header; missing or empty accepts anything.
    name
        A ``format=`` or ``output=`` parameter (``json``, ``csv``, ``turtle``, or a media type);
        it wins over ``Accept`` when it names one of the offers.

    Examples
    --------
    >>> choose(RESULT_FORMATS, "text/csv").media_type
    'text/csv'
    >>> choose(RESULT_FORMATS, None).media_type, choose(GRAPH_FORMATS, "*/*").media_type
    ('application/sparql-results+json', 'text/turtle')
    >>> choose(RESULT_FORMATS, "application/json, text/javascript, */*;q=0.1").media_type
    'application/sparql-results+json'
    >>> choose(RESULT_FORMATS, "text/csv;q=0.4, text/tab-separated-values;q=0.9").media_type
    'text/tab-separated-values'
    >>> choose(RESULT_FORMATS, "text/html") is None, choose(GRAPH_FORMATS, "application/sparql-results+json")
    (True, None)
    >>> choose(RESULT_FORMATS, "application/sparql-results+json", name="tsv").media_type
    'text/tab-separated-values'
    >>> choose(GRAPH_FORMATS, None, name="application/n-triples").media_type
    'application/n-triples'
    """
    if name:
        wanted = name.strip().lower()
        for offer in offers:
            if wanted in offer.names or wanted == offer.media_type:
                return offer
    ranges = _ranges(accept or "") or [("*/*", 1.0)]
    best, best_quality = None, 0.0
    for offer in offers:
        quality = max(_quality(kind, ranges) for kind in (offer.media_type, *offer.aliases))
        if quality > best_quality:
            best, best_quality = offer, quality
    return best
