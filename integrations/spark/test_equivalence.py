"""The Spark job gives the CLI's answer, and survives bad input.

    python3 integrations/spark/test_equivalence.py [--shared ../shared]

1. `run-local.sh` (local[2]) on gva-dev plus the bundled sources: its report.json has
   the same sources, the same claims (every field, in order) and the same findings
   (fingerprints, and every field) as `claimdiff report --format json` on the same
   folders; the Parquet tables hold the same counts.
   The events are compared whole, `why` included: each join's line gives its score,
   so a block scored with its own term counts instead of the corpus's shows.
2. The job in-process on JSON Lines, Parquet and a folder, with a malformed line, an
   empty text, a 50 MB document and non-UTF-8 bytes (a JSON line and a file): each is
   an error record, and every other document's claims are there; its blocks are
   found over RDDs (label propagation), the archive's path.

Needs pyspark, Java 17 and target/release/claimdiff. Prints "N passed, N failed".
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.join(REPO, "target", "release", "claimdiff")

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def cli_report(paths):
    out = subprocess.run([BIN, "report", *paths, "--format", "json"], cwd=REPO,
                         capture_output=True, check=True)
    return json.loads(out.stdout)


def same_answer(shared, work):
    inputs = [os.path.join(shared, "datasets", "gva-dev", "sources"), os.path.join(REPO, "sources")]
    expected = cli_report(inputs)
    outdir = os.path.join(work, "gva")
    started = time.monotonic()
    subprocess.run(["bash", os.path.join(HERE, "run-local.sh"), *inputs, outdir], cwd=REPO, check=True)
    print(f"     run-local.sh on gva-dev + sources: {time.monotonic() - started:.0f} s", flush=True)
    with open(os.path.join(outdir, "report.json"), encoding="utf-8") as f:
        got = json.load(f)
    check("report.json is contract version 1", got.get("version") == expected["version"])
    check("same sources", [s["id"] for s in got["sources"]] == [s["id"] for s in expected["sources"]],
          f"{len(got['sources'])} vs {len(expected['sources'])}")
    check("same claims, field for field and in order", got["claims"] == expected["claims"],
          f"{len(got['claims'])} vs {len(expected['claims'])} claims")
    want = {f["fingerprint"] for f in expected["findings"]}
    have = {f["fingerprint"] for f in got["findings"]}
    check(f"same finding fingerprints ({len(want)})", want == have,
          f"missing {sorted(want - have)[:5]}, extra {sorted(have - want)[:5]}")
    check("same findings, field for field and in order", got["findings"] == expected["findings"])
    check("findings are there to compare", len(want) > 50, f"only {len(want)}")
    # Events whole, `why` too: each join's line gives its score to two decimals,
    # so a block scored with its own term counts rather than the corpus's (a
    # block-dependent score) shows here as well as in its groups.
    events_equal = got.get("events") == expected["events"]
    detail = ""
    if not events_equal:
        have_ev = {e["id"]: e for e in got.get("events", [])}
        diff = [e["id"] for e in expected["events"] if have_ev.get(e["id"]) != e]
        detail = f"{len(diff)} differ, e.g. {diff[:3]}"
    check(f"same events ({len(expected['events'])}): ids, labels, dates, sources, why", events_equal, detail)
    return outdir


def write_inputs(work):
    """Documents of our own, good and bad, as JSON Lines, a folder and Parquet rows."""
    good = [
        {"id": "flood-a", "published": "2024-03-02", "outlet": "Coast Daily",
         "text": "Officials said 14 people were killed when the river burst its banks in Chile on Friday."},
        {"id": "flood-b", "published": "2024-03-04",
         "text": "The death toll from the flood in Chile rose to 21 people, rescuers said on Monday."},
        {"id": "flood-c", "published": "2024-03-04",
         "text": "+++\ntitle = \"Flood\"\n+++\nAt least 9 people were injured in the flood in Chile, a hospital said."},
    ]
    lines = [json.dumps(d).encode() for d in good]
    lines.insert(1, b'{"id": "broken", "text": "Police said 3 people were hurt')  # cut short
    lines.insert(2, json.dumps({"id": "blank", "text": "   \n  "}).encode())
    lines.insert(3, json.dumps({"id": "huge", "text": "The crowd waited. " * 2_800_000}).encode())
    lines.insert(4, b'{"id": "latin1", "text": "Caf\xe9 owners said 4 people were injured in Chile."}')
    jsonl = os.path.join(work, "docs.jsonl")
    with open(jsonl, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    folder = os.path.join(work, "articles")
    os.makedirs(folder)
    with open(os.path.join(folder, "fire-a.txt"), "w", encoding="utf-8") as f:
        f.write("+++\npublished = 2024-03-05\n+++\nFirefighters said 6 people were injured in the blaze in Peru.\n")
    with open(os.path.join(folder, "fire-b.txt"), "wb") as f:
        f.write(b"Witnesses said 2 people were killed in the fire in Peru, \xff\xfe the mayor said.\n")
    parquet_docs = [("quake-p", "2024-03-06", "Officials said 11 people were injured in the earthquake in Peru.")]
    return jsonl, folder, parquet_docs, {"flood-a": 14, "flood-b": 21, "flood-c": 9, "fire-a": 6, "quake-p": 11}


def bad_input(work):
    sys.path.insert(0, HERE)
    from pyspark.sql import SparkSession

    import claimdiff_spark as job

    jsonl, folder, parquet_docs, expected = write_inputs(work)
    spark = (
        SparkSession.builder.master("local[2]").appName("claimdiff-test")
        .config("spark.ui.enabled", "false").config("spark.log.level", "WARN")
        .config("spark.driver.memory", "2g").config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.addPyFile(job.__file__)
    parquet = os.path.join(work, "docs.parquet")
    spark.createDataFrame(parquet_docs, "id string, published string, text string").write.parquet(parquet)
    outdir = os.path.join(work, "bad")
    # driver_links=0: the blocks are found by label propagation over RDDs, as
    # for an archive (gva-dev above is blocked in the driver).
    counts = job.run(spark, outdir, [jsonl, folder, parquet], binary=BIN, config=os.path.join(REPO, "claimdiff.toml"),
                     driver_links=0)
    rows = spark.read.parquet(os.path.join(outdir, "errors")).collect()
    errors = {(r.id, r.message) for r in rows}
    where = {r.input.rsplit("/", 1)[-1] for r in rows if r.input}
    check("error records name the file and line", {"docs.jsonl:2", "docs.jsonl:3", "docs.jsonl:4",
          "docs.jsonl:5", "fire-b.txt"} <= where, str(where))
    ids = {i for i, _ in errors}
    check("malformed line is an error record", any(i is None and "not JSON" in m for i, m in errors), str(errors))
    check("empty text is an error record", ("blank", "document has no text") in errors, str(errors))
    check("50 MB document is an error record", any(i is None and "over the bound" in m for i, m in errors), str(errors))
    check("non-UTF-8 line is an error record", any("not valid UTF-8 (byte" in m and i is None for i, m in errors), str(errors))
    check("non-UTF-8 file is an error record", "fire-b" in ids, str(errors))
    check("five error records, no more", len(errors) == 5 and counts["errors"] == 5, str(errors))
    claims = spark.read.parquet(os.path.join(outdir, "claims")).collect()
    found = {(c.source, int(c.value)) for c in claims if c.value is not None}
    check("every good document's claims are there",
          all((doc, value) in found for doc, value in expected.items()), f"{sorted(found)}")
    with open(os.path.join(outdir, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    check("report.json lists the good documents only",
          sorted(s["id"] for s in report["sources"]) == sorted(expected), str([s["id"] for s in report["sources"]]))
    kinds = {f["kind"] for f in report["findings"]}
    check("the flood's rising toll is a finding", "timeline" in kinds, str(report["findings"]))
    floods = [e for e in report["events"] if "flood-a" in e["sources"]]
    check("the flood's reports are one event", len(floods) == 1 and {"flood-a", "flood-b"} <= set(floods[0]["sources"]),
          str(report["events"]))
    spark.stop()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    args = p.parse_args()
    if not os.path.exists(BIN):
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory() as work:
        same_answer(args.shared, work)
        bad_input(work)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
