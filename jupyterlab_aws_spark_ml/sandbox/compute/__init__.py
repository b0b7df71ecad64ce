"""EMR clusters and Glue interactive sessions that take time to start and stop, like AWS's."""

from __future__ import annotations


def components() -> list:
    from .clock import LifecycleClock
    from .emr_clusters import EmrClusters
    from .glue_sessions import GlueSessions

    # One clock (one ticker thread) moves every cluster and session along.
    clock = LifecycleClock()
    return [clock, EmrClusters(clock), GlueSessions(clock)]
