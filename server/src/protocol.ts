import type { RunFigures } from './service/features/modelComparison';

/*
 * What the extension client and the language server say to each other beyond standard LSP. Other
 * editors need none of it: they get window/showMessage and workspace/executeCommand instead.
 */

/** The `openclaw` settings section, as workspace/configuration returns it. */
export interface ServerSettings {
  version?: string;
  aws?: { region?: string; profile?: string; useFipsEndpoint?: boolean };
  bedrock?: { endpoint?: string; runtimeEndpoint?: string; timeoutSeconds?: number; http1?: boolean };
  catalog?: { live?: boolean; ttlMinutes?: number; cachePath?: string };
  test?: { prompt?: string };
  /** Compare Models: how many test prompts run at once (default 4). */
  compare?: { concurrency?: number };
  cli?: { path?: string; validateOnSave?: boolean };
  diagnostics?: { maxPerFile?: number };
  /** Prices and context windows after model references (default on). */
  inlayHints?: { enabled?: boolean };
  /** VS Code's own `http` section (proxy settings), which the server asks for besides `openclaw`. */
  http?: { proxy?: string; proxyStrictSSL?: boolean; noProxy?: string[] };
}

export interface ServerInitializationOptions {
  settings?: ServerSettings;
  /** Where the catalog cache goes when the settings name no path (VS Code: the global storage). */
  cacheDir?: string;
  /** The client takes CATALOG_PROBLEM_NOTIFICATION (and shows it with buttons) and CATALOG_CHANGED_NOTIFICATION. */
  catalogNotifications?: boolean;
  /** The client has CLIENT_TEST_COMMAND: lenses and hovers link to it. */
  handlesTestCommand?: boolean;
  /**
   * The workspace is trusted (default true: a standalone server runs where its user started it).
   * Untrusted: no AWS request, no `openclaw` process. TRUST_GRANTED_NOTIFICATION lifts it.
   */
  trusted?: boolean;
}

/**
 * Node flags of the server process. A configuration's analysis needs tens of megabytes, but V8 sizes
 * its old generation from the machine's memory (a quarter of it) and lets garbage pile up towards
 * that before collecting: on a 1 MB file the server stayed near 200 MB. A limit collects sooner:
 * about 135 MB there, no slower (bench/results.md), and ample for OpenClaw's 2 MB include limit.
 */
export const SERVER_EXEC_ARGV = ['--max-old-space-size=384'];

/** The server's argument naming where it may keep the V8 code cache of its bundle (serverEntry.ts): `--code-cache-dir=DIR`. */
export const CODE_CACHE_DIR_ARG = '--code-cache-dir=';

/** Client → server: the user trusted the workspace. */
export const TRUST_GRANTED_NOTIFICATION = 'openclaw/trustGranted';

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

/**
 * Server → client: the files open configurations `$include` (uris). The client opens them as
 * OpenClaw documents, so they get the configuration's hovers, completion and diagnostics.
 */
export const CONFIGURATION_FILES_NOTIFICATION = 'openclaw/configurationFiles';

export interface ConfigurationFilesParams {
  uris: string[];
}

/** Server → client: a catalog was fetched or failed; ask CATALOG_STATUS_COMMAND again. */
export const CATALOG_CHANGED_NOTIFICATION = 'openclaw/catalogChanged';

/** workspace/executeCommand: which catalog a document gets. Argument: { uri? }. */
export const CATALOG_STATUS_COMMAND = 'openclaw.server.catalogStatus';

export interface CatalogStatus {
  region: string;
  /** The AWS profile in use; undefined: the SDK's default chain. */
  profile?: string;
  origin: 'live' | 'built-in';
  count: number;
  fetchedAt?: number;
  problem?: string;
  /** Set in an untrusted workspace: what is off, and why. */
  restricted?: string;
  /** Which schema checks the document's configuration: "the bundled schema of OpenClaw 2026.9.6". */
  schema?: string;
}

/** workspace/executeCommand: the configured Bedrock models a test can go to. Argument: { uri }. */
export const TEST_TARGETS_COMMAND = 'openclaw.server.testTargets';

export interface TestTargetItem {
  ref: string;
  name?: string;
  aliases: string[];
  /** Price and context, for a quick pick. */
  description: string;
  /** What the file's checks already say will make a test fail (an id Bedrock will not invoke on demand, one not offered in the region). */
  problem?: string;
  /** For a model that needs an inference profile: the switch to one, to offer before the test runs. */
  fix?: ModelIdFix;
  /** Its place in the default agent's chain (0: the primary), when it is in it: Compare Models pre-selects those. */
  chainPosition?: number;
}

/** workspace/executeCommand: catalog models a document's configuration can add. Argument: { uri }. */
export const MODEL_CHOICES_COMMAND = 'openclaw.server.modelChoices';

export interface ModelChoiceItem {
  /** The catalog id (a foundation model's, or an inference profile's) to pass to ADD_MODEL_COMMAND: the new entry's id. */
  id: string;
  /** The model's own name: a model offered through several profiles has it on each. */
  name: string;
  /** Maker, input, context, list price, how it is invoked and where requests may run, for a quick pick. */
  detail: string;
}

export interface ModelChoicesResult {
  region: string;
  origin: 'live' | 'built-in';
  choices: ModelChoiceItem[];
}

/**
 * workspace/executeCommand: add a catalog model to a configuration (its entry and alias). Argument:
 * AddModelParams. With `apply`, the server applies the edit itself (workspace/applyEdit).
 */
