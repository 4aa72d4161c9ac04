import { exec, execFile, execSync } from "node:child_process";
import vm from "node:vm";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { openai } from "@ai-sdk/openai";
import { generateText, tool } from "ai";
import OpenAI from "openai";
import { z } from "zod";

const execAsync = promisify(exec);
const client = new OpenAI();
const server = new McpServer({ name: "devtools", version: "1.0.0" });

const COMMANDS: Record<string, string[]> = { status: ["status"], log: ["log", "-n", "20"] };

async function generateSnippet(task: string) {
  const completion = await client.chat.completions.create({
    model: "gpt-4o",
    messages: [
      { role: "system", content: "Reply with JavaScript code only." },
      { role: "user", content: task },
    ],
  });
  const raw = completion.choices[0].message.content ?? "";
  return raw.replace(/^```(js|javascript)?/, "").replace(/```$/, "");
}

export async function runTask(task: string) {
  const code = await generateSnippet(task);
  // ruleid: js-llm-output-to-code-execution
  return eval(code);
}

server.tool("run_command", "Run a shell command in the workspace", { command: z.string() }, async ({ command }) => {
  // ruleid: js-llm-output-to-code-execution
  const { stdout, stderr } = await execAsync(command, { cwd: "/workspace" });
  return { content: [{ type: "text", text: stdout + stderr }] };
});

export const shellTool = tool({
  description: "Execute a shell command",
  parameters: z.object({ cmd: z.string(), cwd: z.string().optional() }),
  execute: async ({ cmd, cwd }) => {
    // ruleid: js-llm-output-to-code-execution
    return execSync(cmd, { cwd: cwd ?? process.cwd() }).toString();
  },
});

export async function computeWithModel(question: string) {
  const { text } = await generateText({
    model: openai("gpt-4o-mini"),
    prompt: `Write a single JavaScript expression that computes: ${question}`,
  });
  const sandbox = vm.createContext({});
  // ruleid: js-llm-output-to-code-execution
  return vm.runInContext(text, sandbox, { timeout: 500 });
}

export async function handleToolCalls(completion: OpenAI.Chat.ChatCompletion) {
  for (const call of completion.choices[0].message.tool_calls ?? []) {
    const args = JSON.parse(call.function.arguments);
    // ruleid: js-llm-output-to-code-execution
    exec(`git ${args.subcommand}`, (err, out) => console.log(out));
  }
}

server.tool("git", "Run an allowed git command", { action: z.string() }, async ({ action }) => {
  if (!Object.keys(COMMANDS).includes(action)) {
    return { content: [{ type: "text", text: "unknown action" }] };
  }
  // ok: js-llm-output-to-code-execution
  const out = execSync(`git ${COMMANDS[action].join(" ")}`).toString();
  return { content: [{ type: "text", text: out }] };
});

server.tool("grep", "Search the workspace", { pattern: z.string() }, async ({ pattern }) => {
  // ok: js-llm-output-to-code-execution
  execFile("grep", ["-rn", "--", pattern, "/workspace"], (err, out) => console.log(out));
  return { content: [{ type: "text", text: "started" }] };
});

export async function classify(text: string) {
  const { text: label } = await generateText({ model: openai("gpt-4o-mini"), prompt: `Label: ${text}` });
  // ok: js-llm-output-to-code-execution
  const parsed = JSON.parse(label);
  // ok: js-llm-output-to-code-execution
  exec("logger 'classification done'");
  return parsed;
}
