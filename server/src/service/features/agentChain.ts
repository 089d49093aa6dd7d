import { Analysis } from '../config/analysis';
import { CatalogContext } from '../catalog/catalog';
import { ConfiguredModel } from '../config/configModel';
import { modelPrices } from './inlayHints';
import { LogicalPath } from '../config/includes';
import { effectiveModel, formatCount, formatUsd } from '../config/modelFacts';
import { formatFigure, runFigures } from './modelComparison';
import { TestResultSource } from './modelTests';
import { resolve } from './navigation';
import { findNodeAtPath, isKeyNode, JsonNode, keyText, propertyValue, stringValue } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';

/*
 * An agent's model chain as OpenClaw tries it: the primary, then the fallbacks in order. An agent of
 * agents.list with a `model` of its own uses its own fallbacks only: a string, or an object without
 * `fallbacks`, means none (openclaw 2026.9.6, resolveSelectedModelFallbacksOverride); without `model`
 * it takes agents.defaults.model. The hover on a `model` key shows the chain with each model's prices,
 * context and last test or comparison; Compare Models pre-selects the default agent's chain.
 */

export interface ChainLink {
  role: 'primary' | 'fallback';
  /** The reference as written. */
  text: string;
  node: JsonNode;
  /** The configured model it selects, when it selects one. */
  model?: ConfiguredModel;
  /** Taken from agents.defaults.model: the agent sets no primary of its own. */
  inherited: boolean;
}

/** The chain of the agent at `agentPath` (['agents', 'defaults'] or ['agents', 'list', i]). */
export function agentChain(analysis: Analysis, agentPath: LogicalPath): ChainLink[] {
  const defaults = findNodeAtPath(analysis.root, ['agents', 'defaults', 'model']);
  const own = findNodeAtPath(analysis.root, [...agentPath, 'model']);
  const isDefaults = agentPath.length === 2 && agentPath[1] === 'defaults';
  const setting = own ?? (isDefaults ? undefined : defaults);
  const inheritedSetting = setting === defaults && !isDefaults;
  const links: ChainLink[] = [];
  const add = (node: JsonNode | undefined, role: ChainLink['role'], inherited: boolean) => {
    const text = stringValue(node);
    if (!node || text === undefined || text.trim() === '') return;
    const meaning = analysis.meaningOf(node);
    const resolution = meaning?.kind === 'reference' ? resolve(analysis, meaning.reference) : undefined;
    links.push({ role, text, node, model: resolution?.kind === 'model' ? resolution.model : undefined, inherited });
  };
  if (setting?.type === 'string') {
    add(setting, 'primary', inheritedSetting);
  } else if (setting?.type === 'object') {
    const primary = propertyValue(setting, 'primary');
    // An agent's object without a primary keeps the defaults' primary.
    add(primary ?? (isDefaults || inheritedSetting ? undefined : primaryOf(defaults)), 'primary', inheritedSetting || !primary);
    const fallbacks = propertyValue(setting, 'fallbacks');
    if (fallbacks?.type === 'array') for (const item of fallbacks.children ?? []) add(item, 'fallback', inheritedSetting);
  }
  return links;
}

function primaryOf(setting: JsonNode | undefined): JsonNode | undefined {
  return setting?.type === 'string' ? setting : setting?.type === 'object' ? propertyValue(setting, 'primary') : undefined;
}

/**
 * The default agent's chain, as provider/id refs of configured models (each once): the one agent of
 * agents.list marked `default: true`, else the only agent, else agents.defaults.
 */
export function defaultAgentChain(analysis: Analysis): string[] {
  const list = findNodeAtPath(analysis.root, ['agents', 'list']);
  const agents =
    list?.type === 'array'
      ? (list.children ?? []).map((agent, index) => ({ agent, index })).filter(({ agent }) => agent.type === 'object')
      : [];
  const marked = agents.filter(({ agent }) => propertyValue(agent, 'default')?.value === true);
  const chosen = marked.length === 1 ? marked[0] : agents.length === 1 ? agents[0] : undefined;
  const links = agentChain(analysis, chosen ? ['agents', 'list', chosen.index] : ['agents', 'defaults']);
  const refs = links.flatMap((link) => (link.model ? [`${link.model.provider.id}/${link.model.id}`] : []));
  return [...new Set(refs)];
}

