import { Analysis } from '../config/analysis';
import { AliasEntry, ConfiguredModel, ModelReference } from '../config/configModel';
import { FileEdits } from '../edits/fileEdits';
import { renderString } from '../edits/fileStyle';
import { replaceNode } from '../edits/objectEdits';
import { includeDefinition } from './includeLinks';
import { findNodeAtOffset, JsonNode } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';
import { Resolution, splitReference, stripAuthProfile } from '../config/references';
import { lineOf } from './diagnostics';
import { renamedReference, rewriteModelId } from '../edits/renameModel';
import { Location, Position, Range, WorkspaceEdit } from '../types';

/*
 * Go to definition, find references and rename, across every file of the configuration: a model is
 * defined by its entry's `id`; references name it as provider/id, by a bare id, or through an alias;
 * an alias is defined by its `alias` value and used by bare references.
 */

type Target =
  | { kind: 'model'; model: ConfiguredModel; node: JsonNode; reference?: ModelReference }
  | { kind: 'alias'; entry: AliasEntry; node: JsonNode; reference?: ModelReference };

/** What the string under the cursor names. */
export function targetAt(analysis: Analysis, position: Position): Target | undefined {
  const node = findNodeAtOffset(analysis.parse.root, analysis.document.offsetAt(position));
  if (!node || node.type !== 'string') return undefined;
  const meaning = analysis.meaningOf(node);
  if (!meaning) return undefined;
  if (meaning.kind === 'model-id') return { kind: 'model', model: meaning.model, node };
  if (meaning.kind === 'alias') return { kind: 'alias', entry: meaning.entry, node };
  const { reference } = meaning;
  const resolution = resolve(analysis, reference);
  if (resolution.kind !== 'model') return undefined;
  if (resolution.alias) return { kind: 'alias', entry: resolution.alias, node, reference };
  return { kind: 'model', model: resolution.model, node, reference };
}

export function resolve(analysis: Analysis, reference: ModelReference): Resolution {
  return reference.isMapKey
    ? analysis.resolver.resolveQualified(reference.value)
    : analysis.resolver.resolve(reference.value, reference.agent);
}

/** The model entry a reference, an alias-map key or an alias selects (one place: the editor jumps); the file a `$include` path names. */
export function computeDefinition(analysis: Analysis, position: Position): Location[] {
  const include = includeDefinition(analysis, position);
  if (include) return include;
  const target = targetAt(analysis, position);
  if (!target) return [];
  if (target.kind === 'model') return target.reference ? [analysis.locate(target.model.idNode)] : [];
  const model = modelOfAlias(analysis, target.entry);
  return model ? [analysis.locate(model.idNode)] : [];
}

/** A model's references (from its id or any reference to it), or an alias's (from its value). */
export function computeReferences(analysis: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  const target = targetAt(analysis, position);
  if (!target) return [];
  if (target.kind === 'alias' && !target.reference) {
    const uses = inFileOrder(
      analysis,
      aliasUses(analysis, target.entry).map((reference) => reference.node),
    );
    return includeDeclaration ? [analysis.locate(target.entry.alias!.node), ...uses] : uses;
  }
  const model = target.kind === 'model' ? target.model : modelOfAlias(analysis, target.entry);
  if (!model) return [];
  const uses = analysis.config.references.filter((reference) => {
    const resolution = resolve(analysis, reference);
    return resolution.kind === 'model' && resolution.model === model;
  });
  const locations = inFileOrder(
    analysis,
    uses.map((reference) => reference.node),
  );
  return includeDeclaration ? [analysis.locate(model.idNode), ...locations] : locations;
}

/** Locations of nodes, file by file (the configuration's order) and in each file from the top. */
function inFileOrder(analysis: Analysis, nodes: JsonNode[]): Location[] {
  const files = analysis.graph.files;
  return nodes
    .map((node) => ({ node, file: files.indexOf(analysis.fileOf(node)) }))
    .sort((a, b) => a.file - b.file || a.node.offset - b.node.offset)
    .map(({ node }) => analysis.locate(node));
}

export interface RenameTarget {
  range: Range;
  placeholder: string;
}

/** What a rename at the cursor would rename: a model id (in its entry or a reference) or an alias. */
export function prepareRename(analysis: Analysis, position: Position): RenameTarget | undefined {
  const target = targetAt(analysis, position);
  if (!target) return undefined;
  if (target.kind === 'alias') {
    const written = target.reference ? stripAuthProfile(target.reference.value).trim() : target.entry.alias!.value;
    return { range: contentRange(analysis, target.node, target.reference ? written : undefined), placeholder: written };
  }
  const part = target.reference ? idPart(target.reference.value) : target.model.id;
  return { range: contentRange(analysis, target.node, part), placeholder: target.model.id };
}

