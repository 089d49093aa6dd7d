import { awsEndpointFunctions } from '@aws-sdk/core/client';

/*
 * Bedrock's endpoints as the AWS SDK builds them (its endpoint rules, with its own partition table):
 * https://<service>[-fips].<region>.<dnsSuffix>, the dual-stack suffix when asked for; China regions
 * end in amazonaws.com.cn (dual stack: api.amazonwebservices.com.cn). The SDK resolves the endpoint of
 * each request itself; these functions name it for messages and proxies.
 */

export type BedrockService = 'bedrock' | 'bedrock-runtime';

export interface EndpointVariant {
  fips?: boolean;
  dualStack?: boolean;
}

interface Partition {
  dnsSuffix: string;
  dualStackDnsSuffix: string;
}

function partitionOf(region: string): Partition {
  return awsEndpointFunctions.partition(region) as Partition;
}

/** The URL the SDK sends a region's requests to. */
export function bedrockEndpoint(service: BedrockService, region: string, variant: EndpointVariant = {}): string {
  const partition = partitionOf(region);
  return `https://${service}${variant.fips ? '-fips' : ''}.${region}.${variant.dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix}`;
}
