import { renderKey, renderString } from '../edits/fileStyle';
import { keyText } from '../parser/ast';
import { JsonSchema } from '../schema/jsonSchema';
import { summarizeValue } from '../schema/schemaSummary';
import { SchemaValidator } from '../schema/schemaValidator';
import { CompletionItemKind, InsertTextFormat } from '../types';
import { escapeSnippet, ItemBuilder } from './completionItems';
import { code, escapeProse } from './hover';

/* Completion from the schema, where the extension has nothing better: keys, and values. */

/** The keys the schema allows in this object and the file does not have yet, with a value to fill. */
export function completeSchemaKeys(builder: ItemBuilder, schema: SchemaValidator): void {
  const present = new Set((builder.slot.container.children ?? []).map(keyText));
  if (builder.slot.node) present.delete(String(builder.slot.node.value));
  const valueFollows = /^\s*:/.test(builder.analysis.text.slice(builder.slot.replaceEnd));
  for (const [key, property] of schema.navigator.propertiesAt(builder.slot.containerPath)) {
    if (present.has(key)) continue;
    builder.offer(key, () => {
      const { detail, documentation } = schemaDocumentation(builder, schema, [...builder.slot.containerPath, key]);
      const renderedKey = builder.slot.quote
        ? escapeSnippet(renderString(key, builder.slot.quote === "'" ? "'" : '"'))
        : escapeSnippet(renderKey(key, builder.style));
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail,
        documentation,
        sortText: key,
        filterText: builder.filterText(key),
        textEdit: builder.edit(
          builder.slot.replaceStart,
          builder.slot.replaceEnd - builder.slot.replaceStart,
          valueFollows ? renderedKey : `${renderedKey}:${builder.style.colonSpace}${valueTemplate(builder, property, schema)}`,
        ),
        insertTextFormat: InsertTextFormat.Snippet,
      };
    });
  }
}

/** The values the schema allows here: its enum and const values, booleans, `{}` and `[]`, the default. */
export function completeSchemaValues(builder: ItemBuilder, schema: SchemaValidator): void {
  const path = [...builder.slot.containerPath, builder.slot.key!];
  const alternatives = schema.navigator.at(path);
  if (alternatives.length === 0) return;
  const summary = summarizeValue(schema.navigator, alternatives, (text) => text);
  // Worked out for the first item offered: most value slots (ids, names, numbers) get none.
  let docs: { detail?: string; documentation?: string } | undefined;
  const value = (label: string, newText: string, sortText: string, asSnippet = false, about?: string) =>
    builder.offer(label, () => ({
      label,
      kind: CompletionItemKind.Value,
      detail: (docs ??= schemaDocumentation(builder, schema, path)).detail,
      documentation: about ?? docs.documentation,
      sortText,
      filterText: builder.filterText(label),
      textEdit: builder.edit(builder.slot.replaceStart, builder.slot.replaceEnd - builder.slot.replaceStart, newText),
      insertTextFormat: asSnippet ? InsertTextFormat.Snippet : undefined,
    }));
  const literal = (item: unknown) => (typeof item === 'string' ? builder.quoted(item) : JSON.stringify(item));
  summary.values.forEach((item, index) => {
    // A value of its own anyOf branch may say what it means.
    const branch = alternatives.find((candidate) => candidate.const === item && candidate.description);
    const about = branch ? escapeProse(branch.description!) : undefined;
    value(typeof item === 'string' ? item : JSON.stringify(item), literal(item), `0${String(index).padStart(4, '0')}`, false, about);
  });
  if (summary.types.has('boolean')) for (const flag of ['true', 'false']) value(flag, flag, `1${flag}`);
  const objectSchema = alternatives.find((candidate) => candidate.type === 'object');
  if (objectSchema) value('{}', valueTemplate(builder, objectSchema, schema), '2', true);
  if (summary.types.has('array')) value('[]', '[$1]', '3', true);
  const fallback = summary.default?.value;
  if ((typeof fallback === 'string' || typeof fallback === 'number') && !summary.values.includes(fallback)) {
    value(typeof fallback === 'string' ? fallback : String(fallback), literal(fallback), '4');
  }
}

/** Completion detail (the title, else the type) and documentation (description, type, default, since when) of a path. */
function schemaDocumentation(
  builder: ItemBuilder,
  schema: SchemaValidator,
  path: (string | number)[],
): { detail?: string; documentation?: string } {
  const navigator = schema.navigator;
  // An array's items rarely have prose of their own: the array's says what they are.
  const about = navigator.describe(path) ?? (typeof path.at(-1) === 'number' ? navigator.describe(path.slice(0, -1)) : undefined);
  const alternatives = navigator.at(path);
  const marked = summarizeValue(navigator, alternatives, code);
  const keyPath = navigator.keyPath(path);
  const since = keyPath === undefined ? undefined : builder.context.keys?.since(keyPath);
  const facts = [
    marked.type && `Type: ${marked.type}`,
    marked.default && `Default: ${code(JSON.stringify(marked.default.value) ?? 'undefined')}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const documentation = [about?.description && escapeProse(about.description), facts, since && `Since OpenClaw ${since}`]
    .filter(Boolean)
    .join('\n\n');
  return {
    detail: about?.title ?? summarizeValue(navigator, alternatives, (text) => text).type,
    documentation: documentation || undefined,
  };
}

/**
 * A snippet for a new value of a schema's type, the cursor where the user types: a choice of its
 * values, of true and false, an object with its required keys (each with a value to fill).
 */
function valueTemplate(builder: ItemBuilder, property: JsonSchema, schema: SchemaValidator, stop = { next: 1 }, depth = 0): string {
  const alternatives = schema.navigator.alternatives(property);
  const { values } = summarizeValue(schema.navigator, alternatives, (text) => text);
  const quote = builder.style.stringQuote;
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
      const pad = builder.style.inlinePadding;
      const entries = required.map(
        (key) =>
          `${escapeSnippet(renderKey(key, builder.style))}:${builder.style.colonSpace}${valueTemplate(builder, first!.properties![key]!, schema, stop, depth + 1)}`,
      );
      return `{${pad}${entries.join(', ')}${pad}}`;
    }
    case 'array':
      return `[$${tab()}]`;
    default:
      return `$${tab()}`;
  }
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}
