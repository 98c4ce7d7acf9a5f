// Schema pieces every route shares: ids, bounded text, status filters, pagination, and the person and
// history shapes of PRODUCT.md (history oldest first: type, at, actor, message).
import { z } from 'zod';

export const uuid = (what: string) => z.uuid({ error: `${what} doit être un identifiant (UUID)` });
export const text = (max: number) => z.string({ error: 'texte attendu' }).max(max, `${max} caractères au plus`);

/** `?status=A,B` or `all`, each value checked against the process's states; empty: no filter. */
export function statusList<S extends string>(statuses: readonly S[]) {
  return z
    .string()
    .max(500)
    .transform((value, ctx) => {
      if (value === 'all') return [...statuses];
      const wanted = value.split(',').map((s) => s.trim()).filter(Boolean);
      // `?status=` (empty) filters nothing, as without the parameter (an empty IN () is no SQL).
      if (wanted.length === 0) return undefined;
      const unknown = wanted.filter((s) => !(statuses as readonly string[]).includes(s));
      if (unknown.length) ctx.addIssue({ code: 'custom', message: `statut inconnu : ${unknown.join(', ')} (valeurs : ${statuses.join(', ')} ou all)` });
      return wanted as S[];
    });
}

export const page = z.coerce.number({ error: 'numéro de page attendu' }).int().min(1).max(10_000).default(1);
export const pageSize = z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(100, '100 au plus').default(20);

export const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });
export const historyItem = z
  .object({
    type: z.string(),
    at: z.string(),
    actor: person.extend({ role: z.string() }).nullable(),
    message: z.string().nullable(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
  })
  .meta({ id: 'HistoryEvent' });

/** `{ items, total, page, pageSize }` of PRODUCT.md. */
export const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() }).meta({ id });
