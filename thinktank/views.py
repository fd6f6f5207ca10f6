from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from thinktank.readiness import run_checks


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def readyz(request):
    """Readiness: 200 when the database, cache, storage and task queue all work, else 503
    naming what failed. The body: ``{"status": "ready" | "not ready", "checks": {name: "ok" |
    "failed"}, "failed": [names]}``."""
    results = run_checks()
    failed = [name for name, passed in results.items() if not passed]
    body = {
        "status": "not ready" if failed else "ready",
        "checks": {name: "ok" if passed else "failed" for name, passed in results.items()},
        "failed": failed,
    }
    return JsonResponse(body, status=503 if failed else 200)
