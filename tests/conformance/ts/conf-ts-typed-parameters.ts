export async function handler(ctx: Context, req: Request): Promise<void> {
  // ruleid: conf-ts-typed-parameters
  eval(req.body.code);
}
function plain(req) {
  // ruleid: conf-ts-typed-parameters
  eval(req.body.code);
}
function other(a: number) {
  // ok: conf-ts-typed-parameters
  eval(config.body.code);
}
