// A real SMTP server, in process, that keeps every message it receives and shows them on a small page
// (and as JSON for tests). Used when SMTP_URL is unset, and by the test harness.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  attachments: Array<{ filename: string | undefined; contentType: string; content: string }>;
}

export interface MailCatcherHandle {
  smtpUrl: string;
  webUrl: string;
  messages: CaughtMail[];
  /** While true the server answers 451 to every recipient, as a broken relay would. */
  setRefusing(refusing: boolean): void;
  stop(): Promise<void>;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function startMailCatcher(options: { smtpPort?: number; webPort?: number } = {}): Promise<MailCatcherHandle> {
  const messages: CaughtMail[] = [];
  let refusing = false;
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusing) {
        const error = new Error('Service temporairement indisponible') as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: parsed.from?.text ?? '',
            to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? ''),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            headers: Object.fromEntries(
              [...parsed.headers.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
            ),
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content.toString('utf8'),
            })),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, '127.0.0.1', () => resolve());
  });
  // A client that vanishes mid-session (a worker killed while sending) is not the server's failure:
  // without a listener, its ECONNRESET would be thrown and take the whole process down.
  smtp.on('error', () => undefined);
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const app = express();
  // `?to=address`: only the mails sent to it (a test run's whole mailbox reaches tens of megabytes).
  app.get('/api/messages', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.toLowerCase() : null;
    const items = to ? messages.filter((m) => m.envelopeTo.some((address) => address.toLowerCase() === to)) : messages;
    res.json({ items, total: items.length });
  });
  app.delete('/api/messages', (_req, res) => {
    messages.length = 0;
    res.status(204).end();
  });
  app.post('/api/refusing/:state', (req, res) => {
    refusing = req.params.state === 'on';
    res.json({ refusing });
  });
  app.get('/messages/:id', (req, res) => {
    const mail = messages.find((m) => m.id === Number(req.params.id));
    if (!mail) return void res.status(404).send('Message introuvable');
    res.type('html').send(page(`Message ${mail.id}`, `
      <p><a href="/">← Tous les messages</a></p>
      <dl><dt>De</dt><dd>${escapeHtml(mail.from)}</dd><dt>À</dt><dd>${escapeHtml(mail.to)}</dd>
      <dt>Sujet</dt><dd>${escapeHtml(mail.subject)}</dd><dt>Reçu</dt><dd>${mail.receivedAt}</dd>
      <dt>Pièces jointes</dt><dd>${mail.attachments.map((a) => escapeHtml(a.filename ?? a.contentType)).join(', ') || 'aucune'}</dd></dl>
      <pre>${escapeHtml(mail.text)}</pre>`));
  });
  app.get('/', (_req, res) => {
    const rows = [...messages]
      .reverse()
      .map((m) => `<tr><td>${m.receivedAt}</td><td>${escapeHtml(m.to)}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`)
      .join('');
    res.type('html').send(page('Courriels envoyés par la plateforme', messages.length
      ? `<table><caption>${messages.length} message(s), le plus récent en premier</caption><thead><tr><th scope="col">Reçu</th><th scope="col">Destinataire</th><th scope="col">Sujet</th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p>Aucun message pour le moment.</p>'));
  });
  const web: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    web.once('error', reject);
    web.listen(options.webPort ?? 0, '127.0.0.1', () => resolve());
  });
  const webPort = (web.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://127.0.0.1:${webPort}`,
    messages,
    setRefusing: (value) => {
      refusing = value;
    },
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}td,th{border:1px solid #888;padding:.3rem .6rem;text-align:left}a{color:#0b4f9c}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
