import { pathToFileURL } from 'url';
import { Diagnostic, DiagnosticCode, Severity } from './service/languageService';

/*
 * What `openclaw-config check --format json|sarif|github` prints. Lines and columns are 1-based;
 * columns count UTF-16 code units (as LSP and SARIF's default do), and an end column is the one
 * after the last character of the range.
 */

/** One file checked: the root files given and every file they include, each with its own findings. */
export interface CheckedFile {
  /** As the text output shows it: a file given as given, an included one relative to the working folder when inside it. */
  shown: string;
  /** Relative to the working folder with / between names, else absolute: what SARIF and GitHub want. */
  relative: string;
  diagnostics: Diagnostic[];
}

export interface CheckReport {
  files: CheckedFile[];
  unreadable: { file: string; reason: string }[];
  errors: number;
  warnings: number;
}

export const SEVERITY_NAMES: Record<Severity, 'error' | 'warning' | 'info' | 'hint'> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** What each diagnostic code means: SARIF's rules (one per code, GitHub code scanning lists them). */
export const RULE_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  syntax: 'The file is not valid JSON5.',
  'not-an-object': 'The configuration is not an object.',
  'duplicate-key': 'A key appears twice in one object; the last one wins.',
  'no-alias': 'A model has no alias, so /model cannot select it by name (or, where the alias map is the allowlist, at all).',
  'unknown-model': 'A model reference names no model of the file or the Bedrock catalog.',
  'unresolved-reference': 'A reference (alias, model, provider) that nothing in the file defines.',
  'duplicate-alias': 'Two models share one alias.',
  'duplicate-model-id': 'A provider lists one model id twice.',
  schema: 'The value does not match the schema of the OpenClaw release checked.',
  'legacy-key': 'A key an older OpenClaw used and the release checked moved or rejects.',
  'policy-ref': 'A model policy names a model that is not configured.',
  'legacy-allowlist': 'The alias map still acts as the /model allowlist; the release checked has modelPolicy.allow for that.',
  'openclaw-validate': 'What `openclaw config validate` reports.',
  'needs-inference-profile': 'The Bedrock model is invoked through an inference profile only; its bare id fails.',
  'not-in-region': 'The Bedrock model is not offered in the region used.',
  'legacy-model': 'The Bedrock model is LEGACY in the region: AWS is retiring it.',
  'image-input': "The model entry's input kinds disagree with what the Bedrock model accepts (images).",
  include: 'An $include that OpenClaw cannot read or refuses.',
  'include-limit': "An $include chain over OpenClaw's limits.",
  'env-var': 'A ${VAR} reference to an environment variable that is not set.',
  'non-aws-endpoint': 'An amazon-bedrock baseUrl that is not an AWS endpoint.',
  encoding: 'The file is not plain UTF-8 (UTF-16, invalid bytes).',
  'missing-facts': 'A model entry without its prices or context window.',
  'too-many-problems': 'More problems than the per-file limit; the rest are not shown.',
};

interface Position1 {
  line: number;
  column: number;
}

function rangeOf(diagnostic: Diagnostic): { start: Position1; end: Position1 } {
  const { start, end } = diagnostic.range;
  return { start: { line: start.line + 1, column: start.character + 1 }, end: { line: end.line + 1, column: end.character + 1 } };
}

/**
 * `--format json`, version 1: `{ version, files: [{ file, diagnostics: [{ severity, code, message,
 * range: { start: { line, column }, end: { line, column } } }] }], unreadable: [{ file, reason }], errors, warnings }`.
 */
export function jsonReport(report: CheckReport): string {
  return `${JSON.stringify(
    {
      version: 1,
      files: report.files.map((file) => ({
        file: file.shown,
        diagnostics: file.diagnostics.map((diagnostic) => ({
          severity: SEVERITY_NAMES[diagnostic.severity],
          code: diagnostic.code,
          message: diagnostic.message,
          range: rangeOf(diagnostic),
        })),
      })),
      unreadable: report.unreadable,
      errors: report.errors,
      warnings: report.warnings,
    },
    null,
    2,
  )}\n`;
}

const SARIF_LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };

/** `--format sarif`: SARIF 2.1.0 as GitHub code scanning takes it (github/codeql-action/upload-sarif). */
export function sarifReport(report: CheckReport, tool: { name: string; version: string; informationUri: string }, cwd: string): string {
  const ruleIds = Object.keys(RULE_DESCRIPTIONS) as DiagnosticCode[];
  const results = report.files.flatMap((file) =>
    file.diagnostics.map((diagnostic) => {
      const { start, end } = rangeOf(diagnostic);
      return {
        ruleId: diagnostic.code,
        ruleIndex: ruleIds.indexOf(diagnostic.code),
        level: SARIF_LEVELS[diagnostic.severity],
        message: { text: diagnostic.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocationOf(file.relative),
              region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
            },
          },
        ],
      };
    }),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULE_DESCRIPTIONS[id] } })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.unreadable.length === 0,
            toolExecutionNotifications: report.unreadable.map(({ file, reason }) => ({
              level: 'error',
              message: { text: `${file}: cannot read: ${reason}` },
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** A relative path as a relative URI under SRCROOT (the working folder); an absolute one as a file: URI. */
function artifactLocationOf(relative: string): { uri: string; uriBaseId?: string } {
  if (relative.startsWith('/')) return { uri: pathToFileURL(relative).href };
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

const GITHUB_COMMANDS: Record<Severity, string> = { 1: 'error', 2: 'warning', 3: 'notice', 4: 'notice' };

/** `--format github`: one GitHub Actions workflow command per finding, which the run shows as an annotation on the line. */
export function githubReport(report: CheckReport): string {
  let out = '';
  for (const file of report.files) {
    for (const diagnostic of file.diagnostics) {
      const { start, end } = rangeOf(diagnostic);
      const properties = [
        `file=${escapeProperty(file.relative)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(`openclaw ${diagnostic.code}`)}`,
      ];
      out += `::${GITHUB_COMMANDS[diagnostic.severity]} ${properties.join(',')}::${escapeData(diagnostic.message)}\n`;
    }
  }
  return out;
}

/** A workflow command's message: %, CR and LF escaped (as @actions/core's escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also : and , (as @actions/core's escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
