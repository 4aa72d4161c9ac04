// ruleid: conf-js-template-wildcards
exec(`ls ${dir}`);
// ruleid: conf-js-template-wildcards
exec(`git clone ${url} ${dest}`);
// ok: conf-js-template-wildcards
exec(`ls`);
// ok: conf-js-template-wildcards
exec("ls");
