"""The signing proxy: the browser's AWS SDK calls, re-signed by the server and sent to AWS.

Route: `{base_url}aws-spark-ml/proxy/{service}/{region}{path}`. See `forwarding.SigningProxy`.
"""
