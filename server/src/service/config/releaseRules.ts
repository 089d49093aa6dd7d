import { compareVersions } from './openclawVersions';

/*
 * What differs between OpenClaw releases, as far as the features care: one row per release that
 * changed something, each rule asked by name (`releaseRules(version).modelPolicy`) instead of a version
 * compared where it is used. Measured on 2026.3.31 … 2026.9.6 (see openclaw-config-facts.md, and the
 * comments of legacy.ts, modelPolicy.ts and schema/loadTimeMigrations.ts). Which keys each release
 * accepts is not here: that is the schemas' business (the bundled ones, or schema/ownedSchema.ts).
 */

export interface ReleaseRules {
  /**
   * Where Bedrock discovery's settings live: models.bedrockDiscovery ('models') until the release that
   * moved them to plugins.entries.amazon-bedrock.config.discovery ('plugin').
   */
  discovery: 'models' | 'plugin';
  /** What `openclaw doctor --fix` does with a models.bedrockDiscovery left behind: moves it, or deletes it. */
  doctorOnLegacyDiscovery: 'moves' | 'deletes';
  /**
   * Whether agents.defaults.modelPolicy exists, and with it the allowlist's migration: the /model allowlist
   * is modelPolicy.allow, and the alias map (agents.defaults.models) is one only until it is migrated
   * (meta.migrations.modelPolicyAllowlist). Before, a non-empty alias map always is the allowlist.
   */
  modelPolicy: boolean;
  /** Whether OpenClaw rewrites legacy keys in memory before it validates (legacy.context-budget, legacy.roster). */
  loadTimeMigrations: boolean;
}

type Rule = keyof ReleaseRules;

/** The rules of the oldest releases we know (2026.3.x). */
const FIRST_RULES: ReleaseRules = {
  discovery: 'models',
  doctorOnLegacyDiscovery: 'moves',
  modelPolicy: false,
  loadTimeMigrations: false,
};

/** The releases that changed a rule, oldest first, and what each changed. */
const CHANGES: readonly { release: string; changes: Partial<ReleaseRules> }[] = [
  { release: '2026.4.5', changes: { discovery: 'plugin' } },
  // The Bedrock plugin became external: doctor no longer knows where to move the key.
  { release: '2026.5.12', changes: { doctorOnLegacyDiscovery: 'deletes' } },
  { release: '2026.8.1', changes: { modelPolicy: true, loadTimeMigrations: true } },
];

/** Per version string: features ask for each model, and a version is parsed each time it is compared. */
const rulesByVersion = new Map<string, Readonly<ReleaseRules>>();

/** The rules of the release `version` (any calendar version: the rows up to it apply). */
export function releaseRules(version: string): Readonly<ReleaseRules> {
  let rules = rulesByVersion.get(version);
  if (!rules) {
    const applied = { ...FIRST_RULES };
    for (const { release, changes } of CHANGES) if (compareVersions(version, release) >= 0) Object.assign(applied, changes);
    rules = Object.freeze(applied);
    // Versions come from settings and files: a handful in a session; bounded all the same.
    if (rulesByVersion.size >= 64) rulesByVersion.clear();
    rulesByVersion.set(version, rules);
  }
  return rules;
}

/** The release that gave `rule` its newest value, for messages ("since OpenClaw 2026.8.1 …"). */
export function releaseThatChanged(rule: Rule): string {
  const row = CHANGES.findLast(({ changes }) => rule in changes);
  if (!row) throw new Error(`No release changed ${rule}`);
  return row.release;
}
