import express from 'express';
import libxmljs from 'libxmljs2';
import { XMLParser } from 'fast-xml-parser';

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'] }));

// "Parse uploaded invoices (XML) and expand the entities they use"
app.post('/api/invoices', (req, res) => {
  // ruleid: js-xml-external-entities-enabled
  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });
  res.json({ total: doc.get('//Total')?.text() });
});

export function parseSamlResponse(xml: string) {
  // ruleid: js-xml-external-entities-enabled
  return libxmljs.parseXmlString(xml, { noent: true, dtdload: true });
}

export function parseFeed(xml: string) {
  // ruleid: js-xml-external-entities-enabled
  return libxmljs.parseXml(xml, { noent: true });
}

app.post('/api/invoices-safe', (req, res) => {
  // ok: js-xml-external-entities-enabled
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true, noblanks: true });
  res.json({ total: doc.get('//Total')?.text() });
});

export function parseFeedSafe(xml: string) {
  // ok: js-xml-external-entities-enabled
  return new XMLParser({ ignoreAttributes: false }).parse(xml);
}

export function parseDefault(xml: string) {
  // ok: js-xml-external-entities-enabled
  return libxmljs.parseXml(xml);
}

export default app;
