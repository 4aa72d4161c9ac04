import subprocess
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("workspace-tools")
ROOT = Path("/srv/workspace").resolve()
ALLOWED_COMMANDS = {"status": ["git", "status"], "log": ["git", "log", "-n", "20"]}


@mcp.tool()
def read_file(path: str) -> str:
    """Read a file from the workspace."""
    # ruleid: python-mcp-tool-unrestricted-file-or-process-access
    with open(path) as fh:
        return fh.read()


@mcp.tool()
def read_file_safe(path: str) -> str:
    """Read a file from the workspace."""
    target = (ROOT / path).resolve()
    if not target.is_relative_to(ROOT):
        raise ValueError("path outside the workspace")
    # ok: python-mcp-tool-unrestricted-file-or-process-access
    return target.read_text()


@mcp.tool()
def write_note(name: str, content: str) -> str:
    """Save a note."""
    # ruleid: python-mcp-tool-unrestricted-file-or-process-access
    Path(ROOT / "notes" / name).write_text(content)
    return "saved"


@mcp.tool()
def run_tests(test_path: str) -> str:
    """Run pytest on a file or folder."""
    # ruleid: python-mcp-tool-unrestricted-file-or-process-access
    result = subprocess.run(["pytest", "-q", test_path], capture_output=True, text=True, cwd=ROOT)
    return result.stdout[-4000:]


@mcp.tool()
def git(action: str) -> str:
    """Run an allowed git command."""
    if action not in ALLOWED_COMMANDS:
        raise ValueError("unknown action")
    # ok: python-mcp-tool-unrestricted-file-or-process-access
    return subprocess.run(ALLOWED_COMMANDS[action], cwd=ROOT, capture_output=True, text=True).stdout


@mcp.tool()
def word_count(text: str) -> int:
    """Count words in a text."""
    # ok: python-mcp-tool-unrestricted-file-or-process-access
    return len(text.split())
