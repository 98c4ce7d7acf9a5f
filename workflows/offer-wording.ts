// The wording checks shown before an offer is submitted (H/F mention, discriminating criteria):
// warnings for the recruiter and the moderator, never blocking. Pure code, shared by the API and the web app.

export type OfferWarningCode =
  | 'GENDER_MENTION_MISSING'
  | 'DISCRIMINATION_AGE'
  | 'DISCRIMINATION_SEX'
  | 'DISCRIMINATION_ORIGIN'
  | 'DISCRIMINATION_APPEARANCE'
  | 'DISCRIMINATION_HEALTH'
  | 'DISCRIMINATION_FAMILY'
  | 'DISCRIMINATION_BELIEFS';

export interface OfferWarning {
  code: OfferWarningCode;
  /** What is wrong and why, in French, for the recruiter. */
  message: string;
  /** The words concerned, with a little context. */
  excerpt: string;
  /** The field they were found in. */
  field: OfferTextField;
}

/** The fields the warnings read; anything else of the offer is ignored. */
export type OfferTextField = 'title' | 'job' | 'description' | 'experience' | 'education' | 'screeningQuestion';
export type OfferText = Partial<Record<OfferTextField, string | null | undefined>>;

const TEXT_FIELDS: readonly OfferTextField[] = ['title', 'job', 'description', 'experience', 'education', 'screeningQuestion'];

const LAW = '(Code du travail, art. L. 1132-1 et L. 5331-2)';

