import * as assert from 'assert';
import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { URI } from 'vscode-uri';
import { DiskFileSource, realFolderPath } from '../../server/src/fileSource';
import { createLanguageService, isPathInside } from '../../server/src/service/languageService';

/*
 * The disk as the language service sees it, with symlinks: an untrusted workspace's guard is asked
 * about the real path, before anything is read, so no link (nor `..` after one) reads a file outside.
 */

describe("DiskFileSource: real paths and the untrusted workspace's guard", () => {
  let scratch: string;
  let workspace: string;
  let asked: string[];
  const uri = (path: string) => URI.file(path).toString();
  /** The server's guard for an untrusted workspace of one folder. */
  const guarded = (folder: string) => {
    const real = realFolderPath(folder);
    return new DiskFileSource(
      () => undefined,
      (path) => {
        asked.push(path);
        return isPathInside(real, path) ? undefined : 'outside';
      },
    );
  };

  beforeEach(() => {
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'openclaw-realpaths-')));
    workspace = join(scratch, 'workspace');
    mkdirSync(join(scratch, 'outside', 'sub'), { recursive: true });
    mkdirSync(workspace);
    writeFileSync(join(scratch, 'outside', 'secret.json'), '{ secret: true }');
    writeFileSync(join(workspace, 'inside.json'), '{ inside: true }');
    writeFileSync(join(scratch, 'outside', 'inside.json'), '{ outside: true }');
    symlinkSync(join(scratch, 'outside', 'secret.json'), join(workspace, 'secret-link.json'));
    symlinkSync(join(scratch, 'outside'), join(workspace, 'outlink'));
    symlinkSync(join(scratch, 'outside', 'sub'), join(workspace, 'dirlink'));
    symlinkSync('inside.json', join(workspace, 'inside-link.json'));
    symlinkSync('loop-b', join(workspace, 'loop-a'));
    symlinkSync('loop-a', join(workspace, 'loop-b'));
    symlinkSync(workspace, join(scratch, 'workspace-link'));
    asked = [];
  });

  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses links to a file or a folder outside, and `..` after a link, asking about the real path', () => {
    const source = guarded(workspace);
    // dirlink/../inside.json names the workspace's inside.json as written, but opening it reads outside/inside.json.
    for (const path of ['secret-link.json', 'outlink/secret.json', 'dirlink/../secret.json', 'dirlink/../inside.json']) {
      assert.strictEqual(source.get(uri(`${workspace}/${path}`)), undefined, path);
      assert.strictEqual(source.whyUnread(uri(`${workspace}/${path}`)), 'outside', path);
    }
    assert.deepStrictEqual(
      new Set(asked),
      new Set(['secret.json', 'inside.json'].map((name) => join(scratch, 'outside', name))),
      'asked about real paths only',
    );
  });

  it("reads the workspace's own files, through links inside it and through a workspace folder that is itself a link", () => {
    const source = guarded(join(scratch, 'workspace-link'));
    assert.strictEqual(source.get(uri(join(workspace, 'inside-link.json')))?.getText(), '{ inside: true }');
    assert.strictEqual(source.get(uri(join(scratch, 'workspace-link', 'inside.json')))?.getText(), '{ inside: true }');
    assert.strictEqual(realFolderPath(join(scratch, 'workspace-link')), workspace);
  });

  it('says where a path really is, that nothing is there, or that its links cannot be followed', () => {
    const source = guarded(workspace);
    assert.deepStrictEqual(source.realPath(uri(join(workspace, 'dirlink'))), {
      path: join(scratch, 'outside', 'sub'),
      regularFile: false,
      hardLinks: 2,
    });
    assert.deepStrictEqual(source.realPath(uri(join(workspace, 'inside-link.json'))), {
      path: join(workspace, 'inside.json'),
      regularFile: true,
      hardLinks: 1,
    });
    assert.deepStrictEqual(source.realPath(uri(join(workspace, 'absent.json'))), { missing: true });
    assert.deepStrictEqual(source.realPath(uri(join(workspace, 'inside.json', 'below'))), { missing: true });
    assert.deepStrictEqual(source.realPath(uri(join(workspace, 'loop-a'))), { unresolvable: true });
    assert.strictEqual(source.get(uri(join(workspace, 'loop-a'))), undefined);
  });

  it("an include that is a folder or a hard link fails OpenClaw's security checks, with its message", () => {
    mkdirSync(join(workspace, 'folder.json'));
    writeFileSync(join(workspace, 'linked.json'), '{}');
    linkSync(join(workspace, 'linked.json'), join(workspace, 'hardlink.json'));
    writeFileSync(join(workspace, 'openclaw.json'), '{ $include: ["./folder.json", "./hardlink.json", "./inside-link.json"] }');
    const service = createLanguageService({ files: new DiskFileSource(() => undefined) });
    const messages = service
      .getDiagnostics(new DiskFileSource(() => undefined).get(uri(join(workspace, 'openclaw.json')))!)
      .map((d) => d.message);
    const refused = (path: string) =>
      `Include file failed security checks (regular file, max 2097152 bytes, no hardlinks): ${path}: OpenClaw rejects the configuration, and the gateway does not start.`;
    assert.deepStrictEqual(
      messages.filter((message) => message.startsWith('Include')),
      [refused('./folder.json'), refused('./hardlink.json')],
    );
  });
});
