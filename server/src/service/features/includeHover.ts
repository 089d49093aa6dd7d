import { Analysis } from '../config/analysis';
import { fsPathOf } from '../config/includes';
import { includeAt } from './includeLinks';
import { keyText } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';
import { Hover, Position } from '../types';

/** Top-level keys a hover names before it says "and N more". */
const KEYS_SHOWN = 12;

/** Hover on a `$include` path: the file it resolves to, where it lands, and what it brings (keys, models, aliases). */
export function includeHover(analysis: Analysis, position: Position): Hover | undefined {
  const include = includeAt(analysis, position);
  if (!include) return undefined;
  const file = analysis.graph.files.find((candidate) => candidate.uri === include.target);
  const lines = [`**$include** ${code(String(include.node.value))} → ${code(fsPathOf(include.target))}`];
  if (file) {
    // The object that holds `$include` (its property's parent, or the array's for a list of paths).
    let holder = include.node.parent;
    while (holder && holder.type !== 'object') holder = holder.parent;
    const at = holder ? analysis.logicalPath(holder).join('.') : '';
    const root = file.parse.root;
    let brings: string;
    if (root?.type === 'object') {
      const keys = (root.children ?? []).map(keyText);
      const shown = keys.slice(0, KEYS_SHOWN).map(code).join(', ');
      brings = keys.length === 0 ? 'an empty object' : keys.length > KEYS_SHOWN ? `${shown} and ${keys.length - KEYS_SHOWN} more` : shown;
    } else {
      const items = root?.children?.length ?? 0;
      if (root?.type === 'array') brings = `an array of ${items} ${items === 1 ? 'item' : 'items'}`;
      else brings = root ? `a ${root.type}` : 'nothing (the file has no value)';
    }
    const models = analysis.config.models.filter((model) => analysis.fileOf(model.idNode) === file).length;
    const aliases = analysis.config.aliases.filter((entry) => entry.alias && analysis.fileOf(entry.alias.node) === file).length;
    lines.push(
      `Brings ${brings} ${at === '' ? 'to the top level' : `into ${code(at)}`} · ` +
        `${models} ${models === 1 ? 'model' : 'models'} · ${aliases} ${aliases === 1 ? 'alias' : 'aliases'}`,
    );
  }
  return { contents: lines.join('\n\n'), range: analysis.nodeRange(include.node) };
}

/** Paths and keys in code spans, shortened: they are the file's text, of any length. */
function code(text: string): string {
  const shown = quoteForMessage(text);
  const fence = shown.includes('`') ? '``' : '`';
  return `${fence}${shown}${fence}`;
}
