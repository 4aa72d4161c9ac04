from flask import Flask
app = Flask(__name__)
other.run(debug=True)
if __name__ == "__main__":
    # ruleid: conf-python-pattern-inside-block-extension
    app.run(debug=True)
    # ok: conf-python-pattern-inside-block-extension
    app.run(debug=False)
