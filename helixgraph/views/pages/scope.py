"""Which entities get a page on disk: all of them up to :data:`ALL_PAGES_LIMIT`, above it the actors only.

A profile site of a few hundred thousand entities would be mostly pages of events, memberships and
statistics that a reader reaches from an actor's page anyway. Above the limit the site written to
disk keeps the pages of the actors (instances of ``eco:Actor`` and its subclasses, as the ontology
declares them) and of every source; ``helixgraph serve`` renders any other entity's page when it
is asked for, with the same renderer, so the page is the one the build would have written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = ["ALL_PAGES_LIMIT", "actor_types", "entities_to_write"]

#: The most entities whose pages are all written; above it only the actors' (and the sources') are.
ALL_PAGES_LIMIT = 200_000

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def actor_types() -> frozenset[str]:
    """The IRIs of the ontology's actor classes (``eco:Actor`` and its subclasses).

    >>> sorted(iri.rsplit("#", 1)[1] for iri in actor_types())[:3]
    ['Actor', 'ActorCohort', 'Company']
    >>> str(ECO.Drug) in actor_types(), str(ECO.Hospital) in actor_types()
    (False, True)
    """
    return frozenset(str(ECO[name]) for name in load_vocabulary().actor_classes)


def entities_to_write(entities: Sequence[str], statements: Mapping[str, Sequence], limit: int | None) -> list[str]:
    """The entities whose pages go to disk: all of ``entities`` when there are at most ``limit`` (or
    ``limit`` is None), else those typed with an actor class, in the same order.

    >>> import pyoxigraph as ox
    >>> facts = {"a": [(_TYPE, ox.NamedNode(str(ECO.Company)))], "d": [(_TYPE, ox.NamedNode(str(ECO.Drug)))]}
    >>> entities_to_write(["a", "d"], facts, 2), entities_to_write(["a", "d"], facts, 1)
    (['a', 'd'], ['a'])
    """
    if limit is None or len(entities) <= limit:
        return list(entities)
    actors = actor_types()
    return [iri for iri in entities
            if any(fact[0] == _TYPE and fact[1].value in actors for fact in statements.get(iri, ()))]
