import { SourceFile } from '../parser/sourceFile';
import { WorkspaceEdit } from '../types';
import { applyOffsetEdits, differenceEdit, OffsetEdit } from './objectEdits';

/** Edits to the files of one configuration (a fix may touch the file of the alias map and that of a model). */
export class FileEdits {
  private readonly byFile = new Map<SourceFile, OffsetEdit[]>();

  add(file: SourceFile, edits: OffsetEdit[]): this {
    if (edits.length === 0) return this;
    const current = this.byFile.get(file);
    if (current) current.push(...edits);
    else this.byFile.set(file, [...edits]);
    return this;
  }

  addAll(other: FileEdits): this {
    for (const [file, edits] of other.byFile) this.add(file, edits);
    return this;
  }

  get isEmpty(): boolean {
    return this.byFile.size === 0;
  }

  get count(): number {
    return [...this.byFile.values()].reduce((sum, edits) => sum + edits.length, 0);
  }

  /** Each file's edits. */
  entries(): IterableIterator<[SourceFile, readonly OffsetEdit[]]> {
    return this.byFile.entries();
  }

  /** Each file's text after the edits. */
  results(): Map<SourceFile, string> {
    return new Map([...this.byFile].map(([file, edits]) => [file, applyOffsetEdits(file.text, edits)]));
  }

  toWorkspaceEdit(): WorkspaceEdit {
    const changes: WorkspaceEdit['changes'] = {};
    for (const [file, edits] of this.byFile) {
      changes[file.uri] = edits.map((edit) => ({ range: file.range(edit.offset, edit.length), newText: edit.newText }));
    }
    return { changes };
  }
}

/** The edit that takes each file from its text to the one given: one span per file. */
export function differenceEdits(results: ReadonlyMap<SourceFile, string>): WorkspaceEdit {
  const edits = new FileEdits();
  for (const [file, text] of results) if (text !== file.text) edits.add(file, [differenceEdit(file.text, text)]);
  return edits.toWorkspaceEdit();
}
