"""claimdiff on Apache Spark: the same report as `claimdiff report`, over an archive.

    spark-submit --files claimdiff integrations/spark/claimdiff_spark.py OUTDIR INPUT...

INPUT is a folder of articles (.txt/.md, optional +++ TOML front matter), JSON Lines
documents (.jsonl/.ndjson/.json: `id`, `text`, optional `title`, `published`,
`outlet`, `url`, `event`) or Parquet documents (the same columns): a path or a glob,
local or on object storage (s3a://, gs://, abfss://). The data flow:

  documents --(stream stats, merged)--> corpus statistics, shipped to the executors
  documents --(stream extract --stats, one process per partition)--> claims, signatures
  signatures --(term counts; stream keys; each key's users: stream recurring, stream
  pairs)--> blocks of sources linked by accepted pairs --(stream group per block;
  stream join over profiles; stream found)--> events --> each claim's event
  claims --(shuffle by (event, key), each with the claims of the keys it lies within)-->
  groups --(claimdiff stream compare, one group in memory at a time)--> findings

and OUTDIR gets claims/, sources/, events/, findings/ and errors/ as Parquet, and report.json in
the CLI's JSON contract. The binary runs on the executors: ship it with
`--files /path/to/claimdiff` (or pass --binary, which adds it to the job).
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import types as T

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown")
JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".json")
DOCUMENT_FIELDS = ("id", "text", "title", "published", "outlet", "url", "event")
# Up to this many links between documents sharing a block key, the driver finds
# the blocks (about 200 MB of Python objects at the limit); beyond, RDD rounds.
DRIVER_LINKS = 1_000_000
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

CLAIM_SCHEMA = T.StructType(
    [
        T.StructField("source", T.StringType()),
        T.StructField("position", T.IntegerType()),
        T.StructField("id", T.StringType()),
        T.StructField("event", T.StringType()),
        T.StructField("metric", T.StringType()),
        T.StructField("subject", T.StringType()),
        T.StructField("location", T.StringType()),
        T.StructField("unit", T.StringType()),
        T.StructField("value", T.DoubleType()),
        T.StructField("low", T.DoubleType()),
        T.StructField("high", T.DoubleType()),
        T.StructField("qualifier", T.StringType()),
        T.StructField("as_of", T.StringType()),
        T.StructField("attribution", T.StringType()),
        T.StructField("quote", T.StringType()),
        T.StructField("span_start", T.LongType()),
        T.StructField("span_end", T.LongType()),
        T.StructField("line", T.LongType()),
        T.StructField("status", T.StringType()),
        T.StructField("superseded", T.BooleanType()),
        T.StructField("part", T.BooleanType()),
        T.StructField("json", T.StringType()),
    ]
)
SOURCE_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("path", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("outlet", T.StringType()),
        T.StructField("published", T.StringType()),
        T.StructField("url", T.StringType()),
        T.StructField("event", T.StringType()),
        T.StructField("json", T.StringType()),
    ]
)
FINDING_SCHEMA = T.StructType(
    [
        T.StructField("fingerprint", T.StringType()),
        T.StructField("kind", T.StringType()),
        T.StructField("severity", T.StringType()),
        T.StructField("event", T.StringType()),
        T.StructField("metric", T.StringType()),
        T.StructField("subject", T.StringType()),
        T.StructField("location", T.StringType()),
        T.StructField("unit", T.StringType()),
        T.StructField("claims", T.ArrayType(T.StringType())),
        T.StructField("message", T.StringType()),
        T.StructField("json", T.StringType()),
    ]
)
EVENT_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("label", T.StringType()),
        T.StructField("kind", T.StringType()),
        T.StructField("place", T.StringType()),
        T.StructField("date", T.StringType()),
        T.StructField("until", T.StringType()),
        T.StructField("sources", T.ArrayType(T.StringType())),
        T.StructField("why", T.ArrayType(T.StringType())),
        T.StructField("manual", T.BooleanType()),
        T.StructField("json", T.StringType()),
    ]
)
ERROR_SCHEMA = T.StructType(
    [
        T.StructField("stage", T.StringType()),
        T.StructField("input", T.StringType()),
        T.StructField("line", T.LongType()),
        T.StructField("id", T.StringType()),
        T.StructField("message", T.StringType()),
        T.StructField("hint", T.StringType()),
    ]
)


# ---------------------------------------------------------------- the binary


def binary_path(name):
    """The shipped binary on this executor, made executable if the copy lost the bit."""
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        try:
            os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            # A read-only copy: run a private, executable one.
            private = os.path.join(tempfile.mkdtemp(), name)
            shutil.copy(path, private)
            os.chmod(private, 0o755)
            path = private
    return path


def piped(args, lines):
    """Runs the binary with `args`, feeding it `lines` (bytes, one record each) and
    yielding its output lines; a writer thread keeps both pipes moving."""
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    failure = []

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line)
                proc.stdin.write(b"\n")
        except BrokenPipeError:
            pass
        except BaseException as e:  # surfaced after the output is read
            failure.append(e)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for line in proc.stdout:
        yield line
    writer.join()
    code = proc.wait()
    if failure:
        raise failure[0]
    if code != 0:
        raise RuntimeError(f"{' '.join(args)} exited with code {code}")


def stream_args(opts, mode, *extra):
    args = [binary_path(opts["binary"]), "--config", SparkFiles.get(opts["config"])]
    args += ["stream", mode, "--max-bytes", str(opts["max_bytes"]), *extra]
    return args


def stream_partition(opts, mode, *extra):
    """Runs `claimdiff stream MODE` once per partition over its lines (bytes),
    yielding the records it writes."""

    def run(lines):
        for out in piped(stream_args(opts, mode, *extra), lines):
            yield json.loads(out)

    return run


def line(record):
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- reading documents


def kind_of(path, forced):
    if forced != "auto":
        return forced
    lower = path.rstrip("/").lower()
    if lower.endswith(".parquet"):
        return "parquet"
    if lower.endswith(JSONL_EXTENSIONS):
        return "jsonl"
    return "articles"


def article_line(path, content):
    """A file of the folder as one document line, or an error record when its
    bytes are not UTF-8 (they cannot travel in JSON)."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    try:
        text = bytes(content).decode("utf-8")
    except UnicodeDecodeError as e:
        return ("error", {
            "input": path, "line": None, "id": stem,
            "message": f"{path}: is not valid UTF-8 (byte {e.start + 1})",
            "hint": "convert it to UTF-8, e.g. `iconv -t UTF-8`",
        })
    doc = {"id": stem, "text": text, "path": path}
    return ("doc", json.dumps(doc, ensure_ascii=False).encode("utf-8"), path)


