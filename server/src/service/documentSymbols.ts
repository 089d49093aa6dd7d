import { Analysis } from './analysis';
import { AliasEntry, ConfiguredModel } from './configModel';
import { compactUsd } from './modelFacts';
import { JsonNode, keyOf, propertyValue, valueOf } from './parser/ast';
import { quoteForMessage } from './quoteForMessage';
import { DocumentSymbol, SymbolKind, WorkspaceSymbol } from './types';

/*
 * The Outline, breadcrumbs and sticky scroll of a file: its own tree (a broken file's tolerant one),
 * named as VS Code's JSON names a tree (keys, array items by index, the same kinds), except where the
 * configuration gives a better name: a model entry shows its name (id and prices as detail), an agent
 * of agents.list its id, an alias-map entry its alias.
 */

export function computeDocumentSymbols(analysis: Analysis): DocumentSymbol[] {
  const root = analysis.parse.root;
  if (!root) return [];
  const models = new Map<JsonNode, ConfiguredModel>();
  for (const model of analysis.config.models) {
    const entry = model.entry.origin ?? model.entry;
    if (analysis.isHere(entry)) models.set(entry, model);
  }
  const aliases = new Map<JsonNode, AliasEntry>();
  for (const entry of analysis.config.aliases) {
    const property = entry.property.origin ?? entry.property;
    if (entry.alias && analysis.isHere(property)) aliases.set(property, entry);
  }
  return new SymbolWalker(analysis, models, aliases).children(root);
}

class SymbolWalker {
  constructor(
    private readonly analysis: Analysis,
    private readonly models: ReadonlyMap<JsonNode, ConfiguredModel>,
    private readonly aliases: ReadonlyMap<JsonNode, AliasEntry>,
  ) {}

  /** The symbols of an object's properties or an array's items. */
  children(node: JsonNode): DocumentSymbol[] {
    const symbols: DocumentSymbol[] = [];
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const value = valueOf(property);
        // A key still without its value (being typed) is left out, as VS Code's JSON does.
        if (!value) continue;
        const key = String(keyOf(property).value);
        const alias = this.aliases.get(property);
        const symbol: DocumentSymbol = {
          name: alias ? label(alias.alias!.value) : label(key),
          detail: alias ? quoteForMessage(alias.key) : detailOf(value),
          kind: alias ? SymbolKind.Constant : kindOf(value),
          range: this.analysis.nodeRange(property),
          selectionRange: this.analysis.nodeRange(keyOf(property)),
        };
        if (value.children && value.children.length > 0) symbol.children = this.children(value);
        symbols.push(symbol);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, index) => {
        const model = this.models.get(item);
        const range = this.analysis.nodeRange(item);
        const symbol: DocumentSymbol = model
          ? { name: label(model.name?.value ?? model.id), detail: modelDetail(model), kind: SymbolKind.Class, range, selectionRange: range }
          : { name: itemName(item) ?? String(index), detail: detailOf(item), kind: kindOf(item), range, selectionRange: range };
        if (item.children && item.children.length > 0) symbol.children = this.children(item);
        symbols.push(symbol);
      });
    }
    return symbols;
  }
}

/** An array item's better name than its index: an object's `id` string (an agent of agents.list), else its `name`. */
function itemName(item: JsonNode): string | undefined {
  if (item.type !== 'object') return undefined;
  const id = propertyValue(item, 'id');
  if (id?.type === 'string' && id.value !== '') return label(id.value as string);
  const name = propertyValue(item, 'name');
  return name?.type === 'string' && name.value !== '' ? label(name.value as string) : undefined;
}

/** The id, and the file's prices per 1M tokens in/out when it sets them. */
function modelDetail(model: ConfiguredModel): string {
  const input = model.cost?.input?.value;
  const output = model.cost?.output?.value;
  const prices = input !== undefined || output !== undefined ? ` · ${compactUsd(input ?? 0)}/${compactUsd(output ?? 0)}` : '';
  return `${quoteForMessage(model.id)}${prices}`;
}

/** A name editors can show: never empty (VS Code refuses one), on one line, of bounded length. */
function label(text: string): string {
  const shown = quoteForMessage(text.replace(/\r\n|[\n\r\u2028\u2029]/g, '↵'));
  return shown.trim() === '' ? `"${shown}"` : shown;
}

/** Scalars show their value; empty containers `[]` and `{}`, as in VS Code's JSON outline. */
function detailOf(node: JsonNode): string | undefined {
  switch (node.type) {
    case 'object':
      return node.children?.length ? undefined : '{}';
    case 'array':
      return node.children?.length ? undefined : '[]';
    case 'string':
      return quoteForMessage(String(node.value).replace(/\r\n|[\n\r\u2028\u2029]/g, '↵'));
    default:
      return String(node.value);
  }
}

function kindOf(node: JsonNode): SymbolKind {
  switch (node.type) {
    case 'object':
      return SymbolKind.Module;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    default:
      return SymbolKind.Variable;
  }
}

/** At most this many workspace symbols per request: the editor asks again as the query grows. */
const MAX_WORKSPACE_SYMBOLS = 1000;

/**
 * Models (by name, and provider/id) and aliases of the configurations behind `analyses`, each once
 * however many of its files are open, whose name holds the query's characters in order (any case).
 */
export function computeWorkspaceSymbols(analyses: Analysis[], query: string): WorkspaceSymbol[] {
  const symbols: WorkspaceSymbol[] = [];
  const seen = new Set<string>();
  const matches = subsequenceMatcher(query);
  const add = (analysis: Analysis, node: JsonNode, symbol: Omit<WorkspaceSymbol, 'location'>) => {
    if (symbols.length >= MAX_WORKSPACE_SYMBOLS) return;
    if (!matches(symbol.name) && !matches(symbol.containerName ?? '')) return;
    const location = analysis.locate(node);
    const key = `${location.uri}#${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    symbols.push({ ...symbol, location });
  };
  for (const analysis of analyses) {
    for (const model of analysis.config.models) {
      const ref = `${model.provider.id}/${model.id}`;
      add(analysis, model.idNode, { name: label(model.name?.value ?? model.id), kind: SymbolKind.Class, containerName: quoteForMessage(ref) });
    }
    for (const entry of analysis.config.aliases) {
      if (!entry.alias) continue;
      const where = entry.agent === undefined ? '' : ` (agent ${entry.agent})`;
      add(analysis, entry.alias.node, { name: label(entry.alias.value), kind: SymbolKind.Constant, containerName: quoteForMessage(entry.key) + where });
    }
  }
  return symbols;
}

/** Whether a text holds the query's characters in order, ignoring case and spaces (as editors filter symbols). */
function subsequenceMatcher(query: string): (text: string) => boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  return (text) => {
    if (wanted === '') return true;
    const lower = text.toLowerCase();
    let at = 0;
    for (const ch of wanted) {
      at = lower.indexOf(ch, at);
      if (at < 0) return false;
      at += ch.length;
    }
    return true;
  };
}
