import { AdversarialFigures } from './adversarial';
import { DiscoveryFigures } from './catalog';
import { CompareFigures } from './compare';
import { BenchDocument, LARGE_MODEL_COUNT } from './documents';
import { Measured } from './extension';
import { MAX_DOCUMENT_SYMBOLS } from '../server/src/service/features/documentSymbols';
import { BaselineFigures, IN_PROCESS_PROCESSES, SCREENFUL_LINES, ServiceFigures } from './inProcess';
import { DIAGNOSTICS_DEBOUNCE_MS, MEMORY_AFTER_PASSES, ProtocolFigures } from './protocol';
import { SchemaFigures } from './schemas';
import { Timing } from './stats';

export interface DocumentResult {
  document: BenchDocument;
  service: ServiceFigures;
  baseline: BaselineFigures;
  protocol: ProtocolFigures;
}

/** What the in-process report reads (the protocol figures are not measured there). */
export type InProcessResult = Omit<DocumentResult, 'protocol'>;

export interface BenchResults {
  documents: DocumentResult[];
  adversarial: AdversarialFigures[];
  discovery: DiscoveryFigures;
  compare: CompareFigures;
  packageBytes: Measured<number>;
  schemas: SchemaFigures;
  activationMs: Measured<number>;
  machine: string;
  /** The machine's 1-minute load average during the run. */
  load: string;
  schemaVersion: string;
  durationMs: number;
}

/** The whole report, in markdown. */
export function renderReport(results: BenchResults): string {
  return [
    '# OpenClaw language server benchmark',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${results.machine}; the run took ${Math.round(results.durationMs / 1000)} s`,
    `(load average ${results.load}).`,
    'Times are in milliseconds, **median / p95** over the runs shown. In-process figures call the language service directly;',
    'protocol figures drive the server as it ships (server/out/server.js, production build, with its Node flags) over stdio',
    'with JSON-RPC, built-in model list only, and a code cache folder as the extension gives it (written by an untimed start',
    'first, as by the first start of a version). The in-process figures time the language service bundled as the server is',
    `(esbuild), in ${IN_PROCESS_PROCESSES} fresh processes per document with the server's Node flags; a figure is the middle of`,
    "the processes' medians (and p95s), and its runs are theirs together.",
    '',
    ...diagnosticsSection(results),
    ...featuresSection(results.documents),
    ...protocolSection(results.documents),
    ...formattingSection(results.documents),
    ...outlineSection(results.documents),
    ...adversarialSection(results.adversarial),
    ...schemasSection(results.schemas),
    ...discoverySection(results.discovery),
    ...compareSection(results.compare),
    ...targetsSection(results),
  ].join('\n');
}

/** `npm run bench -- --in-process`: the in-process tables and the targets they decide, quickly (no server, no package). */
export function renderInProcessReport(documents: InProcessResult[], schemaVersion: string, machine: string): string {
  return [
    '# OpenClaw language service, in-process only',
    '',
    `${machine}. Times are in milliseconds, **median / p95**.`,
    '',
    ...diagnosticsSection({ documents, schemaVersion }),
    ...featuresSection(documents),
    ...renderTargets(inProcessTargets(documents)),
  ].join('\n');
}

function diagnosticsSection(results: { documents: InProcessResult[]; schemaVersion: string }): string[] {
  const rows = results.documents.map(({ document, service, baseline }) => [
    document.name,
    size(document.text.length),
    timing(service.parse),
    timing(service.diagnostics),
    String(service.diagnosticCount),
    timing(baseline.jsonParse),
    timing(baseline.jsonLanguageService),
    ratio(service.diagnostics, baseline.jsonParse),
    ratio(service.diagnostics, baseline.jsonLanguageService),
    String(service.diagnostics.runs),
  ]);
  return [
    '## Full diagnostics pass, against JSON.parse and the JSON language service (in-process)',
    '',
    table(
      [
        'Document',
        'Size',
        'Our parse',
        'Our diagnostics',
        'Problems found',
        'JSON.parse',
        'JSON LS',
        'Ours ÷ JSON.parse',
        'Ours ÷ JSON LS',
        'Runs',
      ],
      rows,
    ),
    '',
    '- *Our diagnostics*: a fresh pass over a new version of the document (parse, analysis, schema, Bedrock checks), as after an edit.',
    '- *JSON.parse* and *JSON LS* read the strict-JSON form of the same configuration (neither reads JSON5), measured in the',
    "  same processes as the row's own figures. JSON LS is vscode-json-languageservice: `parseJSONDocument` + `doValidation`",
    `  (comments and trailing commas ignored) against our own schema of the same sections, OpenClaw ${results.schemaVersion}.`,
    '- Ratios are of medians.',
    '',
  ];
}

