"""Security headers: a strict Content-Security-Policy on readers' pages (fresh and cached), an
explicit one in the admin, HSTS and HTTPS settings from the environment."""

import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from tests.public_fixtures import LANGS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

PUBLIC_KINDS = ["home", "list", "article", "people", "person", "topic", "region"]


def directives(response, header="Content-Security-Policy"):
    """``{"script-src": ["'self'"], …}`` from the response's policy."""
    assert response.has_header(header), response.headers
    found = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        found[name] = sources
    return found


def assert_strict(policy):
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in " ".join(sum(policy.values(), []))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", PUBLIC_KINDS)
def test_public_pages_carry_a_strict_policy_fresh_and_cached(client, site, lang, kind):
    """Every page type, built (a miss) and answered from the page cache (a hit), gzip or not."""
    url = site.urls(lang)[kind]
    miss = client.get(url)
    hit = client.get(url)
    hit_gzip = client.get(url, headers={"accept-encoding": "gzip"})
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"], hit_gzip["X-Page-Cache"]) == (
        "miss",
        "hit",
        "hit",
    )
    assert hit_gzip["Content-Encoding"] == "gzip"  # compression still works on the cached copy
    for response in (miss, hit, hit_gzip):
        assert_strict(directives(response))
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert miss["Content-Security-Policy"] == hit["Content-Security-Policy"]


def test_public_templates_have_no_inline_script_or_style(client, site):
    """What the strict policy would block does not exist: no <style>, style= or on…= handlers,
    and no <script> but our static files and the JSON-LD data block."""
    for lang in LANGS:
        for kind in PUBLIC_KINDS:
            page = client.get(site.urls(lang)[kind]).content.decode()
            lowered = page.lower()
            assert "<style" not in lowered and " style=" not in lowered, kind
            assert " onload=" not in lowered and " onclick=" not in lowered, kind
            for chunk in lowered.split("<script")[1:]:
                tag = chunk.split(">", 1)[0]
                assert 'src="/static/' in tag or 'type="application/ld+json"' in tag, tag


def test_error_and_preview_pages_get_the_strict_policy_too(client, site, editor):
    """A 404 and an editor's preview of a draft are readers' pages: the strict policy."""
    assert_strict(directives(client.get("/en/articles/no-such-article/")))
    client.force_login(editor)
    response = client.get(f"/preview/articles/{site.draft.pk}/en/")
    assert response.status_code == 200
    assert_strict(directives(response))


def test_admin_policy_runs_no_inline_script_except_where_ckeditor_loads(client, site, editor):
    """The admin's lists and dashboards allow no inline script; the change form that loads
    CKEditor 4 (whose toolbar is inline handlers) is the one page that does."""
    client.force_login(editor)
    listing = directives(client.get("/admin/articles/article/"))
    assert listing["script-src"] == ["'self'"]
    assert listing["object-src"] == ["'none'"]
    assert listing["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in listing["style-src"]
    form = client.get(
        f"/admin/articles/article/{site.main.pk}/change/", headers={"accept-encoding": "gzip"}
    )
    assert b"ckeditor/ckeditor.js" in form.content or form["Content-Encoding"] == "gzip"
    assert directives(form)["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives(form)["object-src"] == ["'none'"]


def test_report_only_and_report_uri_from_settings(client, site, settings):
    """CSP_REPORT_ONLY sends the policy as a report-only header, with the report address."""
    settings.CSP_REPORT_ONLY = True
    settings.CSP_REPORT_URI = "https://reports.example.org/csp"
    response = client.get(site.urls("en")["home"])
    assert not response.has_header("Content-Security-Policy")
    policy = directives(response, "Content-Security-Policy-Report-Only")
    assert policy["report-uri"] == ["https://reports.example.org/csp"]


def test_https_settings_behind_a_proxy(client, site, settings):
    """With TRUST_X_FORWARDED_PROTO the proxy's https makes absolute links https and HSTS is
    sent; a plain-HTTP request is redirected when SECURE_SSL_REDIRECT is on."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    url = site.urls("en")["article"]
    plain = client.get(url)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get(url, headers={"x-forwarded-proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert 'rel="canonical" href="https://' in secure.content.decode()
    assert client.get("/healthz").status_code == 200  # probes are not redirected


def run_check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


PRODUCTION_ENV = {
    "PATH": "/usr/bin:/bin",
    "SECRET_KEY": "k3y-" + "x9Q!vZ2#rT8@mL5$wB7%nC4^pD6&fG1*hJ3(sK0)" * 2,
    "ALLOWED_HOSTS": "thinktank.example.org",
}


def test_check_deploy_passes_with_production_settings():
    """``check --deploy --fail-level WARNING`` is clean with the production defaults."""
    result = run_check_deploy(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_when_https_is_turned_off():
    """Turning HTTPS redirect off in production is flagged (W008), so the test above means something."""
    result = run_check_deploy({**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": "0"})
    assert result.returncode != 0 and "security.W008" in result.stdout + result.stderr