def jsonl_lines(path, content):
    """The lines of a JSON Lines file, as bytes: the binary judges each one, so a
    line that is not UTF-8 or not JSON becomes an error record there."""
    for number, line in enumerate(bytes(content).split(b"\n"), 1):
        if line.strip():
            yield ("doc", line, f"{path}:{number}")


def parquet_line(path, row):
    doc = {k: row[k] for k in DOCUMENT_FIELDS if k in row and row[k] is not None}
    for k in ("published",):
        if k in doc and not isinstance(doc[k], str):
            doc[k] = doc[k].isoformat()
    return ("doc", json.dumps(doc, ensure_ascii=False).encode("utf-8"), path)


def read_documents(spark, inputs, forced):
    """An RDD of ("doc", line bytes, where it came from) and ("error", record)."""
    parts = []
    for path in inputs:
        kind = kind_of(path, forced)
        if kind == "articles":
            files = (
                spark.read.format("binaryFile")
                .option("pathGlobFilter", "*.{txt,md,markdown}")
                .load(path)
            )
            rdd = files.select("path", "content").rdd.filter(
                lambda r: not r.path.rsplit("/", 1)[-1].startswith(".")
            ).map(lambda r: article_line(r.path, r.content))
        elif kind == "jsonl":
            files = spark.read.format("binaryFile").load(path)
            rdd = files.select("path", "content").rdd.flatMap(
                lambda r: jsonl_lines(r.path, r.content)
            )
        elif kind == "parquet":
            frame = spark.read.parquet(path)
            missing = {"id", "text"} - set(frame.columns)
            if missing:
                raise SystemExit(f"{path}: Parquet documents need the columns {sorted(missing)}")
            keep = [c for c in DOCUMENT_FIELDS if c in frame.columns]
            rdd = frame.select(*keep).rdd.map(lambda row, path=path: parquet_line(path, row))
        else:
            raise SystemExit(f"unknown input format {kind!r}")
        parts.append(rdd)
    return spark.sparkContext.union(parts)


