"""Lake Formation in the sandbox: permissions, LF-tags and admins over the seeded catalog, and
the Glue/Lake Formation reads moto lacks (paging, SearchTables, inherited LF-tags,
data cells filters)."""
