import { writeFileSync } from 'fs';
import { isAbsolute, relative, resolve, sep } from 'path';
import { URI } from 'vscode-uri';
import { homepage, version as packageVersion } from '../../package.json';
import { CheckReport, githubReport, jsonReport, sarifReport, SEVERITY_NAMES } from './checkReports';
import { encodeLike, readConfigFile } from './configFileReader';
import { DiskFileSource } from './fileSource';
import { SchemaBundle } from './schemaBundle';
import {
  createLanguageService,
  createTextDocument,
  Diagnostic,
  LanguageService,
  Severity,
  TextDocumentLike,
  TextEdit,
} from './service/languageService';

/*
 * openclaw-config check FILE...: the language server's diagnostics without an editor, as
 * `file:line:col severity message` (or JSON, SARIF, GitHub workflow commands), optionally after its
 * "fix all". Exit code 1 when any file has an error, 2 on bad usage.
 * openclaw-config format [--check] FILE...: the language server's formatting, written in place.
 */

const USAGE = `Usage: openclaw-config check [--format text|json|sarif|github] [--fix] [--openclaw-version VERSION] [--exit-zero] FILE...
       openclaw-config format [--check] [--indent N|tab] FILE...

check: checks OpenClaw configuration files (openclaw.json, JSON5) and the files they include, and
prints one line per problem:
  file:line:col severity message
Exits 1 when any file has an error (OpenClaw would refuse it), 2 on a bad command line, an unreadable
file or a fix that could not be made, 0 otherwise.

  --format FORMAT             text (the default: the lines above), json (one document: files, each
                              with its diagnostics: severity, code, message, range with 1-based line
                              and column), sarif (SARIF 2.1.0, for GitHub code scanning) or github
                              (GitHub Actions workflow commands: an annotation per problem)
  --fix                       first apply every fix with one right answer (the editor's "Fix all":
                              migrate the allowlist, add aliases, move or remove the legacy discovery
                              key), keeping comments and layout; write each file that changes (the
                              file or an included one), print one line per fix on stderr, then report
                              what is left. A file that does not parse or is not valid UTF-8 is left
                              as it is (exit 2)
  --openclaw-version VERSION  check against this OpenClaw version, whatever release last wrote
                              the file (default: the file's meta.lastTouchedVersion, else the
                              newest known), with the schema of that release bundled here
  --exit-zero                 report only: exit 0 even when errors are found
  --                          the arguments after it are files, even those that start with -

format: lays each file out as OpenClaw writes it (JSON.stringify with 2 spaces: a strict-JSON file
comes out byte for byte as OpenClaw saves it), changing only whitespace and trailing commas: comments,
quotes, numbers and values stay as they are, and so do the encoding, byte order mark and line breaks.
Writes each file that changes in place and prints its name.

  --check                     write nothing: print the files formatting would change
  --indent N|tab              indent by N spaces (1-16; default 2, as OpenClaw) or by a tab
  --                          the arguments after it are files, even those that start with -

format exits 0 when every file is formatted (with --check: already was), 1 with --check when a file
would change, 2 on a bad command line or when a file cannot be read, written or formatted (a syntax
error, invalid UTF-8): such a file is left as it is, and the others are still formatted.

Control characters in file names and messages are printed as escapes (\n, \u001b), one problem a line.
`;

