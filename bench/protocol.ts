import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { createTextDocument } from '../server/src/service/languageService';
import { CODE_CACHE_DIR_ARG } from '../server/src/protocol';
import { LspSession } from '../test/protocol/lspClient';
import { BenchDocument } from './documents';
import { AS_WRITTEN, editCount, FormattingFigures, REINDENTED, screenfulAt } from './inProcess';
import { summarize, Timing, timeAsync } from './stats';

/** The server waits this long after an edit before it computes diagnostics (server.ts). */
export const DIAGNOSTICS_DEBOUNCE_MS = 150;

/** The built server in a child process over stdio, as an editor drives it. */
export interface ProtocolFigures {
  /** Spawn → initialize → didOpen → the first publishDiagnostics, one server per run. */
  firstDiagnostics: Timing;
  /** didChange (the whole text) → publishDiagnostics, debounce included. */
  change: Timing;
  hover: Timing;
  completionAtReference: Timing;
  completionAtModelId: Timing;
  /** textDocument/formatting, as in-process (FormattingFigures). */
  formatting: FormattingFigures;
  /** textDocument/documentSymbol, and textDocument/inlayHint for a screenful, as in-process. */
  documentSymbols: Timing;
  inlayHints: Timing;
  /** With the document open, after a few diagnostics passes; undefined without /proc. */
  memory: ServerMemory | undefined;
  runs: ProtocolRuns;
}

export interface ServerMemory {
  rssMb: number;
  peakRssMb: number;
}

export interface ProtocolRuns {
  coldStarts: number;
  changes: number;
  requests: number;
}

/** Runs for a document's size: each change costs the debounce, so far fewer than in-process. */
export function protocolRunsFor(bytes: number): ProtocolRuns {
  if (bytes < 50_000) return { coldStarts: 1, changes: 30, requests: 200 };
  if (bytes < 500_000) return { coldStarts: 1, changes: 20, requests: 100 };
  return { coldStarts: 5, changes: 15, requests: 100 };
}

/** Diagnostics passes (edits) before the server's memory is read; they also warm it up for the timed edits. */
export const MEMORY_AFTER_PASSES = 3;

/** The built-in model list only: the server makes no AWS request. */
const SETTINGS = { catalog: { live: false } };

const CODE_CACHE_DIR = mkdtempSync(join(tmpdir(), 'openclaw-bench-code-cache-'));
process.once('exit', () => rmSync(CODE_CACHE_DIR, { recursive: true, force: true }));

/** The server's arguments as the extension gives them: a folder for the V8 code cache of its bundle (serverEntry.ts). */
export const SERVER_ARGS = [`${CODE_CACHE_DIR_ARG}${CODE_CACHE_DIR}`];

/**
 * One untimed start that leaves the code cache, as the first start of an installed version does:
 * every timed start finds it, as every later start does.
 */
export async function writeCodeCache(text: string): Promise<void> {
  const session = new LspSession({ settings: SETTINGS, serverArgs: SERVER_ARGS });
  await session.initialize();
  await session.open('file:///bench/warm-up/openclaw.json', text);
  await session.shutdown();
}

export async function measureProtocol(document: BenchDocument, runs: ProtocolRuns): Promise<ProtocolFigures> {
  const coldStarts: number[] = [];
  let session: LspSession | undefined;
  for (let start = 0; start < runs.coldStarts; start++) {
    await session?.shutdown();
    const spawned = performance.now();
    session = new LspSession({ settings: SETTINGS, serverArgs: SERVER_ARGS });
    await session.initialize();
    await session.open(document.uri, document.text);
    coldStarts.push(performance.now() - spawned);
  }
  const server = session!;
  try {
    // A different text each time, so the server has a new version to check.
    let version = 1;
    const nextEdit = () => ({ version: ++version, text: document.text + ' '.repeat(version) });
    const send = (edit: { version: number; text: string }) => server.change(document.uri, edit.version, edit.text);
    for (let pass = 0; pass < MEMORY_AFTER_PASSES; pass++) await send(nextEdit());
    const memory = memoryOf(server.pid);
    // The passes above were the warm-up.
    const change = await timeAsync(runs.changes, nextEdit, send, 0);
    const positions = createTextDocument(document.uri, document.text);
    const request = (method: string, offset: number) => {
      const params = { textDocument: { uri: document.uri }, position: positions.positionAt(offset) };
      return timeAsync(
        runs.requests,
        () => params,
        (p) => server.connection.sendRequest(method, p),
      );
    };
    const formatting = async (options: typeof AS_WRITTEN, runs: number) => {
      const params = { textDocument: { uri: document.uri }, options };
      const format = () => server.connection.sendRequest('textDocument/formatting', params) as Promise<unknown[]>;
      return { timing: await timeAsync(runs, () => params, format), edits: editCount(await format()) };
    };
    const timeRequest = (method: string, params: Record<string, unknown>) =>
      timeAsync(
        runs.requests,
        () => ({ textDocument: { uri: document.uri }, ...params }),
        (p) => server.connection.sendRequest(method, p),
      );
    const documentSymbols = await timeRequest('textDocument/documentSymbol', {});
    const inlayHints = await timeRequest('textDocument/inlayHint', { range: screenfulAt(positions, document.referenceOffset) });
    const asWritten = await formatting(AS_WRITTEN, runs.requests);
    // Tens of thousands of edits a response: fewer runs.
    const reindented = await formatting(REINDENTED, Math.min(runs.requests, 30));
    return {
      firstDiagnostics: summarize(coldStarts),
      change,
      hover: await request('textDocument/hover', document.modelIdOffset),
      completionAtReference: await request('textDocument/completion', document.referenceOffset),
      completionAtModelId: await request('textDocument/completion', document.modelIdOffset),
      formatting: {
        asWritten: asWritten.timing,
        asWrittenEdits: asWritten.edits,
        reindented: reindented.timing,
        reindentedEdits: reindented.edits,
      },
      documentSymbols,
      inlayHints,
      memory,
      runs,
    };
  } finally {
    await server.shutdown();
  }
}

function memoryOf(pid: number | undefined): ServerMemory | undefined {
  const statusPath = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(statusPath)) return undefined;
  const status = readFileSync(statusPath, 'utf8');
  // /proc counts in kB of 1024 bytes; the report uses decimal megabytes throughout.
  const megabytes = (field: string) => (Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024) / 1_000_000;
  return { rssMb: megabytes('VmRSS'), peakRssMb: megabytes('VmHWM') };
}
