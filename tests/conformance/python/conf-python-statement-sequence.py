def a():
    # ruleid: conf-python-statement-sequence
    f = open(p, "w")
    log("x")
    f.write(data)

def b():
    # ruleid: conf-python-statement-sequence
    f = open(p, "w")
    if ok:
        f.write(data)

def c():
    # ok: conf-python-statement-sequence
    f = open(p, "w")
    g.write(data)
