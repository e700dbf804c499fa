import pytest
from django.test import RequestFactory

from portal.middleware import TrustedProxyMiddleware


def client_address(settings, peer, forwarded=None, proxies=()):
    settings.TRUSTED_PROXIES = list(proxies)
    seen = {}

    def view(request):
        seen["ip"] = request.META["REMOTE_ADDR"]
        seen["secure"] = request.is_secure()
        return None

    extra = {"REMOTE_ADDR": peer, "HTTP_X_FORWARDED_PROTO": "https"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    TrustedProxyMiddleware(view)(RequestFactory().get("/", **extra))
    return seen["ip"]


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    assert client_address(settings, "203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_a_forged_forwarded_for_from_an_untrusted_peer_is_ignored(settings):
    assert client_address(settings, "203.0.113.9", "1.2.3.4", proxies=["10.0.0.1"]) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client(settings):
    # the client put 1.2.3.4 there itself; the proxy appended the address it really saw
    ip = client_address(settings, "10.0.0.1", "1.2.3.4, 198.51.100.7", proxies=["10.0.0.0/8"])
    assert ip == "198.51.100.7"


def test_several_trusted_proxies_are_skipped(settings):
    ip = client_address(settings, "10.0.0.1", "198.51.100.7, 10.0.0.2", proxies=["10.0.0.0/8"])
    assert ip == "198.51.100.7"


@pytest.mark.parametrize("garbage", ["not-an-ip", "", " , "])
def test_garbage_in_the_header_falls_back_to_the_proxy(settings, garbage):
    assert client_address(settings, "10.0.0.1", garbage, proxies=["10.0.0.0/8"]) == "10.0.0.1"
