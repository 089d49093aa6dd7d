import { basename } from 'path';
import { modelsWithoutAlias } from '../config/aliasFixes';
import { Analysis } from '../config/analysis';
import { checkBedrockModels } from '../catalog/bedrockChecks';
import { CatalogContext, CatalogIndex } from '../catalog/catalog';
import { describeMissingFacts, modelsMissingFacts } from '../catalog/missingFacts';
import { AliasEntry, ConfiguredModel, isBedrockProvider, ProviderConfig } from '../config/configModel';
import { hostOf, isAwsHost } from '../config/region';
import { fsPathOf } from '../config/includes';
import { formatCount } from '../config/modelFacts';
import { encodingDiagnostics } from './encoding';
import { Environment, envReferences } from '../config/envVars';
import { describeUnknownKey, KeyHistory, keysOf } from '../schema/keyHistory';
import { describeLegacyDiscovery, pendingAllowlistMigration } from '../config/legacy';
import { checkPolicyRefs, modelRestriction, policyMatcher } from '../config/modelPolicy';
import { compareVersions, describeTarget, TargetVersion } from '../config/openclawVersions';
import { releaseRules, releaseThatChanged } from '../config/releaseRules';
import { JsonNode, keyOf, keyText } from '../parser/ast';
import { Resolution } from '../config/references';
import { dottedPath, placeSchemaIssues } from './schemaDiagnostics';
import type { ValuePath } from '../schema/loadTimeMigrations';
import { SchemaValidator } from '../schema/schemaValidator';
import { quoteForMessage as q } from '../utils/quoteForMessage';
import { closestMatch, CompareBudget } from '../utils/suggest';
import { Diagnostic, DiagnosticCode, Range, Severity } from '../types';

export interface DiagnosticContext {
  target: TargetVersion;
  catalog: CatalogIndex;
  /** Dated facts (list price, context) of catalog ids. */
  facts: CatalogContext['facts'];
  /** OpenClaw's schema (installed), or ours for the sections the extension knows. */
  schema?: SchemaValidator;
  /** What the bundled schemas of all releases say of keys the schema in use does not know. */
  keys?: KeyHistory;
  /** Where `${VAR}`s are set: asked only for a file that may name one (it reads the env files). */
  env?: () => Environment;
  /** At most this many diagnostics (the last of them says how many more there are); default DEFAULT_MAX_DIAGNOSTICS. */
  maxDiagnostics?: number;
  /** What changed since the release that last wrote the file, for messages that say both (target.writtenBy). */
  changes?: VersionChanges;
}

/** What changed between the release that last wrote the file (TargetVersion.writtenBy) and the one checked. */
export interface VersionChanges {
  /** The schema of the release that last wrote the file (bundled, else the extension's own); asked only when needed. */
  writerSchema(): SchemaValidator | undefined;
  /** The first release that has the key at a path of the file, when it came after the oldest bundled one. */
  since(path: readonly (string | number)[]): string | undefined;
}

/**
 * The most diagnostics a file gets unless the settings say otherwise (openclaw.diagnostics.maxPerFile).
 * A 600 KB file of wrong values had 300,000, which took the server down sending them; nobody reads
 * past the first screens of a Problems panel anyway.
 */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

