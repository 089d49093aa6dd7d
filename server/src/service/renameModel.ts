import { Analysis } from './analysis';
import { ConfiguredModel } from './configModel';
import { renderString } from './edits/fileStyle';
import { replaceNode } from './edits/objectEdits';
import { splitReference, stripAuthProfile } from './references';
import { TextEdit } from './types';

/**
 * Edits that give a configured model a new id, in its entry and in every reference that names it
 * (alias-map keys, primary, fallbacks, allow lists, agents). References through an alias stay as
 * they are: the alias follows its key. Each string keeps its quote and any `@profile` suffix.
 */
export function rewriteModelId(analysis: Analysis, model: ConfiguredModel, newId: string): TextEdit[] {
  const edits = [replaceNode(model.idNode, renderString(newId, quoteOf(model.idNode.quote)))];
  for (const reference of analysis.config.references) {
    const resolution = reference.isMapKey ? analysis.resolver.resolveQualified(reference.value) : analysis.resolver.resolve(reference.value, reference.agent);
    if (resolution.kind !== 'model' || resolution.model !== model || resolution.alias) continue;
    const bare = stripAuthProfile(reference.value);
    const suffix = reference.value.trim().slice(bare.length);
    const split = splitReference(bare);
    const value = `${split ? `${split.provider}/` : ''}${newId}${suffix}`;
    edits.push(replaceNode(reference.node, renderString(value, quoteOf(reference.node.quote))));
  }
  return edits.map((edit) => ({ range: analysis.range(edit.offset, edit.length), newText: edit.newText }));
}

function quoteOf(quote: string): '"' | "'" {
  return quote === "'" ? "'" : '"';
}
