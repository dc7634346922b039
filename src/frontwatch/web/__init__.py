"""The map's static files (web/static): Leaflet + supercluster from node_modules, plain ES modules."""
