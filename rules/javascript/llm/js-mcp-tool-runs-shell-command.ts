import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { exec, execSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const REPO = process.env.REPO_DIR ?? process.cwd();

const server = new McpServer({ name: 'dev-tools', version: '1.0.0' });

// "Add a tool so Claude can run shell commands in the project"
server.tool('run_command', 'Run a shell command in the repo', { command: z.string() }, async ({ command }) => {
  // ruleid: js-mcp-tool-runs-shell-command
  const output = execSync(command, { cwd: REPO, encoding: 'utf8' });
  return { content: [{ type: 'text', text: output }] };
});

server.registerTool(
  'git_checkout',
  { description: 'Check out a branch', inputSchema: { branch: z.string() } },
  async ({ branch }) => {
    // shell string built with a template: reported by js-child-process-exec-with-template
    // ok: js-mcp-tool-runs-shell-command
    const { stdout } = await execAsync(`git checkout ${branch}`, { cwd: REPO });
    return { content: [{ type: 'text', text: stdout }] };
  },
);

server.registerTool(
  'run_script',
  { description: 'Run a project script', inputSchema: { script: z.string() } },
  async (args) => {
    // ruleid: js-mcp-tool-runs-shell-command
    const { stdout, stderr } = await execAsync(args.script, { cwd: REPO, timeout: 60_000 });
    return { content: [{ type: 'text', text: stdout || stderr }] };
  },
);

server.tool('exec', 'Execute a command', { cmd: z.string() }, async ({ cmd }) => {
  const command = cmd.trim();
  return new Promise((resolve) => {
    // ruleid: js-mcp-tool-runs-shell-command
    exec(command, { cwd: REPO }, (err, stdout) => resolve({ content: [{ type: 'text', text: err ? err.message : stdout }] }));
  });
});

server.registerTool(
  'git_log',
  { description: 'Recent commits', inputSchema: { maxCount: z.number().int().min(1).max(50) } },
  async ({ maxCount }) => {
    // ok: js-mcp-tool-runs-shell-command
    const { stdout } = await execFileAsync('git', ['log', `--max-count=${maxCount}`, '--oneline'], { cwd: REPO });
    return { content: [{ type: 'text', text: stdout }] };
  },
);

server.tool('disk_usage', {}, async () => {
  // ok: js-mcp-tool-runs-shell-command
  const out = execSync('df -h /', { encoding: 'utf8' });
  return { content: [{ type: 'text', text: out }] };
});

function localHelper(cmd: string) {
  // outside any MCP tool handler (reported by js-child-process-exec-with-template if built from strings)
  // ok: js-mcp-tool-runs-shell-command
  return execSync(cmd, { encoding: 'utf8' });
}

await server.connect(new StdioServerTransport());
export { localHelper };
