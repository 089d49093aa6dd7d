import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SERVER_EXEC_ARGV } from '../../server/src/protocol';
import { SERVER_PATH } from './lspClient';

/*
 * A real Neovim, headless and without plugins (the README's setup for Neovim 0.7, which has no
 * workspace/configuration): settings given at start (init_options.settings), then the settings table
 * pushed as lspconfig does in on_init. The push must be laid over the start settings, not replace them.
 * Skipped where no `nvim` is installed.
 */

const NVIM = 'nvim';

/** Lua run by `nvim --headless -u`: what it sees goes, one line each, to `result`. */
const script = (file: string, result: string) => `
local out = {}
local function log(line) table.insert(out, line) end
local client_id = vim.lsp.start_client({
  name = 'openclaw',
  cmd = ${luaList(['node', ...SERVER_EXEC_ARGV, SERVER_PATH, '--stdio'])},
  root_dir = ${luaString(join(file, '..'))},
  init_options = { settings = { catalog = { live = false }, aws = { profile = 'from-start' }, diagnostics = { maxPerFile = 2 } } },
  settings = { openclaw = { diagnostics = { maxPerFile = 3 } } },
})
vim.cmd('edit ' .. vim.fn.fnameescape(${luaString(file)}))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
local function diagnostics(count)
  vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == count end, 50)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(codes, tostring(d.code)) end
  log(table.concat(codes, ','))
end
diagnostics(3)
local client = vim.lsp.get_client_by_id(client_id)
client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
diagnostics(4)
local status = client.request_sync('workspace/executeCommand', { command = 'openclaw.server.catalogStatus', arguments = { { uri = vim.uri_from_bufnr(bufnr) } } }, 5000, bufnr)
log(tostring(status and status.result and status.result.origin) .. ' ' .. tostring(status and status.result and status.result.profile))
-- What :lua vim.lsp.buf.document_symbol() asks (Neovim 0.7 got "Unhandled method" before the server had it).
local symbols = client.request_sync('textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, 5000, bufnr)
local first = symbols and symbols.result and symbols.result[1]
log(tostring(client.server_capabilities.documentSymbolProvider ~= nil) .. ' ' .. tostring(first and first.name) .. ' ' .. tostring(first and first.children and first.children[1].name))
vim.fn.writefile(out, ${luaString(result)})
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
`;

function luaString(value: string): string {
  return JSON.stringify(value);
}

function luaList(values: string[]): string {
  return `{ ${values.map(luaString).join(', ')} }`;
}

describe('Neovim without workspace/configuration (headless nvim)', function () {
  this.timeout(60_000);
  let folder: string | undefined;

  before(function () {
    if (spawnSync(NVIM, ['--version'], { stdio: 'ignore' }).status !== 0) this.skip();
  });
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('takes the settings given at start, and lays a pushed settings table over them; answers document symbols', () => {
    folder = mkdtempSync(join(tmpdir(), 'openclaw-nvim-'));
    const file = join(folder, 'openclaw.json');
    const result = join(folder, 'result.txt');
    const init = join(folder, 'init.lua');
    writeFileSync(file, '{"models":{"providers":{"amazon-bedrock":{"models":[1,1,1,1,1]}}}}\n');
    writeFileSync(init, script(file, result));
    const run = spawnSync(NVIM, ['--headless', '--clean', '-u', init], { cwd: folder, timeout: 45_000, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, `nvim: ${run.stderr || run.error}`);
    assert.deepStrictEqual(readFileSync(result, 'utf8').trim().split('\n'), [
      // init_options.settings: 2 diagnostics, and one saying how many more.
      'schema,schema,too-many-problems',
      // The push changed the limit; the profile and the catalog switch given at start stayed.
      'schema,schema,schema,too-many-problems',
      'built-in from-start',
      'true models providers',
    ]);
  });
});