function featuresSection(documents: InProcessResult[]): string[] {
  const rows = documents.map(({ document, service }) => [
    document.name,
    `${timing(service.completionAtReference)} (${service.completionAtReferenceItems} items)`,
    `${timing(service.completionAtModelId)} (${service.completionAtModelIdItems} items)`,
    service.hoverFound ? timing(service.hover) : `${timing(service.hover)} (no hover)`,
    timing(service.fixAll),
    service.fixAllTitle ?? 'no fix-all action',
    `${service.hover.runs} / ${service.fixAll.runs}`,
  ]);
  return [
    '## Editor features on an analysed document (in-process, warm)',
    '',
    table(
      [
        'Document',
        'Completion at a model reference',
        'Completion at a model id',
        'Hover on a model id',
        'Fix all',
        'What fix all does',
        'Runs (requests / fix all)',
      ],
      rows,
    ),
    '',
    '- The model reference is `agents.defaults.model.primary` (reference.json has none: the first key of `agents.defaults.models`);',
    '  the model id is that of the model entry halfway down the list. Fix all is `source.fixAll` over the whole document;',
    '  the generated documents leave 5% of the models without an alias, so it has aliases to add.',
    '- Items: how many completion items came back; "+" when the list is marked incomplete (more come as the user types).',
    '',
  ];
}

function protocolSection(documents: DocumentResult[]): string[] {
  const rows = documents.map(({ document, protocol }) => [
    document.name,
    `${timing(protocol.firstDiagnostics)} (${plural(protocol.firstDiagnostics.runs, 'start')})`,
    timing(protocol.change),
    timing(minusDebounce(protocol.change)),
    timing(protocol.hover),
    timing(protocol.completionAtReference),
    timing(protocol.completionAtModelId),
    protocol.memory ? `${megabytes(protocol.memory.rssMb)} (peak ${megabytes(protocol.memory.peakRssMb)})` : 'not measured (no /proc)',
    `${protocol.runs.changes} / ${protocol.runs.requests}`,
  ]);
  return [
    '## Over the protocol (the built server over stdio)',
    '',
    table(
      [
        'Document',
        'First diagnostics after start',
        'didChange → diagnostics',
        `… minus the ${DIAGNOSTICS_DEBOUNCE_MS} ms debounce`,
        'Hover',
        'Completion at reference',
        'Completion at model id',
        'Server RSS',
        'Runs (changes / requests)',
      ],
      rows,
    ),
    '',
    '- *First diagnostics after start*: from spawning the server through initialize and didOpen to the first publishDiagnostics.',
    `- *didChange → diagnostics*: the whole text sent, until its diagnostics arrive. The server waits ${DIAGNOSTICS_DEBOUNCE_MS} ms after an`,
    '  edit before it checks (debounce), so the raw figure includes that wait; the next column subtracts it.',
    `- *Server RSS*: VmRSS of the server process with only that document open, after ${MEMORY_AFTER_PASSES} diagnostics passes (edits)`,
    '  following didOpen (peak: VmHWM, so far). The reference.json row is about what the server takes with any small file.',
    '',
  ];
}

function formattingSection(documents: DocumentResult[]): string[] {
  const rows = documents.map(({ document, service, protocol }) => [
    document.name,
    `${timing(service.formatting.asWritten)} (${plural(service.formatting.asWrittenEdits, 'edit')})`,
    `${timing(service.formatting.reindented)} (${plural(service.formatting.reindentedEdits, 'edit')})`,
    timing(protocol.formatting.asWritten),
    `${timing(protocol.formatting.reindented)} (${protocol.formatting.reindented.runs} runs)`,
  ]);
  return [
    '## Formatting the whole document',
    '',
    table(
      ['Document', 'In-process, tab size 2 (as written)', 'In-process, tab size 4', 'Protocol, tab size 2', 'Protocol, tab size 4'],
      rows,
    ),
    '',
    '- Tab size 2 is how the documents are written (the JSON ones as OpenClaw writes them): formatting finds nothing or little to',
    '  change. Tab size 4 re-indents every indented line: one edit per line, all sent back over the protocol.',
    '- In-process on an analysed document (its parse is cached, as in the server after the diagnostics of an edit).',
    '',
  ];
}