/** The edits of a rename; a string saying why when the new name cannot be used. */
export function computeRename(analysis: Analysis, position: Position, newName: string): WorkspaceEdit | string {
  const target = targetAt(analysis, position);
  if (!target) return 'Only a model id or an alias can be renamed.';
  const name = newName.trim();
  if (target.kind === 'model') {
    if (name === '' || /\s/.test(name)) return 'A model id cannot be empty or contain spaces.';
    return modelRenameClash(analysis, target.model, name) ?? rewriteModelId(analysis, target.model, name).toWorkspaceEdit();
  }
  if (name === '') return 'An alias cannot be empty.';
  const taken = analysis.resolver
    .entriesWithAlias(name.toLowerCase())
    .find((entry) => entry !== target.entry && entry.agent === target.entry.agent);
  if (taken) return `The alias '${quoteForMessage(name)}' is already given to ${quoteForMessage(taken.key)}.`;
  const edits = new FileEdits();
  const replace = (node: JsonNode, value: string) =>
    edits.add(analysis.fileOf(node), [replaceNode(node, renderString(value, node.quote === "'" ? "'" : '"'))]);
  replace(target.entry.alias!.node, name);
  for (const reference of aliasUses(analysis, target.entry)) {
    const bare = stripAuthProfile(reference.value);
    const suffix = reference.value.trim().slice(bare.length);
    const split = splitReference(bare);
    // `provider/Alias` keeps its provider.
    const scoped = split && split.model.trim().toLowerCase() === target.entry.alias!.value.trim().toLowerCase() ? `${split.provider}/` : '';
    replace(reference.node, `${scoped}${name}${suffix}`);
  }
  return edits.toWorkspaceEdit();
}

/**
 * Why the model cannot take the id `newId`: another entry of its provider has it, or a `models` map
 * already has the key one of the model's keys would become (OpenClaw keeps one of two equal keys and
 * drops the other's alias without a word).
 */
function modelRenameClash(analysis: Analysis, model: ConfiguredModel, newId: string): string | undefined {
  if (newId === model.id) return undefined;
  const twin = model.provider.models.find((other) => other !== model && other.id === newId);
  if (twin) {
    return `${model.provider.id}/${newId} is already configured (${lineOf(analysis, twin.idNode)}): renaming onto it would make two entries with the same id.`;
  }
  const namesTheModel = (entry: AliasEntry) => {
    const resolution = analysis.resolver.resolveQualified(entry.key);
    return resolution.kind === 'model' && resolution.model === model;
  };
  const renamed = analysis.config.aliases.filter(namesTheModel);
  for (const entry of renamed) {
    const key = mapKeyIdentity(renamedReference(entry.key, newId));
    const taken = analysis.config.aliases.find(
      (other) => other.agent === entry.agent && !renamed.includes(other) && mapKeyIdentity(other.key) === key,
    );
    if (taken) {
      const map = entry.agent === undefined ? 'agents.defaults.models' : `The models map of agent ${entry.agent}`;
      return (
        `${map} already has ${taken.key.trim()} (${lineOf(analysis, taken.keyNode)}): ` +
        'renaming onto it would make two entries with the same key, and OpenClaw would drop one of them.'
      );
    }
  }
  return undefined;
}

/** Map keys OpenClaw takes as the same: the provider's case does not matter. */
function mapKeyIdentity(key: string): string {
  const split = splitReference(key.trim());
  return split ? `${split.provider.toLowerCase()}/${split.model}` : key.trim();
}

/** References that select a model through this alias entry. */
export function aliasUses(analysis: Analysis, entry: AliasEntry): ModelReference[] {
  return analysis.config.references.filter((reference) => {
    if (reference.isMapKey) return false;
    const resolution = analysis.resolver.resolve(reference.value, reference.agent);
    return resolution.kind === 'model' && resolution.alias === entry;
  });
}

export function modelOfAlias(analysis: Analysis, entry: AliasEntry): ConfiguredModel | undefined {
  const resolution = analysis.resolver.resolveQualified(entry.key);
  return resolution.kind === 'model' ? resolution.model : undefined;
}

/** The model id inside a reference: after `provider/`, before `@profile`. */
function idPart(value: string): string {
  const bare = stripAuthProfile(value).trim();
  return splitReference(bare)?.model ?? bare;
}

/** The range of `part` inside a string node (its whole content when absent or written with escapes). */
function contentRange(analysis: Analysis, node: JsonNode, part?: string): Range {
  const quote = node.quote === '' ? 0 : 1;
  const start = node.offset + quote;
  const end = node.end - (node.closed && quote ? 1 : 0);
  const written = analysis.text.slice(start, end);
  const at = part === undefined || written !== node.value ? -1 : written.lastIndexOf(part);
  return at >= 0 ? analysis.range(start + at, part!.length) : analysis.range(start, end - start);
}
