import os

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException
from jose import jwt as jose_jwt

app = FastAPI()
SECRET_KEY = os.environ["JWT_SECRET"]


def get_current_user(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ").strip()
    try:
        # ruleid: python-jwt-verification-disabled
        payload = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="Invalid token")
    return {"id": payload["sub"], "role": payload.get("role", "user")}


def get_current_user_safe(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ").strip()
    try:
        # ok: python-jwt-verification-disabled
        payload = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="Invalid token")
    return {"id": payload["sub"], "role": payload.get("role", "user")}


@app.get("/admin/stats")
def admin_stats(user=Depends(get_current_user)):
    if user["role"] != "admin":
        raise HTTPException(status_code=403)
    return {"users": 1234}


def legacy_decode(token):
    # ruleid: python-jwt-verification-disabled
    return jwt.decode(token, SECRET_KEY, verify=False)


def decode_any_alg(token):
    # ruleid: python-jwt-verification-disabled
    return jwt.decode(token, SECRET_KEY, algorithms=["HS256", "none"])


def decode_refresh_token(token):
    # ruleid: python-jwt-verification-disabled
    claims = jose_jwt.decode(
        token,
        SECRET_KEY,
        algorithms=["HS256"],
        options={"verify_exp": False, "verify_aud": False},
    )
    return claims["sub"]


def decode_with_audience(token):
    # ok: python-jwt-verification-disabled
    return jwt.decode(token, SECRET_KEY, algorithms=["HS256"], options={"require": ["exp", "sub"]})


def key_id(token):
    # ok: python-jwt-verification-disabled
    return jwt.get_unverified_header(token).get("kid")