# ---------------------------------------------------------------- extraction


def extract_partition(opts):
    def run(items):
        pending_errors = []
        # Where each line fed came from: the binary numbers the lines it reads,
        # so an error record is traced back to its file and line.
        origins = []

        def docs():
            for item in items:
                if item[0] == "doc":
                    origins.append(item[2])
                    yield item[1]
                else:
                    pending_errors.append(item[1])

        for out in piped(stream_args(opts, "extract", "--stats", SparkFiles.get(opts["stats"])), docs()):
            record = json.loads(out)
            if "error" in record:
                e = record["error"]
                e["input"] = origins[e["line"] - 1] if 0 < e["line"] <= len(origins) else None
                yield ("error", e)
            else:
                yield ("doc", record)
        for e in pending_errors:
            yield ("error", e)

    return run


def number(v):
    return None if v is None else float(v)


def claim_rows(record):
    """(claim row, group key, wholes' group keys) for each claim of a document."""
    for position, claim in enumerate(record["claims"]):
        within = claim.pop("within", [])
        event = (claim.get("event") or {}).get("id")
        key = [event, claim["metric"], claim["subject"], claim["location"], claim["unit"]]
        wholes = [json.dumps([event, claim["metric"], s, p, claim["unit"]]) for s, p in within]
        row = (
            claim["source"], position, claim["id"], event, claim["metric"], claim["subject"],
            claim["location"], claim["unit"], number(claim["value"]), number(claim["low"]),
            number(claim["high"]), claim["qualifier"], claim["as_of"], claim["attribution"],
            claim["quote"], claim["span"]["start"], claim["span"]["end"], claim["line"],
            claim["status"], claim["superseded"], claim["part"],
            json.dumps(claim, ensure_ascii=False),
        )
        yield row, json.dumps(key), wholes


# ---------------------------------------------------------------- comparison


def compare_partition(opts):
    def run(rows):
        def lines():
            for group, claim_json, context in rows:
                claim = json.loads(claim_json)
                claim["group"] = group
                claim["context"] = context
                yield json.dumps(claim, ensure_ascii=False).encode("utf-8")

        for out in piped(stream_args(opts, "compare"), lines()):
            record = json.loads(out)
            if "error" in record:
                yield ("error", record["error"])
            else:
                yield ("finding", record)

    return run


def finding_row(f):
    event = json.loads(f.pop("group"))[0]
    return (
        f["fingerprint"], f["kind"], f["severity"], event, f["metric"], f["subject"],
        f["location"], f["unit"], f["claims"], f["message"], json.dumps(f, ensure_ascii=False),
    )


def finding_order(row):
    """The CLI's order: worst first, then by key (no subject before any), then fingerprint."""
    subject = row["subject"]
    event = json.loads(row["json"]).get("event") or {}
    return (
        SEVERITY_RANK[row["severity"]], row["metric"].encode(), subject is not None,
        (subject or "").encode(), row["location"].encode(), row["unit"].encode(),
        bool(event), event.get("id", "").encode(), event.get("label", "").encode(),
        row["fingerprint"],
    )


