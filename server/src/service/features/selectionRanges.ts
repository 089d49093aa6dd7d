import { findNodeAtOffset, JsonNode } from '../parser/ast';
import { SourceFile } from '../parser/sourceFile';
import { Position, SelectionRange } from '../types';

/*
 * Smart select (Expand Selection), as VS Code's JSON does it: a string's content, the string, its
 * property (then with its comma), the object's content, the object, and so on up to the root.
 */

export function computeSelectionRanges(file: SourceFile, positions: Position[]): SelectionRange[] {
  return positions.map((position) => selectionAt(file, position));
}

function selectionAt(file: SourceFile, position: Position): SelectionRange {
  const offset = file.document.offsetAt(position);
  const spans: [number, number][] = [];
  for (let node = findNodeAtOffset(file.parse.root, offset); node; node = node.parent) {
    const inner = innerSpan(node);
    if (inner && offset >= inner[0] && offset <= inner[1] && inner[0] < inner[1]) spans.push(inner);
    spans.push([node.offset, node.end]);
    // A property or an array item, with the comma that follows it.
    const isEntry = node.type === 'property' || node.parent?.type === 'array';
    if (isEntry && node.commaOffset >= node.end) spans.push([node.offset, node.commaOffset + 1]);
  }
  // From the outermost in: each range must lie inside the one before (an equal one adds nothing).
  let selection: SelectionRange | undefined;
  let outer: [number, number] | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    const [start, end] = spans[i]!;
    if (outer && (start < outer[0] || end > outer[1] || (start === outer[0] && end === outer[1]))) continue;
    outer = [start, end];
    selection = { range: file.range(start, end - start), parent: selection };
  }
  return selection ?? { range: { start: position, end: position } };
}

/** The span inside a string's quotes or an object's or array's brackets. */
function innerSpan(node: JsonNode): [number, number] | undefined {
  if (node.type === 'string') {
    if (node.quote === '') return undefined;
    return [node.offset + 1, node.closed ? node.end - 1 : node.end];
  }
  if (node.type === 'object' || node.type === 'array') return [node.offset + 1, node.closed ? node.end - 1 : node.end];
  return undefined;
}
