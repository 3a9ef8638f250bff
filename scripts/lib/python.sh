# Shared by scripts/setup.d/60-python.sh, scripts/build-wheel.sh and the
# dist and tokens tests: a virtual environment with the pinned Python tools.
PY_TOOLS="${ROLEKIT_TOOLS_DIR:-$PWD/target/tools}/python"
MATURIN_VERSION="1.9.6"
MCP_VERSION="1.26.0"
PRE_COMMIT_VERSION="4.3.0"
# OpenAI's tokenizer, the reference rolekit's token counts are held to (scripts/test.d/65-tokens.sh).
TIKTOKEN_VERSION="0.14.0"

ensure_python_tools() {
  if [ -x "$PY_TOOLS/bin/maturin" ] && "$PY_TOOLS/bin/maturin" --version | grep -q "$MATURIN_VERSION" \
    && "$PY_TOOLS/bin/python" -c "import mcp, tiktoken; assert tiktoken.__version__ == '$TIKTOKEN_VERSION'" 2>/dev/null \
    && [ -x "$PY_TOOLS/bin/pre-commit" ]; then
    return 0
  fi
  command -v python3 >/dev/null || { echo "python3 not found" >&2; return 2; }
  rm -rf "$PY_TOOLS"
  python3 -m venv "$PY_TOOLS"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$PY_TOOLS/bin/pip" install --quiet "maturin==$MATURIN_VERSION" "mcp==$MCP_VERSION" "pre-commit==$PRE_COMMIT_VERSION" "tiktoken==$TIKTOKEN_VERSION"
}
