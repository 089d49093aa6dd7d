import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fc from 'fast-check';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { decodeConfigBytes, encodeLike, MAX_FILE_BYTES, readConfigFile } from '../../server/src/configFileReader';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => Uint8Array.from(Buffer.from(text, 'utf8'));

describe('reading a configuration file from disk', () => {
  let scratch: string;
  before(() => (scratch = mkdtempSync(join(tmpdir(), 'openclaw-reader-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads a regular file, with its size and modification time', () => {
    const path = join(scratch, 'openclaw.json');
    writeFileSync(path, '{ models: {} }\n');
    const read = readConfigFile(path);
    assert.ok(read.ok);
    assert.deepStrictEqual([read.text, read.encoding, read.size, read.mtimeMs > 0], ['{ models: {} }\n', {}, 15, true]);
  });

  it('refuses a named pipe without opening it (opening one blocks until a writer comes)', () => {
    const fifo = join(scratch, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    assert.deepStrictEqual(readConfigFile(fifo), { ok: false, reason: 'not a regular file (a named pipe)' });
  });

  it('refuses devices and directories', () => {
    assert.deepStrictEqual(readConfigFile('/dev/zero'), { ok: false, reason: 'not a regular file (a character device)' });
    const folder = join(scratch, 'folder.json');
    mkdirSync(folder);
    assert.deepStrictEqual(readConfigFile(folder), { ok: false, reason: 'not a regular file (a directory)' });
  });

  it('reads up to MAX_FILE_BYTES and refuses a byte more', () => {
    const path = join(scratch, 'large.json');
    closeSync(openSync(path, 'w'));
    truncateSync(path, MAX_FILE_BYTES); // sparse: nothing is written
    const read = readConfigFile(path);
    assert.ok(read.ok);
    assert.strictEqual(read.text.length, MAX_FILE_BYTES);
    truncateSync(path, MAX_FILE_BYTES + 1);
    assert.deepStrictEqual(readConfigFile(path), {
      ok: false,
      reason: '8,388,609 bytes: over the limit of 8,388,608 bytes (8 MB) for a configuration file',
    });
  });

  it('says why a missing file was not read', () => {
    const read = readConfigFile(join(scratch, 'absent.json'));
    assert.ok(!read.ok);
    assert.match(read.reason, /^ENOENT: no such file or directory/);
  });
});

describe('decoding a configuration file as OpenClaw does (UTF-8)', () => {
  it('drops a UTF-8 byte order mark (OpenClaw accepts it, editors hide it)', () => {
    assert.deepStrictEqual(decodeConfigBytes(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d)), { text: '{}', encoding: {} });
  });

  it('recognizes UTF-16 by its byte order mark, and decodes it so the rest can be checked', () => {
    const le = Buffer.from('{ a: "é" }', 'utf16le');
    assert.deepStrictEqual(decodeConfigBytes(Buffer.concat([bytes(0xff, 0xfe), le])), {
      text: '{ a: "é" }',
      encoding: { utf16: { endianness: 'LE', byteOrderMark: true } },
    });
    const be = Buffer.from(le).swap16();
    assert.deepStrictEqual(decodeConfigBytes(Buffer.concat([bytes(0xfe, 0xff), be])), {
      text: '{ a: "é" }',
      encoding: { utf16: { endianness: 'BE', byteOrderMark: true } },
    });
    // An odd trailing byte is dropped, not a reason to throw.
    assert.strictEqual(decodeConfigBytes(Buffer.concat([bytes(0xff, 0xfe), le, bytes(0x41)])).text, '{ a: "é" }');
  });

  it('recognizes UTF-16 without a byte order mark by the NUL beside each ASCII character', () => {
    assert.deepStrictEqual(decodeConfigBytes(Buffer.from('{\n  a: 1 }', 'utf16le')).encoding, {
      utf16: { endianness: 'LE', byteOrderMark: false },
    });
    assert.deepStrictEqual(decodeConfigBytes(Buffer.from('{\n  a: 1 }', 'utf16le').swap16()).encoding, {
      utf16: { endianness: 'BE', byteOrderMark: false },
    });
    // A NUL in UTF-8 text is not UTF-16.
    assert.deepStrictEqual(decodeConfigBytes(utf8('{ a: "\u0000" }')).encoding, {});
  });

  it('reports each invalid UTF-8 sequence where its U+FFFD is in the text, with the bytes', () => {
    // "aé" in Latin-1, a lone continuation byte, a truncated 3-byte sequence, an encoded surrogate, then a valid 😀.
    const decoded = decodeConfigBytes(bytes(0x61, 0xe9, 0x62, 0x80, 0xe2, 0x82, 0x63, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xff));
    assert.strictEqual(decoded.text, 'a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFD\uFFFD😀\uFFFD');
    assert.deepStrictEqual(decoded.encoding, {
      invalidUtf8: [
        { offset: 1, bytes: [0xe9] },
        { offset: 3, bytes: [0x80] },
        { offset: 4, bytes: [0xe2, 0x82] },
        { offset: 6, bytes: [0xed] },
        { offset: 7, bytes: [0xa0] },
        { offset: 8, bytes: [0x80] },
        { offset: 11, bytes: [0xff] },
      ],
      invalidUtf8Count: 7,
    });
  });

  it('lists the first 100 invalid sequences and counts them all', () => {
    const { encoding } = decodeConfigBytes(new Uint8Array(5000).fill(0xe9));
    assert.strictEqual(encoding.invalidUtf8!.length, 100);
    assert.deepStrictEqual(encoding.invalidUtf8![99], { offset: 99, bytes: [0xe9] });
    assert.strictEqual(encoding.invalidUtf8Count, 5000);
  });

  it('agrees with Node on any bytes: the same text, a U+FFFD at each listed offset, one listed per U+FFFD it put', () => {
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 0xff }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.constantFrom(0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xbb, 0xbf),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (values) => {
        const input = Uint8Array.from(values);
        const { text, encoding } = decodeConfigBytes(input);
        if (encoding.utf16) return;
        const withoutMark = values[0] === 0xef && values[1] === 0xbb && values[2] === 0xbf ? input.subarray(3) : input;
        assert.strictEqual(text, Buffer.from(withoutMark).toString('utf8'));
        const listed = encoding.invalidUtf8 ?? [];
        for (const { offset } of listed) assert.strictEqual(text[offset], '\uFFFD');
        const written = (
          Buffer.from(withoutMark)
            .toString('latin1')
            .match(/\xEF\xBF\xBD/g) ?? []
        ).length;
        assert.strictEqual(listed.length + written, (text.match(/\uFFFD/g) ?? []).length);
        assert.strictEqual(encoding.invalidUtf8Count ?? 0, listed.length);
      }),
      { numRuns: 3000, seed: 20260906 },
    );
  });

  it('encodes a text back in the form of the bytes it came from: the same bytes for the same text, unless decoding lost some', () => {
    const forms: ((text: string) => Buffer)[] = [
      (text) => Buffer.from(text, 'utf8'),
      (text) => Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from(text, 'utf8')]),
      (text) => Buffer.concat([bytes(0xff, 0xfe), Buffer.from(text, 'utf16le')]),
      (text) => Buffer.concat([bytes(0xfe, 0xff), Buffer.from(text, 'utf16le').swap16()]),
      // Without a byte order mark, UTF-16 is recognised by ASCII characters beside NULs: four of them first.
      (text) => Buffer.from(`{ a:${text}`, 'utf16le'),
    ];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.nat(forms.length - 1), (text, form) => {
        const original = forms[form]!(text);
        const decoded = decodeConfigBytes(original);
        assert.deepStrictEqual(encodeLike(decoded.text, original), original);
        assert.deepStrictEqual(encodeLike(`${decoded.text}\r\n`, original), forms[form]!(`${text}\r\n`));
      }),
      { numRuns: 500, seed: 20260906 },
    );
    const latin1 = Buffer.from('{ a: "caf\u00e9" }', 'latin1');
    assert.notDeepStrictEqual(encodeLike(decodeConfigBytes(latin1).text, latin1), latin1, 'invalid UTF-8 does not come back');
  });
});
