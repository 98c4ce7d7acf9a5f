// Bodies and answers of the account deletion routes (DELETE /api/me, /api/me/deletion…).
import { z } from 'zod';
import { ACCOUNT_DELETION_STATUSES } from '../../workflows/account-deletion-rules.js';

/** DELETE /api/me takes no field: an empty body, or none. */
export const deleteMeBody = z.object({}).strict();
export const cancelDeletionBody = z.object({}).strict();

export const accountDeletionView = z
  .object({
    status: z.enum(ACCOUNT_DELETION_STATUSES),
    requestedAt: z.string(),
    dueAt: z.string().meta({ description: 'Fin du délai de grâce : la suppression a lieu à ce moment-là, sauf annulation.' }),
    reason: z.string().nullable().meta({ description: 'CANCELLED : pourquoi la suppression n’a pas pu avoir lieu (null : annulée par la personne).' }),
  })
  .meta({ id: 'AccountDeletion' });

export const accountDeletionAnswer = z.object({ deletion: accountDeletionView.nullable() }).meta({ id: 'AccountDeletionAnswer' });
