// Request and response shapes of recruiter registration, company verification and colleagues: parsed
// with zod, documented from the same schemas.
import { z } from 'zod';
import { historyItem, listOf, page, pageSize, person, statusList, text, uuid } from '../schemas.js';
import { passwordWeakness } from '../../models/passwords.js';
import { TERMS_VERSION } from '../../workflows/account-rules.js';
import { personName } from '../../models/person-name.js';
import { normalizeCompanyNumber, sirenProblem, siretProblem } from '../../workflows/company-numbers.js';
import { ADMIN_ACTIONS, MEMBERSHIP_ACTIONS, MEMBERSHIP_KINDS, MEMBERSHIP_STATUSES } from '../../workflows/company-verification-rules.js';

const required = (max: number) => z.string({ error: 'obligatoire (texte attendu)' }).trim().min(1, 'obligatoire').max(max, `${max} caractères au plus`);
const optionalText = (max: number) =>
  z
    .string({ error: 'texte attendu' })
    .trim()
    .max(max, `${max} caractères au plus`)
    .nullish()
    .transform((v) => v || null);
const companyNumber = z.string({ error: 'texte attendu (les chiffres du numéro)' }).max(40, 'numéro trop long');
export const email = z
  .string({ error: 'adresse e-mail attendue' })
  .trim()
  .max(320, '320 caractères au plus')
  .email('adresse e-mail invalide')
  .transform((v) => v.toLowerCase());
const phone = z
  .string({ error: 'numéro de téléphone attendu' })
  .trim()
  .regex(/^\+?[0-9][0-9 .()-]{5,24}$/, 'numéro de téléphone attendu (ex. 04 72 00 00 00 ou +33 4 72 00 00 00)');
/** The platform's password rule (seed 004), with its French reason. */
export const newPassword = z.string({ error: 'mot de passe attendu' }).superRefine((value, ctx) => {
  const weakness = passwordWeakness(value);
  if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
});

export const registerRecruiterBody = z
  .object({
    company: z
      .object({
        siren: companyNumber.optional(),
        siret: companyNumber.optional(),
        // Needed to register a new company; a request to join one already verified may leave them out
        // (the service says which are missing when they are needed).
        name: required(200).optional(),
        sector: required(200).optional(),
        size: required(50).optional(),
        address: required(300).optional(),
        postalCode: z.string({ error: 'code postal attendu' }).trim().regex(/^\d{5}$/, 'code postal à 5 chiffres attendu (ex. 69002)').optional(),
        city: required(120).optional(),
      })
      .strict()
      .superRefine((company, ctx) => {
        if (company.siren === undefined && company.siret === undefined) {
          ctx.addIssue({ code: 'custom', path: ['siren'], message: 'indiquez le numéro SIREN (9 chiffres) ou SIRET (14 chiffres) de l’entreprise' });
          return;
        }
        const sirenIssue = company.siren !== undefined ? sirenProblem(company.siren) : null;
        const siretIssue = company.siret !== undefined ? siretProblem(company.siret) : null;
        if (sirenIssue) ctx.addIssue({ code: 'custom', path: ['siren'], message: sirenIssue });
        if (siretIssue) ctx.addIssue({ code: 'custom', path: ['siret'], message: siretIssue });
        if (!sirenIssue && !siretIssue && company.siren !== undefined && company.siret !== undefined) {
          const siren = normalizeCompanyNumber(company.siren);
          const fromSiret = normalizeCompanyNumber(company.siret).slice(0, 9);
          if (siren !== fromSiret) {
            ctx.addIssue({ code: 'custom', path: ['siret'], message: `les 9 premiers chiffres du SIRET (${fromSiret}) doivent être le SIREN indiqué (${siren})` });
          }
        }
      })
      .transform((company) => {
        const siret = company.siret !== undefined ? normalizeCompanyNumber(company.siret) : null;
        const siren = company.siren !== undefined ? normalizeCompanyNumber(company.siren) : siret!.slice(0, 9);
        return { ...company, siren, siret };
      }),
    user: z
      .object({
        firstName: personName(),
        lastName: personName(),
        jobTitle: required(150),
        phone,
        email,
        password: newPassword,
      })
      .strict(),
    /** The version of the « Conditions d’utilisation » the person accepted (the box ticked): required. */
    acceptedTermsVersion: z
      .string({ error: 'cochez la case « J’accepte les conditions d’utilisation » pour vous inscrire' })
      .max(20, 'version inconnue')
      .refine((v) => v === TERMS_VERSION, `les conditions d’utilisation ont changé (version ${TERMS_VERSION}) : relisez-les et acceptez-les à nouveau`),
  })
  .strict()
  .meta({ id: 'RegisterRecruiter' });

