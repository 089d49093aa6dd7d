import { readFileSync } from 'fs';
import { relative, resolve } from 'path';
import { URI } from 'vscode-uri';
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
`;

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
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--openclaw-version') {
      openclawVersion = rest[++i];
      if (!openclawVersion) {
        process.stderr.write('--openclaw-version needs a value, for example 2026.7.2\n');
        return 2;
      }
    } else if (arg === '--exit-zero') {
      exitZero = true;
    } else if (arg.startsWith('-')) {
      process.stderr.write(`Unknown option ${arg}\n${USAGE}`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }

  const service = createLanguageService({ settings: { openclawVersion, env: process.env }, files: new DiskFileSource(() => undefined) });
  let errors = 0;
  let warnings = 0;
  let unreadable = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
      unreadable++;
      continue;
    }
    // The file and those it includes, each with its own findings.
    const configuration = service.getConfigurationDiagnostics(createTextDocument(URI.file(resolve(file)).toString(), text));
    for (const { uri, diagnostics } of configuration) {
      const path = URI.parse(uri).fsPath;
      const nearby = relative(process.cwd(), path);
      const shown = uri === configuration[0]!.uri ? file : nearby.startsWith('..') ? path : nearby;
      for (const diagnostic of sortByPosition(diagnostics)) {
        const { line, character } = diagnostic.range.start;
        process.stdout.write(`${shown}:${line + 1}:${character + 1} ${SEVERITY_NAMES[diagnostic.severity]} ${diagnostic.message}\n`);
        if (diagnostic.severity === Severity.Error) errors++;
        if (diagnostic.severity === Severity.Warning) warnings++;
      }
    }
  }
  process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).\n`);
  if (unreadable > 0) return 2;
  return errors > 0 && !exitZero ? 1 : 0;
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

process.exitCode = main(process.argv.slice(2));
