import socket
import ssl

import requests
from requests.adapters import HTTPAdapter
from urllib3.poolmanager import PoolManager


def fetch_legacy_report(host: str) -> bytes:
    # ruleid: python-insecure-tls-protocol-version
    context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    context.load_default_certs()
    with socket.create_connection((host, 443)) as sock:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            tls.sendall(b"GET /report HTTP/1.1\r\nHost: " + host.encode() + b"\r\n\r\n")
            return tls.recv(65536)


def fetch_report(host: str) -> bytes:
    # ok: python-insecure-tls-protocol-version
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    with socket.create_connection((host, 443)) as sock:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            tls.sendall(b"GET /report HTTP/1.1\r\nHost: " + host.encode() + b"\r\n\r\n")
            return tls.recv(65536)


def make_compatible_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    # ruleid: python-insecure-tls-protocol-version
    context.minimum_version = ssl.TLSVersion.TLSv1
    return context


def make_modern_context() -> ssl.SSLContext:
    # ok: python-insecure-tls-protocol-version
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: python-insecure-tls-protocol-version
    context.maximum_version = ssl.TLSVersion.TLSv1_3
    return context


class LegacyTLSAdapter(HTTPAdapter):
    def init_poolmanager(self, connections, maxsize, block=False, **kwargs):
        # ruleid: python-insecure-tls-protocol-version
        self.poolmanager = PoolManager(num_pools=connections, maxsize=maxsize, block=block, ssl_version=ssl.PROTOCOL_TLSv1_1)


session = requests.Session()
session.mount("https://legacy.partner.example", LegacyTLSAdapter())
