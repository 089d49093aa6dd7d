import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { SERVER_EXEC_ARGV } from '../../server/src/protocol';
import { REPO_ROOT, SAMPLE_PATH } from '../helpers';
import { scratchFolders } from '../scratch';
import { SERVER_PATH } from './lspClient';

/*
 * A real Neovim, headless and without plugins (the README's setup for Neovim 0.7, which has no
 * workspace/configuration): settings given at start (init_options.settings), then the settings table
 * pushed as lspconfig does in on_init. The push must be laid over the start settings, not replace them.
 * Skipped where no `nvim` is installed, except in CI (CI set, as .ci/run and CI services do): there it fails.
 */

const NVIM = 'nvim';

/** In a mocha `before`: skips the suite where Neovim is missing, unless in CI, where the suite must run. */
function requireNeovim(context: Mocha.Context): void {
  if (spawnSync(NVIM, ['--version'], { stdio: 'ignore' }).status === 0) return;
  if (process.env.CI)
    throw new Error(`CI=${process.env.CI} but no \`nvim\` runs here: install Debian's neovim (.ci/run does) so the Neovim tests run`);
  context.skip();
}

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

/** Runs headless Neovim in `folder` on openclaw.json (`text`) with the init.lua `script` makes; what the script wrote, a line each. */
function runNeovim(folder: string, text: string, script: (file: string, result: string) => string): string[] {
  const file = join(folder, 'openclaw.json');
  const result = join(folder, 'result.txt');
  const init = join(folder, 'init.lua');
  writeFileSync(file, text);
  writeFileSync(init, script(file, result));
  const run = spawnSync(NVIM, ['--headless', '--clean', '-u', init], { cwd: folder, timeout: 45_000, encoding: 'utf8' });
  assert.strictEqual(run.status, 0, `nvim: ${run.stderr || run.error}`);
  return readFileSync(result, 'utf8').trim().split('\n');
}

describe('Neovim without workspace/configuration (headless nvim)', function () {
  this.timeout(60_000);
  const scratch = scratchFolders('openclaw-nvim-');

  before(function () {
    requireNeovim(this);
  });

  it('takes the settings given at start, and lays a pushed settings table over them; answers document symbols', () => {
    assert.deepStrictEqual(runNeovim(scratch(), '{"models":{"providers":{"amazon-bedrock":{"models":[1,1,1,1,1]}}}}\n', script), [
      // init_options.settings: 2 diagnostics, and one saying how many more.
      'schema,schema,too-many-problems',
      // The push changed the limit; the profile and the catalog switch given at start stayed.
      'schema,schema,schema,too-many-problems',
      'built-in from-start',
      'true models providers',
    ]);
  });
});

/** The README's Lua for Neovim 0.7: the code block after the paragraph that introduces it. */
function readmeSnippet(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const intro = readme.indexOf("\nNeovim 0.7 (Debian's `nvim`)");
  const start = readme.indexOf('\n```lua\n', intro);
  const end = readme.indexOf('\n```\n', start + 1);
  assert.ok(intro >= 0 && start > intro && end > start, 'the README has the Neovim 0.7 snippet');
  return readme.slice(start + '\n```lua\n'.length, end);
}

/**
 * The README's snippet as it stands, but for the two lines a user edits too: the server's path (the
 * built server) and the settings (the built-in catalog, so nothing leaves the machine). Then what the
 * test asks, as a user would with :lua: the diagnostics, a hover, the code actions on two lines.
 */
