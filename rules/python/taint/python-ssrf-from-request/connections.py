"""FastAPI settings routes: admins may point the server at their own services."""

import aiohttp
import fastapi
import httpx
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from .auth import get_admin_user, get_verified_user

router = APIRouter()


class ConnectionForm(BaseModel):
    url: str
    key: str = ""


@router.post("/connections/verify")
async def verify_connection(form_data: ConnectionForm, user=Depends(get_admin_user)):
    async with aiohttp.ClientSession() as session:
        # ok: python-ssrf-from-request
        async with session.get(f"{form_data.url}/models", headers={"Authorization": f"Bearer {form_data.key}"}) as r:
            return await r.json()


@router.post("/connections/test", dependencies=[Depends(get_admin_user)])
async def test_connection(form_data: ConnectionForm):
    # ok: python-ssrf-from-request
    r = httpx.get(form_data.url, timeout=5)
    return {"status": r.status_code}


@router.post("/link-preview")
async def link_preview(form_data: ConnectionForm, user=Depends(get_verified_user)):
    # ruleid: python-ssrf-from-request
    r = httpx.get(form_data.url, timeout=5)
    return {"title": r.text[:200]}


@router.get("/upstream/status")
async def upstream_status(request: fastapi.Request):
    # ok: python-ssrf-from-request
    r = httpx.get(request.app.state.upstream_url, timeout=5)
    return {"status": r.status_code}
