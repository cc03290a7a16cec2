"""A certificate that has expired is refused, even from a trusted CA (bad-inputs row 27)."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from tui.sources.fetcher import Fetcher, FetchError

CA_CONFIG = """
[ca]
default_ca = test_ca
[test_ca]
dir = {folder}
database = {folder}/index.txt
new_certs_dir = {folder}
serial = {folder}/serial
default_md = sha256
policy = anything
copy_extensions = copy
[anything]
commonName = supplied
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def expired(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate valid only in January 2020, server key)."""
    folder = tmp_path_factory.mktemp("expired-tls")
    (folder / "index.txt").write_text("")
    (folder / "serial").write_text("01\n")
    (folder / "ca.cnf").write_text(CA_CONFIG.format(folder=folder))
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl("req", "-x509", *curve, "-days", "2", "-subj", "/CN=test-ca",
             "-keyout", "ca.key", "-out", "ca.crt", cwd=folder)  # fmt: skip
    _openssl("req", *curve, "-subj", "/CN=127.0.0.1", "-addext",
             "subjectAltName=IP:127.0.0.1", "-keyout", "srv.key", "-out", "srv.csr",
             cwd=folder)  # fmt: skip
    _openssl("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key",
             "-in", "srv.csr", "-out", "srv.crt", "-startdate", "20200101000000Z",
             "-enddate", "20200102000000Z", cwd=folder)  # fmt: skip
    return folder / "ca.crt", folder / "srv.crt", folder / "srv.key"


@pytest.fixture
def expired_server(expired: tuple[Path, Path, Path]) -> Iterator[HTTPServer]:
    _, cert, key = expired
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


async def test_an_expired_certificate_is_a_tls_error(
    expired_server: HTTPServer, expired: tuple[Path, Path, Path]
) -> None:
    expired_server.expect_request("/feed").respond_with_data(b"[]", content_type="application/json")
    trusted = ssl.create_default_context(cafile=str(expired[0]))
    async with httpx.AsyncClient(verify=trusted) as client, Fetcher(client, deadline=5) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(expired_server.url_for("/feed"))
    assert caught.value.kind == "tls"
    assert "expired" in str(caught.value)
    assert "\n" not in str(caught.value)
