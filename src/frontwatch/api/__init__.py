"""The HTTP API and the web map (`frontwatch serve`, app in api.app; OpenAPI at /docs).

    GET  /api/events?start&end&bbox&admin1&event_type&sub_event_type&actor&side&source&q&limit&offset
         &format=json|geojson            one page of events with `total`
    GET  /api/events/points?(filters)    every mapped event as parallel arrays (the map's feed)
    GET  /api/events/{id}                an event with its reports, claims, evidence spans, articles
    GET  /api/articles/{id}              clean text, resolved places, the events it reports
    GET  /api/places?q=                  places in the ledger, then gazetteer candidates
    POST /api/corrections                a reader's report (public, rate-limited per client address)
    GET  /api/corrections?status=        moderation queue       } Authorization: Bearer TOKEN
    POST /api/corrections/{id}/accept|reject                    } (`frontwatch token create`)
    GET  /api/control...                 the control layer, when frontwatch.control.api exists

Errors are JSON {"error": "..."} with 400 (bad filter value), 401, 404, 409, 422 (bad request shape)
or 429 (with Retry-After).
"""
