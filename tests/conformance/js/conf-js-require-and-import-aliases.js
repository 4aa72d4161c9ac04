const cp = require('child_process');
const { exec } = require('node:child_process');
const { exec: run } = require("child_process");
// ruleid: conf-js-require-and-import-aliases
cp.exec(cmd);
// ruleid: conf-js-require-and-import-aliases
exec(cmd);
// ruleid: conf-js-require-and-import-aliases
run(cmd);
// ok: conf-js-require-and-import-aliases
other.exec(cmd);
