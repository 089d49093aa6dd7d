/*
 * Which OpenClaw version a file is checked for (what each release changes: releaseRules.ts). Sources:
 * ../shared/reference/openclaw-config-facts.md, measured against openclaw 2026.9.6 and read from
 * 2026.3.x / 2026.4.x releases.
 */

export const NEWEST_KNOWN_VERSION = '2026.9.6';

export type VersionSource = 'installed' | 'file' | 'setting' | 'command-line' | 'default';

export interface TargetVersion {
  version: string;
  source: VersionSource;
  /** meta.lastTouchedVersion, when the version checked is another (an explicit choice won over it). */
  writtenBy?: string;
}

/** Calendar versions like 2026.9.6 or 2026.3.2-beta.1: compares the numeric parts only. */
export function parseVersion(text: string): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a) ?? [0, 0, 0];
  const right = parseVersion(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const diff = left[i]! - right[i]!;
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * An explicit choice first: the openclaw.version setting (or the CLI's --openclaw-version:
 * `settingFrom`), then the `openclaw` installed. Only without one, the file's meta.lastTouchedVersion
 * (the release that last wrote it, not necessarily the one that will read it); else the newest we know.
 */
export function resolveTargetVersion(
  installedVersion: string | undefined,
  fileVersion: string | undefined,
  settingVersion: string | undefined,
  settingFrom: 'setting' | 'command-line' = 'setting',
): TargetVersion {
  const written = fileVersion && parseVersion(fileVersion) ? fileVersion.trim() : undefined;
  const chosen = (version: string, source: VersionSource): TargetVersion =>
    written && compareVersions(written, version) !== 0 ? { version, source, writtenBy: written } : { version, source };
  if (settingVersion && parseVersion(settingVersion)) return chosen(settingVersion.trim(), settingFrom);
  if (installedVersion && parseVersion(installedVersion)) return chosen(installedVersion.trim(), 'installed');
  if (written) return { version: written, source: 'file' };
  return { version: NEWEST_KNOWN_VERSION, source: 'default' };
}

export function describeTarget(target: TargetVersion): string {
  switch (target.source) {
    case 'installed':
      return `OpenClaw ${target.version} (installed)`;
    case 'file':
      return `OpenClaw ${target.version} (meta.lastTouchedVersion)`;
    case 'setting':
      return `OpenClaw ${target.version} (openclaw.version setting)`;
    case 'command-line':
      return `OpenClaw ${target.version} (--openclaw-version)`;
    default:
      return `OpenClaw ${target.version}`;
  }
}
