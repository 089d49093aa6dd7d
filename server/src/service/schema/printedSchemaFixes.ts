import { JsonSchema } from './jsonSchema';

/*
 * Where the JSON Schema `openclaw config schema` prints is stricter than OpenClaw's own validator
 * (zod, converted to JSON Schema by zod itself, which drops regex flags). Found by the oracle tier
 * (`npm run test:oracle`); each fix below names the case that showed it.
 */

/** agents.entries keys: zod checks /^[a-z0-9_][a-z0-9_-]{0,63}$/i; the printed pattern lost the `i` ("Coder" is a valid key). */
const AGENT_ID_PRINTED = '^[a-z0-9_][a-z0-9_-]{0,63}$';
const AGENT_ID_VALIDATED = '^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,63}$';

export function correctPrintedSchema(schema: JsonSchema): JsonSchema {
  const names = schema.properties?.agents?.properties?.entries?.propertyNames;
  if (names?.pattern === AGENT_ID_PRINTED) names.pattern = AGENT_ID_VALIDATED;
  return schema;
}
