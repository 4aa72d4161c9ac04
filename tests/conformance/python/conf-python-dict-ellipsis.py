import jwt
# ruleid: conf-python-dict-ellipsis
jwt.decode(t, options={"verify_signature": False})
# ruleid: conf-python-dict-ellipsis
jwt.decode(t, k, options={"verify_exp": True, "verify_signature": False})
# ok: conf-python-dict-ellipsis
jwt.decode(t, k, options={"verify_signature": True})