export const ADD_MODEL_COMMAND = 'openclaw.server.addModel';

export interface AddModelParams {
  uri: string;
  id: string;
  apply?: boolean;
}

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };

export interface AddModelResult {
  ref?: string;
  alias?: string;
  edit?: { changes: Record<string, { range: LspRange; newText: string }[]> };
  /** The new entry's id after the edit: where the cursor goes. */
  selection?: { uri: string; range: LspRange };
  /** Why the model was not added. */
  problem?: string;
}

/**
 * workspace/executeCommand: a minimal configuration for Bedrock (the settings' region, the version in
 * use), as OpenClaw writes its file, for a user who has none yet. No argument.
 */
export const NEW_CONFIGURATION_COMMAND = 'openclaw.server.newConfiguration';

export interface NewConfigurationResult {
  text: string;
  region: string;
  version: string;
}

/** workspace/executeCommand: send a test prompt. Argument: TestModelParams. Cancel the request to stop it. */
export const TEST_MODEL_COMMAND = 'openclaw.server.testModel';

export interface TestModelParams {
  uri: string;
  /** provider/id or an alias. */
  reference: string;
  prompt?: string;
  /** When set, the answer streams as TEST_OUTPUT_NOTIFICATIONs with this id. */
  runId?: string;
}

/**
 * Server → client, while a test runs: a piece of the answer (or of the model's reasoning). Pieces that
 * arrive close together come together: a run sends at most once per TEST_OUTPUT_INTERVAL_MS (one
 * notification, or two where the reasoning ends and the text begins).
 */
export const TEST_OUTPUT_NOTIFICATION = 'openclaw/testOutput';

export const TEST_OUTPUT_INTERVAL_MS = 50;

export interface TestOutputParams {
  runId: string;
  kind: 'text' | 'reasoning';
  delta: string;
}

export interface TestModelResult {
  ref: string;
  modelId: string;
  region: string;
  prompt: string;
  outcome: 'complete' | 'broken' | 'cancelled' | 'failed';
  text: string;
  reasoning: string;
  /** Time to first token, total time, tokens, tokens per second, cost, on one line. */
  report: string;
  /** The same figures, one fact each ("Cost", "$0.000052 (file prices)"), for a block with a line per fact. */
  facts: { label: string; value: string }[];
  /**
   * Set when the answer or the reasoning ran past what a test keeps (`limit` characters of each):
   * how many characters of each arrived past it and were dropped (neither streamed nor in `text`).
   */
  truncated?: { limit: number; text: number; reasoning: number };
  problem?: { kind: string; message: string };
  /** For a model that needs an inference profile: the id to use instead, and the edits that switch to it. */
  fix?: ModelIdFix;
}

/** Switching a configured model to another id (an inference profile's): in its entry and every reference. */
export interface ModelIdFix {
  uri: string;
  newId: string;
  alternatives: string[];
  edit: { changes: Record<string, { range: LspRange; newText: string }[]> };
}

/** The client command that runs a test with its own UI; code lenses and hover links use it when the client has it. */
export const CLIENT_TEST_COMMAND = 'openclaw.testModel';

/**
 * workspace/executeCommand: one prompt to several configured models at once, at most
 * `openclaw.compare.concurrency` (default 4) at a time, each `runs` times (default 1, at most
 * MAX_COMPARE_RUNS). Argument: CompareModelsParams. Progress streams as COMPARE_PROGRESS_NOTIFICATIONs
 * (and as $/progress when the request carries a workDoneToken); cancel the request to stop every stream.
 */
export const COMPARE_MODELS_COMMAND = 'openclaw.server.compareModels';

export const MAX_COMPARE_RUNS = 10;
export const MAX_COMPARE_MODELS = 20;

export interface CompareModelsParams {
  uri: string;
  /** provider/id refs or aliases, one column each. */
  references: string[];
  prompt?: string;
  runs?: number;
  /** The id progress notifications carry; the server makes one when none is given. */
  compareId?: string;
}

/** Server → client, while a comparison runs: a run starts, a piece of its answer arrives, a run ends. */
export const COMPARE_PROGRESS_NOTIFICATION = 'openclaw/compareProgress';

export type CompareProgressParams =
  | { compareId: string; kind: 'start'; column: number; ref: string; run: number }
  | { compareId: string; kind: 'text' | 'reasoning'; column: number; run: number; delta: string }
  /** The run's result without its text (the pieces carried it) and its figures. */
  | {
      compareId: string;
      kind: 'end';
      column: number;
      run: number;
      result: Omit<TestModelResult, 'text' | 'reasoning'>;
      figures: CompareRunFigures;
    };

/** What one run measured (numbers; undefined where the run did not get that far): the comparison's own figures. */
export type CompareRunFigures = RunFigures;

/** One model of a comparison: its last run's test result, every run's figures, and the prices they used. */
export interface ComparedModelResult extends TestModelResult {
  /** Its alias, else its name, else the ref. */
  label: string;
  runs: CompareRunFigures[];
  /** 'file': the model entry's prices; 'list': the catalog's list price; none: no cost. */
  priceSource?: 'file' | 'list';
}

export interface CompareModelsResult {
  compareId: string;
  prompt: string;
  region: string;
  concurrency: number;
  models: ComparedModelResult[];
  /** The table of medians, one row per model, as a user pastes it. */
  markdown: string;
}