function outlineSection(documents: DocumentResult[]): string[] {
  const rows = documents.map(({ document, service, protocol }) => [
    document.name,
    `${timing(service.documentSymbols)} (${plural(service.symbolCount, 'symbol')})`,
    timing(protocol.documentSymbols),
    `${timing(service.inlayHints)} (${plural(service.hintCount, 'hint')})`,
    timing(protocol.inlayHints),
  ]);
  return [
    '## Outline and inlay hints',
    '',
    table(
      [
        'Document',
        'Document symbols, in-process',
        'Document symbols, protocol',
        `Inlay hints for ${SCREENFUL_LINES} lines, in-process`,
        'Inlay hints, protocol',
      ],
      rows,
    ),
    '',
    `- Document symbols: the whole hierarchy (Outline, breadcrumbs), breadth first up to ${MAX_DOCUMENT_SYMBOLS.toLocaleString('en-US')} symbols.`,
    `- Inlay hints: the ${SCREENFUL_LINES} lines from \`agents.defaults.model.primary\` (the model references of agents.defaults),`,
    '  as an editor asks per screenful.',
    '',
  ];
}

function adversarialSection(figures: AdversarialFigures[]): string[] {
  const rows = figures.map((figure) => [
    figure.name,
    figure.size,
    ms(figure.firstDiagnosticsMs),
    String(figure.diagnostics),
    figure.peakRssMb === undefined ? 'not measured (no /proc)' : megabytes(figure.peakRssMb),
    `${timing(figure.hover)} (${figure.hover.runs})`,
  ]);
  return [
    '## Adversarial inputs (over the protocol)',
    '',
    table(
      [
        'Input',
        'Size',
        'First diagnostics after didOpen',
        'Diagnostics published',
        'Server peak RSS',
        'Hover while it analyses (requests)',
      ],
      rows,
    ),
    '',
    '- Hovers are sent every 100 ms from didOpen until a second after the first diagnostics; those sent while the server',
    '  analyses wait for it, so their p95 is about how long the server is busy at a stretch.',
    '',
  ];
}

function schemasSection(schemas: SchemaFigures): string[] {
  const rows = schemas.loads.map((figure) => [
    `OpenClaw ${figure.release}`,
    timing(figure.load),
    timing(figure.compile),
    String(figure.load.runs),
  ]);
  const { withBundle, withOwnSchema } = schemas.start;
  const vsix = schemas.vsix
    ? `${size(schemas.vsix.stored)} in ${plural(schemas.vsix.files, 'file')}`
    : 'not measured (npm run package failed)';
  return [
    '## Bundled OpenClaw schemas',
    '',
    `In the .vsix: ${vsix} (server/schemas: every release's schema, shared parts stored once, brotli).`,
    '',
    table(['Schema', 'SchemaBundle.load (cold)', 'new SchemaValidator (cold)', 'Runs (fresh processes)'], rows),
    '',
    table(
      [
        'First diagnostics after start, reference.json',
        'Bundled schema (newest release)',
        'Own schema (a release before the bundle)',
        'Difference of medians',
      ],
      [['median / p95', timing(withBundle), timing(withOwnSchema), ms(withBundle.median - withOwnSchema.median)]],
    ),
    '',
    '- Cold: each run in a fresh Node process. The server reads the schema of the version its settings point to in the background',
    "  from initialize on (the bundle decompressed on libuv's threads), and a document opened meanwhile waits for it.",
    `- First diagnostics: ${withBundle.runs} starts each, alternating; the difference is what the bundled schema adds to a start.`,
    '',
  ];
}

function discoverySection(discovery: DiscoveryFigures): string[] {
  const rows = discovery.listings.map((listing) => [
    listing.name,
    String(listing.pageStarts.length),
    listing.pageStarts.map((ms) => `+${ms}`).join(', '),
  ]);
  const together = discovery.startedTogether
    ? 'The listings **started together**: their first requests arrived within half a latency of each other; only pages of one listing follow each other.'
    : 'The listings did **not** start together: at least one first request waited for another listing.';
  return [
    `## Cold catalog discovery (fake Bedrock on 127.0.0.1, ${discovery.latencyMs} ms per request, pages of ${discovery.pageSize})`,
    '',
    `Total: **${discovery.totalMs} ms** for ${discovery.entries} catalog entries. One listing after another would take at least`,
    `${discovery.oneAfterAnotherMs} ms of latency; the longest listing alone takes ${discovery.longestListingMs} ms.`,
    '',
    table(['Listing', 'Requests', 'Each request arrived at (ms after discovery started)'], rows),
    '',
    together,
    '',
  ];
}

