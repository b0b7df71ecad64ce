"""sparkmagic (PyPI 0.23.0) configured in memory, with settings that fit EMR's Livy.

sparkmagic reads `~/.sparkmagic/config.json` (creating an empty one) the first time any setting is
asked for — unless its override table is already filled. We fill it first, starting from the
person's own config file if there is one (read, never written), so nothing lands in their home
folder and their session settings (e.g. executor memory) still apply.
"""

from __future__ import annotations

import json
from pathlib import Path

# EMR ≥ 6.6 Livy often needs ~90 s to start a session; sparkmagic's 60 s default fails there.
SESSION_START_TIMEOUT_SECONDS = 240
# With a heartbeat, Livy keeps the session while the kernel lives and reaps it (after this many
# seconds) when the kernel dies; without one, sessions die after Livy's 1 h idle timeout.
LIVY_HEARTBEAT_TIMEOUT_SECONDS = 60
HEARTBEAT_REFRESH_SECONDS = 10
HEARTBEAT_RETRY_SECONDS = 10

OUR_SETTINGS = {
    "livy_session_startup_timeout_seconds": SESSION_START_TIMEOUT_SECONDS,
    "livy_server_heartbeat_timeout_seconds": LIVY_HEARTBEAT_TIMEOUT_SECONDS,
    "heartbeat_refresh_seconds": HEARTBEAT_REFRESH_SECONDS,
    "heartbeat_retry_seconds": HEARTBEAT_RETRY_SECONDS,
    # How long a statement waits for a busy session before it is sent.
    "wait_for_idle_timeout_seconds": 30,
    # Never turn certificate checks off for the person (a complaint about generated connect cells).
    "ignore_ssl_errors": False,
    # Errors reach our code as exceptions instead of being printed and swallowed.
    "all_errors_are_fatal": True,
    "logging_config": {
        "version": 1,
        # sparkmagic calls dictConfig for every logger it makes; keep everyone else's loggers alive.
        "disable_existing_loggers": False,
        "handlers": {"magicsHandler": {"class": "logging.NullHandler"}},
        "loggers": {
            "magicsLogger": {"handlers": ["magicsHandler"], "level": "INFO", "propagate": 0}
        },
    },
}


def _user_config() -> dict:
    from sparkmagic.utils.configuration import path

    config_file = Path(path).expanduser()
    if not config_file.is_file():
        return {}
    try:
        return json.loads(config_file.read_text() or "{}")
    except (OSError, ValueError):
        return {}  # a broken file is theirs to fix; our settings are complete without it


def configure_sparkmagic() -> dict:
    """Fill sparkmagic's settings in memory; returns what is in effect (for `%aws_spark status`)."""
    from sparkmagic.utils import configuration

    user = _user_config()
    settings = {**user, **OUR_SETTINGS}
    user_timeout = user.get("livy_session_startup_timeout_seconds", 0)
    settings["livy_session_startup_timeout_seconds"] = max(
        int(user_timeout or 0), SESSION_START_TIMEOUT_SECONDS
    )
    configuration.override_all(settings)
    return {k: settings[k] for k in OUR_SETTINGS if k != "logging_config"}
