"""frontwatch: a verified, mapped ledger of conflict events read from news text."""

__version__ = "0.1.0"
