# Varnish in front of the think-tank CMS: keeps public pages as long as their s-maxage says and
# forgets exactly those tagged with what changed, when the site sends
#   BAN / with "X-Cache-Tags: article:12 lists"
# (settings: CDN_PURGE_URLS=http://varnish-host:6081/). Tested by tests/test_varnish.py.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may send BAN: the app servers. Widen to their addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Cache-Tags) {
            return (synth(400, "X-Cache-Tags missing"));
        }
        # Objects whose Surrogate-Key holds any of the tags (dots are literal).
        ban("obj.http.Surrogate-Key ~ (^|\s)(" +
            regsuball(regsuball(req.http.X-Cache-Tags, "\.", "\\."), " +", "|") + ")(\s|$)");
        return (synth(200, "Banned"));
    }
    # The admin, previews and logged-in users are never kept (the site says so too).
    if (req.url ~ "^/(admin|preview)/" || req.http.Cookie ~ "sessionid=") {
        return (pass);
    }
    # Anonymous readers: cookies (language, analytics) do not change the page.
    unset req.http.Cookie;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
