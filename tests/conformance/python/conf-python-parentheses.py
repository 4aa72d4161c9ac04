import pickle
# ruleid: conf-python-parentheses
(pickle.loads)(data)
# ruleid: conf-python-parentheses
pickle.loads((data))
# ok: conf-python-parentheses
pickle.dumps(data)
