import { MissingAlias, modelsWithoutAlias, planAliasEdits } from './aliasFixes';
import { Analysis } from './analysis';
import { OffsetEdit } from './edits/objectEdits';
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from './types';

export interface CodeActionRequest {
  range: Range;
  /** The diagnostics the editor shows in the range; the matching ones are attached to fixes. */
  diagnostics?: Diagnostic[];
  /** LSP's `only`: kinds wanted; a kind matches itself and its sub-kinds. */
  only?: string[];
}

export function computeCodeActions(analysis: Analysis, request: CodeActionRequest): CodeAction[] {
  const missing = modelsWithoutAlias(analysis);
  if (missing.length === 0) return [];
  const actions: CodeAction[] = [];
  const start = analysis.document.offsetAt(request.range.start);
  const end = analysis.document.offsetAt(request.range.end);
  const wanted = (kind: string) => !request.only || request.only.some((only) => kind === only || kind.startsWith(`${only}.`));

  if (wanted(CodeActionKind.QuickFix)) {
    const here = missing.filter(({ model }) => model.idNode.offset <= end && model.idNode.end >= start);
    for (const item of here) {
      const plan = planAliasEdits(analysis, [item]);
      const alias = plan?.aliases.get(item.model);
      if (!plan || alias === undefined) continue;
      actions.push({
        title: `Add alias '${alias}' for ${item.model.provider.id}/${item.model.id}`,
        kind: CodeActionKind.QuickFix,
        edits: toTextEdits(analysis, plan.edits),
        diagnostics: matchingDiagnostics(analysis, request.diagnostics, [item]),
        isPreferred: true,
      });
    }
    if (here.length > 0 && missing.length > 1) {
      const all = addAllAction(analysis, missing, CodeActionKind.QuickFix);
      if (all) actions.push({ ...all, diagnostics: matchingDiagnostics(analysis, request.diagnostics, here) });
    }
  }
  if (request.only && wanted(CodeActionKind.SourceFixAllOpenClaw)) {
    const all = addAllAction(analysis, missing, CodeActionKind.SourceFixAllOpenClaw);
    if (all) actions.push(all);
  }
  return actions;
}

function addAllAction(analysis: Analysis, missing: MissingAlias[], kind: string): CodeAction | undefined {
  const plan = planAliasEdits(analysis, missing);
  if (!plan) return undefined;
  return { title: `Add aliases for all ${plan.aliases.size} models`, kind, edits: toTextEdits(analysis, plan.edits) };
}

function matchingDiagnostics(analysis: Analysis, diagnostics: Diagnostic[] | undefined, items: MissingAlias[]): Diagnostic[] {
  if (!diagnostics) return [];
  const starts = new Set(items.map(({ model }) => model.idNode.offset));
  return diagnostics.filter((diagnostic) => diagnostic.code === 'no-alias' && starts.has(analysis.document.offsetAt(diagnostic.range.start)));
}

function toTextEdits(analysis: Analysis, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: analysis.range(edit.offset, edit.length), newText: edit.newText }));
}
