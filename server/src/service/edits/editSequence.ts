import { Analysis } from '../config/analysis';
import { SourceFile } from '../parser/sourceFile';
import { WorkspaceEdit } from '../types';
import { differenceEdits, FileEdits } from './fileEdits';
import { applyOffsetEdits, differenceEdit, OffsetEdit } from './objectEdits';

/**
 * Edits made one after another, each planned on the configuration the previous ones left (so two steps
 * may create the same parent objects), then given as one edit per file of the configuration.
 */
export class EditSequence {
  private analysis: Analysis | undefined;
  /** Per changed file: the one edit from the first text to this sequence's. */
  private readonly spans = new Map<string, OffsetEdit>();

  private constructor(
    readonly first: Analysis,
    private readonly texts: ReadonlyMap<string, string>,
    private readonly reanalyze: (texts: ReadonlyMap<string, string>) => Analysis,
  ) {
    if (texts.size === 0) this.analysis = first;
  }

  static start(analysis: Analysis, reanalyze: (texts: ReadonlyMap<string, string>) => Analysis): EditSequence {
    return new EditSequence(analysis, new Map(), reanalyze);
  }

  /** The configuration after the steps so far (analysed when first asked). */
  get current(): Analysis {
    return (this.analysis ??= this.reanalyze(this.texts));
  }

  get isEmpty(): boolean {
    return this.texts.size === 0;
  }

  /** The sequence with edits planned on `current` made; undefined when there are none. */
  then(edits: FileEdits | undefined): EditSequence | undefined {
    if (!edits || edits.isEmpty) return undefined;
    const texts = new Map(this.texts);
    for (const [file, text] of edits.results()) texts.set(file.uri, text);
    return new EditSequence(this.first, texts, this.reanalyze);
  }

  toWorkspaceEdit(): WorkspaceEdit {
    const changed = this.firstFiles().filter((file) => this.texts.has(file.uri));
    return differenceEdits(new Map(changed.map((file) => [file, this.texts.get(file.uri)!])));
  }

  /**
   * What `then(edits).toWorkspaceEdit()` gives, without writing out whole texts: the edits are carried
   * back over this sequence's own (one span per file), so that many fixes planned on it stay cheap.
   */
  withEdits(edits: FileEdits): WorkspaceEdit {
    if (this.isEmpty) return edits.toWorkspaceEdit();
    const byFile = new Map<string, OffsetEdit[]>([...this.texts.keys()].map((uri) => [uri, []]));
    for (const [file, list] of edits.entries()) byFile.set(file.uri, [...(byFile.get(file.uri) ?? []), ...list]);
    const changes: WorkspaceEdit['changes'] = {};
    for (const file of this.firstFiles()) {
      const later = byFile.get(file.uri);
      if (!later) continue;
      const span = this.spanOf(file);
      const composed = span ? carryBack(span, later, this.texts.get(file.uri)!) : later;
      changes[file.uri] = composed.map((edit) => ({ range: file.range(edit.offset, edit.length), newText: edit.newText }));
    }
    return { changes };
  }

  private spanOf(file: SourceFile): OffsetEdit | undefined {
    const text = this.texts.get(file.uri);
    if (text === undefined) return undefined;
    let span = this.spans.get(file.uri);
    if (!span) this.spans.set(file.uri, (span = differenceEdit(file.text, text)));
    return span;
  }

  /** The configuration's files, each once (a file included twice is listed twice). */
  private firstFiles(): SourceFile[] {
    return [...new Set(this.first.graph.files)];
  }
}

/**
 * Edits of the text `span` made (`text`) as edits of the text before it: those clear of the span move
 * back by what it added; those that touch it join it in one edit.
 */
function carryBack(span: OffsetEdit, later: readonly OffsetEdit[], text: string): OffsetEdit[] {
  const added = span.newText.length - span.length;
  let start = span.offset;
  let end = span.offset + span.newText.length;
  let pending = [...later];
  const touching: OffsetEdit[] = [];
  // Joining one edit widens the span, which may then touch another: until none does.
  for (let widened = true; widened;) {
    widened = false;
    const clear: OffsetEdit[] = [];
    for (const edit of pending) {
      if (edit.offset + edit.length < start || edit.offset > end) {
        clear.push(edit);
        continue;
      }
      touching.push(edit);
      if (edit.offset < start || edit.offset + edit.length > end) widened = true;
      start = Math.min(start, edit.offset);
      end = Math.max(end, edit.offset + edit.length);
    }
    pending = clear;
  }
  const inside = touching.map((edit) => ({ ...edit, offset: edit.offset - start }));
  const joined: OffsetEdit = { offset: start, length: end - added - start, newText: applyOffsetEdits(text.slice(start, end), inside) };
  const moved = pending.map((edit) => (edit.offset > end ? { ...edit, offset: edit.offset - added } : edit));
  return [...moved.filter((edit) => edit.offset < start), joined, ...moved.filter((edit) => edit.offset >= start)];
}
