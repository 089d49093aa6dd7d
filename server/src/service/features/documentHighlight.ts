import { Analysis } from '../config/analysis';
import { aliasUses, modelOfAlias, resolve, targetAt } from './navigation';
import { JsonNode } from '../parser/ast';
import { DocumentHighlight, DocumentHighlightKind, Position } from '../types';

/*
 * Every place in this file that names the model or the alias under the cursor. A model: its `id`
 * (Write), every reference that selects it (provider/id, alias-map keys, its aliases where used) and
 * its aliases' values (Read). An alias (its value, or a reference through it): its value (Write) and
 * where it is used (Read).
 */
export function computeDocumentHighlights(analysis: Analysis, position: Position): DocumentHighlight[] {
  const target = targetAt(analysis, position);
  if (!target) return [];
  const nodes = new Map<JsonNode, DocumentHighlightKind>();
  const add = (node: JsonNode, kind: DocumentHighlightKind) => {
    if (!nodes.has(node) && analysis.isHere(node)) nodes.set(node, kind);
  };
  if (target.kind === 'alias') {
    add(target.entry.alias!.node, DocumentHighlightKind.Write);
    for (const reference of aliasUses(analysis, target.entry)) add(reference.node, DocumentHighlightKind.Read);
  } else {
    const { model } = target;
    add(model.idNode, DocumentHighlightKind.Write);
    for (const reference of analysis.config.references) {
      const resolution = resolve(analysis, reference);
      if (resolution.kind === 'model' && resolution.model === model) add(reference.node, DocumentHighlightKind.Read);
    }
    for (const entry of analysis.config.aliases) {
      if (entry.alias && modelOfAlias(analysis, entry) === model) add(entry.alias.node, DocumentHighlightKind.Read);
    }
  }
  return [...nodes].sort(([a], [b]) => a.offset - b.offset).map(([node, kind]) => ({ range: analysis.nodeRange(node), kind }));
}
