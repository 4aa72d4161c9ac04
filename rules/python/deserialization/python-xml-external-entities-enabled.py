import xml.sax

import defusedxml.ElementTree as SafeET
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/invoices/import", methods=["POST"])
def import_invoice():
    # ruleid: python-xml-external-entities-enabled
    parser = etree.XMLParser(resolve_entities=True, remove_blank_text=True)
    root = etree.fromstring(request.data, parser)
    return jsonify({"customer": root.findtext("customer"), "total": root.findtext("total")})


@app.route("/invoices/import/safe", methods=["POST"])
def import_invoice_safe():
    # ok: python-xml-external-entities-enabled
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    root = etree.fromstring(request.data, parser)
    return jsonify({"customer": root.findtext("customer"), "total": root.findtext("total")})


@app.route("/feeds/import", methods=["POST"])
def import_feed():
    # ok: python-xml-external-entities-enabled
    root = SafeET.fromstring(request.data)
    return jsonify({"items": len(root.findall(".//item"))})


def validate_against_dtd(xml_bytes: bytes):
    # ruleid: python-xml-external-entities-enabled
    parser = etree.XMLParser(dtd_validation=True, no_network=False)
    return etree.fromstring(xml_bytes, parser)


class CountHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        self.count += 1


def count_elements(path: str) -> int:
    handler = CountHandler()
    parser = xml.sax.make_parser()
    # ruleid: python-xml-external-entities-enabled
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(path)
    return handler.count


def count_elements_safe(path: str) -> int:
    handler = CountHandler()
    parser = xml.sax.make_parser()
    # ok: python-xml-external-entities-enabled
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setContentHandler(handler)
    parser.parse(path)
    return handler.count
