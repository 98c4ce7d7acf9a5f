// The activity of messageDigestWorkflow: one mail listing the messages a person has still not read in
// one thread, through the outbox (keyed by thread, reader and the last message listed: a retry sends
// it once, a later digest with newer messages is another mail). Nothing is sent when everything was
// read meanwhile, or when the person no longer belongs to the thread. The mail says who wrote and
// when, not what: message bodies can speak of health or accommodations, and stay behind the sign-in.
import { companyReaders, memberLabelFor, threadApplication, threadRecipients, unreadMessages } from '../models/application-threads.js';
import { threadPage } from '../workflows/message-rules.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { createMailer, renderMail } from './mail.js';
import { letterBlocks } from './notices.js';
import { channelsFor } from '../models/notification-preferences.js';

export interface SendMessageDigestInput {
  applicationId: string;
  userId: string;
  workflowId: string;
  /** The messages the workflow was told of (what is mailed is read again: what is still unread). */
  signalled: string[];
}

export type DigestOutcome = 'sent' | 'nothing-unread' | 'not-in-thread' | 'mail-not-wanted';

export function createMessageDigestActivities(deps: ActivityDeps) {
  const { sequelize, config, logger } = deps;
  const mailer = createMailer(deps);

  /** Whether this person wants message mails: their notification preferences, kind `message`. */
  async function wantsMessageMail(userId: string): Promise<boolean> {
    return (await channelsFor([userId], 'message')).get(userId)?.email ?? true;
  }

  return {
    async sendMessageDigest(input: SendMessageDigestInput): Promise<DigestOutcome> {
      const app = await threadApplication(sequelize, input.applicationId);
      if (!app) return 'not-in-thread';
      const reader = (await threadRecipients(sequelize, app)).find((p) => p.id === input.userId);
      if (!reader) return 'not-in-thread';
      if (!(await wantsMessageMail(reader.id))) return 'mail-not-wanted';
      const unread = await unreadMessages(sequelize, app.id, reader.id);
      const last = unread.at(-1);
      if (!last) return 'nothing-unread';

      const topic = `${app.offer_title ?? 'candidature spontanée'} (${app.company_name})`;
      const count = unread.length === 1 ? 'un nouveau message' : `${unread.length} nouveaux messages`;
      const lines = unread.map((m) => {
        const who = m.first_name === null ? 'Compte supprimé' : memberLabelFor(reader, { first_name: m.first_name, last_name: m.last_name ?? '', role: m.author_role }, app);
        return `${who}, le ${formatParisDateTime(m.created_at.toISOString())}`;
      });
      const { text, html } = renderMail(
        letterBlocks(
          reader.first_name,
          {
            paragraphs: [
              `Vous avez ${count} non lu${unread.length > 1 ? 's' : ''} dans la messagerie de la candidature ${topic}.`,
              'Pour votre confidentialité, le texte des messages n’est pas recopié dans cet e-mail : lisez-les et répondez sur Tremplin.',
            ],
            details: [{ kind: 'facts', items: lines.map((line, i): [string, string] => [`Message ${i + 1}`, line]) }],
            closing: [
              `Ce fil est lisible par ${companyReaders(app.company_name)}, la personne candidate${app.referent_id ? ', son référent' : ''}${app.mission_officer_id ? ', le chargé de mission qui suit le dossier' : ''} et l’équipe Tremplin.`,
            ],
          },
          { label: 'Lire les messages', href: `${config.PUBLIC_URL}${threadPage(app.id)}` },
        ),
      );
      await mailer.sendOnce({
        key: `message-digest:${app.id}:${reader.id}:${last.id}`,
        to: reader.email,
        subject: `${unread.length === 1 ? 'Nouveau message' : 'Nouveaux messages'} — ${topic}`,
        text,
        html,
        workflowId: input.workflowId,
      });
      logger.debug({ workflowId: input.workflowId, messages: unread.length }, 'message digest sent');
      return 'sent';
    },
  };
}
