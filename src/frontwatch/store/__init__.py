"""The ledger: articles, places, events merged across reports, claims, corrections (SQLite / PostgreSQL).

    from frontwatch import store
    engine = store.open_engine()            # --db / FRONTWATCH_DB, migrated on first open
    store.search_events(engine, store.EventFilters.from_params(q="Izium"), limit=100)

See store.queries (reading), store.ledger (writing extraction results), store.corrections (reader
reports, moderation, audit), store.tokens (moderator tokens).
"""
from frontwatch.store.database import close_engine, open_engine
from frontwatch.store.queries import (EventFilters, count_events, get_article, get_event, get_place, iter_events,
                                      ledger_counts, search_events, search_places)

__all__ = ["EventFilters", "close_engine", "count_events", "get_article", "get_event", "get_place", "iter_events",
           "ledger_counts", "open_engine", "search_events", "search_places"]
