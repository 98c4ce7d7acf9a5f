// Telling people about a process event: one in-app notification and one e-mail per recipient, each
// keyed by (workflow, event, recipient) so a retried activity adds and sends nothing twice.
import type { CreationAttributes } from 'sequelize';
import { Notification } from '../models/index.js';
import type { ActivityDeps } from './deps.js';
import { createMailer, type OutgoingMail } from './mail.js';

export interface Notice {
  mail: OutgoingMail | null;
  notification: CreationAttributes<Notification>;
}

/** `${workflowId}:${seq}:${userId}`: the idempotency key of what one event tells one person. */
export const noticeKeyOf = (workflowId: string, seq: number, userId: string) => `${workflowId}:${seq}:${userId}`;

export function createNoticeSender(deps: ActivityDeps) {
  const mailer = createMailer(deps);
  return async function sendNotices(notices: Notice[], what: string): Promise<void> {
    if (notices.length === 0) return;
    // ON CONFLICT DO NOTHING on the idempotency key: a retry leaves the first notifications as they are.
    await Notification.bulkCreate(notices.map((n) => n.notification), { ignoreDuplicates: true });
    // Every mail is tried even if one fails, so one bad relay answer does not hold the others back;
    // the activity then fails and its retry only sends what is still unsent.
    const failures: unknown[] = [];
    const mails = notices.flatMap((n) => (n.mail ? [n.mail] : []));
    for (const mail of mails) {
      try {
        await mailer.sendOnce(mail);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      throw new Error(`${failures.length}/${mails.length} e-mail(s) non envoyé(s) pour ${what} : ${first}`, { cause: failures[0] });
    }
  };
}