function compareSection(compare: CompareFigures): string[] {
  return [
    `## Compare Models (fake Bedrock on 127.0.0.1, ${compare.latencyMs} ms before each ConverseStream answer, ${compare.models} models)`,
    '',
    table(
      ['From the command to', 'Median / p95 (ms)', 'Runs'],
      [
        ["the first column's first token", timing(compare.firstToken), String(compare.firstToken.runs)],
        ['the answer (every model done)', timing(compare.total), String(compare.total.runs)],
      ],
    ),
    '',
    `At most ${compare.peakInFlight} requests were in flight at once (openclaw.compare.concurrency, default 4).`,
    '',
  ];
}

interface Target {
  name: string;
  limit: string;
  measured: string;
  /** Undefined: not measured. */
  met: boolean | undefined;
}

function targetsSection(results: BenchResults): string[] {
  return renderTargets(evaluateTargets(results));
}

function renderTargets(targets: Target[]): string[] {
  const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**MISSED**');
  return [
    `## Targets (the ${LARGE_MODEL_COUNT.toLocaleString('en-US')}-model documents, about 1 MB, unless said otherwise)`,
    '',
    table(
      ['Target', 'Limit', 'Measured', 'Result'],
      targets.map((target) => [target.name, target.limit, target.measured, verdict(target.met)]),
    ),
    '',
  ];
}

function evaluateTargets(results: BenchResults): Target[] {
  const large = results.documents.filter((result) => result.document.models === LARGE_MODEL_COUNT);
  /** One figure per large document, and whether all of them are within the limit. */
  const each = (
    name: string,
    limit: string,
    figure: (result: DocumentResult) => number,
    format: (value: number) => string,
    within: (value: number) => boolean,
  ): Target => everyOf(large, name, limit, figure, format, within);
  const p95Under = (limitMs: number, name: string, figure: (result: DocumentResult) => Timing) =>
    each(
      name,
      `p95 < ${limitMs} ms`,
      (result) => figure(result).p95,
      ms,
      (value) => value < limitMs,
    );
  const formattingWithin60 = (where: string, figure: (result: DocumentResult) => Timing) =>
    each(
      `Formatting (tab size 4: every line re-indented), ${where} (median)`,
      '< 60 ms',
      (r) => figure(r).median,
      ms,
      (value) => value < 60,
    );
  const memoryMeasured = large.every((result) => result.protocol.memory);
  const { withBundle, withOwnSchema } = results.schemas.start;

  return [
    ...inProcessTargets(results.documents),
    p95Under(5, 'Completion at a model reference, in-process', (r) => r.service.completionAtReference),
    p95Under(5, 'Completion at a model id, in-process', (r) => r.service.completionAtModelId),
    p95Under(5, 'Hover on a model id, in-process', (r) => r.service.hover),
    p95Under(5, 'Completion at a model reference, over the protocol', (r) => r.protocol.completionAtReference),
    p95Under(5, 'Completion at a model id, over the protocol', (r) => r.protocol.completionAtModelId),
    p95Under(5, 'Hover on a model id, over the protocol', (r) => r.protocol.hover),
    p95Under(20, 'Document symbols, in-process', (r) => r.service.documentSymbols),
    p95Under(20, 'Document symbols, over the protocol', (r) => r.protocol.documentSymbols),
    p95Under(5, 'Inlay hints for a screenful, in-process', (r) => r.service.inlayHints),
    p95Under(5, 'Inlay hints for a screenful, over the protocol', (r) => r.protocol.inlayHints),
    formattingWithin60('in-process', (r) => r.service.formatting.reindented),
    formattingWithin60('over the protocol', (r) => r.protocol.formatting.reindented),
    each(
      'First diagnostics after the server starts (median)',
      '< 500 ms',
      (r) => r.protocol.firstDiagnostics.median,
      ms,
      (value) => value < 500,
    ),
    memoryMeasured
      ? each(
          'Server memory with the document open (RSS)',
          '< 150 MB',
          (r) => r.protocol.memory!.rssMb,
          megabytes,
          (value) => value < 150,
        )
      : { name: 'Server memory with the document open (RSS)', limit: '< 150 MB', measured: 'not measured (no /proc)', met: undefined },
    ...results.adversarial.flatMap((figure): Target[] => [
      {
        name: `Server peak memory: ${figure.name}`,
        limit: '< 300 MB',
        measured: figure.peakRssMb === undefined ? 'not measured (no /proc)' : megabytes(figure.peakRssMb),
        met: figure.peakRssMb === undefined ? undefined : figure.peakRssMb < 300,
      },
      { name: `Hover while it analyses: ${figure.name}`, limit: 'p95 < 1 s', measured: ms(figure.hover.p95), met: figure.hover.p95 < 1000 },
    ]),
    {
      name: 'Reading and compiling the bundled schema delays first diagnostics (reference.json, median of bundled − own schema)',
      limit: '≤ 100 ms',
      measured: ms(withBundle.median - withOwnSchema.median),
      met: withBundle.median - withOwnSchema.median <= 100,
    },
    {
      name: `First diagnostics after the server starts, reference.json with the bundled schema of OpenClaw ${results.schemaVersion} (median)`,
      limit: '< 250 ms',
      measured: ms(withBundle.median),
      met: withBundle.median < 250,
    },
    measuredTarget('Packaged extension (openclaw-bedrock.vsix)', '< 2 MB', results.packageBytes, size, (bytes) => bytes < 2_000_000),
    measuredTarget('Extension activation', '< 50 ms', results.activationMs, ms, (value) => value < 50),
  ];
}

