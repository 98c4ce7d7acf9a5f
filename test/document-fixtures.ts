// Files of the document tests, their bytes built here: a real small PDF and PNG, and what must be refused.

/** A small but real PDF (one A4 page saying `note`, cross-reference table and all), its bytes built here. */
export function pdfBytes(note = 'CV'): Buffer {
  return pdfWithContent(`BT /F1 24 Tf 72 770 Td (${note.replace(/[()\\]/g, '')}) Tj ET`);
}

/** A PDF whose only page draws shapes and no text at all: what a scanned CV looks like to a text reader. */
export const pdfWithoutText = () => pdfWithContent('0.2 0.2 0.2 rg 72 600 450 160 re f 72 400 m 520 400 l S');

/** A file that starts as a PDF and is nothing after that (a truncated or damaged download). */
export const DAMAGED_PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R'), Buffer.alloc(300, 0x5a)]);

/** One A4 page whose content stream is `text`, with its fonts, cross-reference table and trailer. */
export function pdfWithContent(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** What a Windows executable starts with (MZ header). */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.'), Buffer.alloc(200)]);
export const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