def event_order(e):
    """The CLI's order of events: by date (undated first), label, id."""
    return (e.get("date") is not None, e.get("date") or "", e["label"].encode(), e["id"].encode())


def with_events(record, steps):
    """Gives each claim of a document its event: the last step starting at or
    before the claim's position in the text."""
    record.pop("signature", None)
    for claim in record["claims"]:
        event = None
        for step in steps or []:
            if step["start"] > claim["span"]["start"]:
                break
            event = step["event"]
        claim["event"] = event
    record["event"] = (steps or [{}])[0].get("event")
    return record


# ---------------------------------------------------------------- events, in blocks


def corpus_stats(sc, docs, opts, workdir):
    """Pass 1: the corpus statistics (page furniture, outlet words, towns, the
    words written in lower case), folded per partition and merged in a small
    tree; written to a file shipped to every executor."""
    parts = docs.mapPartitions(stream_partition(opts, "stats")).filter(lambda r: "stats" in r).map(line)
    fan = max(1, int(parts.getNumPartitions() ** 0.5))
    if parts.getNumPartitions() > fan:
        parts = parts.coalesce(fan).mapPartitions(stream_partition(opts, "stats", "--merge", "--partial")).map(line)
    merged = parts.coalesce(1).mapPartitions(stream_partition(opts, "stats", "--merge")).map(line).collect()
    path = os.path.join(workdir, f"claimdiff-stats-{os.getpid()}-{int(time.time() * 1000)}.json")
    with open(path, "wb") as f:
        f.write(merged[0])
    sc.addFile(path)
    return os.path.basename(path)


def terms_of(signature):
    """The distinct terms of a signature's units."""
    return {t for u in signature["units"] for t in u["terms"]}


def components(sc, links, ids, driver_limit):
    """Connected components of documents over links (pairs of ids): (id, label)
    pairs, the label the least id of the component, and how it was found.

    Up to `driver_limit` links, the driver joins them in one pass (a union-find
    over strings: about 200 bytes a link); beyond, label propagation over RDDs,
    each round a few shuffles, until no label changes."""
    links = links.persist()
    count = links.count()
    if count <= driver_limit:
        root = {}

        def find(x):
            while root.get(x, x) != x:
                root[x] = root.get(root[x], root[x])
                x = root[x]
            return x

        for a, b in links.toLocalIterator():
            ra, rb = find(a), find(b)
            if ra != rb:
                root[max(ra, rb)] = min(ra, rb)
        labels = {x: find(x) for x in list(root)}
        links.unpersist()
        shipped = sc.broadcast(labels)
        return ids.map(lambda i: (i, shipped.value.get(i, i))), f"driver, {count} links"
    both = links.union(links.map(lambda kv: (kv[1], kv[0]))).persist()
    labels = ids.map(lambda i: (i, i)).persist()
    rounds = 0
    while True:
        rounds += 1
        reached = both.join(labels).map(lambda kv: kv[1])
        new = labels.union(reached).reduceByKey(min).persist()
        changed = new.join(labels).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = new
        if changed == 0:
            break
        if rounds % 8 == 0:
            labels.localCheckpoint()
    both.unpersist()
    links.unpersist()
    return labels, f"{rounds} rounds of label propagation, {count} links"


def block_lines(n, recurring, members):
    """The lines of one block for `stream group` or `stream pairs`: the corpus's
    unit count, the counts of the block's terms and which of them recur, then its
    signatures. `members`: (signature, its terms' counts)."""
    df = {}
    for _, counts in members:
        df.update(counts or {})
    yield line({"terms": {"n": n, "df": df, "recurring": sorted(t for t in df if t in recurring)}})
    for signature, _ in members:
        yield line({"signature": signature})


