import * as assert from 'assert';
import { discoverCatalogExplained } from '../../server/src/bedrock/discovery';
import { Operation } from '../fakeBedrock/fakeBedrock';
import { useFakeBedrock } from '../fakeBedrockFixture';

/*
 * Answers that are JSON but not of the API's shape (a proxy's, another service's, a changed API):
 * the real SDK passes them through, so discovery checks what it reads and says what was wrong,
 * where it used to fail with "Spread syntax requires ...iterable[Symbol.iterator] to be a function".
 */

describe('Bedrock catalog: answers of the wrong shape (real SDK against the fake Bedrock)', () => {
  const bedrock = useFakeBedrock({ enterSandbox: true });
  const connection = () => ({ region: 'us-east-1', endpoint: bedrock.fake.controlEndpoint, profile: 'fake' });
  const SUFFIX = ' Something other than Bedrock may have answered (a proxy, or the wrong "openclaw.bedrock.endpoint").';

  const cases: [operation: Operation, fields: Record<string, unknown>, problem: string][] = [
    ['ListInferenceProfiles', { inferenceProfileSummaries: {} }, 'inferenceProfileSummaries is an object, not a list.'],
    ['ListFoundationModels', { modelSummaries: 'x' }, 'modelSummaries is a string, not a list.'],
    ['ListFoundationModels', { modelSummaries: [{ modelId: 'a.b-v1:0' }, null] }, 'modelSummaries[1] is null, not an object.'],
    ['ListFoundationModels', { modelSummaries: [{ modelId: 5 }] }, 'modelSummaries[0].modelId is a number, not a string.'],
    [
      'ListFoundationModels',
      { modelSummaries: [{ modelId: 'a.b-v1:0', outputModalities: 'TEXT' }] },
      'modelSummaries[0].outputModalities is a string, not a list of strings.',
    ],
    [
      'ListFoundationModels',
      { modelSummaries: [{ modelId: 'a.b-v1:0', inputModalities: ['TEXT', 7] }] },
      'modelSummaries[0].inputModalities[1] is a number, not a string.',
    ],
    [
      'ListFoundationModels',
      { modelSummaries: [{ modelId: 'a.b-v1:0', modelLifecycle: 'LEGACY' }] },
      'modelSummaries[0].modelLifecycle is a string, not an object.',
    ],
    [
      'ListInferenceProfiles',
      { inferenceProfileSummaries: [{ inferenceProfileId: 'x', models: {} }] },
      'inferenceProfileSummaries[0].models is an object, not a list.',
    ],
    [
      'ListInferenceProfiles',
      { inferenceProfileSummaries: [{ inferenceProfileId: 'x', models: [{ modelArn: true }] }] },
      'inferenceProfileSummaries[0].models[0].modelArn is a boolean, not a string.',
    ],
    ['ListInferenceProfiles', { nextToken: { page: 2 } }, 'nextToken is an object, not a string.'],
  ];
  for (const [operation, fields, problem] of cases) {
    it(`${operation} with ${JSON.stringify(fields)}: says which field is wrong, and how`, async () => {
      bedrock.fake.fail(operation, { kind: 'wrongShape', fields });
      await assert.rejects(discoverCatalogExplained(connection(), {}), (error: Error) => {
        const answer = `Bedrock's ${operation} answer from ${bedrock.fake.controlEndpoint} is not what the API returns: `;
        assert.strictEqual(error.message, answer + problem + SUFFIX);
        return true;
      });
    });
  }

  it('takes absent and null fields as the API leaves them out', async () => {
    bedrock.fake.fail('ListFoundationModels', {
      kind: 'wrongShape',
      fields: { modelSummaries: [{ modelId: 'a.b-v1:0', modelName: null, outputModalities: ['TEXT'] }] },
    });
    bedrock.fake.fail('ListInferenceProfiles', { kind: 'wrongShape', fields: { inferenceProfileSummaries: null } });
    const entries = await discoverCatalogExplained(connection(), {});
    assert.deepStrictEqual(
      entries.map((entry) => [entry.id, entry.name]),
      [['a.b-v1:0', 'a.b-v1:0']],
    );
  });
});
