// The anti-CV laid out as a PDF with pdfkit: one or more anti-CVs (workflows/anti-cv.ts), each from a new
// page. A tagged PDF (headings, paragraphs, lists, language fr-FR, its title shown) so a screen reader
// reads it in order; DejaVu Sans embedded (subset), which covers French and the names of other
// alphabets the platform's candidates carry (« · », « œ », « ş », « ł »…).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { AntiCv } from '../../workflows/anti-cv.js';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
const INK = '#1b1b1b';
const ACCENT = '#000091';
const MUTED = '#4d4d4d';

/** The PDF of these anti-CVs (at least one), under `title` (the document's title, shown by readers). */
export function antiCvPdf(cvs: readonly AntiCv[], title: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    font: FONTS.regular,
    info: { Title: title, Author: 'Tremplin', Subject: 'Anti-CV : compétences et souhaits de la personne candidate', Creator: 'Tremplin' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  cvs.forEach((cv, index) => {
    if (index > 0) doc.addPage();
    const part = doc.struct('Sect');
    root.add(part);
    part.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(20).fillColor(INK).text(cv.title)));
    if (cv.headline) part.add(doc.struct('P', {}, () => doc.font('regular').fontSize(13).fillColor(ACCENT).text(cv.headline!)));
    part.add(doc.struct('P', {}, () => doc.font('regular').fontSize(9.5).fillColor(MUTED).text(`Anti-CV — ${cv.context}`)));
    for (const section of cv.sections) {
      doc.moveDown(0.8);
      part.add(doc.struct('H2', {}, () => doc.font('bold').fontSize(12.5).fillColor(ACCENT).text(section.heading)));
      doc.moveDown(0.2);
      // Labelled lines as paragraphs (« Contrat : CDI »), the others as a list.
      const items = section.lines.filter((l) => !l.label).map((l) => l.text);
      for (const labelled of section.lines.filter((l) => l.label)) {
        part.add(
          doc.struct('P', {}, () => {
            doc.font('bold').fontSize(10.5).fillColor(INK).text(`${labelled.label} : `, { continued: true });
            doc.font('regular').text(labelled.text);
          }),
        );
      }
      if (items.length) {
        const list = doc.struct('L');
        part.add(list);
        doc.font('regular').fontSize(10.5).fillColor(INK).list(items, { structParent: list, bulletRadius: 2, textIndent: 12, bulletIndent: 4 });
        list.end();
      }
    }
    part.end();
  });
  root.end();
  doc.end();
  return done;
}