def steps_of(e):
    """(source id, (start, event)) for each stretch of text an event holds: a
    section of a page from its start, a whole source from 0."""
    ref = {"id": e["id"], "label": e["label"]}
    sectioned = set()
    for section in e.get("sections", []):
        source, _, at = section.rpartition("#")
        sectioned.add(source)
        yield source, (int(at), ref)
    for source in e["sources"]:
        if source not in sectioned:
            yield source, (0, ref)


def ordered_steps(starts):
    """A document's steps: from each step's start on, its text belongs to the
    step's event (the first step starts at 0), as the CLI's grouping says."""
    steps = []
    for i, (start, ref) in enumerate(sorted(starts, key=lambda s: (s[0], s[1]["id"]))):
        if steps and steps[-1]["event"]["id"] == ref["id"]:
            continue
        steps.append({"start": 0 if i == 0 else start, "event": ref})
    return steps


def group_events(sc, signatures, opts, partitions, timings):
    """The events stage over blocks: term counts, block keys, recurring names and
    accepted pairs among each key's users, blocks of sources linked by accepted
    pairs, the clustering of each block, the join across languages over every
    cluster's profile, and each event from its clusters. Returns the events RDD
    and the RDDs it holds in memory."""
    clock = time.monotonic()
    n = signatures.map(lambda kv: len(kv[1]["units"])).sum()
    df = (
        signatures.flatMap(lambda kv: [(t, 1) for u in kv[1]["units"] for t in set(u["terms"])])
        .reduceByKey(lambda a, b: a + b, partitions)
    )
    doc_terms = signatures.flatMap(lambda kv: [(t, kv[0]) for t in terms_of(kv[1])])
    doc_df = (
        doc_terms.join(df, partitions).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .groupByKey(partitions).mapValues(dict)
    )
    signed = signatures.leftOuterJoin(doc_df, partitions).persist()
    keys = (
        signed.map(lambda kv: line({"id": kv[0], "signature": kv[1][0], "terms": {"n": n, "df": kv[1][1] or {}}}))
        .mapPartitions(stream_partition(opts, "keys")).filter(lambda r: "keys" in r)
        .map(lambda r: (r["id"], r["keys"]))
    )
    # The users of each key. A rare name's users tell whether it recurs over the
    # years; every pair the clustering accepts is accepted among the users of a
    # key both share, with the corpus's term counts and recurring names.
    users = (
        keys.flatMap(lambda kv: [(kv[0], k) for k in kv[1]]).join(signed, partitions)
        .map(lambda kv: (kv[1][0], (kv[1][1][0], kv[1][1][1])))
        .groupByKey(partitions).mapValues(list).filter(lambda kv: len(kv[1]) > 1).persist()
    )
    recurring = set(
        users.filter(lambda kv: kv[0].startswith("t:"))
        .map(lambda kv: line({"term": kv[0][2:], "signatures": [s for s, _ in kv[1]]}))
        .mapPartitions(stream_partition(opts, "recurring")).filter(lambda r: "recurring" in r)
        .map(lambda r: r["recurring"]).collect()
    )
    shipped = sc.broadcast(recurring)
    timings["recurring names"] = len(recurring)
    accepted = (
        users.filter(lambda kv: not kv[0].startswith("n:"))
        .flatMap(lambda kv: block_lines(n, shipped.value, kv[1]))
        .mapPartitions(stream_partition(opts, "pairs")).filter(lambda r: "pair" in r)
        .map(lambda r: tuple(r["pair"]))
    )
    # The sources a person named one event are grouped together.
    named = users.filter(lambda kv: kv[0].startswith("n:")).flatMap(
        lambda kv: [(kv[1][0][0]["id"], s["id"]) for s, _ in kv[1][1:]]
    )
    links = accepted.union(named).distinct(partitions)
    labels, how = components(sc, links, signatures.keys(), opts["driver_links"])
    users.unpersist()
    timings["blocks"] = time.monotonic() - clock
    timings["blocks by"] = how
    clock = time.monotonic()
    blocks = signed.join(labels, partitions).map(lambda kv: (kv[1][1], kv[1][0])).groupByKey(partitions)
    timings["largest block"] = blocks.map(lambda kv: len(kv[1])).max() if not signed.isEmpty() else 0
    grouped = (
        blocks.flatMap(lambda kv: block_lines(n, shipped.value, kv[1]))
        .mapPartitions(stream_partition(opts, "group")).persist()
    )
    clusters = grouped.filter(lambda r: "cluster" in r).map(
        lambda r: (json.dumps(r["cluster"]["order"]), (r["cluster"], r["profile"]))
    ).persist()
    joins = (
        clusters.filter(lambda kv: kv[1][1] is not None)
        .map(lambda kv: line({"id": kv[0], "order": kv[1][0]["order"], "profile": kv[1][1]}))
        .coalesce(1).mapPartitions(stream_partition(opts, "join")).filter(lambda r: "join" in r)
    )
    joined = joins.flatMap(
        lambda r: [(c, (r["join"]["clusters"][0], r["join"]["why"] if i == 0 else None))
                   for i, c in enumerate(r["join"]["clusters"])]
    )
    found = (
        clusters.leftOuterJoin(joined, partitions)
        .map(lambda kv: ((kv[1][1] or (kv[0], None))[0], (kv[1][0][0], (kv[1][1] or (None, None))[1])))
        .groupByKey(partitions)
        .map(lambda kv: line({
            "clusters": [c for c, _ in kv[1]],
            "why": next((w for _, w in kv[1] if w is not None), []),
        }))
        .mapPartitions(stream_partition(opts, "found"))
    )
    events = found.union(grouped.filter(lambda r: "event" in r)).filter(lambda r: "event" in r).map(
        lambda r: r["event"]
    ).persist()
    timings["events"] = events.count()
    timings["grouping"] = time.monotonic() - clock
    return events, [signed, grouped, clusters]


