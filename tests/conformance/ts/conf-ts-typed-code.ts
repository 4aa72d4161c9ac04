import * as crypto from 'crypto';
function h(x: string): string {
  // ruleid: conf-ts-typed-code
  return crypto.createHash("md5").update(x).digest("hex");
}
// ok: conf-ts-typed-code
const s: string = crypto.createHash("sha256").update("a").digest("hex");
