import { EventStreamCodec, MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** Binary frames of the `application/vnd.amazon.eventstream` format, as Bedrock's runtime sends them. */

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const text = (value: string) => ({ type: 'string' as const, value });

function frame(headers: MessageHeaders, payload?: unknown): Uint8Array {
  return codec.encode({ headers, body: fromUtf8(payload === undefined ? '' : JSON.stringify(payload)) });
}

export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return frame({ ':message-type': text('event'), ':event-type': text(eventType), ':content-type': text('application/json') }, payload);
}

export function exceptionFrame(exceptionType: string, payload: unknown): Uint8Array {
  return frame(
    { ':message-type': text('exception'), ':exception-type': text(exceptionType), ':content-type': text('application/json') },
    payload,
  );
}

export function errorFrame(code: string, message: string): Uint8Array {
  return frame({ ':message-type': text('error'), ':error-code': text(code), ':error-message': text(message) });
}
