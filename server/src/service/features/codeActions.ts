import { AliasFixer, allowlistNote, modelsWithoutAlias, NewEntryEffect, newEntryEffect, planAliasEdits, refOf } from '../config/aliasFixes';
import { Analysis } from '../config/analysis';
import { checkBedrockModels } from '../catalog/bedrockChecks';
import { CatalogContext, CatalogIndex } from '../catalog/catalog';
import { fillEdits, fillTitle, modelsMissingFacts } from '../catalog/missingFacts';
import { renderKey, renderString } from '../edits/fileStyle';
import { EditSequence } from '../edits/editSequence';
import { differenceEdits, FileEdits } from '../edits/fileEdits';
import { appendProperties, OffsetEdit, replaceNode } from '../edits/objectEdits';
import { DEFAULT_MAX_DIAGNOSTICS } from './diagnostics';
import { KeyHistory, keysOf } from '../schema/keyHistory';
import {
  allowlistMarkerEdits,
  doctorDeletesDiscovery,
  legacyDiscovery,
  migrateAllowlistEdits,
  moveDiscoveryEdits,
  pendingAllowlistMigration,
  removeDiscoveryEdits,
} from '../config/legacy';
import { TargetVersion } from '../config/openclawVersions';
import { keyOf, JsonNode } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';
import { rewriteModelId } from '../edits/renameModel';
import { placeSchemaIssues } from './schemaDiagnostics';
import { SchemaValidator } from '../schema/schemaValidator';
import { SourceFile } from '../parser/sourceFile';
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticCode, Range, WorkspaceEdit } from '../types';

export interface CodeActionRequest {
  range: Range;
  /** The diagnostics the editor shows in the range; the matching ones are attached to fixes. */
  diagnostics?: Diagnostic[];
  /** LSP's `only`: kinds wanted; a kind matches itself and its sub-kinds. */
  only?: string[];
}

export interface CodeActionContext {
  target: TargetVersion;
  catalog: CatalogIndex;
  /** Dated facts (list price, context) of catalog ids. */
  facts: CatalogContext['facts'];
  /** The schema the file is checked with, and what the bundle says of keys: for typos in keys. */
  schema?: SchemaValidator;
  keys?: KeyHistory;
  /** As the diagnostics were computed with (openclaw.diagnostics.maxPerFile). */
  maxDiagnostics?: number;
  /** The same document's configuration again, with some files' texts replaced (by uri). */
  reanalyze(texts: ReadonlyMap<string, string>): Analysis;
}

