// Process helpers for the MCP server (no model output is read in this file).
const { exec, execFile } = require("node:child_process");
const { promisify } = require("node:util");

const execAsync = promisify(exec);

function runShell(command, cwd) {
  return new Promise((resolve, reject) => {
    // ok: js-llm-output-to-code-execution
    exec(command, { cwd }, (err, stdout, stderr) => (err ? reject(err) : resolve(stdout + stderr)));
  });
}

async function runScript(script, cwd) {
  // ok: js-llm-output-to-code-execution
  const { stdout } = await execAsync(script, { cwd, timeout: 60_000 });
  return stdout;
}

function runGit(args, cwd) {
  return new Promise((resolve, reject) => {
    // ok: js-llm-output-to-code-execution
    execFile("git", args, { cwd }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

module.exports = { runShell, runScript, runGit };
