import { BedrockConnection } from './connection';

/*
 * AWS errors in the user's words: what went wrong and what to do (which setting, which IAM action,
 * which command). Messages never include credentials: AWS error messages do not carry them, and
 * nothing else from the request is quoted.
 */

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function explainAwsError(error: unknown, connection: BedrockConnection, action: string): string {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  const message = (e.message ?? String(error)).trim();
  const profile = connection.profile ?? process.env.AWS_PROFILE;
  const profileWords = profile ? `profile "${profile}"` : 'the default credential chain';

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return (
      `No AWS credentials from ${profileWords}. Set "openclaw.aws.profile" to a profile of ~/.aws/config ` +
      `(for SSO run "aws sso login${profile ? ` --profile ${profile}` : ''}"), give the editor AWS_PROFILE or ` +
      `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK.`
    );
  }
  if (name === 'TokenProviderError' || /sso.*(expired|refresh)|token.*expired/i.test(message)) {
    return `The AWS SSO session for ${profileWords} has expired: run "aws sso login${profile ? ` --profile ${profile}` : ''}".`;
  }
  if (name === 'ExpiredTokenException' || name === 'UnrecognizedClientException' || name === 'InvalidSignatureException') {
    return `AWS rejected the credentials of ${profileWords} (${name}): refresh them, or pick another profile with "openclaw.aws.profile".`;
  }
  if (name === 'AccessDeniedException' || e.$metadata?.httpStatusCode === 403) {
    return `Access denied in ${connection.region}: the IAM identity of ${profileWords} needs ${action}. AWS said: ${message}`;
  }
  if (name === 'ThrottlingException' || e.$metadata?.httpStatusCode === 429) {
    return `Bedrock throttled the request in ${connection.region}; it will be tried again later. AWS said: ${message}`;
  }
  const network = networkCode(error);
  if (network) {
    const where = connection.endpoint ?? `bedrock.${connection.region}.amazonaws.com`;
    return `Cannot reach ${where} (${network}). Check the network or proxy, or set "openclaw.bedrock.endpoint" for a VPC endpoint.`;
  }
  return `${name || 'Error'}: ${message}`;
}

function networkCode(error: unknown): string | undefined {
  for (let current = error as (AwsLikeError & { cause?: unknown }) | undefined, depth = 0; current && depth < 4; depth++) {
    if (current.name === 'TimeoutError') return 'timed out';
    if (current.code && /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ECONNRESET)/.test(current.code)) return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}
