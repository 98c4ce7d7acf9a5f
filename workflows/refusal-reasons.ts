// Why a company says no (`refuse`, `not_hire`), as data: a code kept for statistics, its French label,
// the steps it fits, and a message the recruiter may start from (000: « un message type vous est
// proposé »). Adapted from les emplois de l’inclusion's refusal reasons to our steps. None names
// disability or health: a refusal for those reasons is discrimination (test/rules/refusal-reasons.test.ts).
// Pure code: shared by the rules (workflow, API) and the web app.

/**
 * Where the refusal comes: `refuse` before any interview was proposed, `refuse` once one was (it may
 * have been called off or not held), `not_hire` after the interview took place.
 */
export const REFUSAL_STEPS = ['refuse_before_interview', 'refuse_after_interview', 'not_hire'] as const;
export type RefusalStep = (typeof REFUSAL_STEPS)[number];

export const REFUSAL_ACTIONS = ['refuse', 'not_hire'] as const;
export type RefusalAction = (typeof REFUSAL_ACTIONS)[number];

export const REFUSAL_REASON_CODES = [
  'POSTE_POURVU',
  'AUCUN_POSTE_OUVERT',
  'COMPETENCES_NON_ADAPTEES',
  'CANDIDATURE_INCOMPLETE',
  'DISPONIBILITES_INCOMPATIBLES',
  'ENTRETIEN_NON_HONORE',
  'POSTE_DECLINE',
  'AUTRE',
] as const;
export type RefusalReasonCode = (typeof REFUSAL_REASON_CODES)[number];

/** Left in a template for the recruiter to replace: a message still holding it is refused. */
export const TEMPLATE_BLANK = '[précisez ici le motif]';

export interface RefusalReason {
  label: string;
  steps: readonly RefusalStep[];
  /** Addressed to the candidate: starts the message, which the recruiter reads and may change. */
  template: string;
}

const ALL_STEPS = REFUSAL_STEPS;
const THANKS = 'Bonjour,\n\nNous vous remercions pour l’intérêt que vous portez à notre entreprise et pour le temps consacré à votre candidature.';
const WISHES = 'Nous vous souhaitons une belle réussite dans vos démarches.\n\nBien cordialement,';
const letter = (...middle: string[]) => [THANKS, ...middle, WISHES].join('\n\n');

export const REFUSAL_REASONS: Record<RefusalReasonCode, RefusalReason> = {
  POSTE_POURVU: {
    label: 'Le poste a été pourvu',
    steps: ALL_STEPS,
    template: letter('Le poste a été pourvu entre-temps : nous ne pouvons donc pas donner suite à votre candidature cette fois-ci.', 'Vos compétences ont retenu notre attention : n’hésitez pas à candidater de nouveau à nos prochaines offres.'),
  },
  AUCUN_POSTE_OUVERT: {
    label: 'Pas de poste ouvert en ce moment',
    steps: ALL_STEPS,
    template: letter('Nous n’avons pas de poste ouvert en ce moment qui corresponde à votre candidature : nous ne pouvons donc pas y donner suite.', 'Nous publierons nos prochaines offres sur Tremplin : nous recevrons volontiers votre candidature.'),
  },
  COMPETENCES_NON_ADAPTEES: {
    label: 'Compétences ou expérience éloignées de celles du poste',
    steps: ALL_STEPS,
    template: letter(
      'Après étude attentive, les compétences ou l’expérience demandées pour ce poste ne correspondent pas à votre parcours actuel : nous ne pouvons pas donner suite.',
      'Votre référent peut vous aider à repérer des offres plus proches de votre expérience ou une formation utile.',
    ),
  },
  CANDIDATURE_INCOMPLETE: {
    label: 'Candidature pas assez renseignée pour être étudiée',
    steps: ['refuse_before_interview'],
    template: letter(
      'Votre candidature ne contient pas assez d’informations pour que nous puissions l’étudier (expérience, compétences, motivation).',
      'Avec votre référent, vous pouvez la compléter et nous l’envoyer de nouveau.',
    ),
  },
  DISPONIBILITES_INCOMPATIBLES: {
    label: 'Disponibilités (dates, horaires) incompatibles avec le poste',
    steps: ALL_STEPS,
    template: letter('Les dates ou les horaires du poste ne correspondent pas aux disponibilités que vous nous avez indiquées : nous ne pouvons donc pas donner suite.'),
  },
  ENTRETIEN_NON_HONORE: {
    label: 'Entretien non honoré, sans nouvelles de la personne',
    steps: ['refuse_after_interview'],
    template: letter(
      'Nous n’avons pas pu nous rencontrer lors de l’entretien prévu, et nos tentatives pour vous joindre sont restées sans réponse : nous clôturons donc votre candidature.',
      'Si vous avez eu un empêchement, vous pouvez nous écrire ou candidater de nouveau.',
    ),
  },
  POSTE_DECLINE: {
    label: 'Poste décliné par la personne candidate',
    steps: ALL_STEPS,
    template: letter('Comme vous nous l’avez indiqué, le poste ne vous convient pas : nous clôturons donc votre candidature, sans que cela ferme la porte à une prochaine offre.'),
  },
  AUTRE: {
    label: 'Autre motif',
    steps: ALL_STEPS,
    template: letter(`Nous ne pouvons pas donner suite à votre candidature, pour la raison suivante : ${TEMPLATE_BLANK}`),
  },
};

