import { Analysis } from './analysis';
import { ConfiguredModel } from './configModel';
import { Effective, effectiveModel, EXAMPLE_REQUEST, formatCount, formatUsd, requestCost } from './modelFacts';
import { findNodeAtOffset } from './parser/ast';
import { Resolution } from './references';
import { Hover, Position } from './types';

/** Hover on a model `id`, on any model reference, and on an alias value. */
export function computeHover(analysis: Analysis, position: Position): Hover | undefined {
  const offset = analysis.document.offsetAt(position);
  const node = findNodeAtOffset(analysis.parse.root, offset);
  if (!node || node.type !== 'string') return undefined;
  const meaning = analysis.meaningOf(node);
  if (!meaning) return undefined;
  let contents: string;
  switch (meaning.kind) {
    case 'model-id':
      contents = modelCard(analysis, meaning.model);
      break;
    case 'alias':
      contents = resolutionCard(analysis, analysis.resolver.resolveQualified(meaning.entry.key));
      break;
    case 'reference': {
      const { reference } = meaning;
      const resolution = reference.isMapKey
        ? analysis.resolver.resolveQualified(reference.value)
        : analysis.resolver.resolve(reference.value, reference.agent);
      contents = resolutionCard(analysis, resolution);
      break;
    }
  }
  return { contents, range: analysis.nodeRange(node) };
}

/** The card of what a reference selects; the model card itself lists the model's aliases. */
function resolutionCard(analysis: Analysis, resolution: Resolution): string {
  switch (resolution.kind) {
    case 'model':
      return modelCard(analysis, resolution.model);
    case 'wildcard': {
      const count = resolution.providerConfig?.models.length ?? 0;
      return `**Every model of ${code(resolution.provider)}**` + (resolution.providerConfig ? ` (${count} configured in this file)` : '');
    }
    case 'unknown': {
      const ref = code(`${resolution.provider}/${resolution.modelId}`);
      const aliasLine = resolution.alias?.alias ? `Alias **${escape(resolution.alias.alias.value)}** →\n\n` : '';
      if (resolution.certain) {
        return `${aliasLine}**Unknown model** ${ref}\n\n${escape(resolution.why)}: OpenClaw fails with "Unknown model".`;
      }
      return `${aliasLine}${ref} is not defined in this file: ${escape(resolution.why)}.`;
    }
    case 'unresolved':
      return `${code(resolution.word)} is not an alias or a model id defined in this file.`;
  }
}

function modelCard(analysis: Analysis, model: ConfiguredModel): string {
  const facts = effectiveModel(model);
  const ref = `${model.provider.id}/${model.id}`;
  const title = model.name ? `**${escape(model.name.value)}** · ${code(ref)}` : code(ref);
  const aliases = analysis.resolver.aliasesFor(model);
  const aliasLine = aliases.length > 0 ? `Alias: ${aliases.map((alias) => `**${escape(alias)}**`).join(', ')}` : 'No alias';

  const columns: [string, string][] = [
    ['Input', price(facts.cost.input)],
    ['Output', price(facts.cost.output)],
  ];
  if (facts.cost.cacheRead !== undefined) columns.push(['Cache read', formatUsd(facts.cost.cacheRead)]);
  if (facts.cost.cacheWrite !== undefined) columns.push(['Cache write', formatUsd(facts.cost.cacheWrite)]);
  const table = [
    `| per 1M tokens | ${columns.map(([label]) => label).join(' | ')} |`,
    `|:--|${columns.map(() => '--:').join('|')}|`,
    `| USD | ${columns.map(([, value]) => value).join(' | ')} |`,
  ].join('\n');

  const example = requestCost({ input: facts.cost.input.value, output: facts.cost.output.value }, EXAMPLE_REQUEST.inputTokens, EXAMPLE_REQUEST.outputTokens);
  const exampleLine = `${EXAMPLE_REQUEST.inputTokens / 1000}k in + ${EXAMPLE_REQUEST.outputTokens / 1000}k out: **${formatUsd(example)}**`;

  const limits = [
    `Context **${formatCount(facts.contextWindow.value)}**${defaultMark(facts.contextWindow)}`,
    `max output **${formatCount(facts.maxTokens.value)}**${defaultMark(facts.maxTokens)}`,
    `reasoning **${facts.reasoning.value ? 'yes' : 'no'}**${defaultMark(facts.reasoning)}`,
    `input **${facts.input.value.map(escape).join(', ')}**${defaultMark(facts.input)}`,
  ].join(' · ');

  return [`${title}  \n${aliasLine} · provider ${code(model.provider.id)}`, table, exampleLine, limits].join('\n\n');
}

function price(value: Effective<number>): string {
  return formatUsd(value.value) + defaultMark(value);
}

function defaultMark(value: Effective<unknown>): string {
  return value.isDefault ? ' *(default)*' : '';
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}
