def handler(a, b=1, *args, **kw):
    # ruleid: conf-python-function-ellipsis
    print(a)
# ok: conf-python-function-ellipsis
print(b)
