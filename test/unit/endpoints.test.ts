import * as assert from 'assert';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { awsEndpointFunctions } from '@aws-sdk/core/client';
import { bedrockEndpoint } from '../../server/src/bedrock/endpoints';
import { AWS_DNS_SUFFIXES, endpointVariantOf, isAwsHost, regionOfEndpoint } from '../../server/src/service/config/region';

/*
 * Bedrock endpoints for commercial, China and GovCloud regions, with FIPS and dual stack, checked
 * against the AWS SDK's own endpoint rules; and the hosts AWS credentials may be sent to.
 */

const REGIONS = ['us-east-1', 'eu-central-1', 'ap-southeast-2', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1'];
const VARIANTS = [{}, { fips: true }, { dualStack: true }, { fips: true, dualStack: true }];

describe('Bedrock endpoints', () => {
  it("are the SDK's for every region and variant, control plane and runtime", () => {
    for (const region of REGIONS) {
      const clients = { bedrock: new BedrockClient({ region }), 'bedrock-runtime': new BedrockRuntimeClient({ region }) } as const;
      for (const variant of VARIANTS) {
        for (const [service, client] of Object.entries(clients) as [
          'bedrock' | 'bedrock-runtime',
          BedrockClient | BedrockRuntimeClient,
        ][]) {
          const sdk = client.config
            .endpointProvider({ Region: region, UseFIPS: variant.fips === true, UseDualStack: variant.dualStack === true })
            .url.href.replace(/\/$/, '');
          assert.strictEqual(bedrockEndpoint(service, region, variant), sdk, `${service} ${region} ${JSON.stringify(variant)}`);
        }
      }
      clients.bedrock.destroy();
      clients['bedrock-runtime'].destroy();
    }
  });

  it('China regions end in amazonaws.com.cn (dual stack: api.amazonwebservices.com.cn)', () => {
    assert.strictEqual(bedrockEndpoint('bedrock-runtime', 'cn-north-1'), 'https://bedrock-runtime.cn-north-1.amazonaws.com.cn');
    assert.strictEqual(
      bedrockEndpoint('bedrock-runtime', 'cn-northwest-1', { dualStack: true }),
      'https://bedrock-runtime.cn-northwest-1.api.amazonwebservices.com.cn',
    );
  });

  it('reads region, FIPS and dual stack from a provider baseUrl', () => {
    const table: [string, string | undefined, { fips: boolean; dualStack: boolean } | undefined][] = [
      ['https://bedrock-runtime.us-west-2.amazonaws.com', 'us-west-2', { fips: false, dualStack: false }],
      ['https://bedrock-runtime-fips.us-east-1.amazonaws.com', 'us-east-1', { fips: true, dualStack: false }],
      ['https://bedrock-runtime.eu-west-1.api.aws', 'eu-west-1', { fips: false, dualStack: true }],
      ['https://bedrock-runtime-fips.us-gov-west-1.api.aws/', 'us-gov-west-1', { fips: true, dualStack: true }],
      ['https://bedrock-runtime.cn-north-1.amazonaws.com.cn', 'cn-north-1', { fips: false, dualStack: false }],
      ['https://vpce-0abc-xyz.bedrock-runtime.us-east-1.vpce.amazonaws.com', 'us-east-1', { fips: false, dualStack: false }],
      ['https://example.com/v1', undefined, undefined],
      ['not a url', undefined, undefined],
    ];
    for (const [url, region, variant] of table) {
      assert.strictEqual(regionOfEndpoint(url), region, url);
      assert.deepStrictEqual(endpointVariantOf(url), variant, url);
    }
  });

  it('AWS credentials may go to AWS hosts only: commercial, China, GovCloud, FIPS, dual stack, VPC endpoints', () => {
    // The SDK's partition table: commercial, China and GovCloud, each with its dual-stack suffix.
    const partitionSuffixes = ['us-east-1', 'cn-north-1', 'us-gov-west-1'].flatMap((region) => {
      const { dnsSuffix, dualStackDnsSuffix } = awsEndpointFunctions.partition(region) as { dnsSuffix: string; dualStackDnsSuffix: string };
      return [dnsSuffix, dualStackDnsSuffix];
    });
    assert.deepStrictEqual([...AWS_DNS_SUFFIXES].sort(), [...new Set(partitionSuffixes)].sort(), "the SDK's partition table");
    const aws = [
      'bedrock-runtime.us-east-1.amazonaws.com',
      'bedrock-runtime-fips.us-east-1.amazonaws.com',
      'bedrock-runtime.us-east-1.api.aws',
      'bedrock.cn-north-1.amazonaws.com.cn',
      'bedrock-runtime.cn-north-1.api.amazonwebservices.com.cn',
      'vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com',
      'BEDROCK.US-EAST-1.AMAZONAWS.COM.',
    ];
    const elsewhere = [
      'amazonaws.com.evil.example',
      'evilamazonaws.com',
      'amazonaws.com',
      'bedrock.example.com',
      'api.aws.example',
      '127.0.0.1',
      'localhost',
    ];
    for (const host of aws) assert.strictEqual(isAwsHost(host), true, host);
    for (const host of elsewhere) assert.strictEqual(isAwsHost(host), false, host);
  });
});
