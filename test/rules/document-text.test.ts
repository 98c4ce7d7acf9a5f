// The reading of a document's text without the platform: each library on a real file of its format,
// what counts as unreadable, the normalisation and the cap (activities/document-text.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCX, MAX_DOCUMENT_TEXT, ODT, PDF, documentText, normaliseText } from '../../activities/document-text.js';
import { DAMAGED_PDF, PNG, pdfBytes, pdfWithContent, pdfWithoutText } from '../document-fixtures.js';
import { docxBytes, odtBytes } from '../office-fixtures.js';

describe('documentText: one library per format', () => {
  it('reads a PDF (unpdf), a DOCX (mammoth) and an ODT (officeparser), whitespace normalised', async () => {
    expect(await documentText(pdfBytes('Soudeur   TIG chaudronnerie'), PDF)).toBe('Soudeur TIG chaudronnerie');
    expect(await documentText(await docxBytes(['Vendeuse  en boulangerie', '', '  Caissière — accueil ']), DOCX)).toBe('Vendeuse en boulangerie\nCaissière — accueil');
    expect(await documentText(await odtBytes(['Cariste', 'CACES 3 — entrepôt']), ODT)).toBe('Cariste\nCACES 3 — entrepôt');
  });

  it('is unreadable for a PDF without text, a damaged PDF, a DOCX or ODT that is no ZIP, an image, or too slow to read (the thread stopped)', async () => {
    const unreadable = (bytes: Buffer, mime: string) => documentText(bytes, mime).then(() => 'read', (e: { reason?: string }) => e.reason);
    expect(await unreadable(pdfWithoutText(), PDF)).toBe('no text');
    expect(await unreadable(DAMAGED_PDF, PDF)).toMatch(/^library error/);
    expect(await unreadable(Buffer.from('PK\x03\x04 not a zip'), DOCX)).toMatch(/^library error/);
    expect(await unreadable(Buffer.from('PK\x03\x04 not a zip'), ODT)).toMatch(/^library error/);
    expect(await unreadable(PNG, 'image/png')).toBe('type without text');
    // The thread is stopped at the time limit: a PDF of 60,000 lines of text takes 1.5 s or more to read
    // (2.5 MB), well past the 100 ms given here — a margin no busy machine closes (a 1 ms limit on a
    // one-line PDF was a race with the thread's answer, and lost it once in CI). Then a new thread reads.
    const slow = pdfWithContent(Array.from({ length: 60_000 }, (_, i) => `BT /F1 10 Tf 72 ${700 - (i % 60) * 10} Td (ligne ${i}) Tj ET`).join('\n'));
    expect(await documentText(slow, PDF, 100).then(() => 'read', (e: { reason?: string }) => e.reason)).toBe('time limit');
    expect(await documentText(pdfBytes('Relu'), PDF)).toBe('Relu');
  }, 30_000);
});

describe('normaliseText', () => {
  it('drops NUL and control characters, folds spaces, removes blank lines, NFC', () => {
    expect(normaliseText('  a\u0000b\t\tc \r\n\r\n\n d\u00ade\u200b  \n')).toBe('a b c\nd e');
    expect(normaliseText('e\u0301te\u0301')).toBe('été');
  });

  it('caps at MAX_DOCUMENT_TEXT characters, never half a surrogate pair nor a trailing space; idempotent', () => {
    expect(normaliseText('!\u0000!', 2)).toBe('!');
    expect(normaliseText('x'.repeat(MAX_DOCUMENT_TEXT + 10))).toHaveLength(MAX_DOCUMENT_TEXT);
    const emoji = `${'x'.repeat(MAX_DOCUMENT_TEXT - 1)}😀tail`;
    const capped = normaliseText(emoji);
    expect(capped).toBe('x'.repeat(MAX_DOCUMENT_TEXT - 1));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.integer({ min: 1, max: 200 }), (raw, max) => {
        const text = normaliseText(raw, max);
        expect(text.length).toBeLessThanOrEqual(max);
        expect(text).not.toMatch(/[\u0000\u0001-\u0008]|[^\S\n]{2}|\n\n|^\s|\s$/);
        expect(text).not.toMatch(/[\ud800-\udbff]$/);
        expect(normaliseText(text, max)).toBe(text);
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});
