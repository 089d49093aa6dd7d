import { benchDocuments } from './documents';
import { createLanguageService, createTextDocument } from '../server/src/service/languageService';
const service = createLanguageService();
for (const doc of benchDocuments().filter((d) => d.text.length > 500_000)) {
  const d = createTextDocument(doc.uri, doc.text, 1);
  service.getDiagnostics(d);
  const time = (name: string, f: () => unknown) => {
    const t: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      f();
      t.push(performance.now() - s);
    }
    t.sort((a, b) => a - b);
    console.log(doc.name, name, 'median', t[15].toFixed(2), 'p95', t[28].toFixed(2));
  };
  time('symbols', () => service.getDocumentSymbols(d));
  time('format4', () => service.getFormatting(d, { tabSize: 4, insertSpaces: true }));
  const screen = { start: d.positionAt(doc.referenceOffset), end: { line: d.positionAt(doc.referenceOffset).line + 60, character: 0 } };
  time('inlay', () => service.getInlayHints(d, screen));
}
