"""A real MCP client (the Python `mcp` SDK) against `rolekit mcp` over stdio:
lists the tools and calls each one, checking what comes back.

Usage: python tests/mcp/client.py ROLEKIT_BINARY PROJECT_DIR
"""
import asyncio
import json
import shutil
import sys
from pathlib import Path

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

BIN, PROJECT = sys.argv[1], Path(sys.argv[2])


def text_of(result):
    return "".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def main():
    params = StdioServerParameters(command=BIN, args=["mcp"], cwd=str(PROJECT))
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            assert init.serverInfo.name == "rolekit", init.serverInfo

            tools = {t.name: t for t in (await session.list_tools()).tools}
            assert set(tools) >= {"check", "fix", "format", "stats", "explain", "rules", "resolve"}, sorted(tools)
            assert "paths" in json.dumps(tools["check"].inputSchema), tools["check"].inputSchema

            # check: a folder, as the JSON report of `rolekit check --format json`.
            result = await session.call_tool("check", {"paths": ["roles"]})
            assert not result.isError, text_of(result)
            report = json.loads(text_of(result))
            paths = [f["path"] for f in report["files"]]
            assert paths == ["roles/broken.md", "roles/platform-engineer.md", "roles/site-reliability-engineer.md"], paths
            rules = [d["rule"] for f in report["files"] for d in f["diagnostics"]]
            assert "invalid-type" in rules and "mojibake" in rules, rules

            # check: a draft given as text, its parents found beside `filename`.
            draft = (PROJECT / "roles/site-reliability-engineer.md").read_text().replace("tone: assertive", "tone: loud")
            result = await session.call_tool("check", {"text": draft, "filename": "roles/site-reliability-engineer.md"})
            report = json.loads(text_of(result))
            messages = [d["message"] for d in report["files"][0]["diagnostics"]]
            assert any("`loud` is not a valid `tone`" in m for m in messages), messages
            assert not any(d["rule"] == "inherits-unknown-parent" for d in report["files"][0]["diagnostics"])

            # fix: text in, fixed text out, nothing written.
            result = await session.call_tool("fix", {"text": (PROJECT / "roles/platform-engineer.md").read_text(), "filename": "roles/platform-engineer.md"})
            report = json.loads(text_of(result))
            assert "‚úÖ" not in report["text"] and "✅" in report["text"], report["text"][:200]
            assert report["fixed"] > 0, sorted(report)
            assert "‚úÖ" in (PROJECT / "roles/platform-engineer.md").read_text(), "fix with text writes nothing"

            # fix: a file on disk is rewritten.
            result = await session.call_tool("fix", {"paths": ["roles/platform-engineer.md"]})
            assert not result.isError, text_of(result)
            assert "‚úÖ" not in (PROJECT / "roles/platform-engineer.md").read_text()

            # explain, rules, resolve.
            # format: text in, formatted text out (nothing written); paths: in place.
            messy = "---\nrole: 'site-reliability-engineer'   # pinned\ninherits: platform-engineer\n---\n# SRE\n## Mission Statement\nShip.\n"
            result = await session.call_tool("format", {"text": messy, "filename": "roles/site-reliability-engineer.md"})
            out = json.loads(text_of(result))
            assert out["changed"] and out["refused"] is None, out
            assert out["text"].startswith("---\nrole: site-reliability-engineer # pinned\n") and "## 1. Mission Statement\n\nShip.\n" in out["text"], out["text"]
            result = await session.call_tool("format", {"text": "---\nrole: x\ndescription: d\ntone: [a\n---\n# X\n", "filename": "roles/x.md"})
            out = json.loads(text_of(result))
            assert not out["changed"] and "YAML error" in out["refused"], out
            before = (PROJECT / "roles/platform-engineer.md").read_text()
            result = await session.call_tool("format", {"paths": ["roles/platform-engineer.md"]})
            out = json.loads(text_of(result))
            after = (PROJECT / "roles/platform-engineer.md").read_text()
            assert out["formatted"] == (["roles/platform-engineer.md"] if after != before else []), out
            result = await session.call_tool("format", {"paths": ["roles/platform-engineer.md"]})
            assert json.loads(text_of(result))["formatted"] == [], "formatting twice changes nothing"

            # stats: exact token counts, the parts adding up to the file.
            result = await session.call_tool("stats", {"paths": ["roles/site-reliability-engineer.md"], "encoding": "cl100k_base"})
            out = json.loads(text_of(result))
            assert out["encoding"] == "cl100k_base", out
            (sre,) = out["files"]
            assert sre["path"] == "roles/site-reliability-engineer.md" and sre["tokens"] > 0, sre
            result = await session.call_tool("stats", {"paths": ["roles"], "encoding": "p50k"})
            assert result.isError and "unknown encoding" in text_of(result), text_of(result)

            result = await session.call_tool("explain", {"rule": "invalid-enum"})
            assert text_of(result).startswith("**invalid-enum**"), text_of(result)[:80]
            result = await session.call_tool("explain", {"rule": "no-such-rule"})
            assert result.isError and "unknown rule" in text_of(result), text_of(result)
            result = await session.call_tool("rules", {})
            assert any(r["id"] == "mojibake" for r in json.loads(text_of(result)))
            result = await session.call_tool("resolve", {"path": "roles/site-reliability-engineer.md"})
            role = json.loads(text_of(result))
            assert role["role"] == "site-reliability-engineer" and "capabilities" in role, sorted(role)

            # A missing path is a tool error, not a crash.
            result = await session.call_tool("check", {"paths": ["nope.md"]})
            assert result.isError and "nope.md" in text_of(result), text_of(result)
    print(f"mcp: {len(tools)} tools listed, each called")


asyncio.run(main())