/** The diagnostics of the analysis' own file, from the whole configuration it belongs to. */
export function computeDiagnostics(analysis: Analysis, context: DiagnosticContext): Diagnostic[] {
  const diagnostics = new CappedDiagnostics(Math.max(1, Math.floor(context.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS)));
  // A file included several times is in the merged configuration several times: each finding once.
  const reported = new Set<string>();
  // Findings are about nodes of any of the configuration's files; each file shows its own.
  const report: Report = (node, severity, code, message, path, length) => {
    if (!analysis.isHere(node)) return;
    const key = `${node.offset}:${length ?? node.length}:${code}:${typeof message === 'string' ? message : ''}`;
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.add(severity, () => ({
      range: analysis.range(node.offset, length ?? node.length),
      severity,
      code,
      message: typeof message === 'string' ? message : message(),
      source: 'openclaw',
      ...(path !== undefined ? { data: { path } } : {}),
    }));
  };

  for (const diagnostic of encodingDiagnostics(analysis)) diagnostics.add(diagnostic.severity, () => diagnostic);
  for (const error of analysis.parse.errors) {
    diagnostics.add(Severity.Error, () => ({
      range: analysis.range(error.offset, error.length),
      severity: Severity.Error,
      code: 'syntax',
      message: error.message,
      source: 'openclaw',
    }));
  }
  const root = analysis.parse.root;
  if (analysis.isRoot && root && root.type !== 'object') {
    report(root, Severity.Error, 'not-an-object', 'The OpenClaw configuration must be an object: { ... }.');
  }
  for (const problem of analysis.graph.problems) {
    if (problem.limit) report(problem.node, Severity.Warning, 'include-limit', `${problem.message}.`);
    else
      report(
        problem.node,
        Severity.Error,
        'include',
        `${problem.message}: OpenClaw rejects the configuration, and the gateway does not start.`,
        '<root>',
      );
  }
  checkDuplicateKeys(analysis, report);
  if (context.schema) {
    const { moreErrors, severity } = checkSchema(
      analysis,
      context.schema,
      context.target,
      context.changes,
      diagnostics.limit,
      report,
      context.keys,
    );
    diagnostics.uncounted(moreErrors, severity);
  }
  checkModelPolicy(analysis, context.target, report);
  checkMissingAliases(analysis, context.target, report);
  checkReferences(analysis, report);
  checkDuplicateAliases(analysis, report);
  checkDuplicateModelIds(analysis, report);
  checkCatalog(analysis, context.catalog, report);
  for (const item of modelsMissingFacts(analysis, context))
    report(item.model.idNode, Severity.Information, 'missing-facts', describeMissingFacts(item));
  checkBedrockEndpoints(analysis, report);
  if (context.env) checkEnvVars(analysis, context.env, report);
  return diagnostics.list(analysis.range(0, 0));
}

/**
 * Diagnostics up to a limit. Past it they are only counted: a diagnostic is built (its range, which
 * needs a line lookup) only when it is kept, and one last diagnostic says how many more there are.
 */
class CappedDiagnostics {
  private readonly kept: Diagnostic[] = [];
  private hidden = 0;
  /** Problems counted but never seen (the schema check keeps its first errors only): the count is approximate. */
  private approximate = 0;
  private hiddenSeverity: Severity | undefined;
  /** Where the first diagnostic left out is: the last one goes there. */
  private firstHidden: Range | undefined;

  constructor(readonly limit: number) {}

  add(severity: Severity, build: () => Diagnostic): void {
    if (this.kept.length < this.limit) {
      this.kept.push(build());
      return;
    }
    this.hidden++;
    this.firstHidden ??= build().range;
    this.hiddenSeverity = Math.min(this.hiddenSeverity ?? severity, severity) as Severity;
  }

  uncounted(count: number, severity: Severity): void {
    if (count <= 0) return;
    this.approximate += count;
    this.hiddenSeverity = Math.min(this.hiddenSeverity ?? severity, severity) as Severity;
  }

  /** The diagnostics kept, and the one that says what was left out (at `start` when none was seen). */
  list(start: Range): Diagnostic[] {
    const more = this.hidden + this.approximate;
    if (more === 0) return this.kept;
    const count = `${this.approximate > 0 ? 'about ' : ''}${formatCount(more)} more`;
    const message =
      `${count} ${more === 1 ? 'problem is' : 'problems are'} not shown: this file shows at most ${formatCount(this.limit)} ` +
      '(the setting openclaw.diagnostics.maxPerFile). Fix the ones above, or raise the setting, to see the rest.';
    return [
      ...this.kept,
      { range: this.firstHidden ?? start, severity: this.hiddenSeverity!, code: 'too-many-problems', message, source: 'openclaw' },
    ];
  }
}

/** The path `openclaw config validate` prints for the problem an error diagnostic reports. */
export function validatorPathOf(diagnostic: Diagnostic): string {
  if (diagnostic.code === 'syntax' || diagnostic.code === 'not-an-object') return '<root>';
  return diagnostic.data?.path || '<root>';
}

/** A message that costs work to write (a typo hint) comes as a function: called only for a diagnostic that is kept. */
type Report = (
  node: JsonNode,
  severity: Severity,
  code: DiagnosticCode,
  message: string | (() => string),
  path?: string,
  length?: number,
) => void;

