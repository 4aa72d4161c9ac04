import os
import ssl

import aiohttp
import httpx
import requests
from fastapi import FastAPI

app = FastAPI()
PAYMENTS_API = os.environ.get("PAYMENTS_API", "https://payments.internal.example.com")
API_KEY = os.environ["PAYMENTS_API_KEY"]


@app.get("/invoices/{invoice_id}")
def get_invoice(invoice_id: str):
    # ruleid: python-requests-tls-verify-disabled
    resp = requests.get(
        f"{PAYMENTS_API}/v1/invoices/{invoice_id}",
        headers={"Authorization": f"Bearer {API_KEY}"},
        verify=False,
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()


@app.get("/invoices/safe/{invoice_id}")
def get_invoice_safe(invoice_id: str):
    # ok: python-requests-tls-verify-disabled
    resp = requests.get(
        f"{PAYMENTS_API}/v1/invoices/{invoice_id}",
        headers={"Authorization": f"Bearer {API_KEY}"},
        verify="/etc/ssl/certs/internal-ca.pem",
        timeout=10,
    )
    return resp.json()


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {API_KEY}"})
    # ruleid: python-requests-tls-verify-disabled
    session.verify = False
    return session


def refund(session: requests.Session, charge_id: str):
    # ruleid: python-requests-tls-verify-disabled
    return session.post(f"{PAYMENTS_API}/v1/refunds", json={"charge": charge_id}, verify=False)


async def fetch_rates():
    # ruleid: python-requests-tls-verify-disabled
    async with httpx.AsyncClient(verify=False, timeout=5.0) as client:
        resp = await client.get("https://rates.example.com/latest")
        return resp.json()


async def fetch_rates_safe():
    # ok: python-requests-tls-verify-disabled
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.get("https://rates.example.com/latest")
        return resp.json()


def legacy_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    # ruleid: python-requests-tls-verify-disabled
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def strict_context():
    ctx = ssl.create_default_context()
    # ok: python-requests-tls-verify-disabled
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


async def crawl(urls):
    # ruleid: python-requests-tls-verify-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        return [await (await session.get(u)).text() for u in urls]


def healthcheck():
    # ok: python-requests-tls-verify-disabled
    return requests.get("https://status.example.com/health", verify=True, timeout=3).ok
