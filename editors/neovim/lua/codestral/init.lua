-- codestral-lsp for Neovim >= 0.11.
--
-- Starts the server for every file type through vim.lsp.config / vim.lsp.enable, turns on
-- native inline completion (ghost text) on Neovim >= 0.12 and falls back to the completion
-- menu before that, keeps the server's `codestral/status` for the statusline, and streams
-- `codestral/chat` answers into a scratch buffer.
--
--   require('codestral').setup({ jar = '/path/to/codestral-lsp.jar' })
local M = {}

local NAME = 'codestral'

--- Defaults; every key can be given to setup().
M.defaults = {
  -- Full command line; when nil it is built from `launcher`, `jar` and `java` below.
  cmd = nil,
  -- The launcher script (server/target/codestral-lsp); used when it is executable.
  launcher = nil,
  -- The jar (server/target/codestral-lsp.jar); $CODESTRAL_LSP_JAR when nil.
  jar = nil,
  -- The java executable; $JAVA_HOME/bin/java, else `java` on PATH.
  java = nil,
  -- Extra environment for the server (e.g. { CODESTRAL_API_KEY = ... }); prefer your shell's.
  cmd_env = nil,
  -- Markers of a project root; without one the server starts in single-file mode.
  root_markers = { '.git' },
  -- nil = every file type; or a list of file types.
  filetypes = nil,
  -- The server's `codestral` settings section (see README's settings table).
  settings = {},
  -- Ghost text on Neovim >= 0.12; completion menu otherwise (or when false).
  inline = true,
  -- Insert-mode keys for inline suggestions; set to false to map nothing.
  keymaps = { accept = '<Tab>', next = '<M-]>', prev = '<M-[>' },
  -- Notify on these `codestral/status` states.
  notify_states = { unauthorized = true, offline = true, ['rate-limited'] = true },
}

M.config = vim.deepcopy(M.defaults)

--- The last `codestral/status` the server sent: { state = ..., message = ... }.
M.last_status = { state = 'starting', message = 'codestral-lsp is starting' }

local function executable(path)
  return path and path ~= '' and vim.fn.executable(path) == 1
end

--- The command that starts the server, from the options (pure: no side effects).
---@param opts table
---@param env table? environment lookup, defaults to vim.env
---@return string[]|nil cmd, string|nil why
function M.resolve_cmd(opts, env)
  env = env or vim.env
  if opts.cmd then
    return opts.cmd
  end
  if executable(opts.launcher) then
    return { opts.launcher }
  end
  -- An installed server (the distribution on PATH, or mason.nvim's bin folder) before a jar: a
  -- jar is for a checkout, and needs a Java on the machine.
  if executable('codestral-lsp') then
    return { 'codestral-lsp' }
  end
  local mason = vim.fn.stdpath('data') .. '/mason/bin/codestral-lsp'
  if executable(mason) then
    return { mason }
  end
  local jar = opts.jar or env.CODESTRAL_LSP_JAR
  if not jar or jar == '' then
    return nil, 'codestral: install codestral-lsp (PATH or mason), or set `jar` in setup() or $CODESTRAL_LSP_JAR'
  end
  local java = opts.java
  if not java and env.JAVA_HOME and env.JAVA_HOME ~= '' then
    java = env.JAVA_HOME .. '/bin/java'
  end
  java = java or 'java'
  if not executable(java) then
    return nil, 'codestral: cannot find Java 17+ (`' .. java .. '`); set JAVA_HOME or `java` in setup()'
  end
  return { java, '-jar', jar }
end

--- Text for a statusline: `%{v:lua.require'codestral'.statusline()}`.
function M.statusline()
  local s = M.last_status
  if s.state == 'ready' then
    return 'Codestral'
  end
  return 'Codestral: ' .. s.state
end

local function on_status(_, params)
  params = params or {}
  M.last_status = { state = params.state or 'unknown', message = params.message or '' }
  if M.config.notify_states[M.last_status.state] then
    local level = M.last_status.state == 'rate-limited' and vim.log.levels.WARN or vim.log.levels.ERROR
    vim.notify('Codestral: ' .. M.last_status.message, level)
  end
  vim.api.nvim_exec_autocmds('User', { pattern = 'CodestralStatus', modeline = false })
  vim.cmd('redrawstatus')
end

-- ------------------------------------------------------------------ chat (codestral/chat)
local chats = {} -- partialResultToken -> { buf = ..., streamed = bool }
local next_token = 0

local function append(buf, text)
  if not vim.api.nvim_buf_is_valid(buf) then
    return
  end
  local last = vim.api.nvim_buf_line_count(buf)
  local tail = vim.api.nvim_buf_get_lines(buf, last - 1, last, false)[1] or ''
  local pieces = vim.split(text, '\n', { plain = true })
  vim.api.nvim_buf_set_text(buf, last - 1, #tail, last - 1, #tail, pieces)
end

local default_progress = vim.lsp.handlers['$/progress']
local function on_progress(err, params, ctx, cfg)
  local chat = params and chats[params.token]
  if chat then
    local delta = params.value and params.value.delta
    if type(delta) == 'string' then
      chat.streamed = true
      append(chat.buf, delta)
    end
    return
  end
  if default_progress then
    return default_progress(err, params, ctx, cfg)
  end
end

local function client_for(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = NAME })[1] or vim.lsp.get_clients({ name = NAME })[1]
end

--- Asks `codestral/chat` and streams the answer into a new scratch buffer.
---@param prompt string
---@param range table? { start_line, end_line } 1-based, inclusive: the selection to send
---@return integer buf the scratch buffer
function M.chat(prompt, range)
  local src = vim.api.nvim_get_current_buf()
  local client = client_for(src)
  local content = prompt
  local params = { messages = {} }
  if range and vim.bo[src].buftype == '' then
    local lines = vim.api.nvim_buf_get_lines(src, range[1] - 1, range[2], false)
    params.textDocument = { uri = vim.uri_from_bufnr(src) }
    params.range = {
      start = { line = range[1] - 1, character = 0 },
      ['end'] = { line = range[2] - 1, character = #(lines[#lines] or '') },
    }
    content = prompt .. '\n\n```' .. vim.bo[src].filetype .. '\n' .. table.concat(lines, '\n') .. '\n```'
  end
  params.messages[1] = { role = 'user', content = content }

  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].swapfile = false
  -- Markdown. Its ftplugin fails where the markdown tree-sitter parser is missing (Debian's
  -- neovim without its parsers, seen here): then only the regex syntax.
  local ok, loaded = pcall(vim.treesitter.language.add, 'markdown')
  if ok and loaded then
    vim.bo[buf].filetype = 'markdown'
  else
    vim.bo[buf].syntax = 'markdown'
  end
  pcall(vim.api.nvim_buf_set_name, buf, 'codestral-chat://' .. buf)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '## You', '', '' })
  append(buf, prompt)
  append(buf, '\n\n## Codestral\n\n')

  if not client then
    append(buf, '(no codestral-lsp client is running: open a file first)')
    return buf
  end
  next_token = next_token + 1
  local token = 'codestral-chat-' .. next_token
  chats[token] = { buf = buf, streamed = false }
  params.partialResultToken = token
  client:request('codestral/chat', params, function(err, result)
    local chat = chats[token]
    chats[token] = nil
    if err then
      local why = err.code == -32601 and 'this server has no codestral/chat yet' or (err.message or vim.inspect(err))
      append(buf, '\n(chat failed: ' .. why .. ')')
      vim.notify('Codestral chat: ' .. why, vim.log.levels.ERROR)
      return
    end
    if result and not (chat and chat.streamed) and type(result.content) == 'string' then
      append(buf, result.content)
    end
    if result and result.model then
      append(buf, '\n\n<!-- ' .. result.model .. ', ' .. tostring(result.finishReason) .. ' -->')
    end
  end, src)
  return buf
