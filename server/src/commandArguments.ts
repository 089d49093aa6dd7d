import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  ADD_MODEL_COMMAND,
  CATALOG_STATUS_COMMAND,
  COMPARE_MODELS_COMMAND,
  MAX_COMPARE_MODELS,
  MAX_COMPARE_RUNS,
  MODEL_CHOICES_COMMAND,
  NEW_CONFIGURATION_COMMAND,
  REFRESH_CATALOG_COMMAND,
  TEST_MODEL_COMMAND,
  TEST_TARGETS_COMMAND,
} from './protocol';
import { quoteForMessage } from './service/languageService';

/*
 * The arguments of the server's commands (workspace/executeCommand), checked before use: a client
 * that sends none, or the wrong ones, gets an InvalidParams error that says what the command takes
 * and what was wrong, not "Cannot read properties of undefined (reading 'uri')".
 */

interface CommandShape {
  /** What the command takes, as messages show it. */
  takes: string;
  /** The fields of its object argument: required unless optional. */
  fields: Record<string, { type: 'string' | 'boolean' | 'number' | 'string[]'; optional?: boolean; min?: number; max?: number }>;
  /** The argument may be left out. */
  optional?: boolean;
  /** A document uri alone (a string) stands for { uri }. */
  uriAlone?: boolean;
}

const URI_ONLY: CommandShape = { takes: '{ uri } or the uri alone', fields: { uri: { type: 'string' } }, uriAlone: true };
const OPTIONAL_URI: CommandShape = {
  takes: '{ uri }, the uri alone, or nothing',
  fields: { uri: { type: 'string', optional: true } },
  optional: true,
  uriAlone: true,
};

const SHAPES: Record<string, CommandShape> = {
  [REFRESH_CATALOG_COMMAND]: OPTIONAL_URI,
  [CATALOG_STATUS_COMMAND]: OPTIONAL_URI,
  [TEST_TARGETS_COMMAND]: URI_ONLY,
  [MODEL_CHOICES_COMMAND]: URI_ONLY,
  [ADD_MODEL_COMMAND]: {
    takes: '{ uri, id, apply? }',
    fields: { uri: { type: 'string' }, id: { type: 'string' }, apply: { type: 'boolean', optional: true } },
  },
  [NEW_CONFIGURATION_COMMAND]: { takes: 'nothing', fields: {}, optional: true },
  [TEST_MODEL_COMMAND]: {
    takes: '{ uri, reference, prompt?, runId? }',
    fields: {
      uri: { type: 'string' },
      reference: { type: 'string' },
      prompt: { type: 'string', optional: true },
      runId: { type: 'string', optional: true },
    },
  },
  [COMPARE_MODELS_COMMAND]: {
    takes: '{ uri, references, prompt?, runs?, compareId? }',
    fields: {
      uri: { type: 'string' },
      references: { type: 'string[]', min: 1, max: MAX_COMPARE_MODELS },
      prompt: { type: 'string', optional: true },
      runs: { type: 'number', optional: true, min: 1, max: MAX_COMPARE_RUNS },
      compareId: { type: 'string', optional: true },
    },
  },
};

/** The commands the server runs. */
export const SERVER_COMMANDS = Object.keys(SHAPES);

/** A command's first argument, checked against what the command takes; throws an InvalidParams ResponseError. */
export function commandArgument<T>(command: string, args: unknown[] | undefined): T {
  const shape = SHAPES[command];
  if (!shape) throw invalid(`Unknown command ${quoteForMessage(command)}: this server runs ${SERVER_COMMANDS.join(', ')}.`);
  const needs = `${command} takes ${shape.takes}`;
  const argument = args?.[0];
  if (argument === undefined || argument === null) {
    if (shape.optional) return {} as T;
    throw invalid(`${needs}: the argument is missing.`);
  }
  const object = typeof argument === 'string' && shape.uriAlone ? { uri: argument } : argument;
  if (typeof object !== 'object' || Array.isArray(object)) throw invalid(`${needs}: the argument is ${kindOf(object)}, not an object.`);
  const fields = object as Record<string, unknown>;
  for (const [name, field] of Object.entries(shape.fields)) {
    const value = fields[name];
    if (value === undefined || value === null) {
      if (field.optional) continue;
      throw invalid(`${needs}: ${name} is missing.`);
    }
    if (field.type === 'string[]') {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === ''))
        throw invalid(`${needs}: ${name} is not a list of strings.`);
      if (!within(value.length, field)) throw invalid(`${needs}: ${name} holds ${value.length}, not ${field.min} to ${field.max}.`);
      continue;
    }
    if (typeof value !== field.type) throw invalid(`${needs}: ${name} is ${kindOf(value)}, not a ${field.type}.`);
    if (field.type === 'number' && !(Number.isInteger(value) && within(value as number, field))) {
      throw invalid(`${needs}: ${name} is ${JSON.stringify(value)}, not a whole number from ${field.min} to ${field.max}.`);
    }
    if (field.type === 'string' && !field.optional && (value as string).trim() === '') throw invalid(`${needs}: ${name} is empty.`);
  }
  return fields as T;
}

/** A uri that names no open document: the server works on what the client opened (textDocument/didOpen). */
export function notOpen(command: string, uri: string): ResponseError<void> {
  return invalid(
    `${command}: ${quoteForMessage(uri)} is not open; the server knows the documents the client opened (textDocument/didOpen).`,
  );
}

function within(count: number, bounds: { min?: number; max?: number }): boolean {
  return count >= (bounds.min ?? -Infinity) && count <= (bounds.max ?? Infinity);
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
}
