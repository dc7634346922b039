"""Place search for the map and the correction dialog: places the ledger knows (with event counts) first,
then gazetteer records, so a reader can point a wrong location at any GeoNames place, not only ones
already in the ledger."""
from __future__ import annotations

import logging
import threading
from typing import Optional

from sqlalchemy import Engine

from frontwatch.errors import SetupError
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.store import search_places

log = logging.getLogger("frontwatch.api")

_GAZETTEER_FIELDS = ("geonameid", "name", "latitude", "longitude", "feature_class", "feature_code",
                     "country_code", "admin1", "admin2", "population")


class PlaceSearch:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._gazetteer: Optional[Gazetteer] = None
        self._gazetteer_error: Optional[str] = None
        self._lock = threading.Lock()

    def gazetteer(self) -> Optional[Gazetteer]:
        """Opened on first use; when it is missing the answer says so instead of silently shrinking."""
        with self._lock:
            if self._gazetteer is None and self._gazetteer_error is None:
                try:
                    self._gazetteer = Gazetteer.open()
                except SetupError as exc:
                    self._gazetteer_error = str(exc)
                    log.warning("place search without the gazetteer: %s", exc)
            return self._gazetteer

    def __call__(self, q: str, limit: int) -> dict:
        found = search_places(self.engine, q, limit=limit)
        seen = {place["geonameid"] for place in found}
        gazetteer = self.gazetteer()
        if gazetteer is not None and len(found) < limit:
            for record in gazetteer.search(q, limit=limit):
                if record.geonameid in seen or len(found) >= limit:
                    continue
                seen.add(record.geonameid)
                found.append({**{name: getattr(record, name) for name in _GAZETTEER_FIELDS}, "n_events": 0})
        answer = {"places": found}
        if gazetteer is None:
            answer["warning"] = f"only places already in the ledger: {self._gazetteer_error}"
        return answer
