const express = require("express");
const ejs = require("ejs");
const Handlebars = require("handlebars");
const pug = require("pug");
const _ = require("lodash");

const app = express();
app.use(express.json());

const GREETING = "<h1>Hello <%= name %></h1>";
const LAYOUTS = { simple: "<p>{{body}}</p>", card: "<div class='card'>{{body}}</div>" };

function renderInvoice(layout, data) {
  const source = `<html><body>${layout}</body></html>`;
  // ruleid: js-template-injection-from-request
  const template = Handlebars.compile(source);
  return template(data);
}

app.get("/greet", (req, res) => {
  const name = req.query.name || "guest";
  // ruleid: js-template-injection-from-request
  const html = ejs.render("<h1>Hello " + name + "</h1>", {});
  res.send(html);
});

app.post("/invoices/preview", (req, res) => {
  const { layout, invoice } = req.body;
  res.send(renderInvoice(layout, invoice));
});

app.post("/emails/preview", (req, res) => {
  const subject = req.body.subject;
  // ruleid: js-template-injection-from-request
  const compiled = _.template(`Subject: ${subject}\n\nHi <%= user %>`);
  res.type("text/plain").send(compiled({ user: "Ana" }));
});

app.get("/badge", (req, res) => {
  const label = req.query.label;
  // ruleid: js-template-injection-from-request
  res.send(pug.render(`span.badge ${label}`));
});

app.get("/greet/safe", (req, res) => {
  const name = req.query.name || "guest";
  // ok: js-template-injection-from-request
  res.send(ejs.render(GREETING, { name }));
});

app.post("/cards", (req, res) => {
  const { layout, body } = req.body;
  if (!Object.keys(LAYOUTS).includes(layout)) {
    return res.status(400).json({ error: "unknown layout" });
  }
  // ok: js-template-injection-from-request
  const template = Handlebars.compile(LAYOUTS[layout]);
  res.send(template({ body }));
});

app.get("/profile", (req, res) => {
  // ok: js-template-injection-from-request
  res.render("profile", { bio: req.query.bio });
});
