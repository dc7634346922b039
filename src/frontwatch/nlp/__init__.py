"""Language processing: spaCy set-up, language id, dates, quantities, attribution."""