function readmeScript(file: string, result: string): string {
  const snippet = readmeSnippet();
  const path = "'/path/to/server/out/server.js'";
  const settings = /^local settings = .*$/m;
  assert.strictEqual(snippet.split(path).length, 2, 'the snippet names the server once');
  assert.match(snippet, settings);
  const adapted = snippet
    .replace(path, luaString(SERVER_PATH))
    .replace(settings, "local settings = { catalog = { live = false }, aws = { profile = 'from-readme' } }");
  return `${adapted}

local out = {}
local function log(line) table.insert(out, line) end
vim.cmd('edit ' .. vim.fn.fnameescape(${luaString(file)}))
local bufnr = vim.api.nvim_get_current_buf()
vim.wait(15000, function() return #vim.diagnostic.get(bufnr) >= 9 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(found, string.format('%d:%d %d %s', d.lnum + 1, d.col + 1, d.severity, tostring(d.code))) end
table.sort(found, function(a, b)
  local la, ca = a:match('^(%d+):(%d+)')
  local lb, cb = b:match('^(%d+):(%d+)')
  return tonumber(la) < tonumber(lb) or (tonumber(la) == tonumber(lb) and tonumber(ca) < tonumber(cb))
end)
log('diagnostics ' .. table.concat(found, ', '))
local uri = vim.uri_from_bufnr(bufnr)
-- The hover on the id of DeepSeek R1 (line 31): what :lua vim.lsp.buf.hover() shows.
local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 30, character = 20 } }, 5000)
for _, response in pairs(hover or {}) do
  local contents = response.result and response.result.contents
  log('hover ' .. (contents and (contents.value or contents) or 'none'):gsub('\\n', ' / '))
end
-- The code actions :lua vim.lsp.buf.code_action() asks for with the cursor there: with the line's diagnostics.
local function actions(line, character)
  local params = {
    textDocument = { uri = uri },
    range = { start = { line = line, character = character }, ['end'] = { line = line, character = character } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line) },
  }
  local titles = {}
  for _, response in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 5000) or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title .. ' [' .. tostring(action.kind) .. ', ' .. #(action.diagnostics or {}) .. ' diagnostic(s)]')
    end
  end
  log('actions ' .. (line + 1) .. ': ' .. table.concat(titles, ' | '))
end
actions(30, 20)
actions(159, 6)
-- The settings the snippet gives reached the server.
local status = vim.lsp.get_client_by_id(openclaw).request_sync('workspace/executeCommand', { command = 'openclaw.server.catalogStatus', arguments = { { uri = uri } } }, 5000, bufnr)
log('catalog ' .. tostring(status and status.result and status.result.origin) .. ' ' .. tostring(status and status.result and status.result.profile))
vim.fn.writefile(out, ${luaString(result)})
vim.lsp.stop_client(openclaw)
vim.wait(3000, function() return vim.lsp.get_client_by_id(openclaw) == nil end, 50)
vim.cmd('qa!')
`;
}

describe("Neovim 0.7 with the README's setup, on the sample (headless nvim)", function () {
  this.timeout(60_000);
  const scratch = scratchFolders('openclaw-nvim-');

  before(function () {
    requireNeovim(this);
  });

  it("gets the sample's diagnostics, a hover and the code actions", () => {
    const [diagnostics, hover, ...rest] = runNeovim(scratch(), readFileSync(SAMPLE_PATH, 'utf8'), readmeScript);
    // line:column severity (1 error … 4 hint) code, as `openclaw-config check` prints them for the sample.
    assert.strictEqual(
      diagnostics,
      'diagnostics 31:19 2 needs-inference-profile, 97:22 4 image-input, 103:19 2 needs-inference-profile, ' +
        '112:19 2 needs-inference-profile, 121:19 2 needs-inference-profile, 140:19 2 no-alias, 149:19 2 no-alias, 160:5 1 legacy-key, 170:7 3 legacy-allowlist',
    );
    assert.ok(hover!.startsWith('hover **DeepSeek R1** · `amazon-bedrock/deepseek.r1-v1:0`'), hover);
    assert.match(hover!, /\| USD \| \$1\.35 \| \$5\.40 \|/);
    assert.match(hover!, /\*\*inference profile only\*\* {3}\/ Profiles: `us\.deepseek\.r1-v1:0`/);
    assert.deepStrictEqual(rest, [
      'actions 31: Use inference profile us.deepseek.r1-v1:0 (here and in 1 reference) [quickfix, 1 diagnostic(s)]',
      'actions 160: Move models.bedrockDiscovery to plugins.entries.amazon-bedrock.config.discovery [quickfix, 1 diagnostic(s)] | ' +
        'Remove models.bedrockDiscovery (what "openclaw doctor --fix" of 2026.9.6 does) [quickfix, 1 diagnostic(s)]',
      'catalog built-in from-readme',
    ]);
  });
});
