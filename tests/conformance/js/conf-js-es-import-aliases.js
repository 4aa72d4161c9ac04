import * as cp from 'child_process';
import { execSync as es } from 'node:child_process';
// ruleid: conf-js-es-import-aliases
cp.execSync(cmd);
// ruleid: conf-js-es-import-aliases
es(cmd);
// ok: conf-js-es-import-aliases
execSync(cmd);
