import { writeFileSync } from 'fs';
import { relative, resolve } from 'path';
import { URI } from 'vscode-uri';
import { encodeLike, readConfigFile } from './configFileReader';
import { DiskFileSource } from './fileSource';
import { SchemaBundle } from './schemaBundle';
import { createLanguageService, createTextDocument, Diagnostic, Severity, TextDocumentLike, TextEdit } from './service/languageService';

/*
 * openclaw-config check FILE...: the language server's diagnostics without an editor, as
 * `file:line:col severity message`. Exit code 1 when any file has an error, 2 on bad usage.
 * openclaw-config format [--check] FILE...: the language server's formatting, written in place.
 */

const USAGE = `Usage: openclaw-config check [--openclaw-version VERSION] [--exit-zero] FILE...
       openclaw-config format [--check] [--indent N|tab] FILE...

check: checks OpenClaw configuration files (openclaw.json, JSON5) and prints one line per problem:
  file:line:col severity message
Exits 1 when any file has an error (OpenClaw would refuse it), 0 otherwise.

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

const SEVERITY_NAMES: Record<Severity, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

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
    } else {
      process.stderr.write(`Unknown option ${printable(arg)}\n${USAGE}`);
      return 2;
    }
  }
  if (files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }

  const service = createLanguageService({
    settings: { openclawVersion, openclawVersionFrom: 'command-line', env: process.env },
    files: new DiskFileSource(() => undefined),
    schemas: SchemaBundle.beside(__dirname),
  });
  let errors = 0;
  let warnings = 0;
  let unreadable = 0;
  for (const file of files) {
    const read = readConfigFile(file);
    if (!read.ok) {
      process.stderr.write(`${printable(file)}: cannot read: ${printable(read.reason)}\n`);
      unreadable++;
      continue;
    }
    // The file and those it includes, each with its own findings.
    const document = createTextDocument(URI.file(resolve(file)).toString(), read.text, 1, read.encoding);
    const configuration = service.getConfigurationDiagnostics(document);
    for (const { uri, diagnostics } of configuration) {
      const path = URI.parse(uri).fsPath;
      const nearby = relative(process.cwd(), path);
      const shown = uri === configuration[0]!.uri ? file : nearby.startsWith('..') ? path : nearby;
      for (const diagnostic of sortByPosition(diagnostics)) {
        const { line, character } = diagnostic.range.start;
        const severity = SEVERITY_NAMES[diagnostic.severity];
        process.stdout.write(`${printable(shown)}:${line + 1}:${character + 1} ${severity} ${printable(diagnostic.message)}\n`);
        if (diagnostic.severity === Severity.Error) errors++;
        if (diagnostic.severity === Severity.Warning) warnings++;
      }
    }
  }
  process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).\n`);
  if (unreadable > 0) return 2;
  return errors > 0 && !exitZero ? 1 : 0;
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
    if (!encodeLike(read.text, read.bytes).equals(read.bytes)) {
      const invalid = read.encoding.invalidUtf8Count;
      const why = invalid
        ? `${invalid} invalid UTF-8 sequence(s), which writing it back would replace with U+FFFD`
        : 'bytes that its text cannot give back';
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
  for (const edit of edits) {
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
