import { Analysis } from '../config/analysis';
import { CatalogContext, CatalogEntry, isProvisionedVariant } from '../catalog/catalog';
import { BEDROCK_PROVIDER, ConfiguredModel, ProviderConfig } from '../config/configModel';
import { cursorSlot, CursorSlot } from '../parser/cursorSlot';
import { FileStyle, renderKey, renderString } from '../edits/fileStyle';
import { appendProperties, indentationOf, NewProperty, OffsetEdit } from '../edits/objectEdits';
import { code, escapeProse } from './hover';
import { KeyHistory } from '../schema/keyHistory';
import { formatCount, formatUsd } from '../config/modelFacts';
import { inputArray, newModelEntryFields } from '../catalog/modelEntry';
import { findNodeAtPath, JsonNode, keyOf, propertyValue, stringValue } from '../parser/ast';
import { JsonSchema } from '../schema/jsonSchema';
import { summarizeValue } from '../schema/schemaSummary';
import { SchemaValidator } from '../schema/schemaValidator';
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, Position, Range, TextEdit } from '../types';

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
  | { kind: 'reference'; acceptsAlias: boolean; acceptsWildcard: boolean; mapKey: boolean; agent?: string }
  | { kind: 'schema-key' }
  | { kind: 'schema-value' };

/** Settings that hold one model reference, or {primary, fallbacks[]}. */
const MODEL_SETTINGS = new Set(['model', 'imageModel', 'pdfModel']);
const SINGLE_REFERENCE_SETTINGS = new Set(['utilityModel', 'decisionModel']);

/** At most this many items: beyond it the list is incomplete, and the editor asks again as the user types. */
const MAX_ITEMS = 100;

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
      builder.modelIds(target.provider, target.entry);
      break;
    case 'model-entry':
      builder.modelEntries(target.providerKey, target.array);
      break;
    case 'reference':
      builder.references(target);
      break;
    case 'schema-key':
      builder.schemaKeys(context.schema!);
      break;
    case 'schema-value':
      builder.schemaValues(context.schema!);
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
    return rest.length === 1 && rest[0] === 'models' ? { kind: 'reference', acceptsAlias: false, acceptsWildcard: true, mapKey: true, agent: scope.agent } : undefined;
  }
  const full = [...rest, slot.key];
  const reference = (acceptsWildcard = false): Target => ({ kind: 'reference', acceptsAlias: true, acceptsWildcard, mapKey: false, agent: scope.agent });
  if (full.length === 1 && (MODEL_SETTINGS.has(String(full[0])) || SINGLE_REFERENCE_SETTINGS.has(String(full[0])))) return reference();
  if (full.length === 2 && MODEL_SETTINGS.has(String(full[0])) && full[1] === 'primary') return reference();
  if (full.length === 3 && MODEL_SETTINGS.has(String(full[0])) && full[1] === 'fallbacks' && typeof full[2] === 'number') return reference();
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

class ItemBuilder {
  readonly items: CompletionItem[] = [];
  /** More items matched than were offered. */
  incomplete = false;
  private readonly style: FileStyle;
  private readonly seen = new Set<string>();
  /** What is typed in the slot up to the cursor, without its quote; ASCII letters lower-cased (as matchesTyped compares). */
  private readonly typed: string;
  private slotRange: Range | undefined;

  constructor(
    private readonly analysis: Analysis,
    private readonly slot: CursorSlot,
    private readonly context: CompletionContext,
    cursor: number,
  ) {
    this.style = analysis.style;
    const typedFrom = slot.replaceStart + (slot.quote ? 1 : 0);
    this.typed = cursor > typedFrom ? analysis.text.slice(typedFrom, cursor).replace(/[A-Z]/g, (letter) => letter.toLowerCase()) : '';
  }

