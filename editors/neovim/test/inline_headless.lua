-- Headless end-to-end check of editors/neovim in a real Neovim >= 0.12, run by
-- protocol-tests' NeovimEditorTest (or by hand, see editors/neovim/README.md):
--
--   CODESTRAL_LSP_JAR=... CODESTRAL_ENDPOINT=<fake> CODESTRAL_API_KEY=... \
--   CODESTRAL_TEST_FILE=/tmp/x/main.py CODESTRAL_TEST_LINE=2 CODESTRAL_TEST_RESULT=/tmp/x/result.json \
--   nvim --headless --clean --cmd 'set rtp^=editors/neovim' -S editors/neovim/test/inline_headless.lua
--
-- Opens the file, enters insert mode at the end of line CODESTRAL_TEST_LINE (1-based), waits for
-- the ghost text (an extmark of vim.lsp.inline_completion), presses the plugin's accept key
-- (<Tab>), saves, writes what it saw as JSON and quits: 0 when all of that happened, 1 otherwise.
local result = { steps = {} }
local ns = vim.api.nvim_create_namespace('nvim.lsp.inline_completion')

local function finish(ok, why)
  result.ok = ok
  result.why = why
  result.status = require('codestral').last_status
  result.statusline = require('codestral').statusline()
  local f = assert(io.open(vim.env.CODESTRAL_TEST_RESULT, 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd(ok and 'qa!' or 'cquit 1')
end

local function step(name)
  table.insert(result.steps, name)
end

-- Calls check() every 50 ms until it returns true, then next(); fails after `ms`.
local function poll(what, ms, check, next)
  local waited = 0
  local timer = vim.uv.new_timer()
  timer:start(50, 50, vim.schedule_wrap(function()
    if timer:is_closing() then
      return
    end
    waited = waited + 50
    local okcall, done = pcall(check)
    if okcall and done then
      timer:stop()
      timer:close()
      step(what)
      next()
    elseif waited >= ms or not okcall then
      timer:stop()
      timer:close()
      finish(false, 'timed out waiting for ' .. what .. (okcall and '' or (': ' .. tostring(done))))
    end
  end))
end

result.version = tostring(vim.version())
result.has_inline = require('codestral').has_inline()
require('codestral').setup({ settings = { maxTokens = 64 } })
vim.cmd.edit(vim.fn.fnameescape(vim.env.CODESTRAL_TEST_FILE))
local buf = vim.api.nvim_get_current_buf()
local line = tonumber(vim.env.CODESTRAL_TEST_LINE)

poll('the codestral client to initialize', 30000, function()
  local c = vim.lsp.get_clients({ bufnr = buf, name = 'codestral' })[1]
  return c ~= nil and c.initialized
end, function()
  vim.api.nvim_win_set_cursor(0, { line, 0 })
  vim.api.nvim_feedkeys('A', 'n', false) -- insert mode at the end of the line
  poll('the ghost text', 20000, function()
    local marks = vim.api.nvim_buf_get_extmarks(buf, ns, 0, -1, { details = true })
    if #marks == 0 then
      return false
    end
    local d = marks[1][4]
    local shown = {}
    for _, chunk in ipairs(d.virt_text or {}) do
      table.insert(shown, chunk[1])
    end
    result.ghost = table.concat(shown)
    result.ghost_row = marks[1][2]
    result.mode_when_shown = vim.api.nvim_get_mode().mode
    return true
  end, function()
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<Tab>', true, false, true), 'm', false)
    poll('the suggestion to be accepted', 10000, function()
      local marks = vim.api.nvim_buf_get_extmarks(buf, ns, 0, -1, {})
      local now = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
      return #marks == 0 and now:find(result.ghost, 1, true) ~= nil
    end, function()
      vim.cmd('stopinsert')
      vim.cmd('silent write')
      result.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
      finish(true)
    end)
  end)
end)
