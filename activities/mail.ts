// E-mail through an outbox: one row per idempotency key, so an activity retried by Temporal sends a
// given mail once. The row is locked while it is sent; a second attempt for the same key waits and
// then finds it SENT. Once the relay has said "250", the mail is not sent again: if the database went
// away meanwhile, SENT is written as soon as it is back, and the activity's heartbeat tells a retry
// on another worker that it went out (activities/heartbeat.ts). Only a process killed in the
// millisecond between the "250" and its commit leaves the retry to send it again, with the same
// Message-ID, which lets mail clients recognise the duplicate.
import { createHash, randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { QueryTypes } from 'sequelize';
import type { ActivityDeps } from './deps.js';
import { rememberDelivered, wasDelivered } from './heartbeat.js';

export interface OutgoingMail {
  /** Unique per mail: `${workflowId}:${seq}:${userId}` for application events. */
  key: string;
  to: string;
  subject: string;
  text: string;
  /** Defaults to the text, escaped. */
  html?: string;
  ics?: { content: string; method: 'REQUEST' | 'CANCEL' };
  workflowId?: string;
}

export type SendOutcome = 'sent' | 'already-sent';

interface OutboxRow {
  key: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  ics: string | null;
  workflowId: string | null;
  status: 'PENDING' | 'SENT' | 'FAILED';
}

/** What the relay accepted, as the outbox row holds it. */
type SentMail = Omit<OutboxRow, 'status'> & { messageId: string };

export interface Mailer {
  sendOnce(mail: OutgoingMail): Promise<SendOutcome>;
}

const LAST_ERROR_MAX_LENGTH = 2000;
/** How long a sent mail's SENT may wait for the database: below the notice activity's 1-minute timeout. */
const SENT_RECORD_PATIENCE_MS = 45_000;
/** What a row becomes once the relay accepted its mail, however that gets written (`messageId`: a placeholder or a literal). */
const markSent = (messageId: string) => `status = 'SENT', attempts = email_outbox.attempts + 1, sent_at = now(), message_id = ${messageId}, last_error = NULL, updated_at = now()`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Domain of the sender address, so Message-IDs look like the platform's own. */
function senderDomain(mailFrom: string): string {
  return /@([^\s>]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'tremplin.local';
}

/** Same key, same Message-ID: a mail re-sent after a crash is the same message to its recipient. */
export function messageIdFor(key: string, mailFrom: string): string {
  return `<${createHash('sha256').update(key).digest('hex')}@${senderDomain(mailFrom)}>`;
}

/** The METHOD of a stored invitation; the MIME part must announce the same one (RFC 6047). */
function icsMethod(ics: string): 'REQUEST' | 'CANCEL' {
  return /^METHOD:CANCEL\r?$/m.test(ics) ? 'CANCEL' : 'REQUEST';
}

/**
 * The SMTP transport of the worker: a few connections kept open and reused, rather than a connection,
 * greeting and EHLO for every mail (what relays prefer too; npm run bench could not tell its gain apart
 * from this machine's noise).
 */
export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 4 });
}