  /**
   * Offers an item, built only when its label is new and matches what is typed (its letters in order,
   * as the editor's own filter reads them), up to MAX_ITEMS: a file of thousands of models stays fast.
   */
  private offer(label: string, build: () => CompletionItem): void {
    if (this.seen.has(label) || !matchesTyped(label, this.typed)) return;
    this.seen.add(label);
    if (this.items.length >= MAX_ITEMS) {
      this.incomplete = true;
      return;
    }
    this.items.push(build());
  }

  /** Catalog ids for a model entry's `id`; picking one fills a missing name, input and reasoning. */
  modelIds(provider: ProviderConfig | undefined, entry: JsonNode): void {
    const configured = new Set(provider?.models.filter((model) => model.entry !== entry).map((model) => model.id));
    for (const catalogEntry of this.offeredEntries()) {
      if (configured.has(catalogEntry.id)) continue;
      this.offer(catalogEntry.id, () => {
        const edits = this.replaceSlot(this.quoted(catalogEntry.id));
        const fill = this.fillEntry(entry, catalogEntry, edits.main);
        return {
          label: catalogEntry.id,
          kind: CompletionItemKind.Value,
          detail: describe(catalogEntry),
          documentation: this.documentation(catalogEntry),
          sortText: rank(catalogEntry) + catalogEntry.id,
          filterText: this.filterText(catalogEntry.id),
          textEdit: fill.main,
          additionalTextEdits: fill.additional.length > 0 ? fill.additional : undefined,
          deprecated: catalogEntry.lifecycle === 'LEGACY' || undefined,
        };
      });
    }
  }

  /** Whole model entries for an empty place in `models[]`, filled from the catalog. */
  modelEntries(providerKey: string, array: JsonNode): void {
    const provider = this.analysis.config.providers.find((p) => p.id === providerKey);
    const configured = new Set(provider?.models.map((model) => model.id));
    const index = this.slot.key as number;
    const previous = array.children![index - 1];
    const next = array.children![index];
    const separator: TextEdit[] = previous && previous.commaOffset < 0 ? [this.edit(previous.end, 0, ',')] : [];
    const itemIndent = this.itemIndent(array);
    for (const catalogEntry of this.offeredEntries()) {
      if (configured.has(catalogEntry.id)) continue;
      this.offer(catalogEntry.id, () => ({
        label: catalogEntry.id,
        kind: CompletionItemKind.Snippet,
        detail: `New model entry: ${catalogEntry.name}`,
        documentation: this.documentation(catalogEntry),
        sortText: rank(catalogEntry) + catalogEntry.id,
        filterText: `${catalogEntry.id} ${catalogEntry.name}`,
        textEdit: this.edit(this.slot.replaceStart, this.slot.replaceEnd - this.slot.replaceStart, this.entrySnippet(catalogEntry, itemIndent) + (next ? ',' : '')),
        insertTextFormat: InsertTextFormat.Snippet,
        additionalTextEdits: separator.length > 0 ? separator : undefined,
        deprecated: catalogEntry.lifecycle === 'LEGACY' || undefined,
      }));
    }
  }