/** Reports the schema's issues; returns how many more errors it counted without keeping them, and their severity. */
function checkSchema(
  analysis: Analysis,
  schema: SchemaValidator,
  target: TargetVersion,
  changes: VersionChanges | undefined,
  errorLimit: number,
  report: Report,
  keys: KeyHistory | undefined,
): { moreErrors: number; severity: Severity } {
  const rejects = `${describeTarget(target)} rejects the file, and the gateway does not start.`;
  // A configuration that does not parse (or whose includes fail, or that is UTF-16) is rejected for that
  // alone, and OpenClaw reports nothing else; what the schema finds in the part we could read is a warning.
  const utf16 = analysis.graph.files.some((file) => file.refusedEncoding);
  const broken = utf16 || analysis.graph.problems.length > 0 || analysis.graph.files.some((file) => file.parse.errors.length > 0);
  const severity = broken ? Severity.Warning : Severity.Error;
  const consequence = broken ? `once ${utf16 ? 'saved as UTF-8' : 'the syntax errors are fixed'}, ${rejects}` : rejects;
  const { placed, moreErrors } = placeSchemaIssues(analysis, schema, target.version, errorLimit);
  for (const { issue, node, movedFrom, waits, warning } of placed) {
    // OpenClaw names a missing key by its own path (models.0.name), an unknown one by its object's.
    const segments = issue.kind === 'missing-key' ? [...issue.path, issue.key!] : issue.path;
    const path = dottedPath(segments);
    // The message shortens long keys; data.path stays whole, as OpenClaw prints it (the cross-check compares them).
    const shown = dottedPath(segments.map((segment) => q(String(segment))));
    const moved = movedFrom
      ? ` (${dottedPath(movedFrom.map((segment) => q(String(segment))))} in the file, which OpenClaw moves there when it loads it)`
      : '';
    const length = issue.kind === 'missing-key' ? 1 : undefined;
    const at = `${overflowed(analysis, node) ?? issue.message}${path ? ` at ${shown}` : ''}${moved}`;
    if (issue.kind === 'unknown-key' && path === 'models' && issue.key === 'bedrockDiscovery') {
      report(node, severity, 'legacy-key', describeLegacyDiscovery(target, consequence), path);
    } else if (warning) {
      report(node, Severity.Warning, 'schema', `${at}: ${describeTarget(target)} warns, and ignores these settings.`, path, length);
    } else if (waits) {
      const later = `${describeTarget(target)} checks channels and plugin settings once the rest of the file is valid, then rejects it`;
      report(node, Severity.Warning, 'schema', `${at}: ${later}.`, path, length);
    } else {
      // An unknown key the release that wrote the file accepted; else a later or earlier release's, a
      // retired one, or a typo of a key that is there.
      const written = issue.kind === 'unknown-key' && writtenWith(issue.key!, movedFrom ?? issue.path, issue.path, target, changes);
      const message = `${at}: ${written ? `${written}; ` : ''}${consequence}`;
      const hinted = () => {
        const why = keys?.explainUnknown(schema, issue.path, issue.key!, target.version, keysOf(node.parent?.parent));
        return why ? `${message} ${describeUnknownKey(why, q(issue.key!), q(target.version))}` : message;
      };
      report(node, severity, 'schema', issue.kind === 'unknown-key' && !written ? hinted : message, path, length);
    }
  }
  return { moreErrors, severity };
}

/**
 * For a key the release checked does not know, when another release last wrote the file and accepted it:
 * "OpenClaw 2026.7.35 wrote this file (meta.lastTouchedVersion) and accepted this key". A newer writer
 * also says since when the key exists. Nothing when the writer did not know the key either (a typo).
 * `filePath`: the object's path as written; `validated`: after OpenClaw's load-time moves.
 */
