import { basename } from 'path';
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
  log(line: string): void;
}

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
      this.host.service.setSchema(new SchemaValidator(schema, `OpenClaw ${cli.version} (installed)`));
      this.host.log(`OpenClaw ${cli.version}'s schema is in use (compiled in ${Date.now() - started} ms).`);
      this.host.revalidate();
    } catch (error) {
      this.host.log(`Could not use the schema of OpenClaw ${cli.version}: ${(error as Error).message}. The extension's own schema stays in use.`);
    }
  }

  /** On save: OpenClaw's own verdict; what it finds and we did not becomes diagnostics of that version of the file. */
  async crossCheck(document: TextDocument): Promise<void> {
    const cli = this.cli;
    if (!cli || !this.host.validateOnSave() || !this.host.command()) return;
    let verdict: CliVerdict;
    try {
      verdict = await validateWithOpenClaw(cli, document.getText(), basename(new URL(document.uri).pathname) || 'openclaw.json');
    } catch (error) {
      this.host.log(`openclaw config validate failed: ${(error as Error).message}`);
      return;
    }
    const ours = this.host.service.getDiagnostics(document).filter((d) => d.severity === Severity.Error);
    const ourPaths = new Set(ours.map(validatorPathOf));
    const missed = verdict.issues.filter((issue) => !ourPaths.has(issue.path));
    if (verdict.valid && ours.length > 0) {
      this.host.log(`OpenClaw ${cli.version} accepts ${document.uri}, where the extension reports: ${ours.map((d) => d.message).join(' | ')}`);
    }
    if (missed.length > 0) this.host.log(`OpenClaw ${cli.version} found what the extension did not in ${document.uri}: ${missed.map((i) => `${i.path}: ${i.message}`).join(' | ')}`);
    this.crossChecks.set(document.uri, {
      version: document.version,
      diagnostics: missed.map((issue) => ({
        range: this.host.service.getPathRange(document, issue.path),
        severity: Severity.Error,
        code: 'openclaw-validate',
        source: 'openclaw',
        message: `openclaw config validate (${cli.version}): ${issue.message}${issue.path === '<root>' ? '' : ` at ${issue.path}`}`,
        data: { path: issue.path },
      })),
    });
    this.host.revalidate(document.uri);
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
