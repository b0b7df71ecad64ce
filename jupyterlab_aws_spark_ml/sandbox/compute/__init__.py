"""EMR clusters and Glue interactive sessions that take time to start and stop, like AWS's."""
