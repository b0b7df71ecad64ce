"""The real data plane: Spark 3.5 with S3A on the sandbox, Livy, and Glue session statements.

- `maven.py`: the jars S3A needs, fetched once from Maven Central into a cache
  (`python -m jupyterlab_aws_spark_ml.sandbox.engines fetch`).
- `spark.py`: Spark conf and a local SparkSession that reads s3a:// from the sandbox.
- `livy.py` (+ `livy_compatible.py`, `livy_sessions.py`, `livy_session_process.py`): the Livy
  endpoint of sandbox EMR clusters, running each session on real pyspark.
- `glue_statements.py`: Glue RunStatement/GetStatement/ListStatements/CancelStatement.
"""
