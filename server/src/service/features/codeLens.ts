import { Analysis } from '../config/analysis';
import { isBedrockProvider } from '../config/configModel';
import { Range } from '../types';

/** Where a "Test" lens goes: the first line of each configured Bedrock model's entry. */
export interface ModelLens {
  range: Range;
  ref: string;
}

export function computeModelLenses(analysis: Analysis): ModelLens[] {
  return analysis.config.models
    .filter((model) => isBedrockProvider(model.provider) && analysis.isHere(model.entry))
    .map((model) => ({ range: analysis.range(model.entry.offset, 0), ref: `${model.provider.id}/${model.id}` }));
}
