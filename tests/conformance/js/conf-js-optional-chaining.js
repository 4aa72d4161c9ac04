// ruleid: conf-js-optional-chaining
document?.write(html);
// ruleid: conf-js-optional-chaining
win.document.write(html);
// ok: conf-js-optional-chaining
document.writeln(html);
