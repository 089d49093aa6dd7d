import { JsonSchema } from './jsonSchema';
import { removeUnconfigurableChannels } from './pluginPhase';

/*
 * Where the JSON Schema `openclaw config schema` prints is stricter than OpenClaw's own validator
 * (zod, converted to JSON Schema by zod itself). Found by the oracle tier (`npm run test:oracle`) and
 * by OpenClaw's answers on scratch files; each fix below says what showed it. Keys with a default,
 * printed as required, are left optional where keys are checked (hasDefault, schemaInterpreter.ts).
 */

/** agents.entries keys: zod checks /^[a-z0-9_][a-z0-9_-]{0,63}$/i; the printed pattern lost the `i` ("Coder" is a valid key). */
const AGENT_ID_PRINTED = '^[a-z0-9_][a-z0-9_-]{0,63}$';
const AGENT_ID_VALIDATED = '^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,63}$';

/** Corrects the schema in place, and returns it. */
export function correctPrintedSchema(schema: JsonSchema): JsonSchema {
  const names = schema.properties?.agents?.properties?.entries?.propertyNames;
  if (names?.pattern === AGENT_ID_PRINTED) names.pattern = AGENT_ID_VALIDATED;
  removeUnconfigurableChannels(schema);
  return schema;
}
