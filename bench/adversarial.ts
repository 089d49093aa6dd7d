import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { URI } from 'vscode-uri';
import { LspSession } from '../test/protocol/lspClient';
import { summarize, Timing } from './stats';

/*
 * Inputs built to hurt, over the protocol as an editor sends them: a 2 MB array of a million wrong
 * values (it took the server down before diagnostics were capped), and ten files each including the
 * next six times (35 s per request before includes were bounded). For each: the time to the first
 * diagnostics, the server's peak memory, and hovers sent every HOVER_EVERY_MS from didOpen on while
 * the server analyses, answered how fast.
 */

const HOVER_EVERY_MS = 100;
/** Hovers go on this long after the first diagnostics, so the figure covers the whole analysis. */
const HOVERS_AFTER_MS = 1000;

export interface AdversarialFigures {
  name: string;
  size: string;
  firstDiagnosticsMs: number;
  diagnostics: number;
  peakRssMb: number | undefined;
  hover: Timing;
}

interface AdversarialCase {
  name: string;
  /** Writes the files into `folder`; returns the file to open, its text, and where to hover. */
  write(folder: string): { path: string; text: string; hoverAt: { line: number; character: number }; size: string };
}

const CASES: AdversarialCase[] = [
  {
    name: 'A flat array of 1,000,000 numbers where models go',
    write(folder) {
      const text = `{"models":{"providers":{"amazon-bedrock":{"models":[${new Array(1_000_000).fill('1').join(',')}]}}}}`;
      const path = join(folder, 'openclaw.json');
      writeFileSync(path, text);
      return { path, text, hoverAt: { line: 0, character: 3 }, size: `${(text.length / 1_000_000).toFixed(1)} MB` };
    },
  },
  {
    name: 'Ten files, each including the next six times',
    write(folder) {
      const six = (file: string) => Array(6).fill(`"./${file}"`).join(', ');
      const text = `{\n  "$include": [${six('f1.json5')}],\n  agents: { defaults: { model: { primary: "amazon-bedrock/zai.glm-4.7" } } },\n}\n`;
      const path = join(folder, 'openclaw.json');
      writeFileSync(path, text);
      for (let i = 1; i < 9; i++) writeFileSync(join(folder, `f${i}.json5`), `{ "$include": [${six(`f${i + 1}.json5`)}] }\n`);
      writeFileSync(
        join(folder, 'f9.json5'),
        '{ models: { providers: { "amazon-bedrock": { models: [{ id: "zai.glm-4.7", name: "GLM 4.7" }] } } } }\n',
      );
      return { path, text, hoverAt: { line: 2, character: 45 }, size: '10 files, 6⁹ includes' };
    },
  },
];

export async function measureAdversarial(): Promise<AdversarialFigures[]> {
  const figures: AdversarialFigures[] = [];
  for (const item of CASES) {
    const folder = mkdtempSync(join(tmpdir(), 'openclaw-bench-adversarial-'));
    const session = new LspSession({ settings: { catalog: { live: false } } });
    try {
      const { path, text, hoverAt, size } = item.write(folder);
      const uri = URI.file(path).toString();
      await session.initialize();
      const diagnostics = session.nextDiagnostics(uri, 120_000);
      const opened = performance.now();
      await session.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'openclaw', version: 1, text },
      });
      const latencies: Promise<number>[] = [];
      let firstDiagnosticsAt: number | undefined;
      void diagnostics.then(() => (firstDiagnosticsAt = performance.now()));
      while (firstDiagnosticsAt === undefined || performance.now() - firstDiagnosticsAt < HOVERS_AFTER_MS) {
        const sent = performance.now();
        latencies.push(
          session.connection
            .sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt })
            .then(() => performance.now() - sent),
        );
        await new Promise((resolve) => setTimeout(resolve, HOVER_EVERY_MS));
      }
      const published = await diagnostics;
      figures.push({
        name: item.name,
        size,
        firstDiagnosticsMs: firstDiagnosticsAt! - opened,
        diagnostics: published.diagnostics.length,
        peakRssMb: peakRssOf(session.pid),
        hover: summarize(await Promise.all(latencies)),
      });
    } finally {
      await session.shutdown();
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return figures;
}

function peakRssOf(pid: number | undefined): number | undefined {
  const statusPath = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(statusPath)) return undefined;
  const kilobytes = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(statusPath, 'utf8'))?.[1]);
  return (kilobytes * 1024) / 1_000_000;
}
