// Schema pieces every route shares: ids, bounded text, status filters, pagination, and the person and
// history shapes of PRODUCT.md (history oldest first: type, at, actor, message).
import { z } from 'zod';
import { findDepartment, unknownDepartment } from '../workflows/departments.js';

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

/** One of these values, refused in French naming them all: « type de contrat inconnu : CDI, CDD… ». */
export const enumOf = <T extends string>(values: readonly T[], what: string) => z.enum(values as [T, ...T[]], { error: `${what} inconnu : ${values.join(', ')}` });

export const page = z.coerce.number({ error: 'numéro de page attendu' }).int().min(1).max(10_000).default(1);
export const pageSize = z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(100, '100 au plus').default(20);

export const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });
export const historyItem = z
  .object({
    type: z.string(),
    at: z.string(),
    // id null: a candidate the reader knows by their number only (an anonymous application).
    actor: person.extend({ id: z.uuid().nullable(), role: z.string() }).nullable(),
    message: z.string().nullable(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
  })
  .meta({ id: 'HistoryEvent' });

/** `{ items, total, page, pageSize }` of PRODUCT.md. */
export const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() }).meta({ id });

/** Allowed values separated by commas in a query string (« CDI,CDD », any case), as the values themselves, named in the refusal. */
export const csvOf = <T extends string | number>(values: readonly T[], what: string) =>
  z
    .string()
    .max(500)
    .transform((value, ctx) => {
      const list = value.split(',').map((s) => s.trim()).filter(Boolean);
      const found = list.map((s) => values.find((v) => String(v).toUpperCase() === s.toUpperCase()));
      const unknown = list.filter((_, i) => found[i] === undefined);
      if (unknown.length) ctx.addIssue({ code: 'custom', message: `${what} inconnu : ${unknown.join(', ')} (valeurs : ${values.join(', ')})` });
      return [...new Set(found.filter((v): v is T => v !== undefined))];
    });

/** Départements by number or name, separated by commas (no département's name has one), as their numbers. */
export const departmentList = z
  .string()
  .max(500)
  .transform((value, ctx) => {
    const list = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = list.filter((d) => !findDepartment(d));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: unknownDepartment(unknown.join(', ')) });
    return [...new Set(list.map((d) => findDepartment(d) ?? d))];
  });
