// The libraries' side of activities/document-text.ts, run in a worker thread (plain
// JavaScript: a thread does not inherit the TypeScript loader). Parsing a PDF is synchronous work that
// can take a second or more; here it never stalls the process's event loop (the API's requests, the
// worker's heartbeats), a pathological file is stopped by terminating the thread, and its memory is
// bounded by the thread's resourceLimits. Receives { id, bytes, mime }, answers { id, text } or
// { id, error } with the error's class only (a library's message can quote the file).
import { parentPort } from 'node:worker_threads';
import mammoth from 'mammoth';
import { parseOffice } from 'officeparser';
import { extractText, getDocumentProxy } from 'unpdf';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ODT = 'application/vnd.oasis.opendocument.text';

async function rawText(bytes, mime) {
  switch (mime) {
    case PDF: {
      const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
      try {
        return (await extractText(pdf, { mergePages: true })).text;
      } finally {
        await pdf.destroy().catch(() => undefined);
      }
    }
    case DOCX:
      return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    case ODT:
      return (
        await parseOffice(Buffer.from(bytes), {
          fileType: 'odt',
          ocr: false,
          extractAttachments: false,
          outputErrorToConsole: false,
          // A 5 MB upload that inflates past 64 MB is not a CV.
          decompressionLimits: { maxUncompressedBytes: 64 * 1024 * 1024, maxZipEntries: 2_000 },
        })
      ).toText();
    default:
      throw new TypeError('type without text');
  }
}

// One file at a time, each answered by its id; the thread lives on between files (loading pdfjs once).
parentPort.on('message', ({ id, bytes, mime }) => {
  rawText(bytes, mime).then(
    (text) => parentPort.postMessage({ id, text: typeof text === 'string' ? text : '' }),
    (error) => parentPort.postMessage({ id, error: (error && error.name) || typeof error }),
  );
});
