/// <reference lib="dom" />
import { FIGURES } from '../../../../server/src/service/features/modelComparison';
import type { ColumnState, ComparisonState, HostMessage, SortKey, ViewMessage } from '../comparisonState';

/*
 * The Compare Models webview: renders the state the extension posts (and keeps it as webview state,
 * for a reload), and posts back what the user does. Text from models is only ever set as text, never
 * as HTML. Sortable headers are buttons inside the <th> (keyboard: Tab, Enter, Space) with aria-sort;
 * progress is announced through a polite live region.
 */

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): ComparisonState | undefined;
  setState(state: ComparisonState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let state = vscode.getState();

const HEADERS: { key: SortKey | undefined; label: string }[] = [
  { key: 'label', label: 'Model' },
  ...FIGURES.map((figure) => ({ key: figure.key as SortKey, label: figure.label })),
  { key: undefined, label: 'Outcome' },
];

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { text?: string; className?: string; attributes?: Record<string, string> } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.text !== undefined) node.textContent = options.text;
  if (options.className) node.className = options.className;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function button(label: string, message: ViewMessage, options: { disabled?: boolean; title?: string } = {}): HTMLButtonElement {
  const node = element('button', { text: label, attributes: options.title ? { title: options.title } : {} });
  node.disabled = options.disabled ?? false;
  node.addEventListener('click', () => vscode.postMessage(message));
  return node;
}

function render(): void {
  const root = document.getElementById('root')!;
  const status = document.getElementById('status')!;
  if (!state) {
    root.replaceChildren(element('p', { text: 'Waiting for the comparison…' }));
    return;
  }
  const current = state;
  // The live region keeps its node: replacing it would not be announced.
  if (status.textContent !== current.status) status.textContent = current.status;
  const focused = document.activeElement?.getAttribute('data-focus-key');

  const toolbar = element(
    'div',
    { className: 'toolbar', attributes: { role: 'toolbar', 'aria-label': 'Comparison' } },
    button('Copy as Markdown', { type: 'copyMarkdown' }, { disabled: current.rows.every((row) => row.runs === 0) }),
    button('Save as…', { type: 'saveAs' }, { disabled: current.rows.every((row) => row.runs === 0) }),
    current.running
      ? button('Cancel', { type: 'cancel' })
      : button('Run again', { type: 'runAgain' }, { title: 'Send the prompt again; the table shows medians over the runs' }),
  );
  const prompt = element('p', { className: 'prompt' }, element('strong', { text: 'Prompt: ' }), document.createTextNode(current.prompt));
  const meta = element('p', {
    className: 'meta',
    text: [
      current.region && `Amazon Bedrock, ${current.region}`,
      current.rounds > 1 ? `figures are medians over ${current.rounds} runs` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
  });

  const headRow = element('tr');
  for (const header of HEADERS) {
    const sort = current.sort;
    const th = element('th', { attributes: { scope: 'col' } });
    if (header.key) {
      const active = sort?.key === header.key;
      th.setAttribute('aria-sort', active ? sort!.direction : 'none');
      const direction = active && sort!.direction === 'ascending' ? 'descending' : 'ascending';
      const sortButton = button(
        `${header.label}${active ? (sort!.direction === 'ascending' ? ' ▲' : ' ▼') : ''}`,
        { type: 'sort', key: header.key, direction },
        { title: `Sort by ${header.label.toLowerCase()}` },
      );
      sortButton.className = 'sort';
      sortButton.setAttribute('data-focus-key', `sort:${header.key}`);
      th.append(sortButton);
    } else {
      th.textContent = header.label;
    }
    headRow.append(th);
  }
  const body = element('tbody');
  for (const row of current.rows) {
    const column = current.columns.find((entry) => entry.ref === row.ref);
    const tr = element('tr');
    tr.append(element('th', { attributes: { scope: 'row' } }, element('span', { text: row.label }), element('code', { text: row.ref })));
    for (const figure of FIGURES) tr.append(element('td', { text: row.cells[figure.key], className: 'number' }));
    tr.append(element('td', { text: column?.state === 'running' ? 'running' : row.status }));
    body.append(tr);
  }
  const table = element(
    'table',
    { attributes: { 'aria-describedby': 'table-caption' } },
    element('caption', {
      text: 'Figures per model: medians over the complete runs. Cost at the file’s prices; (list) marks a list price.',
      attributes: { id: 'table-caption' },
    }),
    element('thead', {}, headRow),
    body,
  );

  const answers = element('div', { className: 'answers' });
  const order = current.rows.map((row) => current.columns.findIndex((column) => column.ref === row.ref));
  for (const index of order) {
    const column = current.columns[index];
    if (column) answers.append(answerCard(column, index, current.running));
  }

  root.replaceChildren(
    toolbar,
    prompt,
    meta,
    element('div', { className: 'table-wrap' }, table),
    element('h2', { text: 'Answers', className: 'section' }),
    answers,
  );
  if (focused) (document.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
  const rendered = [
    HEADERS.map((header) => header.label),
    ...[...body.rows].map((tr) => [...tr.cells].map((cell) => cell.textContent ?? '')),
  ];
  vscode.postMessage({ type: 'rendered', rounds: current.rounds, running: current.running, table: rendered });
}

function answerCard(column: ColumnState, index: number, running: boolean): HTMLElement {
  const id = `answer-${index}`;
  const card = element('section', { className: `answer ${column.state}`, attributes: { 'aria-labelledby': `${id}-title` } });
  card.append(
    element('h3', { text: column.label, attributes: { id: `${id}-title` } }),
    element('p', { className: 'state', text: column.state }),
  );
  if (column.reasoning) {
    card.append(element('details', {}, element('summary', { text: 'Reasoning' }), element('pre', { text: column.reasoning })));
  }
  card.append(
    element('pre', {
      className: 'text',
      text: column.text || (column.state === 'running' ? '…' : ''),
      attributes: { tabindex: '0', 'aria-label': `Answer of ${column.label}` },
    }),
  );
  if (column.problem) card.append(element('p', { className: 'problem', text: column.problem }));
  if (column.fix) {
    const fix = button(
      `Use ${column.fix.newId}`,
      { type: 'applyFix', column: index },
      { disabled: running, title: `Switch the model entry and every reference to ${column.fix.newId}` },
    );
    fix.setAttribute('data-focus-key', `fix:${index}`);
    card.append(fix);
  }
  if (column.note) card.append(element('p', { className: 'note', text: column.note }));
  return card;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  if (event.data?.type !== 'state') return;
  state = event.data.state;
  vscode.setState(state);
  render();
});

render();
vscode.postMessage({ type: 'ready' });