  /** Configured models, then aliases and wildcards where accepted, then catalog models not configured yet. */
  references(target: Extract<Target, { kind: 'reference' }>): void {
    const { config, resolver } = this.analysis;
    const withEntry = target.mapKey
      ? new Set(config.aliases.filter((entry) => entry.agent === target.agent).map((entry) => entry.key.trim().toLowerCase()))
      : new Set<string>();

    for (const model of config.models) {
      if (this.incomplete) return;
      const ref = `${model.provider.id}/${model.id}`;
      const aliasless = target.mapKey && !withEntry.has(ref.toLowerCase());
      this.offer(ref, () => ({
        label: ref,
        kind: CompletionItemKind.Reference,
        detail: modelDetail(model),
        sortText: `${target.mapKey && !aliasless ? '1' : '0'}${ref}`,
        filterText: this.filterText(ref),
        textEdit: this.referenceEdit(ref, aliasless ? model.name?.value || model.id : undefined),
      }));
    }
    if (target.acceptsAlias) {
      for (const entry of config.aliases) {
        if (this.incomplete) return;
        const alias = entry.alias?.value;
        if (!alias || (entry.agent !== undefined && entry.agent !== target.agent)) continue;
        if (!matchesTyped(alias, this.typed) || resolver.findAlias(alias, target.agent) !== entry) continue;
        this.offer(alias, () => ({
          label: alias,
          kind: CompletionItemKind.Constant,
          detail: `alias of ${entry.key}`,
          sortText: `2${alias}`,
          filterText: this.filterText(alias),
          textEdit: this.referenceEdit(alias),
        }));
      }
    }
    if (target.acceptsWildcard && !target.mapKey) {
      for (const provider of config.providers) {
        const wildcard = `${provider.id}/*`;
        this.offer(wildcard, () => ({
          label: wildcard,
          kind: CompletionItemKind.Module,
          detail: `every model of ${provider.id}`,
          sortText: `3${wildcard}`,
          filterText: this.filterText(wildcard),
          textEdit: this.referenceEdit(wildcard),
        }));
      }
    }
    const bedrock = resolver.provider(BEDROCK_PROVIDER);
    const bedrockKey = bedrock?.id ?? BEDROCK_PROVIDER;
    const configuredIds = new Set(bedrock?.models.map((model) => model.id));
    for (const catalogEntry of this.offeredEntries()) {
      if (configuredIds.has(catalogEntry.id) || catalogEntry.lifecycle === 'LEGACY') continue;
      const ref = `${bedrockKey}/${catalogEntry.id}`;
      this.offer(ref, () => ({
        label: ref,
        kind: CompletionItemKind.Reference,
        detail: `${catalogEntry.name} · not in models.providers.${bedrockKey} yet`,
        documentation: this.documentation(catalogEntry),
        sortText: `4${rank(catalogEntry)}${ref}`,
        filterText: this.filterText(ref),
        textEdit: this.referenceEdit(ref, target.mapKey ? catalogEntry.name : undefined),
      }));
    }
  }

  /** The keys the schema allows in this object and the file does not have yet, with a value to fill. */
  schemaKeys(schema: SchemaValidator): void {
    const present = new Set((this.slot.container.children ?? []).map((property) => String(keyOf(property).value)));
    if (this.slot.node) present.delete(String(this.slot.node.value));
    const valueFollows = /^\s*:/.test(this.analysis.text.slice(this.slot.replaceEnd));
    for (const [key, property] of schema.navigator.propertiesAt(this.slot.containerPath)) {
      if (present.has(key)) continue;
      this.offer(key, () => {
        const { detail, documentation } = this.schemaDocumentation(schema, [...this.slot.containerPath, key]);
        const renderedKey = this.slot.quote ? escapeSnippet(renderString(key, this.slot.quote === "'" ? "'" : '"')) : escapeSnippet(renderKey(key, this.style));
        return {
          label: key,
          kind: CompletionItemKind.Property,
          detail,
          documentation,
          sortText: key,
          filterText: this.filterText(key),
          textEdit: this.edit(this.slot.replaceStart, this.slot.replaceEnd - this.slot.replaceStart, valueFollows ? renderedKey : `${renderedKey}:${this.style.colonSpace}${this.valueTemplate(property, schema)}`),
          insertTextFormat: InsertTextFormat.Snippet,
        };
      });
    }
  }