function writtenWith(
  key: string,
  filePath: ValuePath,
  validated: ValuePath,
  target: TargetVersion,
  changes?: VersionChanges,
): string | undefined {
  const writer = target.writtenBy;
  const schema = writer && changes?.writerSchema();
  if (!schema || ![filePath, validated].some((path) => schema.navigator.propertiesAt(path).has(key))) return undefined;
  const wrote = `OpenClaw ${writer} wrote this file (meta.lastTouchedVersion) and`;
  if (compareVersions(writer, target.version) < 0) return `${wrote} accepted this key`;
  const since = changes!.since([...filePath, key]);
  return `${wrote} accepts this key${since && compareVersions(since, target.version) > 0 ? `, new in OpenClaw ${since}` : ''}`;
}

/**
 * For a number literal that is finite as written but not as a double (1e400, a 400-digit integer):
 * what it becomes, in OpenClaw's words too. JSON5.parse and JSON.parse both read it as ±Infinity,
 * which OpenClaw refuses ("expected number, received Infinity"): the message names the literal.
 */
function overflowed(analysis: Analysis, node: JsonNode): string | undefined {
  if (node.type !== 'number' || typeof node.value !== 'number' || Number.isFinite(node.value) || Number.isNaN(node.value)) return undefined;
  const literal = analysis.fileOf(node).text.slice(node.offset, node.end);
  if (/^[+-]?Infinity$/.test(literal)) return undefined;
  return `Invalid value: ${q(literal)} overflows to ${String(node.value)} (expected number, received ${String(node.value)})`;
}

function checkModelPolicy(analysis: Analysis, target: TargetVersion, report: Report): void {
  if (releaseRules(target.version).modelPolicy) {
    for (const issue of checkPolicyRefs(analysis)) report(issue.node, Severity.Error, 'policy-ref', issue.message, issue.path);
  }
  const migration = pendingAllowlistMigration(analysis, target.version);
  const mapKey = analysis.config.aliasMap?.parent && keyOf(analysis.config.aliasMap.parent);
  if (!migration || !mapKey) return;
  const since = `Since OpenClaw ${releaseThatChanged('modelPolicy')} the /model allowlist is agents.defaults.modelPolicy.allow`;
  if (migration.refs.length === 0) return;
  const message =
    migration.invalid.length > 0
      ? `${since}. "openclaw doctor --fix" cannot migrate this map (not policy refs: ${listed(migration.invalid.map((ref) => q(ref)))}), so it keeps restricting /model to its ${entries(migration.refs.length)}.`
      : `${since}. Until this map is migrated ("openclaw doctor --fix", or any write by OpenClaw), it still restricts /model to its ${entries(migration.refs.length)}.`;
  report(mapKey, Severity.Information, 'legacy-allowlist', message);
}

/** `${VAR}`s that are not set: a warning where the value decides where requests go (baseUrl, a model id). */
function checkEnvVars(analysis: Analysis, environment: () => Environment, report: Report): void {
  if (!analysis.file.mayReferenceEnv) return;
  const env = environment();
  const check = (node: JsonNode, isKey: boolean) => {
    for (const name of envReferences(node.value as string)) {
      if (env.sourceOf(name)) continue;
      const unset = `\${${q(name)}} is ${env.describe(name)}`;
      if (!isKey && analysis.meaningOf(node)?.kind === 'model-id') {
        report(
          node,
          Severity.Warning,
          'env-var',
          `${unset}: OpenClaw would read this model id without it ("Missing env var"), and requests to the model fail.`,
        );
      } else if (!isKey && node.parent?.type === 'property' && keyText(node.parent) === 'baseUrl') {
        report(
          node,
          Severity.Warning,
          'env-var',
          `${unset}: OpenClaw would use this baseUrl without it ("Missing env var"), and requests to the provider fail.`,
        );
      } else {
        report(
          node,
          Severity.Information,
          'env-var',
          `${unset}: OpenClaw 2026.7.1+ warns "Missing env var", and what uses this value is unavailable.`,
        );
      }
    }
  };
  const stack = analysis.parse.root ? [analysis.parse.root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'property') {
      // Its key comes before its value.
      if (node.valueNode) stack.push(node.valueNode);
      if (keyText(node).includes('${')) check(keyOf(node), true);
      continue;
    }
    // In document order: children pushed last to first.
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]!);
    if (node.type === 'string' && (node.value as string).includes('${')) check(node, false);
  }
}