export interface ChainHoverContext extends CatalogContext {
  testResults?: TestResultSource;
}

/** The chain card for a `model` key of agents.defaults or of an agent (or its `primary` / `fallbacks` key). */
export function agentChainCard(analysis: Analysis, node: JsonNode, context: ChainHoverContext): string | undefined {
  const property = node.parent;
  if (property?.type !== 'property' || !isKeyNode(node)) return undefined;
  let object = property.parent;
  let key = String(node.value);
  if ((key === 'primary' || key === 'fallbacks') && object?.parent?.type === 'property' && keyText(object.parent) === 'model') {
    object = object.parent.parent;
    key = 'model';
  }
  if (key !== 'model' || object?.type !== 'object') return undefined;
  const path = analysis.logicalPath(object);
  const isDefaults = path.length === 2 && path[0] === 'agents' && path[1] === 'defaults';
  const isListed = path.length === 3 && path[0] === 'agents' && path[1] === 'list' && typeof path[2] === 'number';
  if (!isDefaults && !isListed) return undefined;
  const links = agentChain(analysis, path);
  // A chain of models the file does not configure has nothing to show beyond the references themselves.
  if (!links.some((link) => link.model)) return undefined;
  const agentId = isListed ? stringValue(propertyValue(object, 'id')) : undefined;
  const whose = isDefaults ? 'agents.defaults' : `agent ${agentId ? cell(quoteForMessage(agentId)) : `#${path[2]}`}`;
  const rows = links.map((link, index) => chainRow(analysis, index + 1, link, context));
  const inherited = links.some((link) => link.inherited) ? '\n\n¹ from agents.defaults.model' : '';
  const lone = links.length === 1 && !isDefaults ? "\n\nNo fallbacks: an agent's own model replaces the defaults' fallbacks too." : '';
  return [
    `**Model chain** of ${whose}, in the order OpenClaw tries it`,
    ['| | Model | In / out per 1M | Context | Last test or comparison |', '|--:|:--|--:|--:|:--|', ...rows].join('\n') + inherited + lone,
  ].join('\n\n');
}

function chainRow(analysis: Analysis, position: number, link: ChainLink, context: ChainHoverContext): string {
  const mark = link.inherited ? '¹' : '';
  const { model } = link;
  if (!model) return `| ${position} | ${code(link.text)}${mark} | — | — | not a configured model |`;
  const ref = `${model.provider.id}/${model.id}`;
  const aliases = [...analysis.resolver.aliasesFor(model), model.name?.value].filter((name): name is string => Boolean(name));
  const name = aliases[0] ? `**${cell(quoteForMessage(aliases[0]))}** ${code(ref)}` : code(ref);
  const prices = modelPrices(model, context);
  const price = prices ? `${formatUsd(prices.input)} / ${formatUsd(prices.output)}${prices.list ? ' (list)' : ''}` : '—';
  const contextWindow = formatCount(effectiveModel(model).contextWindow.value);
  return `| ${position} | ${name}${mark} | ${price} | ${contextWindow} | ${lastResult(ref, context)} |`;
}

function lastResult(ref: string, context: ChainHoverContext): string {
  const last = context.testResults?.last(ref);
  if (!last) return 'none yet';
  const { measurements, prices } = last;
  const when = new Date(measurements.at).toTimeString().slice(0, 5);
  if (measurements.outcome !== 'complete') return `${measurements.outcome} (${when})`;
  const figures = runFigures(measurements, prices);
  const parts = [
    `first token ${formatFigure('timeToFirstTokenMs', figures.timeToFirstTokenMs)}`,
    `${formatFigure('totalMs', figures.totalMs)} total`,
    figures.tokensPerSecond === undefined ? undefined : `${formatFigure('tokensPerSecond', figures.tokensPerSecond)} tok/s`,
    figures.cost === undefined ? undefined : formatFigure('cost', figures.cost, prices?.source === 'file' ? 'file' : 'list'),
  ];
  return `${parts.filter(Boolean).join(', ')} (${when})`;
}

/** Text of the file in a table cell: no pipe or markup. */
function cell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function code(text: string): string {
  const shown = quoteForMessage(text).replace(/\|/g, '\\|');
  return shown.includes('`') ? `\`\`${shown}\`\`` : `\`${shown}\``;
}
