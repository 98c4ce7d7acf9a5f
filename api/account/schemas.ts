// « Mon compte » (PATCH /api/me): what a person edits of their own account, and the account fields
// GET /api/me returns. The e-mail is not among them: it is how one signs in, and changing it would
// need a confirmation of the new address (the back office changes it).
import { z } from 'zod';
import type { User } from '../../models/index.js';
import { personName } from '../../models/person-name.js';
import { findDepartment, unknownDepartment } from '../../workflows/departments.js';

/** The roles a directory may list (GET /api/directory/…): référents and mission officers, recruiters. */
export const DIRECTORY_ROLES = ['REFERENT', 'MISSION_OFFICER', 'RECRUITER'] as const;
export const inDirectoryRole = (role: string) => (DIRECTORY_ROLES as readonly string[]).includes(role);

/** An empty text is no value: the field is cleared. */
const emptyAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/**
 * One line of text: no control character or line break (a line would end there wherever it is shown),
 * no invisible or bidirectional formatting character (U+202E turns the text around on screen). Written
 * without the `u` flag, so the OpenAPI document carries the pattern as it is.
 */
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]*$/;
const line = (max: number) =>
  z
    .string({ error: 'texte attendu' })
    .trim()
    .max(max, `${max} caractères au plus`)
    .regex(ONE_LINE, 'une seule ligne de texte, sans caractère de contrôle ni caractère invisible');
const optionalLine = (max: number) => z.preprocess(emptyAsNull, line(max).nullable()).optional();

export const phone = z
  .string({ error: 'numéro de téléphone attendu' })
  .trim()
  .regex(/^\+?[0-9][0-9 .()-]{5,24}$/, 'numéro de téléphone attendu (ex. 06 12 34 56 78 ou +33 6 12 34 56 78)');

/** A département by number or by name (workflows/departments.ts), kept as its number. */
const department = z.string({ error: 'numéro ou nom de département attendu' }).transform((value, ctx) => {
  const code = findDepartment(value);
  if (!code) ctx.addIssue({ code: 'custom', message: unknownDepartment(value) });
  return code ?? value;
});

export const updateMeBody = z
  .object({
    firstName: personName().optional(),
    lastName: personName().optional(),
    phone: z.preprocess(emptyAsNull, phone.nullable()).optional(),
    jobTitle: optionalLine(150),
    /** « Entretien en visio possible » (seed 000). */
    videoInterviews: z.boolean({ error: 'oui ou non attendu' }).optional(),
    /** Directory fields: shown in the directory of référents (référents and mission officers). */
    function: optionalLine(150),
    establishment: optionalLine(200),
    department: z.preprocess(emptyAsNull, department.nullable()).optional(),
    /** Consent to appear in a directory; false withdraws it at once. */
    directoryConsent: z.boolean({ error: 'oui ou non attendu' }).optional(),
  })
  .strict()
  .meta({ id: 'UpdateMe' });

export type UpdateMe = z.output<typeof updateMeBody>;

/** The fields of GET /api/me that « Mon compte » edits (with the time the directory consent was given). */
export const accountShape = {
  phone: z.string().nullable(),
  videoInterviews: z.boolean(),
  function: z.string().nullable(),
  establishment: z.string().nullable(),
  department: z.string().nullable(),
  directoryConsent: z.boolean(),
  directoryConsentAt: z.string().nullable(),
};

export function accountFields(user: User) {
  return {
    phone: user.phone ?? null,
    videoInterviews: user.videoInterviews ?? false,
    function: user.directoryFunction ?? null,
    establishment: user.directoryEstablishment ?? null,
    department: user.directoryDepartment ?? null,
    directoryConsent: !!user.directoryConsentAt,
    directoryConsentAt: user.directoryConsentAt ? new Date(user.directoryConsentAt).toISOString() : null,
  };
}
