"""Territorial control per settlement, with the evidence for every change.

    statements.py  control statements read from an article (pipeline output or ledger)
    sides.py       which side a phrase or an outlet speaks for
    riverbanks.py  "the west bank of the Oskil" -> the settlements on it
    timeline.py    statements -> changes (confirmed / claimed), status by day
    areas.py       Voronoi cells of all populated places, dissolved by status; the front line
    ledger.py      statements from the ledger, cached
    service.py     snapshot, areas, timeline for the command and the API
    commands.py    `frontwatch control`;  api.py: /api/control for the web map
"""