# ---------------------------------------------------------------- the report


def write_report(path, sources, events, claims, findings):
    """report.json as `claimdiff report --format json` prints it, written element
    by element (the driver never holds the whole report) and renamed into place."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        out.write('{\n  "version": 1')
        for name, items in (("sources", sources), ("events", events), ("claims", claims), ("findings", findings)):
            out.write(f',\n  "{name}": [')
            first = True
            for item in items:
                out.write("\n" if first else ",\n")
                first = False
                text = json.dumps(item, indent=2, ensure_ascii=False)
                out.write("\n".join("    " + line for line in text.split("\n")))
            out.write("]" if first else "\n  ]")
        out.write("\n}\n")
    os.replace(tmp, path)


def write_json_report(sc, outdir, sources, events, claims, findings):
    """OUTDIR/report.json; on object storage, written locally and uploaded through
    the cluster's own Hadoop file system."""
    remote = "://" in outdir and not outdir.startswith("file://")
    local_dir = tempfile.mkdtemp() if remote else outdir.removeprefix("file://")
    local = os.path.join(local_dir, "report.json")
    write_report(local, sources, events, claims, findings)
    if remote:
        hadoop = sc._jvm.org.apache.hadoop.fs
        target = hadoop.Path(f"{outdir.rstrip('/')}/report.json")
        fs = target.getFileSystem(sc._jsc.hadoopConfiguration())
        fs.copyFromLocalFile(True, True, hadoop.Path(local), target)


