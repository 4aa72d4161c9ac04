const fs = require('fs');
const path = require('path');
const yauzl = require('yauzl');
const AdmZip = require('adm-zip');
const unzipper = require('unzipper');

// "Extract an uploaded theme zip into the themes folder"
function extractTheme(zipPath, dest, done) {
  yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
    if (err) return done(err);
    zip.readEntry();
    zip.on('entry', (entry) => {
      if (/\/$/.test(entry.fileName)) {
        // ruleid: js-archive-entry-path-traversal
        fs.mkdirSync(path.join(dest, entry.fileName), { recursive: true });
        return zip.readEntry();
      }
      zip.openReadStream(entry, (e, stream) => {
        const out = path.join(dest, entry.fileName);
        // ruleid: js-archive-entry-path-traversal
        stream.pipe(fs.createWriteStream(out)).on('finish', () => zip.readEntry());
      });
    });
    zip.on('end', () => done());
  });
}

function extractPlugin(buffer, dest) {
  const zip = new AdmZip(buffer);
  for (const entry of zip.getEntries()) {
    // ruleid: js-archive-entry-path-traversal
    fs.writeFileSync(`${dest}/${entry.entryName}`, entry.getData());
  }
}

function extractSafe(zipPath, dest) {
  const root = path.resolve(dest);
  return fs.createReadStream(zipPath).pipe(unzipper.Parse()).on('entry', (entry) => {
    const target = path.resolve(root, entry.path);
    if (!target.startsWith(root + path.sep)) {
      entry.autodrain();
      return;
    }
    // ok: js-archive-entry-path-traversal
    entry.pipe(fs.createWriteStream(target));
  });
}

function saveUpload(file, uploadDir) {
  // ok: js-archive-entry-path-traversal
  fs.writeFileSync(path.join(uploadDir, `${Date.now()}.bin`), file.buffer);
}

function writeManifest(dest, manifest) {
  // ok: js-archive-entry-path-traversal
  fs.writeFileSync(path.join(dest, 'manifest.json'), JSON.stringify(manifest));
}

module.exports = { extractTheme, extractPlugin, extractSafe, saveUpload, writeManifest };