export function computeCodeActions(analysis: Analysis, request: CodeActionRequest, context: CodeActionContext): CodeAction[] {
  const start = analysis.document.offsetAt(request.range.start);
  const end = analysis.document.offsetAt(request.range.end);
  const touches = (node: JsonNode) => node.offset <= end && node.end >= start && analysis.isHere(node);
  const wanted = (kind: string) => !request.only || request.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions: CodeAction[] = [];
  const quickFix = (title: string, edits: FileEdits | undefined, code: DiagnosticCode, node: JsonNode, isPreferred = false) => {
    if (!edits || edits.isEmpty) return;
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      edit: edits.toWorkspaceEdit(),
      diagnostics: matching(analysis, request.diagnostics, code, node),
      isPreferred,
    });
  };

  if (wanted(CodeActionKind.QuickFix)) {
    const missing = modelsWithoutAlias(analysis);
    const here = missing.filter(({ model }) => touches(model.idNode));
    const aliasFixer =
      here.length > 0 ? new AliasFixer(EditSequence.start(analysis, context.reanalyze), context.target.version) : undefined;
    for (const item of here) {
      const fix = aliasFixer!.fix([item]);
      const alias = fix?.aliases.get(refOf(item.model));
      if (!fix || alias === undefined) continue;
      actions.push({
        title: `Add alias '${quoteForMessage(alias)}' for ${quoteForMessage(refOf(item.model))}${allowlistNote(fix.effect, 1)}`,
        kind: CodeActionKind.QuickFix,
        edit: fix.base.withEdits(fix.edits),
        diagnostics: matching(analysis, request.diagnostics, 'no-alias', item.model.idNode),
        isPreferred: true,
      });
    }
    if (here.length > 0 && missing.length > 1) {
      const fix = aliasFixer!.fix(missing);
      if (fix) {
        actions.push({
          title: `Add aliases for all ${fix.aliases.size} models${allowlistNote(fix.effect, fix.aliases.size)}`,
          kind: CodeActionKind.QuickFix,
          edit: fix.base.withEdits(fix.edits),
          diagnostics: here.flatMap(({ model }) => matching(analysis, request.diagnostics, 'no-alias', model.idNode)),
        });
      }
    }

    const legacy = legacyDiscovery(analysis);
    if (legacy && touches(keyOf(legacy))) {
      const deletes = doctorDeletesDiscovery(context.target.version);
      quickFix(
        'Move models.bedrockDiscovery to plugins.entries.amazon-bedrock.config.discovery',
        moveDiscoveryEdits(analysis),
        'legacy-key',
        keyOf(legacy),
        !deletes,
      );
      quickFix(
        `Remove models.bedrockDiscovery (what "openclaw doctor --fix" of ${context.target.version} does)`,
        deletes ? removeDiscoveryEdits(analysis) : undefined,
        'legacy-key',
        keyOf(legacy),
        deletes,
      );
    }

    const migration = pendingAllowlistMigration(analysis, context.target.version);
    const mapProperty = analysis.config.aliasMap?.parent;
    if (migration && mapProperty && touches(keyOf(mapProperty))) {
      quickFix(
        'Migrate the allowlist to agents.defaults.modelPolicy.allow (as "openclaw doctor --fix" does)',
        migrateAllowlistEdits(analysis, migration),
        'legacy-allowlist',
        keyOf(mapProperty),
        true,
      );
    }

    const missingFacts = modelsMissingFacts(analysis, context);
    const missingHere = missingFacts.filter(({ model }) => touches(model.idNode));
    for (const item of missingHere)
      quickFix(fillTitle([item]), fillEdits(analysis, [item], context), 'missing-facts', item.model.idNode, true);
    if (missingHere.length > 0 && missingFacts.length > 1) {
      const edits = fillEdits(analysis, missingFacts, context);
      if (edits) {
        actions.push({
          title: fillTitle(missingFacts),
          kind: CodeActionKind.QuickFix,
          edit: edits.toWorkspaceEdit(),
          diagnostics: missingHere.flatMap(({ model }) => matching(analysis, request.diagnostics, 'missing-facts', model.idNode)),
        });
      }
    }

    for (const { node, replacement } of keyTypos(analysis, context, touches)) {
      const file = analysis.fileOf(node);
      // The key as the file writes it: its own quotes, or none where it had none and needs none.
      const text = node.quote === '' ? renderKey(replacement, { ...file.style, keyQuote: '' }) : renderString(replacement, node.quote);
      quickFix(`Change to '${replacement}'`, new FileEdits().add(file, [replaceNode(node, text)]), 'schema', node, true);
    }

    for (const finding of checkBedrockModels(analysis, context.catalog)) {
      const { model } = finding;
      if (finding.kind === 'needs-inference-profile' && touches(model.idNode)) {
        const references = rewriteModelId(analysis, model, model.id).count - 1;
        finding.profiles?.forEach((profile, index) =>
          actions.push({
            title: `Use inference profile ${profile}${references > 0 ? ` (here and in ${references} reference${references === 1 ? '' : 's'})` : ''}`,
            kind: CodeActionKind.QuickFix,
            edit: rewriteModelId(analysis, model, profile).toWorkspaceEdit(),
            diagnostics: matching(analysis, request.diagnostics, 'needs-inference-profile', model.idNode),
            isPreferred: index === 0,
          }),
        );
      }
      const inputNode = model.input?.node;
      const file = analysis.fileOf(model.entry);
      const quote = file.style.stringQuote;
      if (finding.kind === 'accepts-images' && touches(inputNode ?? model.idNode)) {
        const edits = inputNode
          ? [
              replaceNode(
                inputNode,
                `[${[...model.input!.value.filter((kind) => kind !== 'image'), 'image'].map((kind) => renderString(kind, quote)).join(', ')}]`,
              ),
            ]
          : appendProperties(file.text, file.style, model.entry, [
              { key: 'input', render: () => `[${renderString('text', quote)}, ${renderString('image', quote)}]` },
            ]);
        quickFix('Add "image" to input', edits && new FileEdits().add(file, edits), 'image-input', inputNode ?? model.idNode);
      }
      if (finding.kind === 'no-image-input' && inputNode && touches(inputNode)) {
        const kept = model.input!.value.filter((kind) => kind !== 'image');
        const edits = [
          replaceNode(inputNode, `[${(kept.length > 0 ? kept : ['text']).map((kind) => renderString(kind, quote)).join(', ')}]`),
        ];
        quickFix('Remove "image" from input', new FileEdits().add(file, edits), 'image-input', inputNode);
      }
    }
  }

  if (request.only && wanted(CodeActionKind.SourceFixAllOpenClaw)) {
    const fixAll = fixAllAction(analysis, context, request.diagnostics);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** What "fix all" does: one title per fix applied, the edit of them all, and the diagnostic codes they resolve. */
export interface FixAllPlan {
  fixes: string[];
  edit: WorkspaceEdit;
  resolves: Set<DiagnosticCode>;
}

/**
 * Every fix with one right answer, as one edit per file: the allowlist migration (first: aliases added
 * to a map that still is the allowlist would widen it), aliases for all models, the legacy discovery key
 * as the target version's doctor treats it. Choices (which inference profile) stay quick fixes.
 * Undefined when there is nothing to fix. Planned in one pass where the steps cannot meet, else step by step.
 */
export function planFixAll(analysis: Analysis, context: Pick<CodeActionContext, 'target' | 'reanalyze'>): FixAllPlan | undefined {
  return fixAllInOnePass(analysis, context.target.version) ?? fixAllStepByStep(analysis, context);
}

/**
 * Fix all with every step planned on the document as it is, without analysing the texts in between:
 * on a 1 MB file each analysis is a full parse, and this is the common case. What the steps change is
 * known ahead: after the migration (or the marker) new alias entries leave /model as it is, and none
 * of the steps adds or removes what another reads (models, aliases, the legacy key). Undefined when the
 * steps' edits touch one another (two steps creating the same object): then fixAllStepByStep.
 */
export function fixAllInOnePass(analysis: Analysis, version: string): FixAllPlan | undefined {
  const steps: { code: DiagnosticCode; title: string; edits: FileEdits }[] = [];
  const migration = pendingAllowlistMigration(analysis, version);
  const migrate = migration && migrateAllowlistEdits(analysis, migration);
  if (migrate && !migrate.isEmpty) steps.push({ code: 'legacy-allowlist', title: 'migrate the allowlist', edits: migrate });

  const missing = modelsWithoutAlias(analysis);
  if (missing.length > 0) {
    const effect: NewEntryEffect =
      migrate || !missing.some(({ entries }) => entries.length === 0) ? { kind: 'none' } : newEntryEffect(analysis, version);
    // The migration as a step of the alias fix is the previous step's: as above. It is planned on the migrated text otherwise.
    if (effect.kind === 'migrate-first') return undefined;
    const keep = effect.kind === 'mark-first' ? allowlistMarkerEdits(analysis) : new FileEdits();
    const plan = keep && planAliasEdits(analysis, missing);
    if (plan)
      steps.push({ code: 'no-alias', title: `add aliases${allowlistNote(effect, plan.aliases.size)}`, edits: keep.addAll(plan.edits) });
  }

  if (legacyDiscovery(analysis)) {
    const deletes = doctorDeletesDiscovery(version);
    const edits = deletes ? removeDiscoveryEdits(analysis) : moveDiscoveryEdits(analysis);
    if (edits && !edits.isEmpty)
      steps.push({ code: 'legacy-key', title: deletes ? 'remove models.bedrockDiscovery' : 'move models.bedrockDiscovery', edits });
  }
  if (steps.length === 0 || touchEachOther(steps.map((step) => step.edits))) return undefined;

  const all = new FileEdits();
  for (const step of steps) all.addAll(step.edits);
  return {
    fixes: steps.map((step) => step.title),
    edit: differenceEdits(all.results()),
    resolves: new Set(steps.map((step) => step.code)),
  };
}

/** Whether an edit of one step overlaps or meets an edit of another (in the same file). */
function touchEachOther(steps: FileEdits[]): boolean {
  const byFile = new Map<SourceFile, { edit: OffsetEdit; step: number }[]>();
  steps.forEach((edits, step) => {
    for (const [file, list] of edits.entries()) {
      const tagged = byFile.get(file) ?? byFile.set(file, []).get(file)!;
      for (const edit of list) tagged.push({ edit, step });
    }
  });
  for (const tagged of byFile.values()) {
    tagged.sort((a, b) => a.edit.offset - b.edit.offset);
    // The furthest end reached by each step so far: an edit must start past those of the other steps.
    const reach = new Map<number, number>();
    for (const { edit, step } of tagged) {
      for (const [other, end] of reach) if (other !== step && end >= edit.offset) return true;
      reach.set(step, Math.max(reach.get(step) ?? -1, edit.offset + edit.length));
    }
  }
  return false;
}

/** Fix all one step after another, each planned on the configuration the previous left (analysed again). */
export function fixAllStepByStep(analysis: Analysis, context: Pick<CodeActionContext, 'target' | 'reanalyze'>): FixAllPlan | undefined {
  const version = context.target.version;
  const steps: [resolves: DiagnosticCode, step: (sequence: EditSequence) => { title: string; sequence?: EditSequence }][] = [
    [
      'legacy-allowlist',
      (sequence) => {
        const migration = pendingAllowlistMigration(sequence.current, version);
        return { title: 'migrate the allowlist', sequence: migration && sequence.then(migrateAllowlistEdits(sequence.current, migration)) };
      },
    ],
    [
      'no-alias',
      (sequence) => {
        const fix = new AliasFixer(sequence, version).fix(modelsWithoutAlias(sequence.current));
        return { title: `add aliases${fix ? allowlistNote(fix.effect, fix.aliases.size) : ''}`, sequence: fix?.base.then(fix.edits) };
      },
    ],
    [
      'legacy-key',
      (sequence) => {
        const deletes = doctorDeletesDiscovery(version);
        const edits = deletes ? removeDiscoveryEdits(sequence.current) : moveDiscoveryEdits(sequence.current);
        return { title: deletes ? 'remove models.bedrockDiscovery' : 'move models.bedrockDiscovery', sequence: sequence.then(edits) };
      },
    ],
  ];
  let sequence = EditSequence.start(analysis, context.reanalyze);
  const fixes: string[] = [];
  const resolves = new Set<DiagnosticCode>();
  for (const [code, step] of steps) {
    const result = step(sequence);
    if (!result.sequence) continue;
    sequence = result.sequence;
    fixes.push(result.title);
    resolves.add(code);
  }
  return fixes.length === 0 ? undefined : { fixes, edit: sequence.toWorkspaceEdit(), resolves };
}

function fixAllAction(analysis: Analysis, context: CodeActionContext, diagnostics: Diagnostic[] | undefined): CodeAction | undefined {
  const plan = planFixAll(analysis, context);
  if (!plan) return undefined;
  return {
    title: `Fix all: ${plan.fixes.join(', ')}`,
    kind: CodeActionKind.SourceFixAllOpenClaw,
    edit: plan.edit,
    diagnostics: (diagnostics ?? []).filter((diagnostic) => plan.resolves.has(diagnostic.code)),
  };
}

/** Unknown keys in reach with one close key of their object that the object does not have yet: the key they are likely a typo of. */
function keyTypos(
  analysis: Analysis,
  context: CodeActionContext,
  touches: (node: JsonNode) => boolean,
): { node: JsonNode; replacement: string }[] {
  const { schema, keys, target } = context;
  if (!schema || !keys) return [];
  // The limit the diagnostics used: their schema check is remembered under it.
  const limit = Math.max(1, Math.floor(context.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS));
  const typos: { node: JsonNode; replacement: string }[] = [];
  for (const { issue, node } of placeSchemaIssues(analysis, schema, target.version, limit).placed) {
    if (issue.kind !== 'unknown-key' || !touches(node)) continue;
    const why = keys.explainUnknown(schema, issue.path, issue.key!, target.version, keysOf(node.parent?.parent));
    if (why?.kind === 'typo' && why.candidates.length === 1) typos.push({ node, replacement: why.candidates[0]! });
  }
  return typos;
}

function matching(analysis: Analysis, diagnostics: Diagnostic[] | undefined, code: DiagnosticCode, node: JsonNode): Diagnostic[] {
  return (diagnostics ?? []).filter(
    (diagnostic) => diagnostic.code === code && analysis.document.offsetAt(diagnostic.range.start) === node.offset,
  );
}
