import socket
import ssl

import urllib3


def connect_to_broker(host: str, port: int = 8883) -> ssl.SSLSocket:
    context = ssl.create_default_context(cafile="/etc/app/broker-ca.pem")
    # ruleid: python-tls-hostname-check-disabled
    context.check_hostname = False
    sock = socket.create_connection((host, port))
    return context.wrap_socket(sock)


def connect_to_broker_safe(host: str, port: int = 8883) -> ssl.SSLSocket:
    context = ssl.create_default_context(cafile="/etc/app/broker-ca.pem")
    # ok: python-tls-hostname-check-disabled
    context.check_hostname = True
    sock = socket.create_connection((host, port))
    return context.wrap_socket(sock, server_hostname=host)


def insecure_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    # reported by python-requests-tls-verify-disabled (verification fully off)
    # ok: python-tls-hostname-check-disabled
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def internal_api_pool(ip: str) -> urllib3.HTTPSConnectionPool:
    # ruleid: python-tls-hostname-check-disabled
    return urllib3.HTTPSConnectionPool(ip, port=8443, ca_certs="/etc/app/internal-ca.pem", assert_hostname=False)


def internal_api_pool_safe(ip: str) -> urllib3.HTTPSConnectionPool:
    # ok: python-tls-hostname-check-disabled
    return urllib3.HTTPSConnectionPool(ip, port=8443, ca_certs="/etc/app/internal-ca.pem", assert_hostname="api.internal.example")


# ruleid: python-tls-hostname-check-disabled
http = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs="/etc/app/internal-ca.pem", assert_hostname=False)
