// The directories (seed 001 « L’annuaire »): référents and mission officers who consented, and verified
// companies with their published offers and the recruiters who consented.
import { z } from 'zod';
import { findDepartment, unknownDepartment } from '../../workflows/departments.js';
import { listOf, page, pageSize } from '../schemas.js';

const q = z.string({ error: 'texte attendu' }).trim().max(100, '100 caractères au plus').optional();

export const referentDirectoryQuery = z
  .object({
    q,
    // Numbers or names, separated by commas (no département's name has one), as the offer search takes them.
    department: z
      .string({ error: 'numéro ou nom de département attendu' })
      .max(500, '500 caractères au plus')
      .transform((value, ctx) => {
        const list = value.split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = list.filter((d) => !findDepartment(d));
        if (unknown.length) ctx.addIssue({ code: 'custom', message: unknownDepartment(unknown.join(', ')) });
        return list.map((d) => findDepartment(d) ?? d);
      })
      .optional(),
    page,
    pageSize,
  })
  .strict();

export const companyDirectoryQuery = z.object({ q, page, pageSize }).strict();

export const directoryReferent = z
  .object({
    id: z.uuid(),
    role: z.enum(['REFERENT', 'MISSION_OFFICER']),
    firstName: z.string(),
    lastName: z.string(),
    function: z.string().nullable(),
    establishment: z.string().nullable(),
    /** A département's number, and its name. */
    department: z.string().nullable(),
    departmentName: z.string().nullable(),
    email: z.string(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'DirectoryReferent' });

export const directoryRecruiter = z
  .object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), jobTitle: z.string().nullable(), email: z.string(), phone: z.string().nullable() })
  .meta({ id: 'DirectoryRecruiter' });

export const directoryCompany = z
  .object({
    id: z.uuid(),
    name: z.string(),
    sector: z.string().nullable(),
    city: z.string().nullable(),
    /** Offers online now. */
    publishedOffers: z.number(),
    /** The latest of them (10 at most), each at /offres/:id. */
    offers: z.array(z.object({ id: z.uuid(), title: z.string(), city: z.string(), link: z.string() })),
    /** Its recruiters who consented to appear in the directory. */
    recruiters: z.array(directoryRecruiter),
  })
  .meta({ id: 'DirectoryCompany' });

export const referentDirectory = listOf(directoryReferent, 'ReferentDirectory');
export const companyDirectory = listOf(directoryCompany, 'CompanyDirectory');