def run(spark, outdir, inputs, binary=None, config=None, max_bytes=16 * 1024 * 1024,
        input_format="auto", partitions=None, report=True, driver_links=DRIVER_LINKS):
    """Runs the job; returns counts of what it read and wrote."""
    sc = spark.sparkContext
    if config is None:
        # Executors have no project folder: an explicit empty configuration keeps
        # them from picking up whatever claimdiff.toml lies around their work dir.
        config = os.path.join(tempfile.mkdtemp(), "claimdiff.toml")
        open(config, "w").close()
    for shipped in (binary, config):
        # A local file or a URL is added here; a bare name was shipped with --files.
        if shipped and ("://" in shipped or os.path.exists(shipped)):
            sc.addFile(shipped if "://" in shipped else os.path.abspath(shipped))
    opts = {
        "binary": os.path.basename(binary) if binary else "claimdiff",
        "config": os.path.basename(config),
        "max_bytes": max_bytes,
        "driver_links": driver_links,
    }
    partitions = partitions or max(2, sc.defaultParallelism * 2)

    # Articles are small files: at Spark's default cost of 4 MB per file opened,
    # a folder of 50,000 becomes thousands of tiny tasks, each starting a process.
    spark.conf.set("spark.sql.files.openCostInBytes", str(64 * 1024))
    docs = read_documents(spark, inputs, input_format)
    doc_lines = docs.filter(lambda item: item[0] == "doc").map(lambda item: item[1])
    timings = {}
    clock = time.monotonic()
    # Pass 1: the corpus statistics the events stage reads, shipped to every executor.
    opts["stats"] = corpus_stats(sc, doc_lines, opts, tempfile.mkdtemp())
    timings["stats"] = time.monotonic() - clock
    # Pass 2: claims and each document's event signature, the text read once.
    extracted = docs.mapPartitions(extract_partition(opts)).persist()
    errors = extracted.filter(lambda kv: kv[0] == "error").map(
        lambda kv: ("extract", kv[1].get("input"), kv[1].get("line"), kv[1].get("id"), kv[1]["message"], kv[1].get("hint"))
    )
    signatures = extracted.filter(lambda kv: kv[0] == "doc").map(lambda kv: (kv[1]["id"], kv[1]["signature"]))
    event_list_rdd, held = group_events(sc, signatures, opts, partitions, timings)
    steps = event_list_rdd.flatMap(steps_of).groupByKey(partitions).mapValues(ordered_steps)
    records = (
        extracted.filter(lambda kv: kv[0] == "doc").map(lambda kv: (kv[1]["id"], kv[1]))
        .leftOuterJoin(steps, partitions).map(lambda kv: with_events(kv[1][0], kv[1][1]))
    )

    def source_row(r):
        s = r["source"]
        return (s["id"], s["path"], s["title"], s["outlet"], s["published"], s["url"],
                (r.get("event") or {}).get("id"), json.dumps(s, ensure_ascii=False))

    sources = spark.createDataFrame(records.map(source_row), SOURCE_SCHEMA)
    per_claim = records.flatMap(claim_rows).persist()
    claims = spark.createDataFrame(per_claim.map(lambda t: t[0]), CLAIM_SCHEMA)

    # Groups: (event, key). A part is also checked against the wholes of the keys
    # it lies within, so each group gets their claims as context.
    members = per_claim.map(lambda t: (t[1], (t[0][-1], False)))
    by_key = per_claim.map(lambda t: (t[1], t[0][-1]))
    edges = per_claim.flatMap(lambda t: [(w, t[1]) for w in t[2]]).distinct(partitions)
    context = edges.join(by_key, partitions).map(lambda kv: (kv[1][0], (kv[1][1], True)))
    grouped = (
        members.union(context)
        .repartitionAndSortWithinPartitions(partitions, keyfunc=lambda k: k)
        .map(lambda kv: (kv[0], kv[1][0], kv[1][1]))
    )
    compared = grouped.mapPartitions(compare_partition(opts)).persist()
    findings = spark.createDataFrame(
        compared.filter(lambda kv: kv[0] == "finding").map(lambda kv: finding_row(kv[1])),
        FINDING_SCHEMA,
    )
    errors = errors.union(
        compared.filter(lambda kv: kv[0] == "error").map(
            lambda kv: ("compare", None, kv[1].get("line"), kv[1].get("id"), kv[1]["message"], kv[1].get("hint"))
        )
    )
    errors = spark.createDataFrame(errors, ERROR_SCHEMA)

    if "://" not in outdir:
        os.makedirs(outdir, exist_ok=True)
    clock = time.monotonic()
    events = spark.createDataFrame(
        event_list_rdd.map(
            lambda e: (e["id"], e["label"], e.get("kind"), e.get("place"), e.get("date"), e.get("until"),
                       e.get("sources", []), e.get("why", []), e.get("manual", False),
                       json.dumps(e, ensure_ascii=False))
        ),
        EVENT_SCHEMA,
    )
    tables = (("sources", sources), ("events", events), ("claims", claims), ("findings", findings),
              ("errors", errors))
    for name, frame in tables:
        frame.write.mode("overwrite").parquet(f"{outdir.rstrip('/')}/{name}")
        timings[name] = time.monotonic() - clock
        clock = time.monotonic()

    # The report, in the CLI's order: sources by id, claims by source then
    # position, findings worst first. Claims stream to the driver a partition at
    # a time; findings are few. An archive's report is the tables: --no-report.
    finding_list = sorted(findings.collect(), key=finding_order)
    if report:
        source_list = sorted(sources.select("id", "json").collect(), key=lambda r: r.id.encode())
        ordered_claims = (
            json.loads(r[1])
            for r in per_claim.map(lambda t: ((t[0][0].encode(), t[0][1]), t[0][-1]))
            .sortByKey(numPartitions=partitions)
            .toLocalIterator()
        )
        event_list = sorted(event_list_rdd.collect(), key=event_order)
        write_json_report(sc, outdir, (json.loads(r.json) for r in source_list), event_list,
                          ordered_claims, (json.loads(r.json) for r in finding_list))
    timings["report"] = time.monotonic() - clock
    error_list = errors.collect()
    for e in error_list[:20]:
        where = e.input or f"{e.stage} line {e.line}"
        print(f"claimdiff-spark: skipped {where} ({e.id or 'no id'}): {e.message}", file=sys.stderr)
    counts = {
        "sources": sources.count(),
        "claims": claims.count(),
        "findings": len(finding_list),
        "errors": len(error_list),
    }
    if os.environ.get("CLAIMDIFF_SPARK_TIMINGS"):
        shown = {k: round(v, 1) if isinstance(v, float) else v for k, v in timings.items()}
        print("claimdiff-spark: seconds " + json.dumps(shown), file=sys.stderr)
    extracted.unpersist()
    event_list_rdd.unpersist()
    for rdd in held:
        rdd.unpersist()
    per_claim.unpersist()
    compared.unpersist()
    return counts


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("outdir", help="where to write claims/, sources/, findings/, errors/ and report.json")
    p.add_argument("inputs", nargs="+", help="folders of articles, JSON Lines or Parquet documents (paths or globs)")
    p.add_argument("--binary", help="the claimdiff binary to ship (default: one shipped with --files, named claimdiff)")
    p.add_argument("--config", help="claimdiff.toml to use (aliases, ignore, about_tolerance)")
    p.add_argument("--max-bytes", type=int, default=16 * 1024 * 1024, help="largest document accepted (bytes)")
    p.add_argument("--format", dest="input_format", default="auto", choices=["auto", "articles", "jsonl", "parquet"])
    p.add_argument("--partitions", type=int, help="partitions of the (event, key) shuffle")
    p.add_argument("--driver-links", type=int, default=DRIVER_LINKS,
                   help="block documents in the driver up to this many key links; beyond, over RDDs")
    p.add_argument("--no-report", dest="report", action="store_false",
                   help="write the Parquet tables only (for an archive, report.json would be huge)")
    args = p.parse_args(argv)
    spark = SparkSession.builder.appName("claimdiff").getOrCreate()
    counts = run(spark, args.outdir, args.inputs, binary=args.binary, config=args.config,
                 max_bytes=args.max_bytes, input_format=args.input_format, partitions=args.partitions,
                 report=args.report, driver_links=args.driver_links)
    print("claimdiff-spark: " + ", ".join(f"{v} {k}" for k, v in counts.items()), file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
