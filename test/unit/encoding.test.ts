import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { URI } from 'vscode-uri';
import { DiskFileSource } from '../../server/src/fileSource';
import {
  createLanguageService,
  createTextDocument,
  Diagnostic,
  FileEncoding,
  TextDocumentLike,
} from '../../server/src/service/languageService';

/*
 * What a file's bytes hide from its text, as the service reports it: the bytes are read by the
 * FileSource (here DiskFileSource on real files) or handed in with the document (the CLI).
 */

const URI_ = 'file:///test/openclaw.json';
const service = createLanguageService();

function diagnosticsOf(text: string, encoding: FileEncoding): Diagnostic[] {
  return service.getDiagnostics(createTextDocument(URI_, text, 1, encoding));
}

const brief = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.code === 'encoding')
    .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.message}`);

describe('encoding diagnostics', () => {
  it('a UTF-16 file: one error at its start, and the rest checked as warnings (OpenClaw refuses the file for its encoding alone)', () => {
    const diagnostics = diagnosticsOf('{\n  models: { mode: "bogus" },\n}\n', { utf16: { endianness: 'LE', byteOrderMark: true } });
    assert.deepStrictEqual(brief(diagnostics), [
      '0:0 1 This file is UTF-16 (byte order mark FF FE); OpenClaw reads UTF-8 and refuses it: save it as UTF-8.',
    ]);
    const mode = diagnostics.find((d) => d.code === 'schema')!;
    assert.strictEqual(mode.severity, 2);
    assert.match(mode.message, /once saved as UTF-8, OpenClaw 2026\.9\.6 rejects the file/);
    assert.strictEqual(diagnostics.filter((d) => d.severity === 1).length, 1);
  });

  it('UTF-16 without a byte order mark says so', () => {
    assert.deepStrictEqual(brief(diagnosticsOf('{}', { utf16: { endianness: 'BE', byteOrderMark: false } })), [
      '0:0 1 This file is UTF-16 BE without a byte order mark (a NUL byte beside each ASCII character); OpenClaw reads UTF-8 and refuses it: save it as UTF-8.',
    ]);
  });

  it('invalid UTF-8: where the bytes are, and what the string they are in becomes', () => {
    const text =
      '{\n  // caf\uFFFD\n  models: { providers: { "amazon-bedrock": { models: [ { id: "a\uFFFD", name: "A" } ] } } },\n  agents: { defaults: { models: { "x\uFFFD": {} } } },\n  \uFFFD\n}\n';
    const at = (needle: string, from = 0) => ({ offset: text.indexOf(needle, from) + needle.length - 1 });
    const invalidUtf8 = [
      { ...at('caf\uFFFD'), bytes: [0xe9] },
      { ...at('a\uFFFD'), bytes: [0xe9] },
      { ...at('x\uFFFD'), bytes: [0xe2, 0x82] },
      { ...at('  \uFFFD'), bytes: [0xff] },
    ];
    assert.deepStrictEqual(brief(diagnosticsOf(text, { invalidUtf8, invalidUtf8Count: 104 })), [
      '1:8 3 Invalid UTF-8 (byte 0xE9) in a comment: OpenClaw reads it as U+FFFD, harmless there; the file is not UTF-8 though.',
      "2:63 2 Invalid UTF-8 (byte 0xE9): OpenClaw reads it as U+FFFD, so the id becomes 'a\\uFFFD'.",
      "3:36 2 Invalid UTF-8 (bytes 0xE2 0x82): OpenClaw reads it as U+FFFD, so the key becomes 'x\\uFFFD'.",
      '4:2 2 Invalid UTF-8 (byte 0xFF): OpenClaw reads it as U+FFFD, which is not JSON5 here. The file has 100 more invalid UTF-8 sequence(s) after this one, not marked.',
    ]);
  });

  it('a file-level diagnostic stays on the first line when the file starts with a line break; a file without problems gets none', () => {
    const [diagnostic] = diagnosticsOf('\r\n{}', { utf16: { endianness: 'LE', byteOrderMark: true } }).filter((d) => d.code === 'encoding');
    assert.deepStrictEqual(diagnostic!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepStrictEqual(brief(diagnosticsOf('\r\n{}', {})), []);
  });
});

describe('encoding of files on disk (DiskFileSource)', () => {
  let scratch: string;
  const open = new Map<string, TextDocumentLike>();
  const fileUri = (name: string) => URI.file(join(scratch, name)).toString();
  before(() => (scratch = mkdtempSync(join(tmpdir(), 'openclaw-encoding-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  afterEach(() => open.clear());

  const CONFIG = '{\n  models: { providers: { "amazon-bedrock": { models: [ { id: "a\u00e9", name: "A" } ] } } },\n}\n';
  const idLine = 1;
  const idCharacter = CONFIG.split('\n')[1]!.indexOf('\u00e9');

  it('an included UTF-16 file: the include fails as in OpenClaw, and the file itself says why (no syntax errors)', () => {
    const rootText = '{ models: { $include: "./models.json5" } }\n';
    writeFileSync(join(scratch, 'openclaw.json'), rootText);
    writeFileSync(join(scratch, 'models.json5'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{ mode: "merge" }\n', 'utf16le')]));
    const disk = createLanguageService({ files: new DiskFileSource(() => undefined) });
    const [root, models] = disk.getConfigurationDiagnostics(createTextDocument(fileUri('openclaw.json'), rootText));
    assert.match(root!.diagnostics.map((d) => d.message).join('\n'), /^Failed to parse include file: \.\/models\.json5 /);
    assert.strictEqual(models!.uri, fileUri('models.json5'));
    assert.deepStrictEqual(
      models!.diagnostics.map((d) => d.code),
      ['encoding'],
    );
  });

  it("an open document: the disk's invalid UTF-8 placed in its text when the editor decoded the bytes as UTF-8", () => {
    const path = join(scratch, 'latin1', 'openclaw.json');
    mkdirSync(join(scratch, 'latin1'));
    writeFileSync(path, Buffer.from(CONFIG, 'latin1'));
    const uri = URI.file(path).toString();
    const editor = createTextDocument(uri, CONFIG.replace('\u00e9', '\uFFFD'));
    open.set(uri, editor);
    const withDisk = createLanguageService({ files: new DiskFileSource((key) => open.get(key)) });
    const diagnostics = withDisk.getDiagnostics(editor).filter((d) => d.code === 'encoding');
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.range.start, d.message]),
      [[{ line: idLine, character: idCharacter }, "Invalid UTF-8 (byte 0xE9): OpenClaw reads it as U+FFFD, so the id becomes 'a\\uFFFD'."]],
    );
  });

  it('an open document the editor decoded otherwise (here Latin-1): one warning for the file, naming the first bytes', () => {
    const path = join(scratch, 'guessed', 'openclaw.json');
    mkdirSync(join(scratch, 'guessed'));
    writeFileSync(path, Buffer.from(CONFIG, 'latin1'));
    const uri = URI.file(path).toString();
    const editor = createTextDocument(uri, CONFIG);
    open.set(uri, editor);
    const withDisk = createLanguageService({ files: new DiskFileSource((key) => open.get(key)) });
    assert.deepStrictEqual(
      withDisk
        .getDiagnostics(editor)
        .filter((d) => d.code === 'encoding')
        .map((d) => [d.range.start, d.severity, d.message]),
      [
        [
          { line: 0, character: 0 },
          2,
          'On disk this file is not valid UTF-8 (1 invalid sequence(s), the first byte 0xE9 on line 2): OpenClaw reads each as U+FFFD. ' +
            'The editor shows other text (unsaved changes, or another encoding): save the file as UTF-8.',
        ],
      ],
    );
  });

  it('an open document that is UTF-16 on disk: the error (not where the workspace may not read), gone once saved as UTF-8', () => {
    const path = join(scratch, 'wide', 'openclaw.json');
    mkdirSync(join(scratch, 'wide'));
    writeFileSync(path, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CONFIG, 'utf16le').swap16()]));
    const uri = URI.file(path).toString();
    const editor = createTextDocument(uri, CONFIG);
    open.set(uri, editor);
    const withDisk = createLanguageService({ files: new DiskFileSource((key) => open.get(key)) });
    assert.deepStrictEqual(brief(withDisk.getDiagnostics(editor)), [
      '0:0 1 This file is UTF-16 (byte order mark FE FF); OpenClaw reads UTF-8 and refuses it: save it as UTF-8.',
    ]);
    const untrusted = createLanguageService({
      files: new DiskFileSource(
        (key) => open.get(key),
        () => 'not read: the workspace is not trusted',
      ),
    });
    assert.deepStrictEqual(brief(untrusted.getDiagnostics(editor)), []);
    // Saved as UTF-8: the same text, other bytes.
    writeFileSync(path, CONFIG);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    assert.deepStrictEqual(brief(withDisk.getDiagnostics(editor)), []);
  });
});
