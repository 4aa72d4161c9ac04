import os
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer
from jose import jwt as jose_jwt

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
JWT_SECRET = os.environ["JWT_SECRET"]


def create_access_token(user_id: int, role: str) -> str:
    payload = {"sub": str(user_id), "role": role, "exp": datetime.now(timezone.utc) + timedelta(hours=1)}
    # ruleid: python-jwt-hardcoded-signing-key
    return jwt.encode(payload, "my-secret-key", algorithm="HS256")


def create_access_token_safe(user_id: int, role: str) -> str:
    payload = {"sub": str(user_id), "role": role, "exp": datetime.now(timezone.utc) + timedelta(hours=1)}
    # ok: python-jwt-hardcoded-signing-key
    return jwt.encode(payload, JWT_SECRET, algorithm="HS256")


def get_current_user(token: str = Depends(oauth2_scheme)) -> dict:
    try:
        # ruleid: python-jwt-hardcoded-signing-key
        claims = jose_jwt.decode(token, "my-secret-key", algorithms=["HS256"])
    except Exception:
        raise HTTPException(status_code=401, detail="Invalid token")
    return {"id": int(claims["sub"]), "role": claims["role"]}


def get_current_user_safe(token: str = Depends(oauth2_scheme)) -> dict:
    try:
        # ok: python-jwt-hardcoded-signing-key
        claims = jose_jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
    except Exception:
        raise HTTPException(status_code=401, detail="Invalid token")
    return {"id": int(claims["sub"]), "role": claims["role"]}


def create_refresh_token(user_id: int) -> str:
    signing_key = "refresh-token-signing-key-2024"
    # ruleid: python-jwt-hardcoded-signing-key
    return jwt.encode({"sub": str(user_id), "type": "refresh"}, signing_key, algorithm="HS256")


def read_unverified_kid(token: str) -> str:
    # ok: python-jwt-hardcoded-signing-key
    return jwt.get_unverified_header(token)["kid"]
