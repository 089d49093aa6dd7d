import { JsonNode, keyText, Quote } from '../parser/ast';

/** How this file writes JSON5, read from the file so inserted text looks like the user wrote it. */
export interface FileStyle {
  eol: '\n' | '\r\n';
  indentUnit: string;
  /** How keys that could go unquoted are written: '' (unquoted), '"' or "'". */
  keyQuote: Quote;
  stringQuote: '"' | "'";
  /** After ':' in a property. */
  colonSpace: string;
  /** Whether multi-line objects and arrays end with a comma after their last item. */
  trailingCommas: boolean;
  /** Inside a one-line object: `{ a: 1 }` or `{a: 1}`. */
  inlinePadding: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Enough nodes to see a file's habits; keeps detection cheap on megabyte files. */
const SAMPLE_LIMIT = 4000;

export function detectFileStyle(text: string, root: JsonNode | undefined): FileStyle {
  const votes = {
    keyUnquoted: 0,
    keyDouble: 0,
    keySingle: 0,
    stringDouble: 0,
    stringSingle: 0,
    colonSpace: 0,
    colonTight: 0,
    trailing: 0,
    noTrailing: 0,
    padded: 0,
    tight: 0,
  };
  let seen = 0;
  const stack = root ? [root] : [];
  while (stack.length > 0 && seen < SAMPLE_LIMIT) {
    const node = stack.pop()!;
    seen++;
    if (node.type === 'property') {
      seen++; // its key
      if (IDENTIFIER.test(keyText(node))) {
        if (node.quote === '') votes.keyUnquoted++;
        else if (node.quote === '"') votes.keyDouble++;
        else votes.keySingle++;
      }
      if (node.colonOffset >= 0) {
        if (text.charCodeAt(node.colonOffset + 1) === 0x20) votes.colonSpace++;
        else votes.colonTight++;
      }
    } else if (node.type === 'string') {
      if (node.quote === "'") votes.stringSingle++;
      else votes.stringDouble++;
    } else if ((node.type === 'object' || node.type === 'array') && node.closed && node.children && node.children.length > 0) {
      const last = node.children[node.children.length - 1]!;
      const closeOffset = node.end - 1;
      const firstBreak = text.indexOf('\n', node.offset);
      if (firstBreak >= 0 && firstBreak < closeOffset) {
        // Multi-line: only count containers whose closing bracket sits on a line after the last item.
        if (text.lastIndexOf('\n', closeOffset) >= last.end) {
          if (last.commaOffset >= 0) votes.trailing++;
          else votes.noTrailing++;
        }
      } else if (node.type === 'object') {
        if (text.charCodeAt(node.offset + 1) === 0x20) votes.padded++;
        else votes.tight++;
      }
    }
    if (node.valueNode) stack.push(node.valueNode);
    else if (node.children) for (const child of node.children) stack.push(child);
  }
  const keyQuote: Quote =
    votes.keyUnquoted > votes.keyDouble && votes.keyUnquoted > votes.keySingle ? '' : votes.keySingle > votes.keyDouble ? "'" : '"';
  return {
    eol: detectEol(text),
    indentUnit: detectIndentUnit(text),
    keyQuote,
    stringQuote: votes.stringSingle > votes.stringDouble ? "'" : '"',
    colonSpace: votes.colonTight > votes.colonSpace ? '' : ' ',
    trailingCommas: votes.trailing > votes.noTrailing,
    inlinePadding: votes.padded > votes.tight || (votes.padded === votes.tight && keyQuote === '') ? ' ' : '',
  };
}

function detectEol(text: string): '\n' | '\r\n' {
  const lineFeed = text.indexOf('\n');
  return lineFeed > 0 && text.charCodeAt(lineFeed - 1) === 0x0d ? '\r\n' : '\n';
}

/** Tabs if most indented lines use them, else the most common step by which spaces grow. */
function detectIndentUnit(text: string): string {
  const steps = new Map<number, number>();
  let tabbed = 0;
  let spaced = 0;
  let previous = 0;
  for (const line of text.split('\n', 2000)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) {
      tabbed++;
      continue;
    }
    if (indent.length > 0) spaced++;
    const step = indent.length - previous;
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = indent.length;
  }
  if (tabbed > spaced) return '\t';
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount) {
      best = step;
      bestCount = count;
    }
  }
  return ' '.repeat(best);
}

export function renderKey(key: string, style: FileStyle): string {
  if (style.keyQuote === '' && IDENTIFIER.test(key)) return key;
  return renderString(key, style.keyQuote === '' ? style.stringQuote : style.keyQuote);
}

export function renderString(value: string, quote: '"' | "'"): string {
  let out = quote;
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        if (ch === quote) out += `\\${ch}`;
        else if (ch < ' ') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
        else out += ch;
    }
  }
  return out + quote;
}
