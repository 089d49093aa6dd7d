import { Analysis } from '../config/analysis';
import { CatalogContext } from '../catalog/catalog';
import { ProviderConfig } from '../config/configModel';
import { cursorSlot, CursorSlot } from '../parser/cursorSlot';
import { KeyHistory } from '../schema/keyHistory';
import { findNodeAtPath, JsonNode, stringValue } from '../parser/ast';
import { SchemaValidator } from '../schema/schemaValidator';
import { CompletionList, Position } from '../types';
import { ItemBuilder } from './completionItems';
import { completeModelEntries, completeModelIds } from './completionModels';
import { completeReferences, ReferenceTarget } from './completionReferences';
import { completeSchemaKeys, completeSchemaValues } from './completionSchema';

/*
 * Completion: what the slot under the cursor takes (classify), then the items for it, one file per kind:
 * catalog models (completionModels.ts), model references (completionReferences.ts), the schema's keys and
 * values (completionSchema.ts), all built through one ItemBuilder (completionItems.ts).
 */

export interface CompletionContext extends CatalogContext {
  /** The schema whose keys complete in objects the extension has nothing better for. */
  schema?: SchemaValidator;
  /** Since which release keys exist, for their documentation. */
  keys?: KeyHistory;
}

/** What the slot under the cursor takes. */
type Target =
  | { kind: 'model-id'; provider: ProviderConfig | undefined; entry: JsonNode }
  | { kind: 'model-entry'; providerKey: string; array: JsonNode }
  | ReferenceTarget
  | { kind: 'schema-key' }
  | { kind: 'schema-value' };

/** Settings that hold one model reference, or {primary, fallbacks[]}. */
const MODEL_SETTINGS = new Set(['model', 'imageModel', 'pdfModel']);
const SINGLE_REFERENCE_SETTINGS = new Set(['utilityModel', 'decisionModel']);

export function computeCompletion(analysis: Analysis, position: Position, context: CompletionContext): CompletionList {
  const none: CompletionList = { items: [], isIncomplete: false };
  const offset = analysis.document.offsetAt(position);
  const local = cursorSlot(analysis.parse.root, analysis.text, offset);
  if (!local) return none;
  // In a file the configuration includes, paths start where its content sits.
  const slot = { ...local, containerPath: [...(analysis.graph.mountOf(analysis.file) ?? []), ...local.containerPath] };
  // Where the extension has nothing better (model ids, references), the schema's keys and values.
  const target = classify(analysis, slot) ?? (context.schema ? { kind: slot.isKey ? 'schema-key' : 'schema-value' } : undefined);
  if (!target) return none;
  const builder = new ItemBuilder(analysis, slot, context, offset);
  switch (target.kind) {
    case 'model-id':
      completeModelIds(builder, target.provider, target.entry);
      break;
    case 'model-entry':
      completeModelEntries(builder, target.providerKey, target.array);
      break;
    case 'reference':
      completeReferences(builder, target);
      break;
    case 'schema-key':
      completeSchemaKeys(builder, context.schema!);
      break;
    case 'schema-value':
      completeSchemaValues(builder, context.schema!);
      break;
  }
  return { items: builder.items, isIncomplete: builder.incomplete };
}

function classify(analysis: Analysis, slot: CursorSlot): Target | undefined {
  const path = slot.containerPath;
  // models.providers.<p>.models[i].id  and  models.providers.<p>.models[]
  if (path[0] === 'models' && path[1] === 'providers' && typeof path[2] === 'string' && path[3] === 'models') {
    const providerKey = path[2];
    const provider = analysis.config.providers.find((p) => p.id === providerKey);
    if (path.length === 5 && typeof path[4] === 'number' && slot.key === 'id' && !slot.isKey) {
      return { kind: 'model-id', provider, entry: slot.container };
    }
    if (path.length === 4 && slot.container.type === 'array' && !slot.node) {
      return { kind: 'model-entry', providerKey, array: slot.container };
    }
    return undefined;
  }
  const scope = agentScope(analysis, path);
  if (!scope) return undefined;
  const rest = path.slice(scope.depth);
  if (slot.isKey) {
    return rest.length === 1 && rest[0] === 'models'
      ? { kind: 'reference', acceptsAlias: false, acceptsWildcard: true, mapKey: true, agent: scope.agent }
      : undefined;
  }
  const full = [...rest, slot.key];
  const reference = (acceptsWildcard = false): Target => ({
    kind: 'reference',
    acceptsAlias: true,
    acceptsWildcard,
    mapKey: false,
    agent: scope.agent,
  });
  if (full.length === 1 && (MODEL_SETTINGS.has(String(full[0])) || SINGLE_REFERENCE_SETTINGS.has(String(full[0])))) return reference();
  if (full.length === 2 && MODEL_SETTINGS.has(String(full[0])) && full[1] === 'primary') return reference();
  if (full.length === 3 && MODEL_SETTINGS.has(String(full[0])) && full[1] === 'fallbacks' && typeof full[2] === 'number')
    return reference();
  if (full.length === 3 && full[0] === 'modelPolicy' && full[1] === 'allow' && typeof full[2] === 'number') return reference(true);
  return undefined;
}

/** agents.defaults, agents.list[i] or agents.entries.<id>: how deep, and which agent. */
function agentScope(analysis: Analysis, path: (string | number)[]): { depth: number; agent?: string } | undefined {
  if (path[0] !== 'agents') return undefined;
  if (path[1] === 'defaults') return { depth: 2 };
  if (path[1] === 'list' && typeof path[2] === 'number') {
    const id = stringValue(findNodeAtPath(analysis.root, ['agents', 'list', path[2], 'id']));
    return { depth: 3, agent: id ?? `#${path[2]}` };
  }
  if (path[1] === 'entries' && typeof path[2] === 'string') return { depth: 3, agent: path[2] };
  return undefined;
}
