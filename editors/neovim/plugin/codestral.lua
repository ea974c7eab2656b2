-- Commands only; the server starts when you call require('codestral').setup({...}).
if vim.g.loaded_codestral then
  return
end
vim.g.loaded_codestral = true

vim.api.nvim_create_user_command('CodestralChat', function(args)
  local range = args.range > 0 and { args.line1, args.line2 } or nil
  local function ask(prompt)
    if prompt and prompt ~= '' then
      require('codestral').chat(prompt, range)
    end
  end
  if args.args ~= '' then
    ask(args.args)
  else
    vim.ui.input({ prompt = 'Codestral: ' }, ask)
  end
end, { nargs = '*', range = true, desc = 'Ask Codestral; the answer streams into a scratch buffer' })

vim.api.nvim_create_user_command('CodestralStatus', function()
  local s = require('codestral').last_status
  vim.notify('Codestral: ' .. s.state .. (s.message ~= '' and (' (' .. s.message .. ')') or ''))
end, { desc = 'Show the last codestral/status' })
