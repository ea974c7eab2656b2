-- Headless check of :CodestralChat in a real Neovim, run by NeovimEditorTest: opens the file,
-- waits for the client, runs `:CodestralChat <CODESTRAL_TEST_PROMPT>`, waits for the request to
-- finish (an answer, or the explanation that the server has no codestral/chat), writes the chat
-- buffer's lines as JSON to CODESTRAL_TEST_RESULT and quits.
local result = {}

local function finish(ok, why)
  result.ok, result.why = ok, why
  local f = assert(io.open(vim.env.CODESTRAL_TEST_RESULT, 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd(ok and 'qa!' or 'cquit 1')
end

require('codestral').setup({})
vim.cmd.edit(vim.fn.fnameescape(vim.env.CODESTRAL_TEST_FILE))
local src = vim.api.nvim_get_current_buf()
local ready = vim.wait(30000, function()
  local c = vim.lsp.get_clients({ bufnr = src, name = 'codestral' })[1]
  return c ~= nil and c.initialized
end, 50)
if not ready then
  return finish(false, 'the codestral client did not initialize')
end
vim.cmd('CodestralChat ' .. vim.env.CODESTRAL_TEST_PROMPT)
local chat = vim.api.nvim_get_current_buf()
result.filetype = vim.bo[chat].filetype
result.syntax = vim.bo[chat].syntax
result.buftype = vim.bo[chat].buftype
-- Done when the answer's trailer (model, finish reason) or the failure line is in.
local done = vim.wait(30000, function()
  local text = table.concat(vim.api.nvim_buf_get_lines(chat, 0, -1, false), '\n')
  return text:find('<!-- ', 1, true) ~= nil or text:find('(chat failed: ', 1, true) ~= nil
end, 50)
result.lines = vim.api.nvim_buf_get_lines(chat, 0, -1, false)
finish(done, (not done) and 'the chat never finished' or nil)
