import { JsonNode } from '../parser/ast';
import { SourceFile } from '../parser/sourceFile';
import { FoldingRange } from '../types';

/*
 * Folding as VS Code's JSON folds: objects and arrays over several lines (up to the line before the
 * closing bracket, which stays visible; to the end of a broken file's unclosed one), block comments
 * over several lines, and `// #region` … `// #endregion`.
 */

const REGION_START = /^\/\/\s*#region\b/;
const REGION_END = /^\/\/\s*#endregion\b/;

export function computeFoldingRanges(file: SourceFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lineOf = (offset: number) => file.document.positionAt(offset).line;
  const visit = (node: JsonNode) => {
    if (node.type === 'object' || node.type === 'array') {
      const startLine = lineOf(node.offset);
      const endLine = node.closed ? lineOf(node.end - 1) - 1 : lineOf(node.end);
      if (endLine > startLine) ranges.push({ startLine, endLine });
    }
    for (const child of node.children ?? []) {
      const value = child.type === 'property' ? child.valueNode : child;
      if (value?.children) visit(value);
    }
  };
  if (file.parse.root) visit(file.parse.root);

  const regions: number[] = [];
  for (const comment of file.parse.comments) {
    if (comment.block) {
      const startLine = lineOf(comment.offset);
      const endLine = lineOf(comment.offset + comment.length);
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: 'comment' });
      continue;
    }
    const text = file.text.slice(comment.offset, comment.offset + comment.length);
    if (REGION_START.test(text)) {
      regions.push(lineOf(comment.offset));
    } else if (REGION_END.test(text) && regions.length > 0) {
      const startLine = regions.pop()!;
      const endLine = lineOf(comment.offset);
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: 'region' });
    }
  }
  // One range per first line (the editor keeps one): the outermost, which folds the most.
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return ranges.filter((range, index) => index === 0 || range.startLine !== ranges[index - 1]!.startLine);
}
