import { BEDROCK_PROVIDER, ConfigModel } from './configModel';
import { findNodeAtPath, stringValue } from '../parser/ast';

/*
 * Which AWS region the Bedrock catalog is for: the `openclaw.aws.region` setting, else the region in
 * the amazon-bedrock provider's baseUrl host, else discovery's region in the file, else
 * AWS_REGION / AWS_DEFAULT_REGION, else us-east-1 (OpenClaw's own order after the setting).
 */

export const DEFAULT_REGION = 'us-east-1';

const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

export type RegionSource = 'setting' | 'baseUrl' | 'discovery' | 'environment' | 'default';

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
}

export function resolveRegion(
  config: ConfigModel,
  settingRegion: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedRegion {
  if (settingRegion && REGION.test(settingRegion.trim())) return { region: settingRegion.trim(), source: 'setting' };
  const provider = config.providers.find((p) => p.id.toLowerCase() === BEDROCK_PROVIDER);
  const fromBaseUrl = provider?.baseUrl && regionOfEndpoint(provider.baseUrl.value);
  if (fromBaseUrl) return { region: fromBaseUrl, source: 'baseUrl' };
  for (const setting of config.bedrockDiscovery) {
    const region = stringValue(findNodeAtPath(setting.node, ['region']))?.trim();
    if (region && REGION.test(region)) return { region, source: 'discovery' };
  }
  const fromEnv = [env.AWS_REGION, env.AWS_DEFAULT_REGION].map((value) => value?.trim()).find((value) => value && REGION.test(value));
  if (fromEnv) return { region: fromEnv, source: 'environment' };
  return { region: DEFAULT_REGION, source: 'default' };
}

/** The region in a Bedrock endpoint URL: bedrock-runtime.us-west-2.amazonaws.com, -fips, .com.cn, VPC endpoints. */
export function regionOfEndpoint(url: string): string | undefined {
  const host = hostOf(url);
  if (host === undefined) return undefined;
  const match = /(?:^|\.)bedrock(?:-runtime)?(?:-fips)?\.([a-z0-9-]+)\./.exec(host);
  return match && REGION.test(match[1]!) ? match[1] : undefined;
}

/** FIPS and dual-stack, as a Bedrock endpoint URL spells them (bedrock-runtime-fips..., ...api.aws). */
export function endpointVariantOf(url: string): { fips: boolean; dualStack: boolean } | undefined {
  const host = hostOf(url)?.toLowerCase();
  if (host === undefined) return undefined;
  if (!/(?:^|\.)bedrock(?:-runtime)?(?:-fips)?\./.test(host)) return undefined;
  return {
    fips: /(?:^|\.)bedrock(?:-runtime)?-fips\./.test(host),
    dualStack: host.endsWith('.api.aws') || host.endsWith('.api.amazonwebservices.com.cn'),
  };
}

/**
 * The DNS suffixes of AWS's public partitions (commercial, China, GovCloud; with dual stack), as the
 * AWS SDK's partition table has them (a test compares): requests signed with AWS credentials go there.
 */
export const AWS_DNS_SUFFIXES = ['amazonaws.com', 'api.aws', 'amazonaws.com.cn', 'api.amazonwebservices.com.cn'];

/** Whether a host belongs to AWS (FIPS, dual-stack and VPC endpoints included). */
export function isAwsHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return AWS_DNS_SUFFIXES.some((suffix) => host.endsWith(`.${suffix}`));
}

/** The host of a URL as written in the file; undefined when it is no URL. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url.trim()).hostname;
  } catch {
    return undefined;
  }
}
