"""Nautobot settings for the project's test harness (scripts/nautobot/nautobot.sh).

Everything comes from environment variables that the harness sets: the database, Redis
and the secret key. Nautobot's own settings module already reads NAUTOBOT_DB_* and
NAUTOBOT_REDIS_*; this file adds only what a throwaway loopback instance needs.
"""

import os

from nautobot.core.settings import *  # noqa: F401,F403
from nautobot.core.settings_funcs import is_truthy

SECRET_KEY = os.environ["NAUTOBOT_SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DEBUG = is_truthy(os.getenv("NAUTOBOT_DEBUG", "false"))
INSTALLATION_METRICS_ENABLED = False
# The harness serves the API only; no static files, no background workers.
CELERY_TASK_ALWAYS_EAGER = True
# One log line per request is noise for a test harness; warnings and errors still show.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("NAUTOBOT_LOG_LEVEL", "WARNING")},
}
