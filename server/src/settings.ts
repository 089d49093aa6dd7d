import type { CatalogStoreSettings } from './bedrock/catalogStore';
import type { BedrockConnection } from './bedrock/connection';
import type { NetworkSettings } from './bedrock/network';
import type { ServerSettings } from './protocol';
import { DEFAULT_MAX_DIAGNOSTICS, type ServiceSettings } from './service/languageService';

/*
 * Settings reach the server three ways: initializationOptions.settings at start, workspace/configuration
 * when the client can answer it (VS Code, Helix, Neovim 0.8+), and workspace/didChangeConfiguration
 * pushes (Neovim 0.7, and any client without workspace/configuration). Clients answer null for a
 * section they do not know (Neovim and Helix when the settings were given only at start), so what
 * comes later is laid over what came first, key by key; it never erases it.
 */

/**
 * `over` laid on `base`: objects merge key by key (recursively), any other value replaces, and null
 * or undefined (a section or key the client does not know) leaves what `base` has. Settings that are
 * not an object at all change nothing.
 */
export function mergeSettings(base: ServerSettings, over: unknown): ServerSettings {
  return isRecord(over) ? (merge(base, over) as ServerSettings) : base;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === null || over === undefined) return base;
  if (!isRecord(over) || !isRecord(base)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    // A JSON key "__proto__" would set the prototype of the merged object, not a setting.
    if (key !== '__proto__' && value !== null && value !== undefined) merged[key] = merge(base[key], value);
  }
  return merged;
}

/** VS Code's `http` section as the server uses it: the proxy settings only. */
export function proxySettings(http: unknown): ServerSettings | undefined {
  if (!isRecord(http)) return undefined;
  return {
    http: {
      proxy: http.proxy as string | undefined,
      proxyStrictSSL: http.proxyStrictSSL as boolean | undefined,
      noProxy: http.noProxy as string[] | undefined,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/*
 * What the server's parts take from the settings, worked out in one place: the language service, the
 * catalog store, Bedrock connections and the network.
 */

const DEFAULT_CATALOG_TTL_MINUTES = 60;

export function serviceSettings(settings: ServerSettings, installedVersion: string | undefined): ServiceSettings {
  return {
    installedVersion,
    openclawVersion: settings.version || undefined,
    awsRegion: settings.aws?.region || undefined,
    env: process.env,
    maxDiagnosticsPerFile: maxDiagnosticsPerFile(settings),
  };
}

/** openclaw.diagnostics.maxPerFile when it is a count (at least 1), else the default. */
export function maxDiagnosticsPerFile(settings: ServerSettings): number {
  const max = settings.diagnostics?.maxPerFile;
  return typeof max === 'number' && Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_MAX_DIAGNOSTICS;
}

/** How to reach Bedrock in `region`: the settings first, then the AWS environment variables, then the endpoint's own variant. */
export function bedrockConnection(
  settings: ServerSettings,
  region: string,
  variant: { fips?: boolean; dualStack?: boolean } = {},
): BedrockConnection {
  return {
    region,
    endpoint: settings.bedrock?.endpoint || undefined,
    profile: settings.aws?.profile || process.env.AWS_PROFILE || undefined,
    fips: settings.aws?.useFipsEndpoint === true || process.env.AWS_USE_FIPS_ENDPOINT === 'true' || variant.fips === true,
    dualStack: process.env.AWS_USE_DUALSTACK_ENDPOINT === 'true' || variant.dualStack === true,
  };
}

export function networkSettings(settings: ServerSettings): NetworkSettings {
  return {
    proxy: settings.http?.proxy || undefined,
    proxyStrictSSL: settings.http?.proxyStrictSSL,
    noProxy: settings.http?.noProxy,
    http1: settings.bedrock?.http1 === true,
  };
}

/**
 * The catalog store's settings. `trusted`: an untrusted workspace makes no AWS request (the built-in list
 * serves); `connection`: how to reach Bedrock in a region, asked when the catalog is fetched.
 */
export function catalogSettings(
  settings: ServerSettings,
  { trusted, cacheDir, connection }: { trusted: boolean; cacheDir: string | undefined; connection: (region: string) => BedrockConnection },
): CatalogStoreSettings {
  const ttlMinutes = settings.catalog?.ttlMinutes;
  return {
    live: settings.catalog?.live !== false && trusted,
    ttlMs: (typeof ttlMinutes === 'number' && ttlMinutes >= 0 ? ttlMinutes : DEFAULT_CATALOG_TTL_MINUTES) * 60_000,
    cacheDir: settings.catalog?.cachePath || cacheDir,
    connection,
    network: networkSettings(settings),
  };
}