const CRITERIA: Record<Exclude<OfferWarningCode, 'GENDER_MENTION_MISSING'>, { message: string; patterns: RegExp[] }> = {
  DISCRIMINATION_AGE: {
    message: `Critère d’âge : une offre ne peut pas exclure des candidats selon leur âge ${LAW}. Décrivez plutôt l’expérience ou les compétences attendues.`,
    patterns: [
      /\bjeunes?\b(?!\s+(entreprise|societe|start-?up|structure|pousse))/,
      /\b(moins|plus) de \d{2} ans\b(?!\s*(d['’ ]?\s*)?(experience|anciennete|pratique|metier|carriere))/,
      /\bentre \d{2} et \d{2} ans\b(?!\s*(d['’ ]?\s*)?(experience|anciennete|pratique))/,
      /\b\d{2}\s*(-|–|a)\s*\d{2}\s*ans\b(?!\s*(d['’ ]?\s*)?(experience|anciennete|pratique))/,
      /\bage (minimum|maximum|minimal|maximal|max|min|limite|requis)\b/,
      /\bages? (de|entre) \d{2}/,
      /\bjunior dynamique\b/,
    ],
  },
  DISCRIMINATION_SEX: {
    message: `Critère de sexe : une offre s’adresse aux femmes comme aux hommes ${LAW}. Gardez la mention H/F et un intitulé neutre.`,
    patterns: [/\b(femmes?|hommes?|filles?|garcons?|masculins?|feminins?)\b/, /\bde sexe\b/],
  },
  DISCRIMINATION_ORIGIN: {
    message: `Critère d’origine ou de nationalité : il ne peut pas être exigé ${LAW}. Indiquez plutôt le niveau de langue ou les titres requis.`,
    patterns: [
      /\bnationalite (francaise|europeenne|etrangere)\b/,
      /\bde souche\b/,
      /\b(d['’ ]\s*)?origine (francaise|europeenne|etrangere|maghrebine|africaine|asiatique)\b/,
      /\btype (europeen|caucasien|africain|asiatique|maghrebin)\b/,
      /\bfrancaise? de naissance\b/,
      /\blangue maternelle\b/,
      /\b(sans|pas d['’ ]\s*)accent\b/,
      /\bcouleur de (la )?peau\b/,
    ],
  },
  DISCRIMINATION_APPEARANCE: {
    message: `Critère d’apparence physique : il ne peut pas être exigé ${LAW}. Décrivez plutôt la tenue professionnelle attendue, le cas échéant.`,
    patterns: [
      /\b(tres )?bonne presentation\b/,
      /\b(belle|excellente) presentation\b/,
      /\bphysique (agreable|avenant|attrayant|plaisant)\b/,
      /\b(bon|joli) physique\b/,
      /\b(minces?|sveltes?)\b/,
      /\bphoto (obligatoire|exigee|indispensable)\b/,
    ],
  },
  DISCRIMINATION_HEALTH: {
    message: `Critère de santé ou de handicap : une offre ne peut pas écarter les personnes en situation de handicap ${LAW}. Décrivez les tâches ; les aménagements se discutent avec la personne.`,
    patterns: [
      /\bsans (aucun )?handicap\b/,
      /\b(non|pas) handicapes?\b/,
      /\b(en )?(bonne|parfaite|pleine) sante\b/,
      /\b(personnes?|candidats?|candidates?|profils?|etre|physiquement) valides?\b/,
      /\bvalides? uniquement\b/,
      /\b(pas de|sans|non) (rqth|travailleurs? handicapes?)\b/,
      /\baucun (probleme|souci|antecedent) (de sante|medical)\b/,
    ],
  },
  DISCRIMINATION_FAMILY: {
    message: `Critère de situation de famille ou de grossesse : il ne peut pas être demandé ${LAW}.`,
    patterns: [
      /\bcelibataires?\b/,
      /\bsans enfants?\b/,
      /\bpas d['’ ]\s*enfants?\b/,
      /\b(non|pas) enceinte\b/,
      /\bgrossesse\b/,
      /\bsituation (familiale|de famille)\b/,
    ],
  },
  DISCRIMINATION_BELIEFS: {
    message: `Critère de religion, d’opinions ou d’activité syndicale : il ne peut pas être demandé ${LAW}.`,
    patterns: [
      /\b(non[- ]?(syndiques?|croyants?|pratiquants?))\b/,
      /\bsans (appartenance|etiquette) (politique|syndicale|religieuse)\b/,
      /\b(religion|convictions? religieuses?)\b/,
    ],
  },
};

/** Inclusive forms that name both sexes: never a "sex" warning. */
const BOTH_SEXES = /\b(hommes?\s*(\/|-|ou|et|,)\s*femmes?|femmes?\s*(\/|-|ou|et|,)\s*hommes?)\b/g;
/** Jobs whose name contains one of the words without being about the candidate's sex. */
const SEX_WORD_JOBS = /\bsages?-femmes?\b|\bhommes? de (l['’ ]\s*)?art\b/g;

/** H/F, F/H, (H/F), H/F/X, F/H/NB, H-F, « hommes/femmes »… in the title. */
const GENDER_MENTION = /(^|[^\p{L}])(h\s*[/\-–|]\s*f|f\s*[/\-–|]\s*h)(\s*[/\-–|]\s*(x|nb|n))?(?![\p{L}])|hommes?\s*(\/|ou)\s*femmes?|femmes?\s*(\/|ou)\s*hommes?/iu;

export const hasGenderMention = (title: string) => GENDER_MENTION.test(title.normalize('NFC'));

/**
 * Lower case without accents, the same length as the (NFC) input, so a match's indices point into
 * the text the recruiter wrote.
 */
function fold(text: string): string {
  let out = '';
  for (const c of text) {
    const folded = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out += folded.length === c.length ? folded : c.toLowerCase().length === c.length ? c.toLowerCase() : c;
  }
  return out;
}

function excerptOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 30);
  const to = Math.min(text.length, end + 30);
  const before = text.slice(from, start).replace(/^\S*\s/, from > 0 ? '' : '$&');
  const after = text.slice(end, to).replace(/\s\S*$/, to < text.length ? '' : '$&');
  return `${from > 0 ? '…' : ''}${before}${text.slice(start, end)}${after}${to < text.length ? '…' : ''}`.replace(/\s+/g, ' ').trim();
}

/** What the recruiter (and the moderator) should look at again before publishing. */
export function offerWarnings(offer: OfferText): OfferWarning[] {
  const warnings: OfferWarning[] = [];
  const seen = new Set<string>();
  const add = (warning: OfferWarning) => {
    const key = `${warning.code}|${warning.field}|${warning.excerpt.toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      warnings.push(warning);
    }
  };
  const title = offer.title?.normalize('NFC').trim();
  if (title && !hasGenderMention(title)) {
    add({
      code: 'GENDER_MENTION_MISSING',
      field: 'title',
      excerpt: title,
      message: 'Mention H/F absente de l’intitulé : ajoutez « H/F » (ou « F/H », « H/F/X ») pour montrer que l’offre s’adresse à toutes et à tous.',
    });
  }
  for (const field of TEXT_FIELDS) {
    const original = offer[field]?.normalize('NFC');
    if (!original?.trim()) continue;
    const folded = fold(original);
    // Forms naming both sexes, and jobs like sage-femme, hide from the "sex" criterion only.
    const forSex = folded.replace(BOTH_SEXES, (m) => ' '.repeat(m.length)).replace(SEX_WORD_JOBS, (m) => ' '.repeat(m.length));
    for (const [code, criterion] of Object.entries(CRITERIA) as Array<[OfferWarningCode, (typeof CRITERIA)[keyof typeof CRITERIA]]>) {
      const haystack = code === 'DISCRIMINATION_SEX' ? forSex : folded;
      for (const pattern of criterion.patterns) {
        for (const match of haystack.matchAll(new RegExp(pattern.source, 'g'))) {
          const start = match.index;
          add({ code, field, message: criterion.message, excerpt: excerptOf(original, start, start + match[0].length) });
        }
      }
    }
  }
  return warnings;
}
