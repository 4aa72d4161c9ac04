def view(r):
    # ruleid: conf-python-either-of-insides
    render(r)
def api(r):
    # ruleid: conf-python-either-of-insides
    render(r)
def other(r):
    # ok: conf-python-either-of-insides
    render(r)
