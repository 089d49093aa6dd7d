import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CliVerdict } from '../../server/src/openclawCli';
import { SchemaBundle } from '../../server/src/schemaBundle';
import {
  createLanguageService,
  LanguageService,
  SchemaValidator,
  Severity,
  validatorPathOf,
} from '../../server/src/service/languageService';
import { memoryFiles, REPO_ROOT } from '../helpers';
import { OracleCase } from './corpus';
import { ORACLE_VERSION } from './openclawInstall';

/*
 * Verdicts on a configuration, OpenClaw's and ours, in one shape: valid or not, and the paths
 * `openclaw config validate` prints. Shared by the agreement test and scripts that compare single cases.
 */

/** A configuration's files by path relative to its folder; openclaw.json first. */
export type Configuration = Map<string, string>;

export interface Verdict {
  valid: boolean;
  /** Sorted, unique: what OpenClaw prints, `<root>` for the file as a whole. */
  paths: string[];
}

export const FOLDER = '/oracle';

export const BUNDLE = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;

export function configurationOf(entry: OracleCase): Configuration {
  return new Map([['openclaw.json', entry.text], ...Object.entries(entry.files ?? {})]);
}

export function oracleVerdict(answer: CliVerdict): Verdict {
  return { valid: answer.valid, paths: sortedUnique(answer.issues.map((issue) => issue.path)) };
}

/** A language service over a configuration's files (in memory), as when OpenClaw is installed: its schema. */
export function serviceWithInstalledSchema(files: Configuration, schema: SchemaValidator): LanguageService {
  const service = createLanguageService({ files: memoryFiles(inFolder(files)).source, settings: { installedVersion: ORACLE_VERSION } });
  service.setSchema(schema);
  return service;
}

/** The same without OpenClaw: the schema bundled with the extension of the version chosen in the settings. */
export function serviceWithBundledSchema(files: Configuration): LanguageService {
  return createLanguageService({
    files: memoryFiles(inFolder(files)).source,
    settings: { openclawVersion: ORACLE_VERSION },
    schemas: BUNDLE,
  });
}

/** Error diagnostics of every file of the configuration, as validator paths. */
export function ourVerdict(service: LanguageService, files: Configuration): Verdict {
  const errors = service
    .getConfigurationDiagnostics(documentIn(files, 'openclaw.json'))
    .flatMap((file) => file.diagnostics)
    .filter((diagnostic) => diagnostic.severity === Severity.Error);
  return { valid: errors.length === 0, paths: sortedUnique(errors.map(validatorPathOf)) };
}

export function documentIn(files: Configuration, path: string) {
  return memoryFiles({ [`${FOLDER}/${path}`]: files.get(path)! }).document(`${FOLDER}/${path}`);
}

export function sortedUnique(paths: string[]): string[] {
  return [...new Set(paths)].sort();
}

function inFolder(files: Configuration): Record<string, string> {
  return Object.fromEntries([...files].map(([path, text]) => [`${FOLDER}/${path}`, text]));
}

/** A table of the oracle's results, to the test output and to test-output/oracle/<name>. */
export function publishTable(name: string, table: string): void {
  console.log(`\n${table}`);
  const folder = join(REPO_ROOT, 'test-output', 'oracle');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, name), `${table}\n`);
}
