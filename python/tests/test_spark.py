"""The Spark recipe of the README, in local mode: a DataFrame of texts, vncite in mapPartitions,
the records written as Parquet, the graph built from them — by the CLI and by vncite.build — the
same graph as one `vncite build` over the files. Needs pyspark and Java (under CI=true both)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import vncite
from test_vncite import BIN, CI, DEV, need


def test_the_spark_recipe_gives_the_cli_graph(tmp_path, cli_dev):
    if not CI:
        pytest.importorskip("pyspark")
    need(subprocess.run(["java", "-version"], capture_output=True).returncode == 0, "java")
    from pyspark.sql import SparkSession

    # the workers run this interpreter, where vncite is installed
    os.environ["PYSPARK_PYTHON"] = sys.executable

    spark = SparkSession.builder.master("local[2]").appName("vncite").config("spark.ui.enabled", "false").getOrCreate()
    try:
        files = sorted(DEV.iterdir())
        texts = spark.createDataFrame([(str(f), f.read_text(encoding="utf-8")) for f in files], ["id", "text"]).repartition(3)
        out = tmp_path / "shards"
        texts.rdd.mapPartitions(vncite.shard_rows).toDF(["record", "document", "json"]).write.parquet(str(out))
    finally:
        spark.stop()
    parts = sorted(str(p) for p in out.glob("*.parquet"))
    assert parts
    expected = json.loads((cli_dev / "graph.json").read_text(encoding="utf-8"))
    # the CLI reads the Parquet shards …
    built = tmp_path / "built"
    subprocess.run([BIN, "build", "--from-mentions", *parts, "-o", str(built), "-q", "--format", "json"], check=True)
    assert json.loads((built / "graph.json").read_text(encoding="utf-8")) == expected
    # … and so does the package
    assert vncite.build(parts).data == expected
