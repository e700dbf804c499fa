from portal.net import is_trusted_proxy, resolve_client_ip


class TrustedProxyMiddleware:
    """Set REMOTE_ADDR to the real client and drop forwarding headers from untrusted peers.

    It runs first, so the security middleware's HTTPS check, the login throttle and every later
    rate limit see the same address, and a client cannot claim HTTPS or another address itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if is_trusted_proxy(peer):
            meta["REMOTE_ADDR"] = resolve_client_ip(peer, meta.get("HTTP_X_FORWARDED_FOR", ""))
        else:
            meta.pop("HTTP_X_FORWARDED_PROTO", None)
            meta.pop("HTTP_X_FORWARDED_FOR", None)
        return self.get_response(request)
