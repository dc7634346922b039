"""Throughput of the whole pipeline versus bare spaCy over the same texts, in the same run.

    .venv/bin/python bench/throughput.py                      # ../shared/corpus/war-articles, 3 runs each
    .venv/bin/python bench/throughput.py --limit 100 --runs 5

- pipeline: the `frontwatch extract --jsonl` path: read a JSONL file of the corpus, Pipeline.pipe, every
  result serialised with as_json. Pipeline() construction (spaCy + gazetteer load) is timed apart as setup.
- spaCy: `nlp.pipe` of the verified English model (frontwatch.nlp.spacy_setup.load_english) over the
  same texts (the documents' text as read), nothing else.
Each system runs in its own child process, so each peak RSS (resource.getrusage ru_maxrss) is its own.
Times are medians of --runs runs after one warm-up run. For the pipeline the warm-up run and one more
run after the timed ones are instrumented (the stage functions pipeline.py calls, wrapped with a timer):
the last gives seconds per stage, for the "a stage adds <= 30%" targets of issues 3 and 4; the first
says which stage raised the peak RSS. Results go to bench/results/throughput-<UTC time>.json and are printed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
# Stage functions that frontwatch.pipeline imports by name, and what to call them in the table.
PIPELINE_FUNCTIONS = {
    "clean_document": "clean (trafilatura + boilerplate filter)",
    "detect_language": "language",
    "find_dates": "dates",
    "find_quantities": "quantities",
    "find_claims": "claims",
    "build_events": "events",
}


def main(argv: list[str] | None = None) -> int:
    from frontwatch.config import shared_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=shared_dir() / "corpus" / "war-articles")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per system (median reported)")
    parser.add_argument("--batch-size", type=int, default=16, help="Pipeline.pipe batch size")
    parser.add_argument("--spacy-batch-size", type=int, default=None,
                        help="bare spaCy's nlp.pipe batch size (default: spaCy's own, 1000 for this model)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    with tempfile.TemporaryDirectory() as scratch:
        jsonl, texts = write_corpus_jsonl(args.corpus, args.limit, Path(scratch) / "corpus.jsonl")
        words = sum(len(text.split()) for text in texts)
        context = multiprocessing.get_context("spawn")
        with context.Pool(1, maxtasksperchild=1) as pool:
            spacy_result = pool.apply(run_spacy, (texts, args.runs, args.spacy_batch_size))
        with context.Pool(1, maxtasksperchild=1) as pool:
            pipeline_result = pool.apply(run_pipeline, (str(jsonl), args.runs, args.batch_size))
    report = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "corpus": str(args.corpus), "documents": len(texts), "words": words, "runs": args.runs,
        "batch_size": args.batch_size, "spacy": spacy_result, "pipeline": pipeline_result,
    }
    if "error" in pipeline_result:
        print_report(report, ["spacy"])
        print(f"pipeline: {pipeline_result['error']}", file=sys.stderr)
        return 2
    report["ratio"] = spacy_result["median_seconds"] / pipeline_result["median_seconds"]
    print_report(report, ["spacy", "pipeline"])
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"throughput-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"written to {path}")
    return 0


def write_corpus_jsonl(corpus: Path, limit: int | None, path: Path) -> tuple[Path, list[str]]:
    """The corpus as the JSONL that `frontwatch extract --jsonl` reads, and the texts spaCy gets."""
    from frontwatch.errors import InputError
    from frontwatch.ingest.readers import read_sources

    texts = []
    with path.open("w", encoding="utf-8") as handle:
        for document in read_sources([str(corpus)]):
            if isinstance(document, InputError):
                print(f"skipped: {document}", file=sys.stderr)
                continue
            record = {"id": document.id, "text": document.text, "html": document.html, "url": document.url,
                      "source": document.source,
                      "published": document.published.isoformat() if document.published else None}
            handle.write(json.dumps({key: value for key, value in record.items() if value is not None}) + "\n")
            texts.append(document.text or document.html)
            if limit and len(texts) >= limit:
                break
    return path, texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def timed_runs(run, runs: int, warm_up: bool = True) -> list[float]:
    if warm_up:
        run()  # first-call caches, lazy imports
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return seconds


def summary(seconds: list[float], documents: int, setup: float) -> dict:
    median = statistics.median(seconds)
    return {"seconds": seconds, "median_seconds": median, "articles_per_second": documents / median,
            "setup_seconds": setup, "peak_rss_mb": peak_rss_mb()}


def run_spacy(texts: list[str], runs: int, batch_size: int | None) -> dict:
    from frontwatch.nlp.spacy_setup import load_english

    started = time.perf_counter()
    nlp = load_english()
    setup = time.perf_counter() - started
    seconds = timed_runs(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size)), runs)
    result = summary(seconds, len(texts), setup)
    result["batch_size"] = batch_size or nlp.batch_size
    return result


def run_pipeline(jsonl: str, runs: int, batch_size: int) -> dict:
    try:
        from frontwatch.errors import FrontwatchError
        from frontwatch.ingest.readers import ReadOptions, read_sources
        from frontwatch.pipeline import Pipeline
    except ImportError as exc:
        return {"error": f"frontwatch.pipeline cannot be imported yet: {exc}"}
    try:
        started = time.perf_counter()
        pipeline = Pipeline()
        setup = time.perf_counter() - started
    except FrontwatchError as exc:
        return {"error": str(exc)}
    options = ReadOptions(jsonl=True)
    counts = {}

    def extract_jsonl() -> None:
        raws = (item for item in read_sources([jsonl], options) if not isinstance(item, Exception))
        results = failures = 0
        for result in pipeline.pipe(raws, batch_size=batch_size):
            if hasattr(result, "as_json"):
                json.dumps(result.as_json(), ensure_ascii=False)
                results += 1
            else:
                failures += 1
        counts.update(results=results, failures=failures)

    setup_peak = peak_rss_mb()
    first_run = instrumented_run(pipeline, extract_jsonl)  # also the warm-up
    seconds = timed_runs(extract_jsonl, runs, warm_up=False)
    result = summary(seconds, sum(1 for _ in open(jsonl, encoding="utf-8")), setup)
    result.update(counts)
    result["stages"] = instrumented_run(pipeline, extract_jsonl)
    result["stages"]["peak_rss_raised_mb"] = first_run["peak_rss_raised_mb"]
    result["peak_rss_after_setup_mb"] = setup_peak
    return result


def instrumented_run(pipeline, run) -> dict:
    """One run with each stage function pipeline.py calls wrapped: seconds per stage, and by how many MB
    each stage raised the process's peak RSS (meaningful in the first run, when peaks are still set)."""
    import frontwatch.pipeline as pipeline_module

    spent: dict[str, float] = {}
    peak_raised: dict[str, float] = {}

    def account(name, started, peak_before):
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
        raised = peak_rss_mb() - peak_before
        if raised > 0:
            peak_raised[name] = peak_raised.get(name, 0.0) + raised

    def timer(name, function):
        def timed(*args, **kwargs):
            started, peak_before = time.perf_counter(), peak_rss_mb()
            try:
                return function(*args, **kwargs)
            finally:
                account(name, started, peak_before)
        return timed

    def timed_generator(name, function):
        def timed(*args, **kwargs):
            iterator = iter(function(*args, **kwargs))
            while True:
                started, peak_before = time.perf_counter(), peak_rss_mb()
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                finally:
                    account(name, started, peak_before)
                yield item
        return timed

    originals = {name: getattr(pipeline_module, name) for name in PIPELINE_FUNCTIONS if hasattr(pipeline_module, name)}
    original_nlp, original_geoparser = pipeline.nlp, pipeline.geoparser
    try:
        for name, function in originals.items():
            setattr(pipeline_module, name, timer(PIPELINE_FUNCTIONS[name], function))

        class TimedNlp:  # the model itself, with pipe() timed as it yields
            def __getattr__(self, attribute):
                return getattr(original_nlp, attribute)
            pipe = staticmethod(timed_generator("spaCy", original_nlp.pipe))

        pipeline.nlp = TimedNlp()
        pipeline.geoparser = timer("geoparse", original_geoparser)
        started, peak_before = time.perf_counter(), peak_rss_mb()
        run()
        total = time.perf_counter() - started
    finally:
        for name, function in originals.items():
            setattr(pipeline_module, name, function)
        pipeline.nlp, pipeline.geoparser = original_nlp, original_geoparser
    other = "other (reading JSONL, serialising)"
    spent[other] = total - sum(spent.values())
    peak_raised[other] = max(0.0, peak_rss_mb() - peak_before - sum(peak_raised.values()))
    return {"total_seconds": total, "seconds": spent, "peak_rss_raised_mb": peak_raised}