/** GET /api/auth/company-lookup?number=: a SIREN or a SIRET, spaces allowed. */
export const companyLookupQuery = z
  .object({
    number: z
      .string({ error: 'numéro SIREN (9 chiffres) ou SIRET (14 chiffres) attendu' })
      .max(40, 'numéro trop long')
      .superRefine((value, ctx) => {
        const problem = normalizeCompanyNumber(value).length === 14 ? siretProblem(value) : sirenProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((value) => normalizeCompanyNumber(value).slice(0, 9)),
  })
  .strict();

export const companyLookupAnswer = z
  .object({
    siren: z.string(),
    /** NEW: not on the platform (or a sign-up that failed): register it; REGISTERED: verified, ask to join; PENDING: a sign-up being verified. */
    status: z.enum(['NEW', 'REGISTERED', 'PENDING']),
    /** The verified company's name (public, like its SIREN); null otherwise. */
    name: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: 'CompanyLookup' });

export const registerRecruiterResponse = z
  .object({
    companyId: z.uuid(),
    userId: z.uuid(),
    membershipId: z.uuid(),
    status: z.literal('PENDING_EMAIL_CONFIRMATION'),
    message: z.string(),
  })
  .meta({ id: 'RecruiterRegistration' });

export const confirmEmailQuery = z.object({ token: z.string().max(200).optional() });

export const confirmEmailResponse = z
  .object({
    outcome: z.enum(['CONFIRMED', 'ALREADY_CONFIRMED']),
    membershipStatus: z.enum(MEMBERSHIP_STATUSES),
    message: z.string(),
  })
  .meta({ id: 'EmailConfirmation' });

const reason = text(2000).nullish();
export const companyTransitionBody = z
  .discriminatedUnion(
    'action',
    [
      z.object({ action: z.literal('verify'), membershipId: uuid('membershipId').optional() }).strict(),
      z.object({ action: z.literal('reject'), membershipId: uuid('membershipId').optional(), reason }).strict(),
    ],
    { error: `action : une valeur parmi ${ADMIN_ACTIONS.join(', ')} (la confirmation de l’e-mail se fait par le lien reçu par e-mail)` },
  )
  .meta({ id: 'CompanyTransition' });


export const listCompaniesQuery = z
  .object({
    status: statusList(MEMBERSHIP_STATUSES).optional(),
    sort: z.enum(['oldest', 'newest'], { error: 'oldest ou newest' }).optional(),
    page,
    pageSize,
  })
  .strict();

export const inviteColleagueBody = z
  .object({
    firstName: personName(),
    lastName: personName(),
    email,
    jobTitle: optionalText(150),
    phone: phone.nullish().transform((v) => v ?? null),
  })
  .strict()
  .meta({ id: 'InviteColleague' });


export const membershipView = z
  .object({
    id: z.uuid(),
    kind: z.enum(MEMBERSHIP_KINDS),
    status: z.enum(MEMBERSHIP_STATUSES),
    statusChangedAt: z.string(),
    createdAt: z.string(),
    user: person.extend({ email: z.string(), jobTitle: z.string().nullable(), phone: z.string().nullable(), emailConfirmed: z.boolean() }),
    history: z.array(historyItem),
    allowedActions: z.array(z.enum(MEMBERSHIP_ACTIONS)),
    workflowId: z.string().nullable(),
  })
  .meta({ id: 'CompanyMembership' });

export const companyView = z
  .object({
    id: z.uuid(),
    siren: z.string(),
    siret: z.string().nullable(),
    name: z.string(),
    sector: z.string().nullable(),
    size: z.string().nullable(),
    address: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    status: z.enum(MEMBERSHIP_STATUSES),
    statusChangedAt: z.string(),
    createdAt: z.string(),
    /** The company's own verification (its founder's process), oldest first. */
    history: z.array(historyItem),
    allowedActions: z.array(z.enum(MEMBERSHIP_ACTIONS)),
    /** Requests not settled yet (the founder's while the company is not verified, then members'). */
    pendingMemberships: z.array(membershipView),
    workflowId: z.string().nullable(),
  })
  .meta({ id: 'Company' });

export const companyListItem = companyView
  .pick({ id: true, siren: true, name: true, city: true, status: true, statusChangedAt: true, createdAt: true })
  .extend({
    waitingSince: z.string().nullable(),
    waitingDays: z.number().nullable(),
    pendingMemberships: z.array(membershipView.pick({ id: true, kind: true, status: true, statusChangedAt: true, user: true })),
  })
  .meta({ id: 'CompanyListItem' });

export const companyList = listOf(companyListItem, 'CompanyList');

export const colleagueView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    jobTitle: z.string().nullable(),
    phone: z.string().nullable(),
    membership: z.object({ id: z.uuid(), kind: z.enum(MEMBERSHIP_KINDS), status: z.enum(MEMBERSHIP_STATUSES) }),
    invitedBy: person.nullable(),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Colleague' });

export const colleagueList = listOf(colleagueView, 'ColleagueList');

export const pageQuery = z
  .object({
    page: z.coerce.number({ error: 'numéro de page attendu' }).int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(100, '100 au plus').default(50),
  })
  .strict();
