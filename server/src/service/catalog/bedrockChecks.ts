import { Analysis } from '../config/analysis';
import { CatalogIndex } from './catalog';
import { ConfiguredModel, isBedrockProvider } from '../config/configModel';
import { envReferences } from '../config/envVars';
import { quoteForMessage as q } from '../utils/quoteForMessage';

/*
 * What the Bedrock catalog of the file's region says about each configured Bedrock model id. These
 * are not errors: OpenClaw accepts the file; the calls fail (or lose images) at run time.
 */

export type BedrockFindingKind = 'needs-inference-profile' | 'not-in-region' | 'legacy-model' | 'accepts-images' | 'no-image-input';

export interface BedrockFinding {
  kind: BedrockFindingKind;
  model: ConfiguredModel;
  message: string;
  /** For needs-inference-profile: profile ids to use instead, best first. */
  profiles?: string[];
}

export function checkBedrockModels(analysis: Analysis, catalog: CatalogIndex): BedrockFinding[] {
  const findings: BedrockFinding[] = [];
  const { snapshot } = catalog;
  const where = `${snapshot.region} (${snapshot.origin === 'live' ? 'live catalog' : 'built-in list'})`;
  for (const model of analysis.config.models) {
    // An id from `${VAR}` is only known where OpenClaw runs (checkEnvVars says whether it is set).
    if (!isBedrockProvider(model.provider) || envReferences(model.id).length > 0) continue;
    const entry = catalog.get(model.id);
    if (!entry) {
      // Only the live catalog is complete enough to say a model is missing; ARNs are the account's own.
      if (snapshot.origin === 'live' && !model.id.startsWith('arn:')) {
        findings.push({
          kind: 'not-in-region',
          model,
          message: `${q(model.id)} is not offered in ${where}: requests fail with "The provided model identifier is invalid". Check the id and the region (the provider's baseUrl).`,
        });
      }
      continue;
    }
    if (entry.kind === 'foundation-model' && !entry.onDemand) {
      const profiles = catalog.suggestedProfileIds(model.id);
      const instead =
        profiles.length > 0 ? ` Use an inference profile id: ${profiles.join(', ')}.` : ' Create an inference profile for it.';
      findings.push({
        kind: 'needs-inference-profile',
        model,
        profiles,
        message: `${q(model.id)} cannot be invoked on demand in ${where}: Bedrock answers "on-demand throughput isn't supported".${instead}`,
      });
    }
    if (entry.lifecycle === 'LEGACY') {
      findings.push({
        kind: 'legacy-model',
        model,
        message: `${q(model.id)} is a LEGACY model in ${where}: AWS is retiring it; move to a newer model.`,
      });
    }
    const configuredImages = (model.input?.value ?? ['text']).includes('image');
    const acceptsImages = entry.inputModalities.includes('IMAGE');
    if (acceptsImages && !configuredImages) {
      findings.push({
        kind: 'accepts-images',
        model,
        message: `${q(model.id)} accepts images, but input says text only: add "image" to input to let OpenClaw send images to it.`,
      });
    } else if (!acceptsImages && configuredImages) {
      findings.push({
        kind: 'no-image-input',
        model,
        message: `${q(model.id)} takes text only, but input includes "image": requests with images will fail.`,
      });
    }
  }
  return findings;
}
