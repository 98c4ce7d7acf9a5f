// An offer's exports on the real harness (issue #16, item 8): the applications' CSV read back byte by
// byte (BOM, `;`, CRLF, a name with `;`, quotes and accents, a formula neutralised, only what the
// application page shows), the CVs' ZIP opened by the system's `unzip` (each CV whole, each read
// recorded as a download by the recruiter), who may (404 for the others), and a ZIP made while the CVs
// are being deleted: never a broken archive, each CV whole or absent and said so.
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../api/exports/service.js';
import { applicationRules } from '../workflows/application-rules.js';
import { parisDate } from '../workflows/paris-time.js';
import { pdfBytes } from './document-fixtures.js';
import { act, rawGet, sentApplicationWithCv, unzipped } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { apiUrl, sql } from './support.js';

/** RFC 4180 with `;`: quoted cells may hold `;`, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const downloadsBy = (documentId: string) => sql<{ user_id: string; user_role: string }>(`SELECT user_id, user_role FROM document_downloads WHERE document_id = $1`, [documentId]);

let cast: Cast;
let offerId: string;
const people: Array<{ person: Person; applicationId: string; documentId: string; bytes: Buffer }> = [];
let unsent: Person;

beforeAll(async () => {
  cast = await createCast();
  offerId = await insertPublishedOffer(cast.company.id, 'Équipier·ère de préparation H/F');
  const names = [
    { firstName: 'Zoé', lastName: 'Dupont; "Martin"' },
    { firstName: 'Hyper', lastName: '=HYPERLINK("http://x.test")' },
    { firstName: 'Noël', lastName: '@Somme' },
  ];
  for (const name of names) {
    const person = await createUser('CANDIDATE', { referentId: cast.referent.id, ...name });
    const bytes = pdfBytes(`CV ${name.firstName}`);
    people.push({ person, bytes, ...(await sentApplicationWithCv(person, cast.referent, offerId, bytes, `Mon CV ${name.firstName}.pdf`)) });
  }
  // Applied, not yet validated by the référent: not the company's to see.
  unsent = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: 'Pas', lastName: 'Encore' });
  expect((await (await unsent.client()).post('/api/applications', { offerId })).status).toBe(201);
}, 120_000);

describe('GET /api/offers/:id/applications.csv', () => {
  it('is UTF-8 with BOM, `;` and CRLF, headed in French, one row per application the company sees', async () => {
    const file = await rawGet(cast.recruiter, `/api/offers/${offerId}/applications.csv`);
    expect(file.status, file.bytes.toString()).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toContain(`filename="candidatures-equipier-ere-de-preparation-h-f-${parisDate()}.csv"`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(/(?<!\r)\n/.test(text)).toBe(false);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(CSV_HEADER);
    expect(header!.join(' ')).not.toMatch(/RQTH|santé|aménagement/i);
    expect(rows.map((r) => r[0]).sort()).toEqual(people.map((p) => p.applicationId).sort());

    const zoe = rows.find((r) => r[0] === people[0]!.applicationId)!;
    // The name with `;`, quotes and accents comes back as typed.
    expect(zoe.slice(2, 5)).toEqual(['Dupont; "Martin"', 'Zoé', people[0]!.person.email]);
    expect(zoe[6]).toBe(applicationRules.statusLabel.PENDING_RECRUITER);
    expect(zoe[9]).toBe('Referent Test');
    expect(zoe[5]).toBe(''); // no phone without a live PHONE interview, as on the application page
    // Cells a spreadsheet would run as formulas start with a quote.
    expect(rows.find((r) => r[0] === people[1]!.applicationId)![2]).toBe(`'=HYPERLINK("http://x.test")`);
    expect(rows.find((r) => r[0] === people[2]!.applicationId)![2]).toBe(`'@Somme`);
    // The raw bytes quote what needs it.
    expect(text).toContain(`;"Dupont; ""Martin""";Zoé;`);
  });

  it('gives admins every application, the one not yet validated too', async () => {
    const file = await rawGet(cast.admin, `/api/offers/${offerId}/applications.csv`);
    expect(file.status).toBe(200);
    const rows = parseCsv(file.bytes.subarray(3).toString('utf8')).slice(1);
    expect(rows).toHaveLength(people.length + 1);
    expect(rows.some((r) => r[2] === 'Encore')).toBe(true);
  });

  it('is a 404 for another company, the candidates and référents, 401 signed out, 404 for an unknown offer', async () => {
    for (const who of [cast.otherRecruiter, cast.referent, people[0]!.person, cast.missionOfficer]) {
      for (const route of ['applications.csv', 'cvs.zip']) {
        const refused = await rawGet(who, `/api/offers/${offerId}/${route}`);
        expect(refused.status, `${route} ${who.email}`).toBe(404);
        expect(refused.headers.get('content-disposition')).toBeNull();
        expect(JSON.parse(refused.bytes.toString()).error.code).toBe('NOT_FOUND');
      }
    }
    const anonymous = await fetch(`${apiUrl()}/api/offers/${offerId}/applications.csv`);
    expect(anonymous.status).toBe(401);
    expect((await rawGet(cast.recruiter, `/api/offers/${cast.otherCompany.offerId}/cvs.zip`)).status).toBe(404);
  });
});

describe('GET /api/offers/:id/cvs.zip', () => {
  it('holds each CV whole, named NN-Nom-Prénom-file, each read recorded as the recruiter’s download', async () => {
    const before = await Promise.all(people.map((p) => downloadsBy(p.documentId)));
    expect(before.every((d) => d.length === 0)).toBe(true);
    const file = await rawGet(cast.recruiter, `/api/offers/${offerId}/cvs.zip`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/zip');
    expect(file.headers.get('content-disposition')).toContain(`filename="cv-equipier-ere-de-preparation-h-f-${parisDate()}.zip"`);
    const entries = unzipped(file.bytes);
    expect([...entries.keys()].sort()).toEqual(['01-Dupont;-_Martin_-Zoé-Mon CV Zoé.pdf', '02-=HYPERLINK(_http_-x.test_)-Hyper-Mon CV Hyper.pdf', '03-@Somme-Noël-Mon CV Noël.pdf'].sort());
    people.forEach((p, i) => {
      const [name] = [...entries.keys()].filter((n) => n.startsWith(`0${i + 1}-`));
      expect(entries.get(name!)!.equals(p.bytes), name).toBe(true);
    });
    for (const p of people) expect(await downloadsBy(p.documentId)).toEqual([{ user_id: cast.recruiter.id, user_role: 'RECRUITER' }]);
  });

  it('a client gone mid-download leaves the server whole: the next ZIP is complete', async () => {
    const session = await cast.recruiter.client();
    for (let i = 0; i < 3; i++) {
      const abort = new AbortController();
      const response = await fetch(`${apiUrl()}/api/offers/${offerId}/cvs.zip`, { headers: { cookie: session.cookie }, signal: abort.signal });
      expect(response.status).toBe(200);
      abort.abort();
    }
    const file = await rawGet(cast.recruiter, `/api/offers/${offerId}/cvs.zip`);
    expect([...unzipped(file.bytes).keys()]).toHaveLength(people.length);
  });

  it('without any CV: a ZIP saying so', async () => {
    const empty = await insertPublishedOffer(cast.company.id, 'Sans candidature H/F');
    const file = await rawGet(cast.recruiter, `/api/offers/${empty}/cvs.zip`);
    expect(file.status).toBe(200);
    const entries = unzipped(file.bytes);
    expect([...entries.keys()]).toEqual(['LISEZMOI.txt']);
    expect(entries.get('LISEZMOI.txt')!.toString()).toContain('Aucun CV');
  });

  it('made while the CVs are being deleted: never a broken archive; each CV whole, or absent and counted', async () => {
    for (let round = 0; round < 2; round++) {
      const offer = await insertPublishedOffer(cast.company.id, `Magasinier ${round} H/F`);
      const closed: typeof people = [];
      for (let i = 0; i < 3; i++) {
        const person = await createUser('CANDIDATE', { referentId: cast.referent.id, firstName: `Candidate${i}`, lastName: `Tour${round}` });
        const bytes = pdfBytes(`CV ${round}-${i} ${'x'.repeat(20_000)}`);
        const sent = await sentApplicationWithCv(person, cast.referent, offer, bytes);
        // A closed application no longer holds its CV: the candidate may delete it.
        await act('application', person, sent.applicationId, { action: 'withdraw' }, 'WITHDRAWN');
        closed.push({ person, bytes, ...sent });
      }
      // The deletions a few milliseconds apart, while the ZIP is being made.
      const [zip, ...deletions] = await Promise.all([
        rawGet(cast.recruiter, `/api/offers/${offer}/cvs.zip`),
        ...closed.map(async (p, i) => {
          await new Promise((resolve) => setTimeout(resolve, 10 + i * 15 * (round + 1)));
          return (await p.person.client()).request('DELETE', `/api/me/documents/${p.documentId}`);
        }),
      ]);
      expect(deletions.map((d) => d.status)).toEqual([204, 204, 204]);
      expect(zip.status).toBe(200);
      const entries = unzipped(zip.bytes);
      const cvs = [...entries.keys()].filter((n) => n !== 'LISEZMOI.txt');
      for (const name of cvs) {
        const owner = closed.find((p) => name.includes(p.person.email) || name.includes(`-Tour${round}-Candidate${closed.indexOf(p)}-`));
        expect(owner, name).toBeDefined();
        expect(entries.get(name)!.equals(owner!.bytes), name).toBe(true);
      }
      // Absent CVs are said: deleted before the list was read (none to speak of) or while the ZIP was made.
      if (cvs.length < closed.length) expect(entries.get('LISEZMOI.txt')!.toString()).toMatch(cvs.length ? /\d CV supprimé/ : /Aucun CV|CV supprimé/);
      else expect(entries.has('LISEZMOI.txt')).toBe(false);
    }
  }, 120_000);
});
