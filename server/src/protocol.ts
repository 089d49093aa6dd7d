/*
 * What the extension client and the language server say to each other beyond standard LSP. Other
 * editors need none of it: they get window/showMessage and workspace/executeCommand instead.
 */

/** The `openclaw` settings section, as workspace/configuration returns it. */
export interface ServerSettings {
  version?: string;
  aws?: { region?: string; profile?: string };
  bedrock?: { endpoint?: string; runtimeEndpoint?: string };
  catalog?: { live?: boolean; ttlMinutes?: number; cachePath?: string };
}

export interface ServerInitializationOptions {
  settings?: ServerSettings;
  /** Where the catalog cache goes when the settings name no path (VS Code: the global storage). */
  cacheDir?: string;
  /** The client shows catalog problems itself (with buttons) from CATALOG_PROBLEM_NOTIFICATION. */
  showsCatalogProblems?: boolean;
}

/** Server → client: the live Bedrock catalog is unavailable; params CatalogProblemParams. Sent once per problem. */
export const CATALOG_PROBLEM_NOTIFICATION = 'openclaw/catalogProblem';

export interface CatalogProblemParams {
  region: string;
  message: string;
}

/** workspace/executeCommand: fetch the Bedrock catalog now. Argument: a document URI (optional). */
export const REFRESH_CATALOG_COMMAND = 'openclaw.server.refreshCatalog';

export interface RefreshCatalogResult {
  region: string;
  origin: 'live' | 'built-in';
  count: number;
  problem?: string;
}
