from unittest import mock

import pytest
from django.test import RequestFactory

from prongsai.web.client_address import client_address, normalised

FACTORY = RequestFactory()


def address(peer, forwarded=None, trusted=""):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    with mock.patch.dict("os.environ", {"PRONGSAI_TRUSTED_PROXIES": trusted}):
        return client_address(FACTORY.get("/", **extra))


def test_without_trusted_proxies_the_peer_is_the_client():
    assert address("192.0.2.7") == "192.0.2.7"
    assert address("192.0.2.7", "198.51.100.1") == "192.0.2.7"


def test_a_peer_that_is_not_a_trusted_proxy_is_not_believed():
    assert address("192.0.2.7", "198.51.100.1", trusted="10.0.0.5") == "192.0.2.7"


def test_from_a_trusted_proxy_the_right_most_untrusted_address_is_the_client():
    assert address("10.0.0.5", "198.51.100.1", trusted="10.0.0.5") == "198.51.100.1"
    # the client wrote the left part; our second proxy (in 10.0.0.0/24) the right part
    assert address("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.6", trusted="10.0.0.0/24") == "198.51.100.1"
    assert address("10.0.0.5", "198.51.100.1:5234", trusted="10.0.0.5") == "198.51.100.1"
    assert address("10.0.0.5", "[2001:db8::1]:443", trusted="10.0.0.5") == "2001:db8::1"


def test_a_trusted_proxy_without_a_usable_header_is_the_client():
    assert address("10.0.0.5", trusted="10.0.0.5") == "10.0.0.5"
    assert address("10.0.0.5", "not-an-address", trusted="10.0.0.5") == "10.0.0.5"
    assert address("10.0.0.5", "10.0.0.6", trusted="10.0.0.0/24") == "10.0.0.6"


def test_a_bad_setting_trusts_nobody():
    assert address("10.0.0.5", "198.51.100.1", trusted="not-a-network") == "10.0.0.5"


@pytest.mark.parametrize(("raw", "expected"), [
    ("::ffff:192.0.2.1", "192.0.2.1"), ("2001:DB8:0::1", "2001:db8::1"), ("", None), ("x", None),
    (" 192.0.2.1 ", "192.0.2.1"), ("fe80::1%eth0", "fe80::1"),
])
def test_addresses_are_written_one_way(raw, expected):
    assert normalised(raw) == expected
