// An offer's applications as a spreadsheet (CSV) and its CVs as one ZIP, for the offer's insiders (its
// company's recruiters, admins; 404 for everyone else, as GET /offers/:id). Both are streamed: rows are
// read page by page and written as the client takes them, CVs are opened one at a time.
//
// What they hold is what the reader already sees on each application's page, under the same rule
// (api/applications/service.ts `visibility`: the company sees an application once it was sent to it):
// never the RQTH, health or accommodation needs; the candidate's phone only with a live PHONE interview
// (`candidatePhoneOn`). Each CV in the ZIP is read through the document service's own download (access
// check, row locked while the file is opened, one `document_downloads` row): the ZIP is N downloads.
import { anonymityOfRow, candidateAsSeenBy, documentNameAsSeenBy, textAsSeenBy } from '../../workflows/candidate-identity.js';
import type { ReadStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import archiver from 'archiver';
import { stringify } from 'csv-stringify';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { User } from '../../models/index.js';
import { preparedQuery } from '../../models/prepared.js';
import { applicationRules, interviewModeLabel, interviewStatusLabel, type ApplicationStatus, type InterviewMode, type InterviewView } from '../../workflows/application-rules.js';
import { isOfferInsider } from '../../workflows/offer-rules.js';
import { formatParisDateTime, parisDate } from '../../workflows/paris-time.js';
import { visibility } from '../applications/service.js';
import { actorOf } from '../auth.js';
import { candidatePhoneOn } from '../candidate-cases.js';
import { safeFilename, type DocumentRow, type documentService } from '../documents/service.js';
import { HttpError, notFound } from '../errors.js';

interface Deps {
  sequelize: Sequelize;
  documents: ReturnType<typeof documentService>;
}

interface ExportRow {
  id: string;
  created_at: Date;
  status: ApplicationStatus;
  status_changed_at: Date;
  screening_answer: string | null;
  company_id: string;
  referent_id: string | null;
  anonymous: boolean;
  identity_shared_at: Date | null;
  candidate_number: number;
  candidate_id: string;
  candidate_first_name: string;
  candidate_last_name: string;
  candidate_email: string;
  candidate_phone: string | null;
  referent_first_name: string | null;
  referent_last_name: string | null;
  interview_starts_at: Date | null;
  interview_mode: InterviewMode | null;
  interview_status: InterviewView['status'] | null;
}

/** Rows read per query: the file grows page by page, never whole in memory. */
const PAGE = 500;

/** The columns, in French, in the order of the file. */
export const CSV_HEADER = [
  'Référence',
  'Date de candidature',
  'Nom',
  'Prénom',
  'E-mail',
  'Téléphone',
  'Statut',
  'Dernier changement',
  'Réponse à la question',
  'Référent',
  'Dernier entretien : date',
  'Dernier entretien : mode',
  'Dernier entretien : statut',
];

/**
 * A cell a spreadsheet would read as a formula (= + - @, or a tab or carriage return before one)
 * starts with a quote, so it reads as text (OWASP « CSV injection »; csv-stringify has no option for it).
 */
export const neutraliseFormula = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** `Menuisier·ère d'atelier H/F` → `menuisier-ere-d-atelier-h-f`: a file name's part, ASCII only. */
export function slugOf(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'offre';
}

const paris = (at: Date | null) => (at ? formatParisDateTime(at) : '');
const nameOf = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(' ');

/** Which offer, if this user is one of its insiders (else 404, as for the offer itself). */
export async function insiderOffer(sequelize: Sequelize, user: User, offerId: string): Promise<{ id: string; title: string }> {
  const [offer] = await sequelize.query<{ id: string; title: string; company_id: string }>(`SELECT id, title, company_id FROM offers WHERE id = :offerId`, {
    type: QueryTypes.SELECT,
    replacements: { offerId },
  });
  if (!offer || !isOfferInsider(actorOf(user), { companyId: offer.company_id })) throw notFound('Offre');
  return offer;
}

/**
 * For each offer, the applications and the CVs its exports would hold for this user, and the favourites
 * its anti-CV PDF would (the web app's links say them): one grouped query, under the applications' own visibility.
 */
export async function exportCounts(sequelize: Sequelize, user: User, offerIds: string[]): Promise<Map<string, { applications: number; cvs: number; favourites: number }>> {
  const counts = new Map<string, { applications: number; cvs: number; favourites: number }>();
  if (!offerIds.length) return counts;
  const scope = visibility(user);
  // Prepared (models/prepared.ts): an offer's page after each action reads it.
  const rows = await preparedQuery<{ offer_id: string; applications: string; cvs: string; favourites: string }>(
    sequelize,
    `SELECT a.offer_id, count(*) AS applications, count(a.cv_document_id) AS cvs, count(a.favourite_at) AS favourites FROM applications a
     LEFT JOIN users r ON r.id = a.referent_id
     WHERE a.offer_id = ANY(:offerIds) AND (${scope.where}) GROUP BY a.offer_id`,
    { ...scope.replacements, offerIds },
  );
  for (const id of offerIds) counts.set(id, { applications: 0, cvs: 0, favourites: 0 });
  for (const row of rows) counts.set(row.offer_id, { applications: Number(row.applications), cvs: Number(row.cvs), favourites: Number(row.favourites) });
  return counts;
}

export function exportService({ sequelize, documents }: Deps) {
  /** The offer's visible applications, oldest first, page after page (keyset: stable while rows come and go). */
  async function* applicationPages(user: User, offerId: string): AsyncGenerator<ExportRow[]> {
    const scope = visibility(user);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: ExportRow[] = await sequelize.query<ExportRow>(
        `SELECT a.id, a.created_at, a.status, a.status_changed_at, a.screening_answer, a.company_id, a.referent_id,
                a.anonymous, a.identity_shared_at, a.candidate_number, a.candidate_id,
                cu.first_name AS candidate_first_name, cu.last_name AS candidate_last_name, cu.email AS candidate_email, cu.phone AS candidate_phone,
                r.first_name AS referent_first_name, r.last_name AS referent_last_name,
                i.starts_at AS interview_starts_at, i.mode AS interview_mode, i.status AS interview_status
         FROM applications a
         JOIN users cu ON cu.id = a.candidate_id
         LEFT JOIN users r ON r.id = a.referent_id
         LEFT JOIN LATERAL (SELECT starts_at, mode, status FROM interviews WHERE application_id = a.id ORDER BY round DESC LIMIT 1) i ON TRUE
         WHERE a.offer_id = :offerId AND (${scope.where}) ${after ? 'AND (a.created_at, a.id) > (:afterAt, :afterId)' : ''}
         ORDER BY a.created_at, a.id LIMIT :limit`,
        { type: QueryTypes.SELECT, replacements: { ...scope.replacements, offerId, limit: PAGE, afterAt: after?.at, afterId: after?.id } },
      );
      if (rows.length) yield rows;
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { at: last.created_at, id: last.id };
    }
  }

  function csvRecord(user: User, row: ExportRow): string[] {
    // An anonymous application's company exports the candidate's number, no name, address or phone.
    const anonymity = anonymityOfRow(row);
    const identity = { id: row.candidate_id, firstName: row.candidate_first_name, lastName: row.candidate_last_name, email: row.candidate_email, phone: row.candidate_phone };
    const candidate = candidateAsSeenBy(user, anonymity, identity);
    const interview = row.interview_mode && row.interview_status ? { mode: row.interview_mode, status: row.interview_status } : null;
    // The number as the application page gives it: a live PHONE interview, to who calls.
    const phone = interview
      ? (candidatePhoneOn(user, { companyId: row.company_id, referentId: row.referent_id, candidatePhone: candidate.phone }, interview).candidatePhone ?? '')
      : '';
    return [
      row.id,
      paris(row.created_at),
      candidate.lastName,
      candidate.firstName,
      candidate.email ?? '',
      phone,
      applicationRules.statusLabel[row.status] ?? row.status,
      paris(row.status_changed_at),
      textAsSeenBy(user, anonymity, identity, row.screening_answer) ?? '',
      nameOf(row.referent_first_name, row.referent_last_name),
      paris(row.interview_starts_at),
      interview ? interviewModeLabel[interview.mode] : '',
      interview ? interviewStatusLabel[interview.status] : '',
    ];
  }

  return {
    /** The offer checked (404) before anything is sent; then `write` streams the file to `out`. */
    async applicationsCsv(user: User, offerId: string) {
      const offer = await insiderOffer(sequelize, user, offerId);
      return {
        filename: `candidatures-${slugOf(offer.title)}-${parisDate()}.csv`,
        async write(out: Writable) {
          const records = Readable.from(
            (async function* () {
              for await (const rows of applicationPages(user, offer.id)) for (const row of rows) yield csvRecord(user, row);
            })(),
          );
          await pipeline(
            records,
            stringify({ bom: true, delimiter: ';', record_delimiter: 'windows', header: true, columns: CSV_HEADER, cast: { string: neutraliseFormula } }),
            out,
          );
        },
      };
    },

    /**
     * The CVs of the offer's visible applications as one ZIP, `NN-Nom-Prénom-<file name>`, each read as a
     * download (recorded with this user as reader). A CV deleted meanwhile is skipped (the ZIP stays
     * whole) and said in LISEZMOI.txt, as is an offer without any CV.
     */
    async cvsZip(user: User, offerId: string, ip: string | null) {
      const offer = await insiderOffer(sequelize, user, offerId);
      const scope = visibility(user);
      const cvs = await sequelize.query<{ cv_document_id: string; first_name: string; last_name: string; anonymous: boolean; identity_shared_at: Date | null; candidate_number: number; candidate_id: string; email: string }>(
        `SELECT a.cv_document_id, cu.first_name, cu.last_name, a.anonymous, a.identity_shared_at, a.candidate_number, a.candidate_id, cu.email FROM applications a
         JOIN users cu ON cu.id = a.candidate_id LEFT JOIN users r ON r.id = a.referent_id
         WHERE a.offer_id = :offerId AND a.cv_document_id IS NOT NULL AND (${scope.where})
         ORDER BY a.created_at, a.id`,
        { type: QueryTypes.SELECT, replacements: { ...scope.replacements, offerId: offer.id } },
      );
      const width = Math.max(2, String(cvs.length).length);
      return {
        filename: `cv-${slugOf(offer.title)}-${parisDate()}.zip`,
        async write(out: Writable) {
          const zip = archiver('zip', { zlib: { level: 6 } });
          const done = pipeline(zip, out);
          // Awaited at the end; a client gone meanwhile must not be an unhandled rejection before that.
          done.catch(() => undefined);
          // Stop reading CVs as soon as the client has gone (pipeline destroys the archive).
          let gone = false;
          let leave = () => undefined as void;
          const stop = () => {
            gone = true;
            leave();
          };
          zip.once('close', stop);
          zip.once('error', stop);
          out.once('close', stop);
          let added = 0;
          let skipped = 0;
          let withheld = 0;
          for (const [index, cv] of cvs.entries()) {
            if (gone) break;
            let file: { document: DocumentRow; stream: ReadStream };
            try {
              file = await documents.download(user, cv.cv_document_id, { ip, record: true });
            } catch (error) {
              // Deleted since the list was read (its application closed): not in the ZIP.
              if (error instanceof HttpError && error.code === 'NOT_FOUND') {
                skipped += 1;
                continue;
              }
              // An anonymous candidate's CV, until the lift: not in the ZIP, said in LISEZMOI.txt.
              if (error instanceof HttpError && error.code === 'FORBIDDEN') {
                withheld += 1;
                continue;
              }
              zip.abort();
              throw error;
            }
            const part = (text: string) => text.replace(/[\s\\/]+/g, '-');
            // An anonymous candidate's CV is named by their number, its own file name left out.
            const anonymity = anonymityOfRow(cv);
            const shown = candidateAsSeenBy(user, anonymity, { id: cv.candidate_id, firstName: cv.first_name, lastName: cv.last_name, email: cv.email });
            const filename = documentNameAsSeenBy(user, anonymity, file.document.filename, 'CV');
            const name = safeFilename(`${String(index + 1).padStart(width, '0')}-${part(shown.lastName)}-${part(shown.firstName)}-${filename}`, file.document.mime_type);
            // One file open at a time: the next is opened once this one is in the archive.
            const entered = new Promise<void>((resolve) => {
              const finish = () => {
                zip.off('entry', finish);
                resolve();
              };
              zip.on('entry', finish);
              leave = finish;
            });
            if (gone) {
              file.stream.destroy();
              break;
            }
            zip.append(file.stream, { name, date: new Date(file.document.created_at) });
            await entered;
            if (gone) file.stream.destroy();
            added += 1;
          }
          if (!gone && (added === 0 || skipped > 0 || withheld > 0)) {
            const lines = [
              added === 0 ? 'Aucun CV n’est joint aux candidatures de cette offre que vous pouvez consulter.' : `${added} CV dans ce fichier.`,
              ...(skipped ? [`${skipped} CV supprimé${skipped > 1 ? 's' : ''} entre-temps de l’espace de la personne candidate : absent${skipped > 1 ? 's' : ''} de ce fichier.`] : []),
              ...(withheld ? [`${withheld} CV de candidature${withheld > 1 ? 's' : ''} anonyme${withheld > 1 ? 's' : ''} : lisible${withheld > 1 ? 's' : ''} une fois l’anonymat levé, absent${withheld > 1 ? 's' : ''} de ce fichier.`] : []),
            ];
            zip.append(`${lines.join('\r\n')}\r\n`, { name: 'LISEZMOI.txt' });
          }
          if (!gone) await zip.finalize();
          await done;
        },
      };
    },
  };
}
