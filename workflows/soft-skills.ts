// Soft skills (« savoir-être professionnels », issue #19 item 4; seed 002: « les comportements qui guident
// le candidat, ses traits de caractère… cliquez dessus pour en voir la définition »): the 14 of France
// Travail's list, as data. One definition read by the API (what a profile accepts), the web form (each
// box with its definition), the CVthèque's profile page and the anti-CV. Codes are stable (stored in
// candidate_profiles.soft_skills); labels and definitions may be reworded. The definitions are ours,
// in plain French (FALC-friendly: short sentences, everyday words), not France Travail's.

export const SOFT_SKILLS = [
  'AUTONOMY',
  'ADAPTABILITY',
  'DECISION_MAKING',
  'CURIOSITY',
  'INITIATIVE',
  'STRESS_MANAGEMENT',
  'PERSEVERANCE',
  'PERSPECTIVE',
  'RESPONSIVENESS',
  'RIGOUR',
  'COMMUNICATION',
  'ORGANISATION',
  'TEAMWORK',
  'RESPONSIBILITY',
] as const;
export type SoftSkill = (typeof SOFT_SKILLS)[number];

/** How many a profile may hold: a few that say something, not the whole list. */
export const SOFT_SKILLS_MAX = 5;

export const SOFT_SKILL_LABEL: Record<SoftSkill, string> = {
  AUTONOMY: 'Autonomie',
  ADAPTABILITY: 'Capacité d’adaptation',
  DECISION_MAKING: 'Capacité de décision',
  CURIOSITY: 'Curiosité',
  INITIATIVE: 'Force de proposition',
  STRESS_MANAGEMENT: 'Gestion du stress',
  PERSEVERANCE: 'Persévérance',
  PERSPECTIVE: 'Prise de recul',
  RESPONSIVENESS: 'Réactivité',
  RIGOUR: 'Rigueur',
  COMMUNICATION: 'Sens de la communication',
  ORGANISATION: 'Sens de l’organisation',
  TEAMWORK: 'Travail en équipe',
  RESPONSIBILITY: 'Sens des responsabilités',
};

/** One sentence each, in plain words: what the person does, not a judgement. */
export const SOFT_SKILL_DEFINITION: Record<SoftSkill, string> = {
  AUTONOMY: 'Je sais faire mon travail seul ou seule, sans qu’on me dise tout, et je demande de l’aide quand il le faut.',
  ADAPTABILITY: 'Je m’habitue vite aux changements : un nouveau lieu, de nouvelles personnes, une nouvelle façon de faire.',
  DECISION_MAKING: 'Je sais choisir quoi faire, même vite, et j’assume mon choix.',
  CURIOSITY: 'J’aime apprendre des choses nouvelles et je pose des questions pour comprendre.',
  INITIATIVE: 'Je propose des idées pour améliorer le travail, sans attendre qu’on me le demande.',
  STRESS_MANAGEMENT: 'Je reste calme quand il y a beaucoup de travail, une urgence ou un imprévu.',
  PERSEVERANCE: 'Je continue mes efforts même quand c’est difficile, jusqu’à ce que le travail soit fini.',
  PERSPECTIVE: 'Je prends le temps de réfléchir avant d’agir, et je regarde la situation dans son ensemble.',
  RESPONSIVENESS: 'J’agis vite quand il se passe quelque chose, pour trouver une solution.',
  RIGOUR: 'Je travaille avec soin, je suis les consignes et je vérifie ce que je fais.',
  COMMUNICATION: 'Je m’exprime clairement, j’écoute les autres et je donne les informations utiles.',
  ORGANISATION: 'Je prépare et range mon travail, je sais quoi faire d’abord et je respecte les délais.',
  TEAMWORK: 'J’aime travailler avec d’autres personnes : j’aide, je partage et je respecte chacun.',
  RESPONSIBILITY: 'Je tiens mes engagements, je fais attention aux personnes et au matériel, et je reconnais mes erreurs.',
};

/** « Label — définition », for lists where the definition follows the word (the anti-CV). */
export const softSkillText = (code: SoftSkill) => `${SOFT_SKILL_LABEL[code]} — ${SOFT_SKILL_DEFINITION[code]}`;

/** Only the codes this vocabulary knows, in the vocabulary's order: an old or foreign code is left out. */
export function knownSoftSkills(codes: readonly string[]): SoftSkill[] {
  return SOFT_SKILLS.filter((code) => codes.includes(code));
}
