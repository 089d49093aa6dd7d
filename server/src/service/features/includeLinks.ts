import { Analysis } from '../config/analysis';
import { fsPathOf } from '../config/includes';
import { findNodeAtOffset, JsonNode } from '../parser/ast';
import { DocumentLink, Location, Position, Range } from '../types';

/*
 * `$include` paths as links: each path whose file the include resolver read (so a path OpenClaw
 * would refuse, a missing file, or one an untrusted workspace may not read gets no link) opens it.
 */

/** The `$include` path under the cursor, with the uri of the file it names, if that file was read. */
export function includeAt(analysis: Analysis, position: Position): { node: JsonNode; target: string } | undefined {
  if (analysis.graph.includeTargets.size === 0) return undefined;
  const node = findNodeAtOffset(analysis.parse.root, analysis.document.offsetAt(position));
  const target = node && analysis.graph.includeTargets.get(node);
  return target ? { node: node!, target } : undefined;
}

export function computeIncludeLinks(analysis: Analysis): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const [node, target] of analysis.graph.includeTargets) {
    if (!analysis.isHere(node)) continue;
    links.push({ range: contentRange(analysis, node), target, tooltip: `Open ${fsPathOf(target)}` });
  }
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Go to Definition on a `$include` path: the start of the file it names. */
export function includeDefinition(analysis: Analysis, position: Position): Location[] | undefined {
  const include = includeAt(analysis, position);
  if (!include) return undefined;
  const start = { line: 0, character: 0 };
  return [{ uri: include.target, range: { start, end: start } }];
}

/** A string's range without its quotes. */
function contentRange(analysis: Analysis, node: JsonNode): Range {
  const quote = node.quote === '' ? 0 : 1;
  const end = node.end - (node.closed && quote ? 1 : 0);
  return analysis.range(node.offset + quote, Math.max(0, end - node.offset - quote));
}
