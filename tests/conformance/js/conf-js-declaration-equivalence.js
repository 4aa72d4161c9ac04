function a(id) {
  const q = "SELECT * FROM t WHERE id = " + id;
  // ruleid: conf-js-declaration-equivalence
  db.query(q);
}
function b(id) {
  let q = "SELECT 1";
  // ok: conf-js-declaration-equivalence
  db.query(q);
}