  /** The values the schema allows here: its enum and const values, booleans, `{}` and `[]`, the default. */
  schemaValues(schema: SchemaValidator): void {
    const path = [...this.slot.containerPath, this.slot.key!];
    const alternatives = schema.navigator.at(path);
    if (alternatives.length === 0) return;
    const summary = summarizeValue(schema.navigator, alternatives, (text) => text);
    // Worked out for the first item offered: most value slots (ids, names, numbers) get none.
    let docs: { detail?: string; documentation?: string } | undefined;
    const value = (label: string, newText: string, sortText: string, asSnippet = false, about?: string) =>
      this.offer(label, () => ({
        label,
        kind: CompletionItemKind.Value,
        detail: (docs ??= this.schemaDocumentation(schema, path)).detail,
        documentation: about ?? docs.documentation,
        sortText,
        filterText: this.filterText(label),
        textEdit: this.edit(this.slot.replaceStart, this.slot.replaceEnd - this.slot.replaceStart, newText),
        insertTextFormat: asSnippet ? InsertTextFormat.Snippet : undefined,
      }));
    const literal = (item: unknown) => (typeof item === 'string' ? this.quoted(item) : JSON.stringify(item));
    summary.values.forEach((item, index) => {
      // A value of its own anyOf branch may say what it means.
      const branch = alternatives.find((candidate) => candidate.const === item && candidate.description);
      const about = branch ? escapeProse(branch.description!) : undefined;
      value(typeof item === 'string' ? item : JSON.stringify(item), literal(item), `0${String(index).padStart(4, '0')}`, false, about);
    });
    if (summary.types.has('boolean')) for (const flag of ['true', 'false']) value(flag, flag, `1${flag}`);
    const objectSchema = alternatives.find((candidate) => candidate.type === 'object');
    if (objectSchema) value('{}', this.valueTemplate(objectSchema, schema), '2', true);
    if (summary.types.has('array')) value('[]', '[$1]', '3', true);
    const fallback = summary.default?.value;
    if ((typeof fallback === 'string' || typeof fallback === 'number') && !summary.values.includes(fallback)) {
      value(typeof fallback === 'string' ? fallback : String(fallback), literal(fallback), '4');
    }
  }

  /** Completion detail (the title, else the type) and documentation (description, type, default, since when) of a path. */
  private schemaDocumentation(schema: SchemaValidator, path: (string | number)[]): { detail?: string; documentation?: string } {
    const navigator = schema.navigator;
    // An array's items rarely have prose of their own: the array's says what they are.
    const about = navigator.describe(path) ?? (typeof path.at(-1) === 'number' ? navigator.describe(path.slice(0, -1)) : undefined);
    const alternatives = navigator.at(path);
    const marked = summarizeValue(navigator, alternatives, code);
    const keyPath = navigator.keyPath(path);
    const since = keyPath === undefined ? undefined : this.context.keys?.since(keyPath);
    const facts = [marked.type && `Type: ${marked.type}`, marked.default && `Default: ${code(JSON.stringify(marked.default.value) ?? 'undefined')}`].filter(Boolean).join(' · ');
    const documentation = [about?.description && escapeProse(about.description), facts, since && `Since OpenClaw ${since}`].filter(Boolean).join('\n\n');
    return { detail: about?.title ?? summarizeValue(navigator, alternatives, (text) => text).type, documentation: documentation || undefined };
  }

  /**
   * A snippet for a new value of a schema's type, the cursor where the user types: a choice of its
   * values, of true and false, an object with its required keys (each with a value to fill).
   */
  private valueTemplate(property: JsonSchema, schema: SchemaValidator, stop = { next: 1 }, depth = 0): string {
    const alternatives = schema.navigator.alternatives(property);
    const { values } = summarizeValue(schema.navigator, alternatives, (text) => text);
    const quote = this.style.stringQuote;
    const tab = () => stop.next++;
    if (values.length > 0 && values.every((value) => typeof value === 'string')) {
      return `${quote}\${${tab()}|${values.map((value) => escapeChoice(String(value))).join(',')}|}${quote}`;
    }
    const first = alternatives.find((candidate) => candidate.type !== undefined);
    const type = Array.isArray(first?.type) ? first.type[0] : first?.type;
    switch (type) {
      case 'string':
        return `${quote}$${tab()}${quote}`;
      case 'boolean':
        return `\${${tab()}|true,false|}`;
      case 'object': {
        const required = (first!.required ?? []).filter((key) => first!.properties?.[key]);
        if (required.length === 0 || depth > 0) return `{$${tab()}}`;
        const pad = this.style.inlinePadding;
        const entries = required.map((key) => `${escapeSnippet(renderKey(key, this.style))}:${this.style.colonSpace}${this.valueTemplate(first!.properties![key]!, schema, stop, depth + 1)}`);
        return `{${pad}${entries.join(', ')}${pad}}`;
      }
      case 'array':
        return `[$${tab()}]`;
      default:
        return `$${tab()}`;
    }
  }

