"""The network guard fails closed: every spelling of a private address, names that do not resolve, metadata."""

from __future__ import annotations

import pytest

from crawler.middlewares import private_network
from crawler.middlewares.private_network import Allowance, refusal
from crawler.source_config import check_private_entry

LOOPBACK_SPELLINGS = [
    "http://127.0.0.1/",
    "http://127.0.0.1./",
    "http://127.1/",
    "http://0x7f000001/",
    "http://0x7f.0.0.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[0:0:0:0:0:ffff:7f00:1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
]
PRIVATE = [
    *LOOPBACK_SPELLINGS,
    "http://localhost/",
    "http://localhost./",
    "http://LOCALHOST:8080/",
    "http://app.localhost/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://172.16.5.4/",
    "http://100.64.0.1/",
    "http://[fd12:3456::1]/",
]
ALWAYS_REFUSED = [
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.169.254./",
    "http://0xa9fea9fe/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1%25eth0]/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://metadata.google.internal/",
    "http://metadata.google.internal./",
    "http://Metadata/",
]


@pytest.mark.parametrize("url", PRIVATE)
def test_private_addresses_are_refused_in_every_spelling(url: str) -> None:
    assert refusal(url) is not None and refusal(url)[0] == "private_network"  # type: ignore[index]


@pytest.mark.parametrize("url", LOOPBACK_SPELLINGS)
def test_an_allowed_loopback_is_allowed_in_every_spelling(url: str) -> None:
    assert refusal(url, Allowance.of(["127.0.0.1"])) is None


@pytest.mark.parametrize("url", ALWAYS_REFUSED)
def test_metadata_and_link_local_are_refused_even_when_allowed(url: str) -> None:
    everything = Allowance.of(["0.0.0.0/0", "::/0", "metadata", "metadata.google.internal"])
    assert refusal(url, everything)[0] == "metadata"  # type: ignore[index]


def test_the_allowance_is_a_list_not_all_or_nothing() -> None:
    allow = Allowance.of(["127.0.0.1", "10.1.0.0/16", "intranet.example"])
    assert refusal("http://10.1.2.3/", allow) is None
    assert refusal("http://10.2.0.1/", allow)[0] == "private_network"  # type: ignore[index]
    assert refusal("http://192.168.1.1/", allow)[0] == "private_network"  # type: ignore[index]


def test_an_allowed_host_name_may_resolve_to_a_private_address(monkeypatch: pytest.MonkeyPatch) -> None:
    import ipaddress

    monkeypatch.setitem(private_network._resolved, "intranet.example", (1e18, (ipaddress.ip_address("10.9.9.9"),)))
    assert refusal("http://intranet.example/", Allowance.of(["intranet.example"])) is None
    assert refusal("http://intranet.example/")[0] == "private_network"  # type: ignore[index]


def test_names_that_do_not_resolve_are_refused_and_not_remembered() -> None:
    assert refusal("http://no-such-host.invalid/")[0] == "unresolvable"  # type: ignore[index]
    assert "no-such-host.invalid" not in private_network._resolved


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "data:text/plain,hi", "gopher://a/"])
def test_other_schemes_are_always_refused(url: str) -> None:
    assert refusal(url, Allowance.of(["0.0.0.0/0"]))[0] == "scheme"  # type: ignore[index]


@pytest.mark.parametrize("url", ["http://%31%32%37.0.0.1/", "http://a\\b/", "http:///path"])
def test_hosts_that_are_not_names_are_refused(url: str) -> None:
    assert refusal(url)[0] in ("invalid_host",)  # type: ignore[index]


def test_a_public_address_is_allowed() -> None:
    assert refusal("http://93.184.215.14/") is None
    assert refusal("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/") is None


@pytest.mark.parametrize(
    ("entry", "normalised"),
    [("127.0.0.1", "127.0.0.1/32"), ("10.0.0.0/8", "10.0.0.0/8"), ("Intranet.Example.", "intranet.example")],
)
def test_allowance_entries_are_normalised(entry: str, normalised: str) -> None:
    assert check_private_entry(entry) == normalised


@pytest.mark.parametrize("entry", ["not a host", "10.0.0.0/33", "http://x/"])
def test_bad_allowance_entries_are_refused(entry: str) -> None:
    with pytest.raises(ValueError):
        check_private_entry(entry)
