import { isUtf8 } from 'buffer';
import { closeSync, constants, fstatSync, openSync, readSync, Stats, statSync } from 'fs';
import { FileEncoding } from './service/types';
import { formatCount } from './service/config/modelFacts';

/*
 * Reading a configuration file from disk, for the CLI and the server's DiskFileSource: only a regular
 * file, at most MAX_FILE_BYTES, never blocking (a FIFO or a device is refused before it is opened),
 * and decoded as OpenClaw decodes it (UTF-8) with what that decoding hides reported beside the text.
 */

/** Larger files are not read: OpenClaw refuses includes over 2 MB, and an editor should not hold more. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Invalid UTF-8 sequences listed one by one; the rest are only counted (a binary file has millions). */
const MAX_LISTED_INVALID = 100;
const TOO_LARGE = `over the limit of ${formatBytes(MAX_FILE_BYTES)} (${MAX_FILE_BYTES / (1024 * 1024)} MB) for a configuration file`;

export type ConfigFileRead =
  { ok: true; text: string; encoding: FileEncoding; size: number; mtimeMs: number; bytes: Buffer } | { ok: false; reason: string };

/** A file's text and what its bytes say, or why it was not read (a sentence fragment: "not a regular file (a FIFO)"). */
export function readConfigFile(path: string): ConfigFileRead {
  let fd: number | undefined;
  try {
    // Stat first: a FIFO or a device is refused without being opened (opening a FIFO blocks until a writer comes).
    const refusal = whyNotRead(statSync(path));
    if (refusal) return { ok: false, reason: refusal };
    // O_NONBLOCK: should a FIFO replace the file between the stat and the open, opening it does not block either.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    const swapped = whyNotRead(stat);
    if (swapped) return { ok: false, reason: swapped };
    const bytes = readAtMost(fd, stat.size, MAX_FILE_BYTES);
    if (!bytes) return { ok: false, reason: TOO_LARGE };
    return { ok: true, ...decodeConfigBytes(bytes), size: stat.size, mtimeMs: stat.mtimeMs, bytes };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function whyNotRead(stat: Stats): string | undefined {
  if (!stat.isFile()) return `not a regular file (${kindOf(stat)})`;
  if (stat.size > MAX_FILE_BYTES) return `${formatBytes(stat.size)}: ${TOO_LARGE}`;
  return undefined;
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function formatBytes(bytes: number): string {
  return `${formatCount(bytes)} bytes`;
}

/** The file's bytes, or undefined when it holds more than `limit` (it may have grown since the stat). */
function readAtMost(fd: number, expected: number, limit: number): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return undefined;
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

/**
 * Bytes as OpenClaw reads them (Node's UTF-8 decoding, which puts U+FFFD for each invalid sequence), and
 * what that hides: a UTF-16 file (refused by OpenClaw; decoded here as UTF-16 so the rest can be checked),
 * invalid UTF-8. A UTF-8 byte order mark is dropped, as editors do: OpenClaw's JSON5 reads it as whitespace.
 */
export function decodeConfigBytes(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf16 = utf16Of(buffer);
  if (utf16) {
    const body = buffer.subarray(utf16.byteOrderMark ? 2 : 0);
    const even = body.subarray(0, body.length - (body.length % 2));
    const text = utf16.endianness === 'LE' ? even.toString('utf16le') : Buffer.from(even).swap16().toString('utf16le');
    return { text, encoding: { utf16 } };
  }
  const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  const text = body.toString('utf8');
  if (isUtf8(body)) return { text, encoding: {} };
  const { listed, count } = invalidSequences(body);
  return { text, encoding: { invalidUtf8: listed, invalidUtf8Count: count } };
}

/**
 * `text` as bytes in the form `original` has (UTF-8 with or without a byte order mark, UTF-16 either way
 * round, with or without one), to write a file back as it was. Encoding the text `original` decoded to
 * gives `original` back, unless it held invalid UTF-8 or a stray last byte of UTF-16 (decoding lost those).
 */
export function encodeLike(text: string, original: Uint8Array): Buffer {
  const buffer = Buffer.from(original.buffer, original.byteOffset, original.byteLength);
  const utf16 = utf16Of(buffer);
  if (utf16) {
    const body = Buffer.from(text, 'utf16le');
    if (utf16.endianness === 'BE') body.swap16();
    const mark = utf16.byteOrderMark ? Buffer.from(utf16.endianness === 'LE' ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0);
    return Buffer.concat([mark, body]);
  }
  const mark = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(0, 3) : Buffer.alloc(0);
  return Buffer.concat([mark, Buffer.from(text, 'utf8')]);
}

/**
 * UTF-16 by its byte order mark, or without one when the text starts with ASCII characters each beside a
 * NUL byte (a configuration starts with `{`, a space or a comment; UTF-8 text has no NUL there).
 */
function utf16Of(buffer: Buffer): FileEncoding['utf16'] {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { endianness: 'LE', byteOrderMark: true };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { endianness: 'BE', byteOrderMark: true };
  const pairs = Math.min(4, buffer.length >> 1);
  if (pairs === 0) return undefined;
  const asciiBeside = (ascii: number, nul: number) => {
    for (let i = 0; i < pairs; i++) {
      const character = buffer[2 * i + ascii]!;
      if (buffer[2 * i + nul] !== 0 || character === 0 || character >= 0x80) return false;
    }
    return true;
  };
  if (asciiBeside(0, 1)) return { endianness: 'LE', byteOrderMark: false };
  if (asciiBeside(1, 0)) return { endianness: 'BE', byteOrderMark: false };
  return undefined;
}

/**
 * The invalid sequences of UTF-8 bytes as the WHATWG decoder (Node's) finds them: each maximal
 * subpart of a sequence becomes one U+FFFD. `offset`: where that U+FFFD is in the decoded text.
 */
function invalidSequences(bytes: Uint8Array): { listed: { offset: number; bytes: number[] }[]; count: number } {
  const listed: { offset: number; bytes: number[] }[] = [];
  let count = 0;
  let offset = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      offset++;
      continue;
    }
    let needed = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    }
    let end = i + 1;
    let seen = 0;
    while (seen < needed && end < bytes.length && bytes[end]! >= lower && bytes[end]! <= upper) {
      lower = 0x80;
      upper = 0xbf;
      end++;
      seen++;
    }
    if (needed > 0 && seen === needed) {
      offset += needed === 3 ? 2 : 1;
    } else {
      // The byte that broke the sequence is not part of it: it is read again as a lead.
      if (count++ < MAX_LISTED_INVALID) listed.push({ offset, bytes: Array.from(bytes.subarray(i, end)) });
      offset++;
    }
    i = end;
  }
  return { listed, count };
}
