// MCP server exposing workspace tools to a coding agent.
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");
const { runShell, runScript, runGit } = require("./shell");

const server = new McpServer({ name: "workspace", version: "0.1.0" });

server.tool("exec", "Run a shell command in the workspace", { command: z.string() }, async ({ command }) => {
  // The sink sits in the Promise executor closure inside runShell (shell.js).
  // ruleid: js-llm-output-to-code-execution
  const output = await runShell(command, "/workspace");
  return { content: [{ type: "text", text: output }] };
});

server.tool("run_script", "Run a script with bash", { script: z.string(), cwd: z.string() }, async ({ script, cwd }) => {
  // ruleid: js-llm-output-to-code-execution
  const output = await runScript(script, cwd);
  return { content: [{ type: "text", text: output }] };
});

server.tool("git_log", "Show recent commits", { count: z.number() }, async ({ count }) => {
  // ok: js-llm-output-to-code-execution
  const output = await runGit(["log", "-n", String(count)], "/workspace");
  return { content: [{ type: "text", text: output }] };
});

module.exports = { server };
