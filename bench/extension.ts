import { execFileSync } from 'child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'fs';
import { join } from 'path';

const REPO_ROOT = join(__dirname, '..');
export const VSIX_PATH = join(REPO_ROOT, 'openclaw-bedrock.vsix');
/** Written by the real-VS-Code test tier (npm run test:vscode). */
const ACTIVATION_PATH = join(REPO_ROOT, 'test-output', 'vscode', 'activation.json');

export type Measured<T> = { value: T; note?: string } | { notMeasured: string };

/** The size of the .vsix that `npm run package` builds (a production build, then vsce). */
export function measurePackageSize(): Measured<number> {
  // A stale .vsix must not pass for this run's.
  rmSync(VSIX_PATH, { force: true });
  try {
    npm('run', 'package');
    return { value: statSync(VSIX_PATH).size };
  } catch (error) {
    return { notMeasured: `npm run package failed: ${firstLine(error)}` };
  } finally {
    // Packaging leaves the minified production bundles in */out; put back what `npm run build` makes.
    npm('run', 'build');
  }
}

export function readActivationTime(): Measured<number> {
  if (!existsSync(ACTIVATION_PATH)) return { notMeasured: 'not measured: run npm run test:vscode first' };
  const { activationMs, loadMs, activateCallMs, vscode } = JSON.parse(readFileSync(ACTIVATION_PATH, 'utf8')) as {
    activationMs?: unknown;
    loadMs?: number;
    activateCallMs?: number;
    vscode?: string;
  };
  if (typeof activationMs !== 'number') return { notMeasured: `${ACTIVATION_PATH} has no activationMs` };
  return {
    value: activationMs,
    note: `loading the bundle ${loadMs?.toFixed(0)} + activate() ${activateCallMs?.toFixed(0)}, VS Code ${vscode} (code-server), from npm run test:vscode`,
  };
}

function npm(...args: string[]): void {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return (stderr || String(error)).split('\n')[0]!;
}