export function createMailer(deps: ActivityDeps): Mailer {
  const { sequelize, config, logger, mailTransport } = deps;

  /**
   * The relay has the mail but the transaction that should say so is gone (PostgreSQL restarted): its
   * row may even be gone with it. Write it as SENT outside that transaction, again and again until the
   * database answers; throwing instead would have the activity's retry send the mail a second time.
   */
  async function recordSentAfterTheFact(sent: SentMail, cause: unknown): Promise<void> {
    logger.warn({ key: sent.key, messageId: sent.messageId, err: cause }, 'mail sent, its outbox row not yet marked SENT: retrying the write');
    const deadline = Date.now() + SENT_RECORD_PATIENCE_MS;
    for (let wait = 200; ; wait = Math.min(wait * 2, 3_000)) {
      try {
        await sequelize.query(
          `INSERT INTO email_outbox (id, idempotency_key, to_address, subject, text_body, html_body, ics, workflow_id, status, attempts, message_id, sent_at)
           VALUES (:id, :key, :to, :subject, :text, :html, :ics, :workflowId, 'SENT', 1, :messageId, now())
           ON CONFLICT (idempotency_key) DO UPDATE SET ${markSent(':messageId')}`,
          { replacements: { id: randomUUID(), ...sent } },
        );
        return;
      } catch (error) {
        if (Date.now() + wait > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /**
   * A transaction on one connection of the pool whose statements travel two at a time: BEGIN with the
   * first, COMMIT with the last (the simple query protocol takes several). Half the round trips of
   * sequelize.transaction for the outbox row that every notice writes per person (issue #20). `first`
   * gives the first statement's rows; `finish` commits after an optional last statement. Values are
   * escaped by Sequelize (`sequelize.escape`), as its replacements are.
   */
  async function inPairedTransaction<T>(first: string, body: (rows: Record<string, unknown>[], finish: (last?: string) => Promise<void>) => Promise<T>): Promise<T> {
    type Results = Array<{ rows: Record<string, unknown>[] }>;
    const connection = (await sequelize.connectionManager.getConnection({ type: 'write' })) as unknown as { query(sql: string): Promise<Results> };
    try {
      const [, opened] = await connection.query(`BEGIN; ${first}`);
      return await body(opened!.rows, async (last) => void (await connection.query(last ? `${last}; COMMIT` : 'COMMIT')));
    } catch (error) {
      // Whatever failed (a statement, the connection), nothing of this transaction stays.
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      sequelize.connectionManager.releaseConnection(connection as never);
    }
  }

  async function sendOnce(mail: OutgoingMail): Promise<SendOutcome> {
    /** Set once the relay accepted the mail: from then on, nothing may send it again. */
    let delivered: SentMail | null = null;
    const literal = (value: string | null | undefined) => (value == null ? 'NULL' : sequelize.escape(value));
    // One statement: the row is inserted, or found and locked (the no-op update takes its row lock,
    // so a concurrent attempt for the same key waits here, then finds it SENT).
    const upsert = `INSERT INTO email_outbox (id, idempotency_key, to_address, subject, text_body, html_body, ics, workflow_id, status)
       VALUES (${literal(randomUUID())}, ${literal(mail.key)}, ${literal(mail.to)}, ${literal(mail.subject)}, ${literal(mail.text)},
               ${literal(mail.html ?? textToHtml(mail.text))}, ${literal(mail.ics?.content)}, ${literal(mail.workflowId)}, 'PENDING')
       ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
       RETURNING idempotency_key AS key, to_address AS "to", subject, text_body AS text, html_body AS html, ics, workflow_id AS "workflowId", status`;
    const result = await inPairedTransaction(upsert, async ([found], finish) => {
      const row = found as unknown as OutboxRow | undefined;
      if (!row) throw new Error(`Ligne d’outbox introuvable pour ${mail.key}`);
      if (row.status === 'SENT') {
        await finish();
        return { outcome: 'already-sent' as const };
      }

      // What is sent is what the outbox holds: the first rendering of this mail, whatever a retry computed.
      const { status: _status, ...content } = row;
      const messageId = messageIdFor(row.key, config.MAIL_FROM);
      const sent: SentMail = { ...content, messageId };
      const sentNow = `UPDATE email_outbox SET ${markSent(literal(messageId))} WHERE idempotency_key = ${literal(row.key)}`;
      // An earlier attempt had it accepted, then lost its database and its worker before writing SENT.
      if (wasDelivered(mail.key)) {
        await finish(sentNow);
        return { outcome: 'already-sent' as const };
      }
      const calendar = row.ics
        ? { content: row.ics, contentType: `text/calendar; method=${icsMethod(row.ics)}; charset=UTF-8` }
        : null;
      try {
        await mailTransport.sendMail({
          from: config.MAIL_FROM,
          to: row.to,
          subject: row.subject,
          text: row.text,
          html: row.html ?? undefined,
          messageId,
          // The calendar part as an alternative (what Outlook and Gmail read as an invitation) and as
          // a named attachment (what other clients offer to import).
          ...(calendar && {
            alternatives: [calendar],
            attachments: [{ ...calendar, filename: 'invitation.ics' }],
          }),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await finish(
          `UPDATE email_outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ${literal(message.slice(0, LAST_ERROR_MAX_LENGTH))}, updated_at = now() WHERE idempotency_key = ${literal(row.key)}`,
        );
        return { outcome: 'failed' as const, error };
      }
      delivered = sent;
      await finish(sentNow);
      return { outcome: 'sent' as const, messageId };
    }).catch(async (error: unknown) => {
      if (delivered === null) throw error;
      const sent: SentMail = delivered;
      rememberDelivered(sent.key); // in case this worker dies before the database is back
      await recordSentAfterTheFact(sent, error);
      return { outcome: 'sent' as const, messageId: sent.messageId };
    });

    if (result.outcome === 'failed') {
      logger.warn({ key: mail.key, err: result.error }, 'mail not sent; the activity will retry');
      // The failure is committed first, then rethrown so that Temporal retries the activity.
      throw result.error;
    }
    if (result.outcome === 'sent') logger.info({ key: mail.key, messageId: result.messageId }, 'mail sent');
    return result.outcome;
  }

  return { sendOnce };
}

// ---- Composing: a mail is a list of blocks, rendered as plain text and as escaped HTML. ----

export type MailBlock =
  | { kind: 'paragraph'; text: string }
  /** Someone's own words (a refusal message…), shown verbatim. */
  | { kind: 'quote'; label: string; text: string }
  | { kind: 'facts'; items: Array<[label: string, value: string]> }
  | { kind: 'link'; label: string; href: string };

export interface RenderedMail {
  text: string;
  html: string;
}

/** Escaped text with its line breaks kept. */
const htmlLines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

export function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${htmlLines(p)}</p>`);
  return htmlDocument(paragraphs.join('\n'));
}

function htmlDocument(body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
${body}
</body></html>`;
}

/** Every piece of text goes through escapeHtml: names, messages and titles come from users. */
export function renderMail(blocks: MailBlock[]): RenderedMail {
  const text: string[] = [];
  const html: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph':
        text.push(block.text);
        html.push(`<p>${htmlLines(block.text)}</p>`);
        break;
      case 'quote':
        text.push(`${block.label}\n« ${block.text} »`);
        html.push(
          `<p>${htmlLines(block.label)}</p>\n<blockquote style="margin:0 0 1em;padding:.5em 1em;border-left:4px solid #0b4f9c;background:#f4f6fa">${htmlLines(block.text)}</blockquote>`,
        );
        break;
      case 'facts':
        text.push(block.items.map(([label, value]) => `${label} : ${value}`).join('\n'));
        html.push(
          `<ul>${block.items.map(([label, value]) => `<li><strong>${escapeHtml(label)}</strong> : ${htmlLines(value)}</li>`).join('')}</ul>`,
        );
        break;
      case 'link':
        text.push(`${block.label} : ${block.href}`);
        html.push(`<p><a href="${escapeHtml(block.href)}">${escapeHtml(block.label)}</a></p>`);
        break;
    }
  }
  return { text: `${text.join('\n\n')}\n`, html: htmlDocument(html.join('\n')) };
}