/**
 * The targets the in-process figures decide (issue 19), ratios of medians measured in the same run: linear in the
 * size of the file, twice as fast as the JSON language service at every size, near JSON.parse, fix all in one pass.
 */
export function inProcessTargets(documents: InProcessResult[]): Target[] {
  const large = documents.filter((result) => result.document.models === LARGE_MODEL_COUNT);
  const diagnostics = (result: InProcessResult) => result.service.diagnostics.median;
  const growth = (result: InProcessResult) => {
    const small = documents.find((other) => other.document.models === LINEARITY_BASE && other.document.style === result.document.style);
    return small ? diagnostics(result) / diagnostics(small) : NaN;
  };
  return [
    everyOf(
      large,
      `Linear: the ${LARGE_MODEL_COUNT.toLocaleString('en-US')}-model pass ÷ the ${LINEARITY_BASE}-model pass (10× the size)`,
      '≤ 11×',
      growth,
      times,
      (value) => value <= 11,
    ),
    everyOf(
      documents,
      'Full diagnostics ÷ the JSON language service, every document',
      '≤ 0.5× (2× faster)',
      (r) => diagnostics(r) / r.baseline.jsonLanguageService.median,
      times,
      (value) => value <= 0.5,
      true,
    ),
    everyOf(
      large,
      'Full diagnostics ÷ JSON.parse',
      '≤ 10×',
      (r) => diagnostics(r) / r.baseline.jsonParse.median,
      times,
      (value) => value <= 10,
    ),
    everyOf(
      large,
      'Fix all, one pass computing every fix (median)',
      '< 30 ms',
      (r) => r.service.fixAll.median,
      ms,
      (value) => value < 30,
    ),
  ];
}

/** The smaller generated documents, against which the large ones' growth is measured. */
const LINEARITY_BASE = 200;

/** One figure per document, and whether all of them are within the limit. */
function everyOf<Result extends InProcessResult>(
  documents: Result[],
  name: string,
  limit: string,
  figure: (result: Result) => number,
  format: (value: number) => string,
  within: (value: number) => boolean,
  byName = false,
): Target {
  const label = (result: Result) => (byName ? result.document.name : result.document.style.toUpperCase());
  return {
    name,
    limit,
    measured: documents.map((result) => `${label(result)} ${format(figure(result))}`).join(', '),
    met: documents.every((result) => within(figure(result))),
  };
}

function measuredTarget(
  name: string,
  limit: string,
  measured: Measured<number>,
  format: (value: number) => string,
  within: (value: number) => boolean,
): Target {
  return 'value' in measured
    ? { name, limit, measured: `${format(measured.value)}${measured.note ? ` (${measured.note})` : ''}`, met: within(measured.value) }
    : { name, limit, measured: measured.notMeasured, met: undefined };
}

function minusDebounce(timing: Timing): Timing {
  return { ...timing, median: timing.median - DIAGNOSTICS_DEBOUNCE_MS, p95: timing.p95 - DIAGNOSTICS_DEBOUNCE_MS };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function timing(value: Timing): string {
  return `${ms(value.median)} / ${ms(value.p95)}`;
}

/** Three significant digits or so: 0.42, 4.27, 42.7, 427. */
function ms(value: number): string {
  return value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
}

function ratio(ours: Timing, theirs: Timing): string {
  return times(ours.median / theirs.median);
}

function times(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)}×`;
}

/** Decimal units: 1 MB = 1,000,000 bytes. */
function size(bytes: number): string {
  return bytes < 1_000_000 ? `${(bytes / 1000).toFixed(1)} KB` : `${(bytes / 1_000_000).toFixed(2)} MB`;
}

function megabytes(value: number): string {
  return `${value.toFixed(0)} MB`;
}
