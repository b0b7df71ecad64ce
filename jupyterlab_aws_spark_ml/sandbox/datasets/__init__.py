"""Real datasets shipped with the product, laid out in the sandbox's S3 and Glue catalog."""
