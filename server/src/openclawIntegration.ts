import { dirname, isAbsolute, relative } from 'path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CliVerdict, detectOpenClaw, OpenClawCli, openClawSchema, validateWithOpenClaw } from './openclawCli';
import { Diagnostic, LanguageService, SchemaValidator, Severity, validatorPathOf } from './service/languageService';

/*
 * The user's own OpenClaw, when it is installed and the workspace is trusted: its version decides
 * which rules apply, its schema validates the whole file, and on save its own validator checks the
 * file again; whatever it finds that we did not is shown too (and logged, to improve our checks).
 */

export interface OpenClawHost {
  service: LanguageService;
  /** The command to run (openclaw.cli.path), or undefined when it must not run (untrusted workspace). */
  command(): string | undefined;
  validateOnSave(): boolean;
  cacheDir(): string | undefined;
  /** The installed version changed: settings and diagnostics must follow. */
  onVersionChange(version: string | undefined): void;
  /** New schema or a cross-check result: publish diagnostics again. */
  revalidate(uri?: string): void;
  /** The open document at a uri. */
  document(uri: string): TextDocument | undefined;
  /** The most diagnostics a file shows (openclaw.diagnostics.maxPerFile). */
  maxDiagnostics(): number;
  log(line: string): void;
}

/** Findings named in one log line; the rest are counted. */
const LOGGED_FINDINGS = 20;

export class OpenClawIntegration {
  private cli: OpenClawCli | undefined;
  private generation = 0;
  private readonly crossChecks = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

  constructor(private readonly host: OpenClawHost) {}

  get installedVersion(): string | undefined {
    return this.cli?.version;
  }

  /** Finds the command again (settings or trust changed); then, in the background, its schema. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const command = this.host.command();
    const cli = command ? await detectOpenClaw(command) : undefined;
    if (generation !== this.generation) return;
    const changed = cli?.version !== this.cli?.version;
    this.cli = cli;
    if (!changed) return;
    this.host.service.setSchema(undefined);
    this.host.onVersionChange(cli?.version);
    if (!cli) return;
    this.host.log(`Found OpenClaw ${cli.version} (${cli.command}): checking against its rules and, once compiled, its schema.`);
    // After the diagnostics of our own rules went out: compiling a 2.4 MB schema takes a few seconds.
    setTimeout(() => void this.loadSchema(cli, generation), 200);
  }

  private async loadSchema(cli: OpenClawCli, generation: number): Promise<void> {
    try {
      const schema = await openClawSchema(cli, this.host.cacheDir());
      if (generation !== this.generation) return;
      const started = Date.now();
      this.host.service.setSchema(new SchemaValidator(schema, `the schema of the installed OpenClaw ${cli.version}`));
      this.host.log(`OpenClaw ${cli.version}'s schema is in use (compiled in ${Date.now() - started} ms).`);
      this.host.revalidate();
    } catch (error) {
      this.host.log(
        `Could not use the schema of OpenClaw ${cli.version}: ${(error as Error).message}. The schemas the extension ships stay in use.`,
      );
    }
  }

  /**
   * On save: OpenClaw's own verdict on the configuration the document belongs to; what it finds and
   * we did not becomes diagnostics of the open files it is in (of this version of each).
   */
  async crossCheck(document: TextDocument): Promise<void> {
    const cli = this.cli;
    if (!cli || !this.host.validateOnSave() || !this.host.command()) return;
    const sources = this.host.service.getConfigurationSources(document);
    const folder = dirname(URI.parse(sources[0]!.uri).fsPath);
    const files = sources.map((source) => ({ uri: source.uri, path: relative(folder, URI.parse(source.uri).fsPath), text: source.text }));
    if (files.some((file) => file.path.startsWith('..') || isAbsolute(file.path))) {
      this.host.log(
        `openclaw config validate skipped for ${document.uri}: it includes files outside its folder, which a scratch copy cannot reproduce.`,
      );
      return;
    }
    const configuration = this.host.service.getConfigurationDiagnostics(document).flatMap((file) => file.diagnostics);
    if (configuration.some((d) => d.code === 'too-many-problems')) {
      // What OpenClaw finds may well be among the problems not shown: nothing to compare with.
      this.host.log(`openclaw config validate skipped for ${document.uri}: it has more problems than the extension shows.`);
      return;
    }
    let verdict: CliVerdict;
    try {
      verdict = await validateWithOpenClaw(cli, files);
    } catch (error) {
      this.host.log(`openclaw config validate failed: ${(error as Error).message}`);
      return;
    }
    const ours = configuration.filter((d) => d.severity === Severity.Error);
    const ourPaths = new Set(ours.map(validatorPathOf));
    const missed = verdict.issues.filter((issue) => !ourPaths.has(issue.path));
    if (verdict.valid && ours.length > 0) {
      this.host.log(`OpenClaw ${cli.version} accepts ${document.uri}, where the extension reports: ${listed(ours.map((d) => d.message))}`);
    }
    if (missed.length > 0)
      this.host.log(
        `OpenClaw ${cli.version} found what the extension did not in ${document.uri}: ${listed(missed.map((i) => `${i.path}: ${i.message}`))}`,
      );
    const found = new Map<string, Diagnostic[]>(files.map((file) => [file.uri, []]));
    // Sections our schema leaves open may hold any number of OpenClaw's findings: at most as many as a file shows.
    for (const issue of missed.slice(0, this.host.maxDiagnostics())) {
      const location = this.host.service.locatePath(document, issue.path);
      // A finding in a file that is not open goes on the saved document's first line, naming the file.
      const shown = this.host.document(location.uri)
        ? location
        : { uri: document.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
      const where = shown.uri === location.uri ? '' : ` (in ${relative(folder, URI.parse(location.uri).fsPath)})`;
      found.get(shown.uri)?.push({
        range: shown.range,
        severity: Severity.Error,
        code: 'openclaw-validate',
        source: 'openclaw',
        message: `openclaw config validate (${cli.version}): ${issue.message}${issue.path === '<root>' ? '' : ` at ${issue.path}`}${where}`,
        data: { path: issue.path },
      });
    }
    for (const [uri, diagnostics] of found) {
      const open = this.host.document(uri);
      if (!open) continue;
      this.crossChecks.set(uri, { version: open.version, diagnostics });
      this.host.revalidate(uri);
    }
  }

  /** The cross-check's findings for this very version of the document (an edit makes them stale). */
  extraDiagnostics(document: TextDocument): Diagnostic[] {
    const check = this.crossChecks.get(document.uri);
    return check && check.version === document.version ? check.diagnostics : [];
  }

  forget(uri: string): void {
    this.crossChecks.delete(uri);
  }
}

/** Messages joined for one log line: the first LOGGED_FINDINGS, then how many more. */
function listed(messages: string[]): string {
  const shown = messages.slice(0, LOGGED_FINDINGS).join(' | ');
  return messages.length > LOGGED_FINDINGS ? `${shown} | and ${messages.length - LOGGED_FINDINGS} more` : shown;
}
