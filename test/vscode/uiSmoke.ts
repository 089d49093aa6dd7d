import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import type { FakeBedrock } from '../fakeBedrock/fakeBedrock';
import { SuiteReport } from './prepare';

/*
 * The extension as a person uses it, in the workbench page: open the file, hover a model, ask for
 * completion, open the quick fix, run "Test Model...", "Add Bedrock Model..." and "Compare Models..." from the palette, see
 * the Outline and breadcrumbs, the inlay hints, and format a JSON5 file. A screenshot per step.
 */

/** A part of the window: the editor (with what opens over it), the editor to the window's right edge, the panel, all. */
interface ReadmePicture {
  name: string;
  part: 'editor' | 'editor-wide' | 'panel' | 'window';
}

async function clipOf(page: Page, part: ReadmePicture['part']): Promise<{ x: number; y: number; width: number; height: number }> {
  const viewport = page.viewportSize()!;
  if (part === 'window') return { x: 0, y: 0, ...viewport };
  const box = await page
    .locator(part === 'panel' ? '.part.panel' : '.part.editor')
    .first()
    .boundingBox();
  if (!box) throw new Error(`no ${part} on screen for the README picture`);
  return part === 'editor-wide' ? { ...box, width: viewport.width - box.x } : box;
}

export async function runUiSmoke(page: Page, workspace: string, screenshots: string, fake: FakeBedrock): Promise<SuiteReport> {
  const tests: SuiteReport['tests'] = [];
  const text = readFileSync(join(workspace, 'ui', 'openclaw.json'), 'utf8');
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
  const columnOf = (needle: string, delta: number) => lines[lineOf(needle) - 1]!.indexOf(needle) + 1 + delta;

  /**
   * A step shoots its screenshot while what it shows is open (`shoot`); a failed step, where it failed.
   * `readme`: also a picture for the README, of one part of the window (screenshots/readme/, copied to
   * media/readme/ by hand when they change: see the README's "Pictures").
   */
  const step = async (title: string, file: string, body: (shoot: (readme?: ReadmePicture) => Promise<void>) => Promise<void>) => {
    const started = Date.now();
    const shoot = async (readme?: ReadmePicture) => {
      await page.screenshot({ path: join(screenshots, file) });
      if (readme) await page.screenshot({ path: join(screenshots, 'readme', readme.name), clip: await clipOf(page, readme.part) });
    };
    try {
      await body(shoot);
      tests.push({ title: `UI: ${title}`, state: 'passed', durationMs: Date.now() - started });
    } catch (error) {
      tests.push({ title: `UI: ${title}`, state: 'failed', error: (error as Error).message });
      await shoot().catch(() => undefined);
    }
  };
  const goTo = async (needle: string, delta: number) => {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${lineOf(needle)}:${columnOf(needle, delta)}`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
  };
  // Any visible match: the same text may also sit in hidden parts of the workbench (a code lens off screen).
  const bodyHas = (needle: string, timeout = 20_000) =>
    page.getByText(needle, { exact: false }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout });

  await step('open openclaw.json from the quick open', '01-open.png', async (shoot) => {
    await page.keyboard.press('Control+P');
    await page.keyboard.type('ui/openclaw.json');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab.active >> text=openclaw.json', { timeout: 20_000 });
    await bodyHas('OpenClaw Config (JSON5)');
    await shoot();
  });

  await step('hover a model id: prices and context', '02-hover.png', async (shoot) => {
    await goTo('"id": "qwen.qwen3-coder-next"', 9);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover').first();
    await hover.waitFor({ state: 'visible', timeout: 20_000 });
    const content = await hover.innerText();
    for (const expected of ['Qwen3 Coder Next', '$0.50', '262,144', 'Test this model']) {
      if (!content.includes(expected)) throw new Error(`the hover lacks "${expected}": ${content}`);
    }
    await shoot({ name: 'hover.png', part: 'editor' });
    await page.keyboard.press('Escape');
  });

  await step('Ctrl+Space in a reference: the suggest widget lists models and aliases', '03-completion.png', async (shoot) => {
    await goTo('"primary": "amazon-bedrock/', 'primary": "amazon-bedrock/'.length + 1);
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget');
    await widget.waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.suggest-widget .monaco-list-row').nth(3).waitFor({ timeout: 20_000 });
    const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    if (!rows.some((row) => row.includes('amazon-bedrock/deepseek.v3.2')))
      throw new Error(`no amazon-bedrock/deepseek.v3.2 among: ${rows.join(' | ')}`);
    await shoot({ name: 'completion.png', part: 'editor-wide' });
    await page.keyboard.press('Escape');
  });

  await step('Ctrl+. on a model without alias: the quick fix', '04-quick-fix.png', async (shoot) => {
    await goTo('"id": "openai.gpt-oss-120b-1:0"', 9);
    await page.keyboard.press('Control+.');
    await bodyHas("Add alias 'GPT OSS 120B' for amazon-bedrock/openai.gpt-oss-120b-1:0");
    await bodyHas('Add aliases for all 2 models');
    await shoot({ name: 'quick-fix.png', part: 'editor-wide' });
    await page.keyboard.press('Escape');
  });

  await step('the Outline and the breadcrumbs: models by name', '05-outline.png', async (shoot) => {
    await goTo('"id": "deepseek.v3.2"', 9);
    const crumb = page.locator('.monaco-breadcrumb-item', { hasText: 'DeepSeek V3.2' }).filter({ visible: true }).first();
    await crumb.waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('Focus on Outline View');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    const row = page.locator('.outline-pane .monaco-list-row', { hasText: 'amazon-bedrock' }).filter({ visible: true }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const rows = await page.locator('.outline-pane .monaco-list-row').allInnerTexts();
    if (!rows.some((text) => text.includes('providers'))) throw new Error(`the Outline lacks providers: ${rows.join(' | ')}`);
    await shoot({ name: 'outline.png', part: 'window' });
    // Back to the editor.
    await page.keyboard.press('Control+1');
  });

  await step("inlay hints: prices and context after references, the chain's cost after fallbacks", '06-inlay-hints.png', async (shoot) => {
    // Without the side bar, so the hint at the end of the fallbacks line is on screen (wrapped, VS Code would shorten it;
    // prepare.ts lifts editor.inlayHints.maximumLength, which shortens a line's hints past 43 characters in all).
    const sideBar = page.locator('.part.sidebar');
    const toggleSideBar = async (state: 'visible' | 'hidden') => {
      await page.keyboard.press('Control+B');
      await sideBar.waitFor({ state, timeout: 20_000 });
    };
    await toggleSideBar('hidden');
    try {
      await goTo('"fallbacks": [', 2);
      // The end of the line in view: the chain's hint follows its last bracket.
      await page.keyboard.press('End');
      await bodyHas('$0.62/$1.85 · 131k');
      await bodyHas('10k in + 1k out: $0.0062–$0.0082');
      await shoot({ name: 'inlay-hints.png', part: 'editor' });
    } finally {
      await toggleSideBar('visible');
      // Back to the line's start: the later steps' pictures show the editor from its left edge.
      await page.keyboard.press('Home');
    }
  });

  await step('Format Document on a JSON5 file: indentation back, comments and quotes kept', '07-formatted.png', async (shoot) => {
    await page.keyboard.press('Control+P');
    await page.keyboard.type('json5/openclaw.json5');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab.active >> text=openclaw.json5', { timeout: 20_000 });
    const lineText = async (line: number) =>
      (
        await page
          .locator('.monaco-editor.focused .view-lines .view-line')
          .nth(line - 1)
          .innerText()
      ).replace(/\u00a0/g, ' ');
    const lineBecomes = async (line: number, accept: (text: string) => boolean, what: string) => {
      for (const deadline = Date.now() + 20_000; !accept(await lineText(line)); await page.waitForTimeout(100)) {
        if (Date.now() > deadline) throw new Error(`${what}: line ${line} is ${JSON.stringify(await lineText(line))}`);
      }
    };
    const palette = async (command: string) => {
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type(command);
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
    };
    try {
      await page.keyboard.press('Control+G');
      await page.keyboard.type('3');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home');
      await page.keyboard.type('        ');
      await lineBecomes(3, (text) => text !== '  models: {' && text.trim() === 'models: {', 'not indented for the test');
      await palette('Format Document');
      await lineBecomes(3, (text) => text === '  models: {', 'not formatted');
      await bodyHas('// JSON5 style, as the OpenClaw docs write it');
      await shoot();
    } finally {
      // Leave the fixture as it is on disk, and ui/openclaw.json in front for the commands that follow.
      await palette('File: Revert File');
      await page.keyboard.press('Control+P');
      await page.keyboard.type('ui/openclaw.json');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.tab.active >> text=openclaw.json', { timeout: 20_000 });
    }
  });

  await step('the palette: OpenClaw: Test Model... streams an answer into the output', '08-test-model.png', async (shoot) => {
    // This run's own prompt and answer: the suites already put the fake's default answer in the output.
    const nonce = `ui-${process.pid}-${Date.now().toString(36)}`;
    const prompt = `Answer with the word ${nonce}`;
    const answer = `Here is ${nonce}, streamed for the UI smoke test.`;
    fake.setConverseScript('qwen.qwen3-coder-next', { text: ['Here is ', nonce, ', streamed for the UI smoke test.'] });
    const sentBefore = fake.requests.length;
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('OpenClaw: Test Model...');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await bodyHas('Test which model?');
    await page.keyboard.type('Qwen3 Coder');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await bodyHas('The prompt to send');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(prompt);
    await page.keyboard.press('Enter');
    await bodyHas(answer);
    await bodyHas(`Prompt: ${prompt}`);
    await bodyHas('tok/s');
    const sent = fake.requests
      .slice(sentBefore)
      .filter((request) => request.operation === 'ConverseStream' && request.body.includes(nonce));
    if (sent.length !== 1)
      throw new Error(`the fake Bedrock received ${sent.length} ConverseStream requests with this run's prompt, not 1`);
    // The progress notification goes once the run is done.
    // (The toast, not the screen reader's alert that keeps its text.)
    const toast = page.locator('.notification-toast', { hasText: 'Testing amazon-bedrock/qwen.qwen3-coder-next' });
    await toast.first().waitFor({ state: 'hidden', timeout: 10_000 });
    await shoot({ name: 'test-model.png', part: 'panel' });
  });

  await step('the palette: OpenClaw: Add Bedrock Model... lists the catalog and adds the pick', '09-add-model.png', async (shoot) => {
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('OpenClaw: Add Bedrock Model...');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await bodyHas('Add a Bedrock model (us-east-1, live from your account)');
    await page.keyboard.type('Nova Lite');
    await page.waitForTimeout(300);
    await bodyHas('$0.06 in / $0.24 out per 1M (list) · on demand: requests run in us-east-1');
    await shoot();
    await page.keyboard.press('Enter');
  });

  await step(
    'the Add Model confirmation: what was added, "Test It" and "Undo"; Undo takes it out again',
    '10-add-model-confirmation.png',
    async (shoot) => {
      await bodyHas('Added amazon-bedrock/amazon.nova-lite-v1:0 with the alias "Nova Lite".');
      await page.getByRole('button', { name: 'Test It' }).first().waitFor({ state: 'visible', timeout: 20_000 });
      await shoot();
      await page.getByRole('button', { name: 'Undo' }).first().click();
      await bodyHas('Removed amazon-bedrock/amazon.nova-lite-v1:0 again.');
    },
  );

  await step('the status bar: the AWS profile and region, and a tooltip of short lines', '11-status-bar-tooltip.png', async (shoot) => {
    await page.locator('.statusbar-item', { hasText: 'fake · us-east-1' }).first().hover();
    await bodyHas('Amazon Bedrock');
    await bodyHas('Credentials: profile');
    await shoot();
    await page.mouse.move(10, 10);
  });

  // Last: the panel takes the editor's place, and the status bar shows the AWS item only beside an OpenClaw file.
  await step(
    'the palette: OpenClaw: Compare Models... with the chain pre-selected, the panel sorted from the keyboard',
    '12-compare-models.png',
    async (shoot) => {
      const nonce = `compare-${process.pid}-${Date.now().toString(36)}`;
      fake.setConverseScript('qwen.qwen3-coder-next', { text: ['Qwen answers ', nonce, '.'], chunkDelayMs: 50 });
      fake.setConverseScript('deepseek.v3.2', { text: ['DeepSeek answers ', nonce, '.'], chunkDelayMs: 50 });
      fake.setConverseScript('zai.glm-4.7', { text: ['GLM answers ', nonce, '.'], chunkDelayMs: 50 });
      const sentBefore = fake.requests.length;
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type('OpenClaw: Compare Models...');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await bodyHas('Compare which models?');
      // The default agent's primary and fallbacks are checked.
      const checked = await page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]').allInnerTexts();
      for (const name of ['Qwen3 Coder', 'DeepSeek V3.2', 'GLM 4.7']) {
        if (!checked.some((row) => row.includes(name))) throw new Error(`${name} is not pre-selected: ${checked.join(' | ')}`);
      }
      if (checked.length !== 3) throw new Error(`${checked.length} models pre-selected, not 3: ${checked.join(' | ')}`);
      await page.keyboard.press('Enter');
      await bodyHas('The prompt every model gets');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(`Say ${nonce}`);
      await page.keyboard.press('Enter');
      // The webview's document sits in two nested frames.
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await view.getByText('Done: 3 of 3 complete.').waitFor({ state: 'visible', timeout: 30_000 });
      for (const name of ['Qwen', 'DeepSeek', 'GLM'])
        await view.getByText(`${name} answers ${nonce}.`).waitFor({ state: 'visible', timeout: 20_000 });
      const sent = fake.requests
        .slice(sentBefore)
        .filter((request) => request.operation === 'ConverseStream' && request.body.includes(nonce));
      if (sent.length !== 3) throw new Error(`the fake Bedrock received ${sent.length} ConverseStream requests with this prompt, not 3`);
      // Sorting by cost from the keyboard: focus the header's button, press Enter, aria-sort follows.
      const costHeader = view.locator('th', { has: view.getByRole('button', { name: /^Cost/ }) });
      await view.getByRole('button', { name: /^Cost/ }).focus();
      await page.keyboard.press('Enter');
      await costHeader.and(view.locator('[aria-sort="ascending"]')).waitFor({ timeout: 10_000 });
      // The panel's editor group alone (Ctrl+K Ctrl+M), for a screenshot of the whole table.
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+M');
      await page.waitForTimeout(800);
      await shoot({ name: 'compare-models.png', part: 'editor' });
    },
  );

  return { passed: tests.filter((t) => t.state === 'passed').length, failed: tests.filter((t) => t.state === 'failed').length, tests };
}
