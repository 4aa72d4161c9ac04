async function handler(req) {
  // ruleid: conf-js-async-functions
  eval(req.body.code);
}
// ok: conf-js-async-functions
eval(code);
