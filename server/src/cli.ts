import { relative, resolve } from 'path';
import { URI } from 'vscode-uri';
import { readConfigFile } from './configFileReader';
import { DiskFileSource } from './fileSource';
import { createLanguageService, createTextDocument, Diagnostic, Severity } from './service/languageService';

/*
 * openclaw-config check FILE...: the language server's diagnostics without an editor, as
 * `file:line:col severity message`. Exit code 1 when any file has an error, 2 on bad usage.
 */

const USAGE = `Usage: openclaw-config check [--openclaw-version VERSION] [--exit-zero] FILE...

Checks OpenClaw configuration files (openclaw.json, JSON5) and prints one line per problem:
  file:line:col severity message
Exits 1 when any file has an error (OpenClaw would refuse it), 0 otherwise.

  --openclaw-version VERSION  check against this OpenClaw version when a file has no
                              meta.lastTouchedVersion (default: the newest known)
  --exit-zero                 report only: exit 0 even when errors are found
  --                          the arguments after it are files, even those that start with -

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
