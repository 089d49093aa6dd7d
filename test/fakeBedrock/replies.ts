/** Whole (non-streamed) responses: JSON bodies and Bedrock's error responses. */

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonReply(status: number, value: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

export type ServiceErrorName =
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException'
  | 'ResourceNotFoundException'
  | 'ModelTimeoutException'
  | 'ModelErrorException'
  | 'ThrottlingException'
  | 'InternalServerException'
  | 'ServiceUnavailableException'
  | 'UnknownOperationException';

const SERVICE_ERRORS: Record<ServiceErrorName, { status: number; message: string }> = {
  ValidationException: { status: 400, message: 'The provided model identifier is invalid.' },
  AccessDeniedException: { status: 403, message: "You don't have access to the model with the specified model ID." },
  UnrecognizedClientException: { status: 403, message: 'The security token included in the request is invalid.' },
  ExpiredTokenException: { status: 403, message: 'The security token included in the request is expired' },
  ResourceNotFoundException: { status: 404, message: 'The requested resource could not be found.' },
  ModelTimeoutException: { status: 408, message: 'Model has timed out in processing the request. Try your request again.' },
  ModelErrorException: { status: 424, message: 'The system encountered an unexpected error during processing. Try your request again.' },
  ThrottlingException: { status: 429, message: 'Too many requests, please wait before trying again.' },
  InternalServerException: { status: 500, message: 'The server encountered an internal error. Try your request again.' },
  ServiceUnavailableException: { status: 503, message: 'The service is temporarily unable to handle the request. Try your request again.' },
  UnknownOperationException: { status: 404, message: 'Unknown operation' },
};

export function serviceErrorReply(name: ServiceErrorName, message?: string, status?: number): Reply {
  const known = SERVICE_ERRORS[name];
  return {
    status: status ?? known.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    },
    body: JSON.stringify({ message: message ?? known.message }),
  };
}

export function onDemandNotSupportedMessage(modelId: string): string {
  return (
    `Invocation of model ID ${modelId} with on-demand throughput isn't supported. ` +
    'Retry your request with the ID or ARN of an inference profile that contains this model.'
  );
}