/** What --openclaw-version takes: a release (2026.9.6), a pre-release (2026.3.2-beta.1), with or without a v. */
const VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'format') return format(rest);
  if (command !== 'check') {
    process.stderr.write(USAGE);
    return 2;
  }
  const files: string[] = [];
  let openclawVersion: string | undefined;
  let exitZero = false;
  let fix = false;
  let outputFormat: Format = 'text';
  let optionsEnded = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (optionsEnded || !arg.startsWith('-')) {
      files.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--openclaw-version') {
      openclawVersion = rest[++i];
      if (!openclawVersion) {
        process.stderr.write('--openclaw-version needs a value, for example 2026.7.2\n');
        return 2;
      }
      if (!VERSION.test(openclawVersion)) {
        process.stderr.write(`--openclaw-version takes a version such as 2026.9.6; '${printable(openclawVersion)}' is not one\n`);
        return 2;
      }
    } else if (arg === '--exit-zero') {
      exitZero = true;
    } else if (arg === '--fix') {
      fix = true;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? (rest[++i] ?? '') : arg.slice('--format='.length);
      if (!(FORMATS as readonly string[]).includes(value)) {
        process.stderr.write(`--format takes ${FORMATS.join(', ')}; '${printable(value)}' is none of them\n`);
        return 2;
      }
      outputFormat = value as Format;
    } else {
      process.stderr.write(`Unknown option ${printable(arg)}\n${USAGE}`);
      return 2;
    }
  }
  if (files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }

  const newService = () =>
    createLanguageService({
      settings: { openclawVersion, openclawVersionFrom: 'command-line', env: process.env },
      files: new DiskFileSource(() => undefined),
      schemas: SchemaBundle.beside(__dirname),
    });
  // Fixes first, each file with a service of its own (a fix may rewrite a file another one includes); then the check of what is left.
  let notFixed = 0;
  if (fix) for (const file of files) if (!fixFile(file, newService())) notFixed++;

  const service = newService();
  const report: CheckReport = { files: [], unreadable: [], errors: 0, warnings: 0 };
  for (const file of files) {
    const read = readConfigFile(file);
    if (!read.ok) {
      process.stderr.write(`${printable(file)}: cannot read: ${printable(read.reason)}\n`);
      report.unreadable.push({ file, reason: read.reason });
      continue;
    }
    // The file and those it includes, each with its own findings.
    const document = createTextDocument(URI.file(resolve(file)).toString(), read.text, 1, read.encoding);
    const configuration = service.getConfigurationDiagnostics(document);
    for (const { uri, diagnostics } of configuration) {
      const path = URI.parse(uri).fsPath;
      const shown = uri === configuration[0]!.uri ? file : shownPath(path);
      const sorted = sortByPosition(diagnostics);
      report.files.push({ shown, relative: relativePath(path), diagnostics: sorted });
      for (const diagnostic of sorted) {
        if (diagnostic.severity === Severity.Error) report.errors++;
        if (diagnostic.severity === Severity.Warning) report.warnings++;
      }
    }
  }
  process.stdout.write(formatReport(report, outputFormat));
  process.stderr.write(`${files.length} file(s) checked: ${report.errors} error(s), ${report.warnings} warning(s).\n`);
  if (report.unreadable.length > 0 || notFixed > 0) return 2;
  return report.errors > 0 && !exitZero ? 1 : 0;
}

function formatReport(report: CheckReport, outputFormat: Format): string {
  switch (outputFormat) {
    case 'json':
      return jsonReport(report);
    case 'sarif':
      return sarifReport(report, { name: 'openclaw-config', version: packageVersion, informationUri: homepage }, process.cwd());
    case 'github':
      return githubReport(report);
    default:
      return report.files
        .flatMap(({ shown, diagnostics }) =>
          diagnostics.map(
            ({ range, severity, message }) =>
              `${printable(shown)}:${range.start.line + 1}:${range.start.character + 1} ${SEVERITY_NAMES[severity]} ${printable(message)}\n`,
          ),
        )
        .join('');
  }
}

/** An included file's path as printed: relative to the working folder when inside it, else absolute. */
function shownPath(path: string): string {
  const nearby = relative(process.cwd(), path);
  return nearby.startsWith('..') || isAbsolute(nearby) ? path : nearby;
}

/** Relative to the working folder with / between names when inside it, else absolute: for SARIF and GitHub annotations. */
function relativePath(path: string): string {
  return shownPath(path).split(sep).join('/');
}

/**
 * --fix for one file: applies the fixes with one right answer (what "fix all" does in the editor) to the
 * file and the files it includes, writes those that change, in place, and prints one line per fix.
 * False when the fixes could not be made: a file that cannot be read, does not parse, or whose bytes its
 * text cannot give back (invalid UTF-8) is not written, nor is any other file of the same fix.
 */
function fixFile(file: string, service: LanguageService): boolean {
  const shown = printable(file);
  const read = readConfigFile(file);
  if (!read.ok) return true; // The check says it cannot read the file, and exits 2.
  const rootUri = URI.file(resolve(file)).toString();
  const document = createTextDocument(rootUri, read.text, 1, read.encoding);
  const plan = service.getFixAll(document);
  if (!plan) return true;
  const refuse = (why: string) => {
    process.stderr.write(`${shown}: not fixed: ${why}\n`);
    return false;
  };
  const syntax = service
    .getConfigurationDiagnostics(document)
    .find(({ diagnostics }) => diagnostics.some((diagnostic) => diagnostic.code === 'syntax'));
  if (syntax)
    return refuse(
      `${printable(syntax.uri === rootUri ? 'the file' : shownPath(URI.parse(syntax.uri).fsPath))} has a syntax error; fix it first`,
    );
  const sources = new Map(service.getConfigurationSources(document).map(({ uri, text }) => [uri, text]));
  const writes: { path: string; bytes: Buffer }[] = [];
  for (const [uri, edits] of Object.entries(plan.edit.changes)) {
    const path = uri === rootUri ? file : URI.parse(uri).fsPath;
    const name = uri === rootUri ? 'the file' : printable(shownPath(path));
    const current = uri === rootUri ? read : readConfigFile(path);
    if (!current.ok) return refuse(`${name}: cannot read: ${printable(current.reason)}`);
    if (current.text !== sources.get(uri)) return refuse(`${name} changed while it was being fixed`);
    const unsafe = whyNotWritable(current);
    if (unsafe) return refuse(`${name} has ${unsafe}; fix its encoding first`);
    const fixed = applyTextEdits(createTextDocument(uri, current.text, 1, current.encoding), edits);
    if (fixed !== current.text) writes.push({ path, bytes: encodeLike(fixed, current.bytes) });
  }
  for (const { path, bytes } of writes) {
    try {
      // In place, as format writes: a symbolic link, the owner and the mode stay.
      writeFileSync(path, bytes);
    } catch (error) {
      return refuse(`cannot write ${printable(shownPath(path))}: ${printable((error as Error).message)}`);
    }
  }
  for (const title of plan.fixes) process.stderr.write(`${shown}: fixed: ${printable(title)}\n`);
  for (const { path } of writes)
    if (resolve(path) !== resolve(file)) process.stderr.write(`${shown}: wrote ${printable(shownPath(path))}\n`);
  return true;
}