end

-- ------------------------------------------------------------------ setup
local function map_inline_keys(buf)
  local keys = M.config.keymaps
  if not keys or not vim.lsp.inline_completion then
    return
  end
  local ic = vim.lsp.inline_completion
  if keys.accept then
    vim.keymap.set('i', keys.accept, function()
      if not ic.get() then
        return vim.api.nvim_replace_termcodes(keys.accept, true, false, true)
      end
    end, { buffer = buf, expr = true, desc = 'Codestral: accept the suggestion' })
  end
  if keys.next then
    vim.keymap.set('i', keys.next, function() ic.select({ count = 1 }) end,
      { buffer = buf, desc = 'Codestral: next suggestion' })
  end
  if keys.prev then
    vim.keymap.set('i', keys.prev, function() ic.select({ count = -1 }) end,
      { buffer = buf, desc = 'Codestral: previous suggestion' })
  end
end

--- True when this Neovim shows inline completion (>= 0.12).
function M.has_inline()
  return vim.lsp.inline_completion ~= nil and vim.lsp.inline_completion.enable ~= nil
end

function M.setup(opts)
  if vim.fn.has('nvim-0.11') == 0 then
    vim.notify('codestral: Neovim >= 0.11 is needed (vim.lsp.config)', vim.log.levels.ERROR)
    return
  end
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  local cmd, why = M.resolve_cmd(M.config)
  if not cmd then
    vim.notify(why, vim.log.levels.ERROR)
    return
  end
  local section = { codestral = M.config.settings }
  vim.lsp.config(NAME, {
    cmd = cmd,
    cmd_env = M.config.cmd_env,
    filetypes = M.config.filetypes,
    root_markers = M.config.root_markers,
    init_options = section,
    settings = section, -- answers workspace/configuration
    handlers = { ['codestral/status'] = on_status, ['$/progress'] = on_progress },
  })
  local inline = M.config.inline and M.has_inline()
  vim.api.nvim_create_autocmd('LspAttach', {
    group = vim.api.nvim_create_augroup('codestral', { clear = true }),
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if not client or client.name ~= NAME then
        return
      end
      if inline then
        map_inline_keys(args.buf)
      elseif vim.lsp.completion and vim.lsp.completion.enable then
        vim.lsp.completion.enable(true, client.id, args.buf, { autotrigger = true })
      end
    end,
  })
  if inline then
    vim.lsp.inline_completion.enable()
  end
  vim.lsp.enable(NAME)
end

return M
