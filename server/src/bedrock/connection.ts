/** Everything that decides which Bedrock catalog an account sees, without the account itself. */
export interface BedrockConnection {
  region: string;
  /** Control-plane endpoint override (VPC endpoint, tests). */
  endpoint?: string;
  /** A profile of ~/.aws/config; undefined: AWS_PROFILE, else the SDK's default chain. */
  profile?: string;
  /** FIPS endpoints ("openclaw.aws.useFipsEndpoint", AWS_USE_FIPS_ENDPOINT, or a -fips baseUrl). */
  fips?: boolean;
  /** Dual-stack endpoints (AWS_USE_DUALSTACK_ENDPOINT, or a dual-stack baseUrl). */
  dualStack?: boolean;
}

/**
 * Timeouts for catalog requests: a slow network must not hold completion's data hostage. Without
 * throwOnRequestTimeout the SDK's handler only warns when requestTimeout passes.
 */
export interface CatalogTimeouts {
  connectionTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: boolean;
}

export const CATALOG_TIMEOUTS: CatalogTimeouts = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true };

export function describeConnection(connection: BedrockConnection): string {
  const parts = [connection.region, `profile ${connection.profile ?? process.env.AWS_PROFILE ?? 'default chain'}`];
  if (connection.endpoint) parts.push(`endpoint ${connection.endpoint}`);
  if (connection.fips) parts.push('FIPS');
  if (connection.dualStack) parts.push('dual-stack');
  return parts.join(', ');
}

/** The SDK client options for a connection's endpoint: an override, or the region's (FIPS, dual-stack) endpoint. */
export function endpointOptions(
  connection: BedrockConnection,
  override: string | undefined,
): { endpoint?: string; useFipsEndpoint?: boolean; useDualstackEndpoint?: boolean } {
  // The SDK refuses FIPS or dual-stack together with a custom endpoint: the override says it all.
  if (override) return { endpoint: override };
  return { useFipsEndpoint: connection.fips || undefined, useDualstackEndpoint: connection.dualStack || undefined };
}
