from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
users_doc = etree.parse("users.xml")
catalog = etree.parse("catalog.xml")
NS = {"c": "urn:example:catalog"}


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    # ruleid: python-xpath-built-from-string
    matches = users_doc.xpath(f"//user[@name='{username}' and @password='{password}']")
    if not matches:
        abort(401)
    return jsonify({"role": matches[0].get("role")})


@app.route("/login/safe", methods=["POST"])
def login_safe():
    username = request.form["username"]
    password = request.form["password"]
    # ok: python-xpath-built-from-string
    matches = users_doc.xpath("//user[@name=$name and @password=$pw]", name=username, pw=password)
    if not matches:
        abort(401)
    return jsonify({"role": matches[0].get("role")})


@app.route("/products")
def products_by_brand():
    brand = request.args.get("brand", "")
    # ruleid: python-xpath-built-from-string
    nodes = catalog.xpath("//c:product[c:brand='%s']/c:name/text()" % brand, namespaces=NS)
    return jsonify(list(nodes))


@app.route("/products/<int:index>")
def product_at(index: int):
    # ok: python-xpath-built-from-string
    nodes = catalog.xpath(f"(//c:product)[{index + 1}]/c:name/text()", namespaces=NS)
    return jsonify(list(nodes))


def find_by_sku(sku: str):
    query = "//product[@sku=\"" + sku + "\"]"
    # ruleid: python-xpath-built-from-string
    return catalog.xpath(query)


def find_by_sku_compiled(sku: str):
    by_sku = etree.XPath("//product[@sku=$sku]")
    # ok: python-xpath-built-from-string
    return by_sku(catalog, sku=sku)


def children_named(tag: str):
    # ok: python-xpath-built-from-string
    return catalog.xpath(f"//c:{tag}", namespaces=NS)
