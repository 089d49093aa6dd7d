import { CatalogContext, CatalogEntry } from '../catalog/catalog';
import { FileStyle } from '../edits/fileStyle';
import { newModelEntryFields } from '../catalog/modelEntry';
import { releaseRules } from '../config/releaseRules';

/*
 * A minimal openclaw.json for Amazon Bedrock, for "OpenClaw: Open Configuration" when the file is
 * missing: the Bedrock provider of the region, one model with its facts (prices, context) and an
 * alias, and that model as the default. Written as OpenClaw writes its file (JSON.stringify with two
 * spaces), so OpenClaw's first save changes nothing.
 */

/** How OpenClaw writes its file: every value rendered in it is strict JSON. */
const OPENCLAW_STYLE: FileStyle = {
  eol: '\n',
  indentUnit: '  ',
  keyQuote: '"',
  stringQuote: '"',
  colonSpace: ' ',
  trailingCommas: false,
  inlinePadding: ' ',
};

/** The model a new configuration starts with, by preference: Claude Sonnet through the region's profile, else one on demand. */
const PREFERRED = ['anthropic.claude-sonnet-4-6', 'amazon.nova-pro-v1:0', 'amazon.nova-lite-v1:0'];

/** `version`: the OpenClaw the file is for (the marker below exists from 2026.8.1). */
export function newConfigurationText(region: string, version: string, context: CatalogContext): string {
  const entry = startingModel(context);
  const model: Record<string, unknown> = {};
  for (const [key, rendered] of newModelEntryFields(entry, context.facts(entry.id), OPENCLAW_STYLE)) model[key] = JSON.parse(rendered);
  const ref = `amazon-bedrock/${entry.id}`;
  const config = {
    models: {
      providers: {
        'amazon-bedrock': { baseUrl: `https://bedrock-runtime.${region}.amazonaws.com`, api: 'bedrock-converse-stream', models: [model] },
      },
    },
    agents: {
      defaults: {
        model: { primary: ref },
        models: { [ref]: { alias: entry.name } },
      },
    },
    // The alias map is for aliases only: from OpenClaw 2026.8.1 the /model allowlist is modelPolicy.allow,
    // and a map without this marker would still act as one. (Before, a non-empty map is the allowlist.)
    ...(releaseRules(version).modelPolicy ? { meta: { migrations: { modelPolicyAllowlist: true } } } : {}),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The first preferred model the region offers: through an inference profile of the region when it needs one. */
function startingModel(context: CatalogContext): CatalogEntry {
  const entries = context.catalog.snapshot.entries;
  for (const id of PREFERRED) {
    const foundation = entries.find((entry) => entry.id === id);
    if (!foundation) continue;
    if (foundation.onDemand) return foundation;
    const profile = context.catalog.suggestedProfileIds(id)[0];
    const profileEntry = profile && entries.find((entry) => entry.id === profile);
    if (profileEntry) return { ...profileEntry, name: foundation.name };
  }
  return entries.find((entry) => entry.onDemand && entry.outputModalities.includes('TEXT'))!;
}
