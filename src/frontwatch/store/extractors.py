"""Where extraction runs for `ingest` / `reextract`: in this process, or on a Dask LocalCluster.

Either way the results come back in input order and are written by the calling process alone, so the
ledger is the same whatever the number of workers.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Optional

from frontwatch.model import RawDocument



def process_pipeline():
    from frontwatch.pipeline import shared_pipeline  # spaCy and the gazetteer load only where extraction runs

    return shared_pipeline()


def extract_on_worker(raws: list[RawDocument]) -> list:
    """Runs on a Dask worker."""
    return list(process_pipeline().pipe(raws))


class LocalExtractor:
    def __init__(self):
        self.pipeline = process_pipeline()

    def __call__(self, raws: list[RawDocument]) -> Iterator:
        return self.pipeline.pipe(raws)

    def close(self) -> None:
        pass


class DaskExtractor:
    """Splits each batch into one chunk per worker; chunks run in parallel, results keep input order."""

    def __init__(self, workers: int):
        import logging

        from dask.distributed import Client, LocalCluster

        # Shutdown chatter ("worker still alive, killing") would break the progress bar; errors still show.
        logging.getLogger("distributed").setLevel(logging.ERROR)
        self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, host="127.0.0.1",
                                    dashboard_address=None, processes=True)
        self.client = Client(self.cluster)
        self.workers = workers

    def __call__(self, raws: list[RawDocument]) -> Iterator:
        size = max(1, -(-len(raws) // self.workers))
        chunks = [raws[i:i + size] for i in range(0, len(raws), size)]
        futures = deque(self.client.submit(extract_on_worker, chunk, pure=False) for chunk in chunks)
        while futures:
            yield from futures.popleft().result()

    def close(self) -> None:
        self.client.close()
        self.cluster.close()


def make_extractor(workers: Optional[int]):
    return DaskExtractor(workers) if workers and workers > 1 else LocalExtractor()
