"""`GET {base_url}aws-spark-ml/status`: version, mode, region and who the server is in AWS."""
