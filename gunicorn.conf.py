"""gunicorn's settings: ``make serve``, or ``gunicorn -c gunicorn.conf.py`` (see README).

Workers: ``WEB_CONCURRENCY``, else 2 × CPUs + 1 (at most 12); address: ``BIND``, else
127.0.0.1:``PORT``. Each request is logged by the site itself (``thinktank.requests``, with its
request id), so gunicorn's access log stays off; its own lines are JSON like the site's.
"""

import os

from thinktank.serving import bind_address, log_config, worker_count

wsgi_app = "thinktank.wsgi:application"
bind = [bind_address()]
workers = worker_count()
accesslog = None
errorlog = "-"
logconfig_dict = log_config(os.environ.get("LOG_FORMAT", "json").strip().lower())