/** Code → label (the back office's values, the statistics' legend). */
export const REFUSAL_REASON_LABEL = Object.fromEntries(REFUSAL_REASON_CODES.map((code) => [code, REFUSAL_REASONS[code].label])) as Record<RefusalReasonCode, string>;

export const isRefusalAction = (action: string): action is RefusalAction => (REFUSAL_ACTIONS as readonly string[]).includes(action);

/** The step of a refusal: `not_hire`, or `refuse` before or after an interview was proposed (any round). */
export const refusalStep = (action: RefusalAction, interviewProposed: boolean): RefusalStep =>
  action === 'not_hire' ? 'not_hire' : interviewProposed ? 'refuse_after_interview' : 'refuse_before_interview';

/** The reasons offered at this step, in the order of the list (AUTRE last). */
export const reasonsFor = (step: RefusalStep): RefusalReasonCode[] => REFUSAL_REASON_CODES.filter((code) => REFUSAL_REASONS[code].steps.includes(step));

/** Every code some step of this action accepts (the API's schema; the step is checked by the rules). */
export const reasonCodesOf = (action: RefusalAction): RefusalReasonCode[] =>
  REFUSAL_REASON_CODES.filter((code) => REFUSAL_REASONS[code].steps.some((step) => (action === 'not_hire' ? step === 'not_hire' : step !== 'not_hire')));

export const isRefusalReason = (code: unknown): code is RefusalReasonCode => typeof code === 'string' && (REFUSAL_REASON_CODES as readonly string[]).includes(code);

/** The label of a stored code; an unknown one (data written by hand) shows as is. */
export const refusalReasonLabel = (code: string): string => (isRefusalReason(code) ? REFUSAL_REASONS[code].label : code);

/**
 * The reason's problem, as the sentence under its field (the rules add the field): none, unknown, not
 * for this step, or a message still holding the template's blank. Null when fine.
 */
export function refusalReasonProblem(step: RefusalStep, reason: unknown, message: unknown): { field: 'reason' | 'message'; reason: string } | null {
  if (reason === undefined || reason === null || reason === '') {
    return { field: 'reason', reason: 'choisissez le motif du refus ; il est transmis au candidat et à son référent avec votre message.' };
  }
  if (!isRefusalReason(reason) || !REFUSAL_REASONS[reason].steps.includes(step)) {
    return { field: 'reason', reason: `ce motif ne convient pas ${STEP_WORDS[step]} ; choisissez-en un parmi ceux proposés.` };
  }
  if (typeof message === 'string' && message.includes(TEMPLATE_BLANK)) {
    return { field: 'message', reason: `remplacez « ${TEMPLATE_BLANK} » par le motif, en quelques mots.` };
  }
  return null;
}

const STEP_WORDS: Record<RefusalStep, string> = {
  refuse_before_interview: 'avant tout entretien',
  refuse_after_interview: 'une fois un entretien proposé',
  not_hire: 'après un entretien',
};
