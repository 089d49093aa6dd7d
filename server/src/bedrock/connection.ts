/** Everything that decides which Bedrock catalog an account sees, without the account itself. */
export interface BedrockConnection {
  region: string;
  /** Control-plane endpoint override (VPC endpoint, tests). */
  endpoint?: string;
  /** A profile of ~/.aws/config; undefined: AWS_PROFILE, else the SDK's default chain. */
  profile?: string;
}

/**
 * Timeouts for catalog requests: a slow network must not hold completion's data hostage. Without
 * throwOnRequestTimeout the SDK's handler only warns when requestTimeout passes.
 */
export const CATALOG_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true } as const;

export function describeConnection(connection: BedrockConnection): string {
  const parts = [connection.region, `profile ${connection.profile ?? process.env.AWS_PROFILE ?? 'default chain'}`];
  if (connection.endpoint) parts.push(`endpoint ${connection.endpoint}`);
  return parts.join(', ');
}
