import { Analysis } from '../config/analysis';
import { AliasEntry, ConfiguredModel } from '../config/configModel';
import { compactUsd } from '../config/modelFacts';
import { JsonNode, keyText, propertyValue, valueOf } from '../parser/ast';
import { computeLineStarts } from '../parser/document';
import { quoteForMessage } from '../utils/quoteForMessage';
import { SourceFile } from '../parser/sourceFile';
import { DocumentSymbol, Position, Range, SymbolKind, WorkspaceSymbol } from '../types';

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
  let lineStarts = lineStartsByFile.get(analysis.file);
  if (!lineStarts) lineStartsByFile.set(analysis.file, (lineStarts = computeLineStarts(analysis.text)));
  return new SymbolWalker(lineStarts, models, aliases).symbols(root);
}

/**
 * At most this many symbols, breadth first, as VS Code's JSON outline (json.maxItemsComputed, 5,000):
 * the top levels whole, the deepest left out. A 1 MB file of 2,000 models has about 30,000 symbols
 * (8 MB of JSON over the protocol; 1.4 MB at this cap), a 2 MB array of a million values a million; this keeps
 * every model entry of the former and most of its alias map, and the answer small and fast.
 */
export const MAX_DOCUMENT_SYMBOLS = 5_000;

const lineStartsByFile = new WeakMap<SourceFile, number[]>();

class SymbolWalker {
  constructor(
    private readonly lineStarts: number[],
    private readonly models: ReadonlyMap<JsonNode, ConfiguredModel>,
    private readonly aliases: ReadonlyMap<JsonNode, AliasEntry>,
  ) {}

  /** The symbols under the root, level by level while the budget lasts. */
  symbols(root: JsonNode): DocumentSymbol[] {
    const top: DocumentSymbol[] = [];
    const queue: { node: JsonNode; into: DocumentSymbol[] }[] = [{ node: root, into: top }];
    let budget = MAX_DOCUMENT_SYMBOLS;
    for (let next = 0; next < queue.length && budget > 0; next++) {
      const { node, into } = queue[next]!;
      const children = node.children ?? [];
      for (let index = 0; index < children.length && budget > 0; index++) {
        const child = children[index]!;
        const value = node.type === 'object' ? valueOf(child) : child;
        // A key still without its value (being typed) is left out, as VS Code's JSON does.
        if (!value) continue;
        const symbol = node.type === 'object' ? this.property(child, value) : this.item(child, index);
        into.push(symbol);
        budget--;
        if (value.children && value.children.length > 0) queue.push({ node: value, into: (symbol.children = []) });
      }
    }
    return top;
  }

  private property(property: JsonNode, value: JsonNode): DocumentSymbol {
    const alias = this.aliases.get(property);
    const range = this.range(property);
    return {
      name: label(alias ? alias.alias!.value : keyText(property)),
      detail: alias ? quoteForMessage(alias.key) : detailOf(value),
      kind: alias ? SymbolKind.Constant : kindOf(value),
      range,
      selectionRange: { start: range.start, end: this.position(property.keyEnd) },
    };
  }

  private item(item: JsonNode, index: number): DocumentSymbol {
    const model = this.models.get(item);
    const range = this.range(item);
    return model
      ? { name: label(model.name?.value ?? model.id), detail: modelDetail(model), kind: SymbolKind.Class, range, selectionRange: range }
      : { name: itemName(item) ?? String(index), detail: detailOf(item), kind: kindOf(item), range, selectionRange: range };
  }

  private range(node: JsonNode): Range {
    return { start: this.position(node.offset), end: this.position(node.end) };
  }

  private position(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low]! };
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

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Text on one line (breaks shown as ↵) and of bounded length. */
function oneLine(text: string): string {
  return quoteForMessage(LINE_BREAK.test(text) ? text.replace(/\r\n|[\n\r\u2028\u2029]/g, '↵') : text);
}

/** A name editors can show: never empty (VS Code refuses one), on one line, of bounded length. */
function label(text: string): string {
  const shown = oneLine(text);
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
      return oneLine(node.value as string);
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
      const name = label(model.name?.value ?? model.id);
      add(analysis, model.idNode, { name, kind: SymbolKind.Class, containerName: quoteForMessage(ref) });
    }
    for (const entry of analysis.config.aliases) {
      if (!entry.alias) continue;
      const where = entry.agent === undefined ? '' : ` (agent ${entry.agent})`;
      const containerName = quoteForMessage(entry.key) + where;
      add(analysis, entry.alias.node, { name: label(entry.alias.value), kind: SymbolKind.Constant, containerName });
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
