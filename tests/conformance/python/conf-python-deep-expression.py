# ruleid: conf-python-deep-expression
eval(request.args["x"] + "1")
# ruleid: conf-python-deep-expression
eval(f(g(request)))
# ok: conf-python-deep-expression
eval("1 + 1")
