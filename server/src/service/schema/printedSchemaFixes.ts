import { JsonSchema } from './jsonSchema';
import { removeUnconfigurableChannels } from './pluginPhase';

/*
 * Where the JSON Schema `openclaw config schema` prints is stricter than OpenClaw's own validator
 * (zod, converted to JSON Schema by zod itself). Found by the oracle tier (`npm run test:oracle`) and
 * by OpenClaw's answers on scratch files; each fix below says what showed it.
 */

/** agents.entries keys: zod checks /^[a-z0-9_][a-z0-9_-]{0,63}$/i; the printed pattern lost the `i` ("Coder" is a valid key). */
const AGENT_ID_PRINTED = '^[a-z0-9_][a-z0-9_-]{0,63}$';
const AGENT_ID_VALIDATED = '^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,63}$';

/** Corrects the schema in place, and returns it. */
export function correctPrintedSchema(schema: JsonSchema): JsonSchema {
  const names = schema.properties?.agents?.properties?.entries?.propertyNames;
  if (names?.pattern === AGENT_ID_PRINTED) names.pattern = AGENT_ID_VALIDATED;
  optionalDefaults(schema);
  removeUnconfigurableChannels(schema);
  return schema;
}

/**
 * A key with a default is printed as required (zod prints the shape of what it outputs, where a
 * defaulted key is always there), but a file may leave it out: OpenClaw fills it in. Up to 2026.5.22
 * the root's `commands` was printed required; 2026.9.6 prints `channels.discord.dmPolicy` (default
 * "pairing") and 44 more so, and accepts `channels: { discord: { enabled: false } }` (checked).
 */
function optionalDefaults(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) optionalDefaults(item);
    return;
  }
  const schema = node as JsonSchema;
  if (Array.isArray(schema.required) && schema.properties) {
    const properties = schema.properties;
    schema.required = schema.required.filter((key) => !(properties[key] && typeof properties[key] === 'object' && 'default' in properties[key]));
  }
  for (const child of Object.values(schema)) optionalDefaults(child);
}