/** Why writing the text back would not give the file's bytes (decoding lost some), or undefined when it would. */
function whyNotWritable(read: { text: string; bytes: Buffer; encoding: { invalidUtf8Count?: number } }): string | undefined {
  if (encodeLike(read.text, read.bytes).equals(read.bytes)) return undefined;
  const invalid = read.encoding.invalidUtf8Count;
  return invalid
    ? `${invalid} invalid UTF-8 sequence(s), which writing it back would replace with U+FFFD`
    : 'bytes that its text cannot give back';
}

function format(args: string[]): number {
  const files: string[] = [];
  let checkOnly = false;
  let indent = { tabSize: 2, insertSpaces: true };
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (optionsEnded || !arg.startsWith('-')) {
      files.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--check') {
      checkOnly = true;
    } else if (arg === '--indent') {
      const value = args[++i] ?? '';
      if (value === 'tab') {
        indent = { tabSize: 2, insertSpaces: false };
      } else if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 16) {
        indent = { tabSize: Number(value), insertSpaces: true };
      } else {
        process.stderr.write(`--indent takes a number of spaces (1 to 16) or 'tab'; '${printable(value)}' is neither\n`);
        return 2;
      }
    } else {
      process.stderr.write(`Unknown option ${printable(arg)}\n${USAGE}`);
      return 2;
    }
  }
  if (files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }

  // Formatting reads nothing but the file itself: no included files, no catalog.
  const service = createLanguageService();
  let changed = 0;
  let failed = 0;
  for (const file of files) {
    const shown = printable(file);
    const read = readConfigFile(file);
    if (!read.ok) {
      process.stderr.write(`${shown}: cannot read: ${printable(read.reason)}\n`);
      failed++;
      continue;
    }
    // Written back, the text must give the same bytes: a file whose decoding lost bytes is not rewritten.
    const why = whyNotWritable(read);
    if (why) {
      process.stderr.write(`${shown}: not formatted: the file has ${why}; fix its encoding first\n`);
      failed++;
      continue;
    }
    const document = createTextDocument(URI.file(resolve(file)).toString(), read.text, 1, read.encoding);
    const edits = service.getFormatting(document, indent);
    if (typeof edits === 'string') {
      process.stderr.write(`${shown}: ${printable(edits)}\n`);
      failed++;
      continue;
    }
    if (edits.length === 0) continue;
    changed++;
    if (!checkOnly) {
      try {
        // In place (not a new file renamed over it): a symbolic link, the owner and the mode stay.
        writeFileSync(file, encodeLike(applyTextEdits(document, edits), read.bytes));
      } catch (error) {
        process.stderr.write(`${shown}: cannot write: ${printable((error as Error).message)}\n`);
        failed++;
        changed--;
        continue;
      }
    }
    process.stdout.write(`${shown}\n`);
  }
  const done = checkOnly ? 'would be reformatted' : 'reformatted';
  const unchanged = files.length - changed - failed;
  process.stderr.write(`${files.length} file(s): ${changed} ${done}, ${unchanged} already formatted, ${failed} not formatted.\n`);
  if (failed > 0) return 2;
  return checkOnly && changed > 0 ? 1 : 0;
}

function applyTextEdits(document: TextDocumentLike, edits: TextEdit[]): string {
  const text = document.getText();
  let result = '';
  let cursor = 0;
  const sorted = [...edits].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start));
  for (const edit of sorted) {
    const start = document.offsetAt(edit.range.start);
    result += text.slice(cursor, start) + edit.newText;
    cursor = document.offsetAt(edit.range.end);
  }
  return result + text.slice(cursor);
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/**
 * Text for one output line: control characters, line separators and lone surrogates as JSON-style
 * escapes, so a file named "a\nb.json" cannot split a line in two (or a name move the cursor).
 */
function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

process.exitCode = main(process.argv.slice(2));