/** A Bedrock provider's baseUrl on a host that is not AWS's: signed requests must not go there. */
function checkBedrockEndpoints(analysis: Analysis, report: Report): void {
  for (const provider of analysis.config.providers) {
    if (!isBedrockProvider(provider) || !provider.baseUrl || envReferences(provider.baseUrl.value).length > 0) continue;
    const host = hostOf(provider.baseUrl.value);
    if (host === undefined || isAwsHost(host)) continue;
    report(
      provider.baseUrl.node,
      Severity.Warning,
      'non-aws-endpoint',
      `${q(host)} is not an AWS host: Bedrock requests are signed with your AWS credentials, and must go to AWS (bedrock-runtime.<region>.amazonaws.com, or a VPC endpoint). The extension sends nothing to it; it uses the region's AWS endpoint.`,
    );
  }
}

/** Items of a message: the first few, then how many more (each of 8,000 duplicates named the 7,999 others: 36 s). */
function listed(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${formatCount(items.length - max)} more`;
}

/** listed() of all items but the one at `self`, without copying them all for each. */
function listedOthers(items: string[], self: number, max = 3): string {
  const first: string[] = [];
  for (let i = 0; i < items.length && first.length < max; i++) if (i !== self) first.push(items[i]!);
  const more = items.length - 1 - first.length;
  return more > 0 ? `${first.join(', ')} and ${formatCount(more)} more` : first.join(', ');
}

function entries(count: number): string {
  return `${count} ${count === 1 ? 'entry' : 'entries'}`;
}

function checkCatalog(analysis: Analysis, catalog: CatalogIndex, report: Report): void {
  for (const finding of checkBedrockModels(analysis, catalog)) {
    const { model } = finding;
    switch (finding.kind) {
      case 'needs-inference-profile':
        report(model.idNode, Severity.Warning, 'needs-inference-profile', finding.message);
        break;
      case 'not-in-region':
        report(model.idNode, Severity.Warning, 'not-in-region', finding.message);
        break;
      case 'legacy-model':
        report(model.idNode, Severity.Warning, 'legacy-model', finding.message);
        break;
      default:
        report(model.input?.node ?? model.idNode, Severity.Hint, 'image-input', finding.message);
    }
  }
}

/** "line 12", or "line 12 of models.json5" for a node in another of the configuration's files. */
export function lineOf(analysis: Analysis, node: JsonNode): string {
  const file = analysis.fileOf(node);
  const line = `line ${file.document.positionAt(node.offset).line + 1}`;
  return file === analysis.file ? line : `${line} of ${basename(fsPathOf(file.uri))}`;
}

/** JSON5.parse keeps the last of two equal keys; the earlier one is silently ignored (found by the parser). */
function checkDuplicateKeys(analysis: Analysis, report: Report): void {
  for (const { shadowed, winner } of analysis.parse.duplicateKeys) {
    report(
      keyOf(shadowed),
      Severity.Warning,
      'duplicate-key',
      `Duplicate key '${q(keyText(shadowed))}': OpenClaw ignores this one and keeps the one on ${lineOf(analysis, winner)}.`,
    );
  }
}

/**
 * A model without an alias: a warning where /model cannot select it at all (the alias map, or a policy,
 * is the allowlist and leaves it out), information where the alias would only be a convenience.
 */
function checkMissingAliases(analysis: Analysis, target: TargetVersion, report: Report): void {
  const restriction = modelRestriction(analysis, target.version);
  // A map that is the allowlist allows its keys, provider/* ones included.
  const mapKeys =
    restriction.kind === 'alias-map' ? analysis.config.aliases.filter((entry) => entry.agent === undefined).map((entry) => entry.key) : [];
  const mapAllows = policyMatcher(mapKeys);
  const policyAllows = policyMatcher(restriction.kind === 'policy' ? restriction.allow : []);
  const pinned = pinnedModels(analysis);
  const stillRuns = (model: ConfiguredModel) => (pinned.has(model) ? ' (it still runs as the primary or a fallback).' : '.');
  for (const { model, entries } of modelsWithoutAlias(analysis)) {
    const ref = q(`${model.provider.id}/${model.id}`);
    if (restriction.kind === 'alias-map' && entries.length === 0 && !mapAllows(model)) {
      const why = !releaseRules(target.version).modelPolicy
        ? 'a non-empty alias map is also the allowlist'
        : 'this alias map is still the allowlist (not migrated to modelPolicy.allow)';
      const message = `${ref} has no entry in agents.defaults.models. On ${describeTarget(target)} ${why}, so /model cannot select this model at all`;
      report(model.idNode, Severity.Warning, 'no-alias', `${message}${stillRuns(model)}`);
    } else if (restriction.kind === 'policy' && !policyAllows(model)) {
      const message = `${ref} has no alias in agents.defaults.models, and agents.defaults.modelPolicy.allow does not list it, so /model cannot select it at all`;
      report(model.idNode, Severity.Warning, 'no-alias', `${message}${stillRuns(model)}`);
    } else if (entries.length > 0) {
      const message = `${ref} has an entry in agents.defaults.models but no alias, so it cannot be picked with /model <alias>.`;
      report(model.idNode, Severity.Information, 'no-alias', message);
    } else {
      const message = `${ref} has no alias in agents.defaults.models, so it cannot be picked with /model <alias> (${describeTarget(target)}).`;
      report(model.idNode, Severity.Information, 'no-alias', message);
    }
  }
}

/** Models named by agents.defaults.model (primary and fallbacks), which OpenClaw always allows. */
function pinnedModels(analysis: Analysis): Set<ConfiguredModel> {
  const pinned = new Set<ConfiguredModel>();
  for (const reference of analysis.config.references) {
    // Map keys (agents.defaults.models) first: they are most references, and none is pinned.
    if (reference.isMapKey || reference.agent !== undefined || !reference.path.startsWith('agents.defaults.model')) continue;
    const resolution = analysis.resolver.resolve(reference.value);
    if (resolution.kind === 'model') pinned.add(resolution.model);
  }
  return pinned;
}

function checkReferences(analysis: Analysis, report: Report): void {
  const hints = new TypoHints(analysis);
  for (const reference of analysis.config.references) {
    const resolution = reference.isMapKey
      ? analysis.resolver.resolveQualified(reference.value)
      : analysis.resolver.resolve(reference.value, reference.agent);
    const problem = describeProblem(analysis, resolution, hints);
    if (problem) report(reference.node, problem.severity, problem.code, problem.message);
  }
}

/**
 * "Did you mean" hints for one pass over the references: each list of names built once, each word
 * looked up once, and so many comparisons in all (20,000 references to as many providers took 30 seconds).
 */
class TypoHints {
  private providerIds: string[] | undefined;
  private aliases: string[] | undefined;
  private readonly found = new Map<string, string | undefined>();
  private readonly budget: CompareBudget = { left: 50_000 };

  constructor(private readonly analysis: Analysis) {}

  provider(name: string): string | undefined {
    return this.memo(`provider\u0000${name}`, () =>
      closestMatch(name, (this.providerIds ??= this.analysis.config.providers.map((provider) => provider.id)), this.budget),
    );
  }

  model(provider: ProviderConfig, id: string): string | undefined {
    return this.memo(`model\u0000${provider.id}\u0000${id}`, () =>
      closestMatch(
        id,
        provider.models.map((model) => model.id),
        this.budget,
      ),
    );
  }

  alias(word: string): string | undefined {
    const aliases = () =>
      (this.aliases ??= this.analysis.config.aliases.flatMap((entry: AliasEntry) => (entry.alias ? [entry.alias.value] : [])));
    return this.memo(`alias\u0000${word}`, () => closestMatch(word, aliases(), this.budget));
  }

  private memo(key: string, find: () => string | undefined): string | undefined {
    if (!this.found.has(key)) this.found.set(key, find());
    return this.found.get(key);
  }
}

function describeProblem(
  analysis: Analysis,
  resolution: Resolution,
  hints: TypoHints,
): { severity: Severity; code: DiagnosticCode; message: () => string } | undefined {
  if (resolution.kind === 'unknown') {
    const ref = q(`${resolution.provider}/${resolution.modelId}`);
    const via = resolution.alias ? `Alias '${q(resolution.alias.alias!.value)}' points to ${ref}: ` : '';
    if (resolution.certain) {
      // A warning, not an error: OpenClaw accepts the file (its validator never checks references),
      // the gateway starts, and every request to this model fails.
      return {
        severity: Severity.Warning,
        code: 'unknown-model',
        message: () => {
          const suggestion = hints.model(resolution.providerConfig!, resolution.modelId);
          return (
            `${via}Unknown model ${ref}: ${resolution.why}, and none has the id '${q(resolution.modelId)}'. ` +
            `OpenClaw starts, but fails with "Unknown model: ${ref}" when this reference is used.` +
            (suggestion ? ` Did you mean ${q(`${resolution.providerConfig!.id}/${suggestion}`)}?` : '')
          );
        },
      };
    }
    if (resolution.providerConfig) {
      return {
        severity: Severity.Hint,
        code: 'unresolved-reference',
        message: () => `${via}${ref} is not defined in ${analysis.scope}; ${resolution.why}.`,
      };
    }
    const providerTypo = hints.provider(resolution.provider);
    if (providerTypo && providerTypo.toLowerCase() !== resolution.provider.toLowerCase()) {
      return {
        severity: Severity.Hint,
        code: 'unresolved-reference',
        message: () =>
          `${via}Provider '${q(resolution.provider)}' is not configured in ${analysis.scope}. Did you mean '${q(providerTypo)}'?`,
      };
    }
    return undefined;
  }
  if (resolution.kind === 'unresolved') {
    return {
      severity: Severity.Hint,
      code: 'unresolved-reference',
      message: () => {
        const suggestion = hints.alias(resolution.word);
        return (
          `'${q(resolution.word)}' is not an alias or a model id defined in ${analysis.scope}; OpenClaw will look for it in its built-in catalogs.` +
          (suggestion ? ` Did you mean the alias '${q(suggestion)}'?` : '')
        );
      },
    };
  }
  return undefined;
}

function checkDuplicateAliases(analysis: Analysis, report: Report): void {
  const seen = new Set<string>();
  for (const entry of analysis.config.aliases) {
    const alias = entry.alias?.value.trim().toLowerCase();
    if (!alias) continue;
    const carriers = analysis.resolver.entriesWithAlias(alias);
    // Nearly every alias is given once: nothing to build for it.
    if (carriers.length < 2) continue;
    const scopedAlias = `${entry.agent ?? ''}\u0000${alias}`;
    if (seen.has(scopedAlias)) continue;
    seen.add(scopedAlias);
    const sameMap = carriers.filter((other) => other.agent === entry.agent);
    if (sameMap.length < 2) continue;
    const winner = sameMap[sameMap.length - 1]!;
    const named = sameMap.map((other) => `${q(other.key)} (${lineOf(analysis, other.keyNode)})`);
    sameMap.forEach((duplicate, index) => {
      const alias = q(duplicate.alias!.value);
      const outcome =
        duplicate === winner ? 'this entry wins, as the last one' : `the last one wins, so '${alias}' selects ${q(winner.key)}`;
      report(
        duplicate.alias!.node,
        Severity.Warning,
        'duplicate-alias',
        `Alias '${alias}' is also given to ${listedOthers(named, index)}: ${outcome}.`,
      );
    });
  }
}

function checkDuplicateModelIds(analysis: Analysis, report: Report): void {
  for (const provider of analysis.config.providers) {
    // Nearly always no id is listed twice: then nothing to group.
    if (new Set(provider.models.map((model) => model.id)).size === provider.models.length) continue;
    const byId = new Map<string, ConfiguredModel[]>();
    for (const model of provider.models) {
      const list = byId.get(model.id);
      if (list) list.push(model);
      else byId.set(model.id, [model]);
    }
    for (const [id, models] of byId) {
      if (models.length < 2) continue;
      // An entry in a file included twice is the same node twice: each entry once.
      const nodes = [...new Set(models.map((model) => model.idNode))];
      const lines = nodes.map((node) => lineOf(analysis, node));
      nodes.forEach((node, index) => {
        if (!analysis.isHere(node)) return;
        const where = nodes.length < 2 ? 'its file is included more than once' : `also on ${listedOthers(lines, index)}`;
        report(
          node,
          Severity.Warning,
          'duplicate-model-id',
          `Model id '${q(id)}' is defined more than once in provider '${q(provider.id)}' (${where}): keep one entry.`,
        );
      });
    }
  }
}