  /** Text models of the catalog, without provisioned-throughput variants. */
  private offeredEntries(): CatalogEntry[] {
    return this.context.catalog.snapshot.entries.filter((entry) => entry.outputModalities.includes('TEXT') && !isProvisionedVariant(entry.id));
  }

  private documentation(entry: CatalogEntry): string {
    const facts = this.context.facts(entry.id);
    const lines = [`**${entry.name}** · ${entry.provider} · \`${entry.id}\``, `${describe(entry)}${entry.lifecycle === 'LEGACY' ? ' · **legacy**' : ''}`];
    if (facts?.contextWindow) lines.push(`Context ${formatCount(facts.contextWindow)} · max output ${formatCount(facts.maxTokens ?? 0)}`);
    if (facts?.price) lines.push(`List price per 1M tokens: ${formatUsd(facts.price.input)} in / ${formatUsd(facts.price.output)} out (${facts.priceSource})`);
    if (entry.kind === 'foundation-model') {
      const profiles = this.context.catalog.profilesFor(entry.id).map((profile) => `\`${profile.id}\``);
      if (profiles.length > 0) lines.push(`Inference profiles: ${profiles.join(', ')}`);
    } else if (entry.baseModelIds?.length) {
      lines.push(`Routes to: ${entry.baseModelIds.map((id) => `\`${id}\``).join(', ')}`);
    }
    return lines.join('\n\n');
  }

  /** Fill name, input and reasoning when the entry lacks them. */
  private fillEntry(entry: JsonNode, catalogEntry: CatalogEntry, main: TextEdit): { main: TextEdit; additional: TextEdit[] } {
    const missing: NewProperty[] = [];
    const facts = this.context.facts(catalogEntry.id);
    if (!propertyValue(entry, 'name')) missing.push({ key: 'name', render: () => renderString(catalogEntry.name, this.style.stringQuote) });
    if (!propertyValue(entry, 'input')) missing.push({ key: 'input', render: () => inputArray(catalogEntry, this.style) });
    if (!propertyValue(entry, 'reasoning') && facts?.reasoning !== undefined) missing.push({ key: 'reasoning', render: () => String(facts.reasoning) });
    const offsetEdits = missing.length > 0 ? appendProperties(this.analysis.text, this.style, entry, missing, { inlineWhenEmpty: true }) : undefined;
    if (!offsetEdits) return { main, additional: [] };
    // An insertion right where the replaced id ends belongs in the main edit: editors reject additional
    // edits that touch the main one.
    const mainEnd = this.slot.replaceEnd;
    let mainText = main.newText;
    const additional: TextEdit[] = [];
    for (const edit of offsetEdits) {
      if (edit.offset === mainEnd && edit.length === 0) mainText += edit.newText;
      else additional.push(this.toTextEdit(edit));
    }
    return { main: { range: main.range, newText: mainText }, additional };
  }

  /** A model entry as a snippet: the name is the first tab stop, the cursor ends after the entry. */
  private entrySnippet(entry: CatalogEntry, indent: string): string {
    const style = this.style;
    const fields = newModelEntryFields(entry, this.context.facts(entry.id), style).map(([key, value]) =>
      key === 'name' ? [key, `${value[0]}\${1:${escapeSnippet(value.slice(1, -1))}}${value[0]}`] : [key, escapeSnippet(value)],
    );
    const inner = indent + style.indentUnit;
    const lines = fields.map(([key, value]) => `${escapeSnippet(`${inner}${renderKey(key!, style)}:${style.colonSpace}`)}${value}`);
    const close = escapeSnippet(`${style.trailingCommas ? ',' : ''}${style.eol}${indent}}`);
    return `{${escapeSnippet(style.eol)}${lines.join(escapeSnippet(`,${style.eol}`))}${close}$0`;
  }

  /** The indentation of items in an array: that of its items, else one level deeper than its line. */
  private itemIndent(array: JsonNode): string {
    const text = this.analysis.text;
    // Back from each item over blanks only: looking for its line's start took seconds on a one-line array of 300,000 items.
    const startsLine = (offset: number) => {
      let at = offset - 1;
      while (at >= 0 && /[^\S\r\n]/.test(text[at]!)) at--;
      return at < 0 || text[at] === '\n' || text[at] === '\r';
    };
    const first = array.children?.find((child) => startsLine(child.offset));
    return first ? indentationOf(text, first.offset) : indentationOf(text, array.offset) + this.style.indentUnit;
  }

  /** A reference's text; for a new key of a models map, followed by `: { alias: ... }` when no value follows yet. */
  private referenceEdit(value: string, aliasForNewKey?: string): TextEdit {
    let newText = this.quoted(value, this.slot.isKey);
    if (this.slot.isKey && aliasForNewKey !== undefined && !/^\s*:/.test(this.analysis.text.slice(this.slot.replaceEnd))) {
      const style = this.style;
      const pad = style.inlinePadding;
      newText += `:${style.colonSpace}{${pad}${renderKey('alias', style)}:${style.colonSpace}${renderString(aliasForNewKey, style.stringQuote)}${pad}}`;
    }
    return this.replaceSlot(newText).main;
  }

  private quoted(value: string, isKey = false): string {
    const quote = this.slot.quote || (isKey && this.style.keyQuote) || this.style.stringQuote;
    return renderString(value, quote === "'" ? "'" : '"');
  }

  private filterText(value: string): string {
    return this.slot.quote ? `${this.slot.quote}${value}` : value;
  }

  private replaceSlot(newText: string): { main: TextEdit } {
    // One range for all items: a list of thousands should not convert the same offsets thousands of times.
    this.slotRange ??= this.analysis.range(this.slot.replaceStart, this.slot.replaceEnd - this.slot.replaceStart);
    return { main: { range: this.slotRange, newText } };
  }

  private edit(offset: number, length: number, newText: string): TextEdit {
    return { range: this.analysis.range(offset, length), newText };
  }

  private toTextEdit(edit: OffsetEdit): TextEdit {
    return this.edit(edit.offset, edit.length, edit.newText);
  }
}

/** Whether the typed letters (lower case) appear in the label in order, case-insensitively: VS Code's filter, loosely. */
function matchesTyped(label: string, typed: string): boolean {
  let at = 0;
  for (let i = 0; i < typed.length; i++) {
    const wanted = typed.charCodeAt(i);
    while (at < label.length && lowerCode(label.charCodeAt(at)) !== wanted) at++;
    if (at === label.length) return false;
    at++;
  }
  return true;
}

function lowerCode(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function describe(entry: CatalogEntry): string {
  const modalities = entry.inputModalities.map((m) => m.toLowerCase()).join('+');
  const access = entry.kind === 'inference-profile' ? 'inference profile' : entry.onDemand ? 'on demand' : 'needs an inference profile';
  return `${entry.name} · ${modalities} · ${access}`;
}

/** Ids that work as they are first, then foundation models that need a profile, then legacy ones. */
function rank(entry: CatalogEntry): string {
  if (entry.lifecycle === 'LEGACY') return '2';
  return entry.onDemand ? '0' : '1';
}

function modelDetail(model: ConfiguredModel): string {
  const parts = [model.name?.value ?? model.id];
  if (model.cost?.input && model.cost.output) parts.push(`${formatUsd(model.cost.input.value)} / ${formatUsd(model.cost.output.value)} per 1M`);
  if (model.contextWindow) parts.push(`${formatCount(model.contextWindow.value)} context`);
  return parts.join(' · ');
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}
