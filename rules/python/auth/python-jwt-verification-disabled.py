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


def token_expiry(id_token):
    # ok: python-jwt-verification-disabled
    exp = jwt.decode(id_token, options={"verify_signature": False}).get("exp")
    return exp


def handle_logout(logout_token, providers):
    try:
        # ok: python-jwt-verification-disabled
        unverified_claims = jwt.decode(logout_token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    return unverified_claims.get("iss")


def verify_for_issuer(token, jwks_clients):
    # ok: python-jwt-verification-disabled
    claims = jwt.decode(token, options={"verify_signature": False})
    client = jwks_clients[claims["iss"]]
    signing_key = client.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], audience="api")


def roles_from_token(token):
    # ruleid: python-jwt-verification-disabled
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims.get("roles", [])


def legacy_decode_both(token):
    # ruleid: python-jwt-verification-disabled
    first = jwt.decode(token, SECRET_KEY, verify=False)
    # ruleid: python-jwt-verification-disabled
    return first, jwt.decode(token, SECRET_KEY, options={"verify_exp": False})
