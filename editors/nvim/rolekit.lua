-- rolekit language server for Neovim 0.11+: role files are Markdown.
-- Copy to ~/.config/nvim/plugin/rolekit.lua (or require it from init.lua)
-- with `rolekit` on PATH. The end-to-end test loads this very file.
vim.lsp.config('rolekit', {
  cmd = { 'rolekit', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'rolekit.toml', '.git' },
  settings = {
    rolekit = {
      rules = { mojibake = 'warning' },
      roleGlobs = {},
    },
  },
})
vim.lsp.enable('rolekit')
