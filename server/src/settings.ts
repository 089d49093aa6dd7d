import type { ServerSettings } from './protocol';

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
  return { http: { proxy: http.proxy as string | undefined, proxyStrictSSL: http.proxyStrictSSL as boolean | undefined, noProxy: http.noProxy as string[] | undefined } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
