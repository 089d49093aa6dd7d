import { findNodeAtOffset, isKeyNode, JsonNode, keyText, pathOf, Quote, valueOf } from './ast';

/*
 * Where the cursor is, in terms of the config: which key or value slot it types into, and which text
 * a completion replaces. Works on half-typed documents: inside an unterminated string, after a colon
 * with no value yet, on an unquoted word the parser rejected.
 */

export interface CursorSlot {
  /** The path of the object or array the slot belongs to. */
  containerPath: (string | number)[];
  container: JsonNode;
  /** Value slots: the key (objects) or index (arrays). Key slots: undefined. */
  key: string | number | undefined;
  isKey: boolean;
  /** The text a completion replaces: a whole string with its quotes, or the word typed so far. */
  replaceStart: number;
  replaceEnd: number;
  /** The quote of the string being typed; undefined when no string is open. */
  quote: Quote | undefined;
  /** The string or key node being typed in, when there is one. */
  node?: JsonNode;
}

const WORD_BREAK = /[\s{}[\],:"']/;

export function cursorSlot(root: JsonNode | undefined, text: string, offset: number): CursorSlot | undefined {
  if (!root) return undefined;
  const node = findNodeAtOffset(root, offset);
  if (!node) return undefined;
  if (node.type === 'string' && node.quote !== '' && insideString(node, offset)) {
    // A string that is the whole document is no slot of the configuration.
    if (!node.parent) return undefined;
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    const isKey = property !== undefined && isKeyNode(node);
    const container = isKey ? property!.parent! : node.parent!.type === 'property' ? node.parent!.parent! : node.parent!;
    const key = isKey ? undefined : property ? keyText(property) : container.children!.indexOf(node);
    return {
      containerPath: pathOf(container),
      container,
      key,
      isKey,
      replaceStart: node.offset,
      replaceEnd: node.end,
      quote: node.quote,
      node,
    };
  }

  let wordStart = offset;
  while (wordStart > 0 && !WORD_BREAK.test(text[wordStart - 1]!)) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && !WORD_BREAK.test(text[wordEnd]!)) wordEnd++;
  const word = { replaceStart: wordStart, replaceEnd: wordEnd, quote: undefined };

  let container: JsonNode | undefined = node;
  while (container && container.type !== 'object' && container.type !== 'array' && container.type !== 'property')
    container = container.parent;
  if (!container) return undefined;
  if (container.type === 'property') {
    const property = container;
    const object = property.parent!;
    if (property.colonOffset >= 0 && wordStart > property.colonOffset) {
      return { containerPath: pathOf(object), container: object, key: keyText(property), isKey: false, ...word };
    }
    return { containerPath: pathOf(object), container: object, key: undefined, isKey: true, ...word };
  }
  if (container.type === 'array') {
    const index = container.children!.filter((child) => child.end <= wordStart).length;
    return { containerPath: pathOf(container), container, key: index, isKey: false, ...word };
  }
  // In an object between properties: a property just before the cursor with a colon and no value
  // is waiting for this value; otherwise a new key starts here.
  const before = container.children!.filter((child) => child.offset < wordStart).pop();
  const commaBeforeWord = before !== undefined && before.commaOffset >= 0 && before.commaOffset < wordStart;
  if (before && before.colonOffset >= 0 && before.colonOffset < wordStart && !valueOf(before) && !commaBeforeWord) {
    return { containerPath: pathOf(container), container, key: keyText(before), isKey: false, ...word };
  }
  return { containerPath: pathOf(container), container, key: undefined, isKey: true, ...word };
}

/** Between the quotes; for an unterminated string, up to and including its end. */
function insideString(node: JsonNode, offset: number): boolean {
  return offset > node.offset && (node.closed ? offset < node.end : offset <= node.end);
}
