-- Neovim end-to-end test of `rolekit lsp`, run by tests/editors/run-nvim.sh:
--   nvim --headless --clean -u editors/nvim/rolekit.lua -c 'luafile tests/editors/nvim-test.lua'
-- with ROLEKIT_E2E_FILE = a copy of tests/fixtures/editors/platform-engineer.md
-- (`tone: concise-technicl`). Asserts that the `invalid-enum` diagnostic
-- arrives on the value, that completion after `tone: ` offers
-- `concise-technical`, that the quick fix clears it, that semantic tokens
-- mark the `tone` key and value, that a child role's
-- inlay hints show what it inherits and that renaming the parent from the
-- child renames its file, its `role:` and the reference; a README gets
-- nothing. Every wait has a timeout; exits non-zero on failure.
local file = os.getenv('ROLEKIT_E2E_FILE')
local timeout = tonumber(os.getenv('ROLEKIT_E2E_TIMEOUT_MS') or '') or 10000
local start = vim.uv.hrtime()
local failures = 0

local function out(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
  io.stdout:flush()
end
local function ms()
  return (vim.uv.hrtime() - start) / 1e6
end
local function check(name, ok, detail)
  if ok then
    out('ok   nvim: %s (%.0f ms)', name, ms())
  else
    failures = failures + 1
    out('FAIL nvim: %s (%.0f ms)%s', name, ms(), detail and ('\n     ' .. detail) or '')
  end
  return ok
end
-- How the server process ended (added to the user's config, which it merges into).
-- and what it logged or showed (window/logMessage, window/showMessage).
local server_exit
local server_messages = {}
local function record(kind)
  return function(_, result)
    table.insert(server_messages, { kind = kind, type = result.type, message = result.message })
  end
end
vim.lsp.config('rolekit', {
  on_exit = function(code, signal)
    server_exit = { code = code, signal = signal }
  end,
  handlers = {
    ['window/logMessage'] = record('log'),
    ['window/showMessage'] = record('show'),
  },
})

local function finish()
  -- Stop the server gracefully (shutdown + exit) and wait for it to exit by itself.
  local started = #vim.lsp.get_clients() > 0
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop()
  end
  if not vim.wait(5000, function() return server_exit ~= nil end, 10) then
    for _, client in ipairs(vim.lsp.get_clients()) do
      client:stop(true)
    end
    vim.wait(2000, function() return #vim.lsp.get_clients() == 0 end, 10)
  end
  local errors = {}
  for _, m in ipairs(server_messages) do
    out('     server %sMessage (type %d): %s', m.kind, m.type, m.message)
    if m.type == vim.lsp.protocol.MessageType.Error then
      table.insert(errors, m.message)
    end
  end
  check('server reported no errors (window/logMessage, window/showMessage)', #errors == 0, table.concat(errors, '; '))
  if started then
    check('server exits 0 after shutdown + exit', server_exit ~= nil and server_exit.code == 0 and server_exit.signal == 0,
      server_exit and string.format('exit code %d, signal %d', server_exit.code, server_exit.signal)
        or 'still running after 5 s (killed)')
  end
  out('nvim: %d failed (%.0f ms)', failures, ms())
  vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
end

local ok, err = xpcall(function()
  assert(file and file ~= '', 'ROLEKIT_E2E_FILE is not set')
  out('nvim: %s', vim.version and tostring(vim.version()) or '?')
  vim.cmd.edit(vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()

  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local tone_line
  for i, l in ipairs(lines) do
    if l:match('^tone: ') then
      tone_line = i - 1
      break
    end
  end
  assert(tone_line, 'the fixture has no `tone: ` line')
  local value_col = #'tone: '

  check('filetype is markdown', vim.bo[buf].filetype == 'markdown', 'filetype = ' .. vim.bo[buf].filetype)

  -- The client from editors/nvim/rolekit.lua attaches and initializes.
  local client
  vim.wait(timeout, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'rolekit' })[1]
    return client ~= nil and client.initialized == true
  end, 10)
  if not check('rolekit client attached and initialized', client ~= nil and client.initialized == true,
      'no initialized rolekit client on the buffer; clients: '
        .. vim.inspect(vim.tbl_map(function(c) return c.name end, vim.lsp.get_clients()))) then
    return
  end
  out('     root %s, position encoding %s, diagnostics %s', tostring(client.root_dir),
    tostring(client.offset_encoding),
    client.server_capabilities.diagnosticProvider and 'pulled (textDocument/diagnostic)' or 'pushed')

  check('omnifunc is vim.lsp.omnifunc (<C-x><C-o> completes)', vim.bo[buf].omnifunc == 'v:lua.vim.lsp.omnifunc',
    'omnifunc = ' .. vim.bo[buf].omnifunc)

  -- Diagnostics (pushed or pulled, whichever the server and Neovim agree on).
  local function rolekit_diag()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'invalid-enum' then
        return d
      end
    end
  end
  vim.wait(timeout, function() return rolekit_diag() ~= nil end, 10)
  local received = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(received, string.format('%d:%d-%s:%s [%s/%s] %s', d.lnum, d.col, tostring(d.end_lnum),
      tostring(d.end_col), tostring(d.source), tostring(d.code), d.message))
  end
  out('     diagnostics received: %s', #received == 0 and '(none)' or ('\n       ' .. table.concat(received, '\n       ')))
  local d = rolekit_diag()
  if check('invalid-enum diagnostic arrives', d ~= nil, 'no diagnostic with code invalid-enum') then
    check('diagnostic from source rolekit', d.source == 'rolekit', 'source = ' .. tostring(d.source))
    check(string.format('diagnostic on the value (line %d, column %d)', tone_line, value_col),
      d.lnum == tone_line and d.col == value_col and d.end_lnum == tone_line and d.end_col == #lines[tone_line + 1],
      string.format('got %d:%d-%s:%s', d.lnum, d.col, tostring(d.end_lnum), tostring(d.end_col)))
    check('diagnostic is an error', d.severity == vim.diagnostic.severity.ERROR, 'severity = ' .. tostring(d.severity))
    local lsp_d = d.user_data and d.user_data.lsp or {}
    local href = lsp_d.codeDescription and lsp_d.codeDescription.href
    check('diagnostic links its rule document', type(href) == 'string' and href:find('invalid-enum', 1, true) ~= nil,
      'codeDescription = ' .. vim.inspect(lsp_d.codeDescription))
  end

  -- Completion right after `tone: `, as the editor asks for it.
  vim.api.nvim_win_set_cursor(0, { tone_line + 1, value_col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  params.context = { triggerKind = 1 }
  local responses, req_err = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, timeout)
  local labels, errors = {}, {}
  for _, r in pairs(responses or {}) do
    if r.err then
      table.insert(errors, vim.inspect(r.err))
    end
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do
      table.insert(labels, item.label)
    end
  end
  out('     completion at %d:%d: %s', params.position.line, params.position.character,
    #labels == 0 and '(no items)' or table.concat(labels, ', '))
  check('completion answered without error', responses ~= nil and #errors == 0,
    tostring(req_err) .. ' ' .. table.concat(errors, '; '))
  check('completion offers concise-technical', vim.tbl_contains(labels, 'concise-technical'),
    'labels: ' .. table.concat(labels, ', '))

  -- The quick fix on the diagnostic, applied by the editor, clears it: the
  -- server's edit, Neovim's incremental didChange and the refreshed
  -- diagnostics, end to end.
  if d then
    local lsp_d = d.user_data and d.user_data.lsp
    local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = lsp_d.range,
      context = { diagnostics = { lsp_d }, only = { 'quickfix' } },
    }, timeout) or {}
    local fix, titles = nil, {}
    for _, r in pairs(actions) do
      for _, a in ipairs(r.result or {}) do
        table.insert(titles, a.title)
        if not fix and a.title:find('concise-technical', 1, true) then
          fix = a
        end
      end
    end
    out('     quick fixes: %s', #titles == 0 and '(none)' or table.concat(titles, ' | '))
    if fix and not fix.edit and fix.data then
      local resolved = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', fix, timeout) or {}
      for _, r in pairs(resolved) do
        fix = r.result or fix
      end
    end
    if check('quick fix to concise-technical offered, with an edit', fix ~= nil and fix.edit ~= nil,
        'titles: ' .. table.concat(titles, ' | ')) then
      vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
      local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
      local expected = vim.deepcopy(lines)
      expected[tone_line + 1] = 'tone: concise-technical'
      check('the fix edits only the value', vim.deep_equal(after, expected),
        'tone line is now ' .. vim.inspect(after[tone_line + 1]) .. ', ' .. #after .. ' lines (was ' .. #lines .. ')')
      local cleared = vim.wait(timeout, function() return rolekit_diag() == nil end, 10)
      check('the diagnostic clears after the fix', cleared,
        'still: ' .. vim.inspect(rolekit_diag() and rolekit_diag().message))
    end
  end

  -- Semantic tokens, as Neovim requests, decodes and highlights them: the
  -- `tone` key is a property and its (fixed) value an enum member.
  local function token_types(row, col)
    local types = {}
    for _, t in ipairs(vim.lsp.semantic_tokens.get_at_pos(buf, row, col) or {}) do
      table.insert(types, t.type)
    end
    return types
  end
  local key_types, value_types = {}, {}
  local tokens_ok = vim.wait(timeout, function()
    key_types, value_types = token_types(tone_line, 1), token_types(tone_line, value_col + 1)
    return vim.tbl_contains(key_types, 'property') and vim.tbl_contains(value_types, 'enumMember')
  end, 50)
  check('semantic tokens: the tone key is a property, its value an enum member', tokens_ok,
    'key: ' .. vim.inspect(key_types) .. ', value: ' .. vim.inspect(value_types))

  -- Across files: a child role's inlay hints name what it inherits from the
  -- parent, and renaming the parent from the child's `inherits:` renames the
  -- parent's file, its `role:` and the reference, as Neovim applies it.
  vim.api.nvim_buf_call(buf, function() vim.cmd('silent write') end)
  local dir = vim.fs.dirname(file)
  local child = vim.fs.joinpath(dir, 'child-role.md')
  vim.fn.writefile({ '---', 'role: child-role', 'inherits: platform-engineer', 'description: A child role.', '---', '# Child', '' }, child)
  vim.cmd.edit(vim.fn.fnameescape(child))
  local cbuf = vim.api.nvim_get_current_buf()
  vim.wait(timeout, function() return #vim.lsp.get_clients({ bufnr = cbuf, name = 'rolekit' }) > 0 end, 10)
  local labels = {}
  vim.wait(timeout, function()
    local r = vim.lsp.buf_request_sync(cbuf, 'textDocument/inlayHint', {
      textDocument = { uri = vim.uri_from_bufnr(cbuf) },
      range = { start = { line = 0, character = 0 }, ['end'] = { line = 7, character = 0 } },
    }, timeout) or {}
    labels = {}
    for _, resp in pairs(r) do
      for _, h in ipairs(resp.result or {}) do
        local label = h.label
        if type(label) == 'table' then
          label = table.concat(vim.tbl_map(function(p) return p.value end, label))
        end
        table.insert(labels, label)
      end
    end
    return #labels > 0
  end, 50)
  out('     inlay hints: %s', #labels == 0 and '(none)' or table.concat(labels, ' | '))
  check('inlay hints show values inherited from platform-engineer',
    #labels > 0 and vim.iter(labels):any(function(l) return l:find('tone: concise-technical', 1, true) ~= nil and l:find('platform-engineer', 1, true) ~= nil end),
    table.concat(labels, ' | '))

  local rename = vim.lsp.buf_request_sync(cbuf, 'textDocument/rename', {
    textDocument = { uri = vim.uri_from_bufnr(cbuf) },
    position = { line = 2, character = #'inherits: pl' },
    newName = 'platform-lead',
  }, timeout) or {}
  local edit
  for _, resp in pairs(rename) do
    edit = edit or resp.result
  end
  local ops = edit and edit.documentChanges or {}
  local renamed_file = vim.iter(ops):any(function(op)
    return op.kind == 'rename' and op.oldUri:match('platform%-engineer%.md$') and op.newUri:match('platform%-lead%.md$')
  end)
  if check('rename answers one workspace edit renaming the parent file', renamed_file, vim.inspect(edit)) then
    vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding)
    check('the child now inherits platform-lead', vim.api.nvim_buf_get_lines(cbuf, 2, 3, false)[1] == 'inherits: platform-lead',
      vim.inspect(vim.api.nvim_buf_get_lines(cbuf, 0, -1, false)))
    local lead = vim.fs.joinpath(dir, 'platform-lead.md')
    local lbuf = vim.fn.bufnr(lead)
    check('the parent file is renamed on disk', vim.uv.fs_stat(lead) ~= nil and vim.uv.fs_stat(vim.fs.joinpath(dir, 'platform-engineer.md')) == nil)
    check("the parent's role: is platform-lead", lbuf > 0 and vim.tbl_contains(vim.api.nvim_buf_get_lines(lbuf, 0, 10, false), 'role: platform-lead'),
      lbuf > 0 and vim.inspect(vim.api.nvim_buf_get_lines(lbuf, 0, 5, false)) or 'no buffer for ' .. lead)
  end

  -- A Markdown file that is not a role file stays quiet: the client attaches
  -- (filetype markdown) but gets no diagnostics and no completion.
  local readme = vim.fs.joinpath(vim.fs.dirname(file), 'README.md')
  vim.cmd.edit(vim.fn.fnameescape(readme))
  local rbuf = vim.api.nvim_get_current_buf()
  local attached = vim.wait(timeout, function()
    return #vim.lsp.get_clients({ bufnr = rbuf, name = 'rolekit' }) > 0
  end, 10)
  if check('rolekit client attached to README.md', attached) then
    local r = vim.lsp.buf_request_sync(rbuf, 'textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(rbuf) },
      position = { line = 0, character = 0 },
    }, timeout) or {}
    local n = 0
    for _, resp in pairs(r) do
      local items = resp.result and (resp.result.items or resp.result) or {}
      n = n + #items
    end
    -- Anything the server pushed or answered to a pull before the completion
    -- round trip would be here by now; allow a short settle all the same.
    vim.wait(300, function() return #vim.diagnostic.get(rbuf) > 0 end, 10)
    local got = vim.diagnostic.get(rbuf)
    check('README.md gets no diagnostics', #got == 0,
      table.concat(vim.tbl_map(function(x) return tostring(x.code) .. ': ' .. x.message end, got), '; '))
    check('README.md gets no completion items', n == 0, n .. ' items')
  end
end, debug.traceback)
if not ok then
  failures = failures + 1
  out('FAIL nvim: error: %s', tostring(err))
end
finish()
