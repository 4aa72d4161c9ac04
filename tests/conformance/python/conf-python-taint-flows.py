import os
import shlex


def flows():
    a = input()
    b, c = a, "x"
    # ruleid: conf-python-taint-flows
    os.system(b)
    # ok: conf-python-taint-flows
    os.system(c)
    parts = []
    parts.append(a)
    # ruleid: conf-python-taint-flows
    os.system(" ".join(parts))
    d = {"cmd": a}
    # ruleid: conf-python-taint-flows
    os.system(d["cmd"])
    e = [x.upper() for x in [a]]
    # ruleid: conf-python-taint-flows
    os.system(e[0])
    f = lambda: a
    g = "ls " + shlex.quote(a)
    # ok: conf-python-taint-flows
    os.system(g)
    h = a
    h = "constant"
    # ok: conf-python-taint-flows
    os.system(h)
    k = a
    if a.startswith("-"):
        k = shlex.quote(a)
    # ruleid: conf-python-taint-flows
    os.system(k)
    with open(a) as fh:
        # ruleid: conf-python-taint-flows
        os.system(fh.read())
    for item in a.split():
        # ruleid: conf-python-taint-flows
        os.system(item)
    n = len(a)
    # ok: conf-python-taint-flows
    os.system(f"echo {n}")
    return f