SYSTEM_LABELS = {"spacy": "bare spaCy nlp.pipe (batch {batch_size})",
                 "pipeline": "frontwatch Pipeline.pipe, extract --jsonl (batch {batch_size})"}


def print_report(report: dict, systems: list[str]) -> None:
    from frontwatch.evaluate.report import print_table

    documents, words = report["documents"], report["words"]
    rows = []
    for name in systems:
        result = report[name]
        label = SYSTEM_LABELS[name].format(batch_size=result.get("batch_size", report["batch_size"]))
        rows.append([label, documents, report["runs"], result["median_seconds"], result["articles_per_second"],
                     words / result["median_seconds"], result["setup_seconds"], result["peak_rss_mb"]])
    print_table(f"Throughput over {report['corpus']} ({documents} documents, {words} words; median of "
                f"{report['runs']} runs)",
                ["system", "documents", "runs", "median s", "articles/s", "words/s", "setup s", "peak RSS MB"], rows)
    if "pipeline" not in systems:
        return
    print(f"pipeline / spaCy throughput ratio: {report['ratio']:.3f} (target >= 0.5); "
          f"pipeline peak RSS {report['pipeline']['peak_rss_mb']:.0f} MB (target <= 1536)")
    stages = report["pipeline"]["stages"]
    total = stages["total_seconds"]
    stage_rows = [[name, seconds, 100 * seconds / total, 100 * seconds / (total - seconds) if total > seconds else None,
                   stages["peak_rss_raised_mb"].get(name, 0.0)]
                  for name, seconds in sorted(stages["seconds"].items(), key=lambda item: -item[1])]
    print_table(f"Pipeline stages (one instrumented run after the timed ones, {total:.2f} s; peak RSS "
                f"{report['pipeline']['peak_rss_after_setup_mb']:.0f} MB after setup)",
                ["stage", "seconds", "% of pipeline", "% added to the rest", "peak RSS raised MB (1st run)"],
                stage_rows)


if __name__ == "__main__":
    sys.exit(main())
