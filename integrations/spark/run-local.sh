#!/usr/bin/env bash
# Runs the claimdiff Spark job in local mode (local[2]):
#   bash integrations/spark/run-local.sh INPUT [INPUT…] OUTDIR
# INPUT: a folder of articles like sources/, JSON Lines or Parquet documents (path or glob).
# Writes OUTDIR/{sources,claims,findings,errors}/ (Parquet) and OUTDIR/report.json.
# Environment: CLAIMDIFF_BIN (default: target/release/claimdiff, built if missing),
# CLAIMDIFF_CONFIG (default: ./claimdiff.toml when there is one), SPARK_MASTER
# (default local[2]), and any extra job flags in CLAIMDIFF_SPARK_ARGS.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: bash integrations/spark/run-local.sh INPUT [INPUT…] OUTDIR" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
outdir="${*: -1}"
inputs=("${@:1:$#-1}")

bin="${CLAIMDIFF_BIN:-$repo/target/release/claimdiff}"
if [ ! -x "$bin" ]; then
    echo "== building $bin" >&2
    cargo build --release --locked --manifest-path "$repo/Cargo.toml" >&2
fi
if ! command -v spark-submit >/dev/null 2>&1; then
    echo "spark-submit not found: pip install pyspark (and Java 17)" >&2
    exit 2
fi
config=()
if [ -n "${CLAIMDIFF_CONFIG:-}" ]; then
    config=(--config "$CLAIMDIFF_CONFIG")
elif [ -f claimdiff.toml ]; then
    config=(--config claimdiff.toml)
fi
export PYSPARK_PYTHON="${PYSPARK_PYTHON:-python3}"
# shellcheck disable=SC2086
exec spark-submit \
    --master "${SPARK_MASTER:-local[2]}" \
    --driver-memory "${SPARK_DRIVER_MEMORY:-2g}" \
    --conf spark.log.level=WARN \
    --conf spark.ui.enabled=false \
    --conf spark.sql.shuffle.partitions=8 \
    --files "$bin" \
    "$here/claimdiff_spark.py" "${config[@]}" ${CLAIMDIFF_SPARK_ARGS:-} \
    "$outdir" "${inputs[@]}"
