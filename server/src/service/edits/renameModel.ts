import { Analysis } from '../config/analysis';
import { ConfiguredModel } from '../config/configModel';
import { renderString } from './fileStyle';
import { replaceNode } from './objectEdits';
import { FileEdits } from './fileEdits';
import { JsonNode } from '../parser/ast';
import { splitReference, stripAuthProfile } from '../config/references';

/**
 * Edits that give a configured model a new id, in its entry and in every reference that names it
 * (alias-map keys, primary, fallbacks, allow lists, agents). References through an alias stay as
 * they are: the alias follows its key. Each string keeps its quote and any `@profile` suffix. The
 * references may be in any of the configuration's files.
 */
export function rewriteModelId(analysis: Analysis, model: ConfiguredModel, newId: string): FileEdits {
  const edits = new FileEdits();
  const replace = (node: JsonNode, value: string) =>
    edits.add(analysis.fileOf(node), [replaceNode(node, renderString(value, quoteOf(node.quote)))]);
  replace(model.idNode, newId);
  for (const reference of analysis.config.references) {
    const resolution = reference.isMapKey
      ? analysis.resolver.resolveQualified(reference.value)
      : analysis.resolver.resolve(reference.value, reference.agent);
    if (resolution.kind !== 'model' || resolution.model !== model || resolution.alias) continue;
    replace(reference.node, renamedReference(reference.value, newId));
  }
  return edits;
}

/** A reference to a model once the model's id is `newId`: its provider and `@profile` kept. */
export function renamedReference(value: string, newId: string): string {
  const bare = stripAuthProfile(value);
  const suffix = value.trim().slice(bare.length);
  const split = splitReference(bare);
  return `${split ? `${split.provider}/` : ''}${newId}${suffix}`;
}

function quoteOf(quote: string): '"' | "'" {
  return quote === "'" ? "'" : '"';
}
