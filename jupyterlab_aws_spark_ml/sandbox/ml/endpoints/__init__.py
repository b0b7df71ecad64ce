"""Sandbox endpoints: each production variant served by a local model server process."""
