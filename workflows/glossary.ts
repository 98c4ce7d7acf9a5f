// The platform's vocabulary, one place for the web app, the mails and notifications, the API's
// messages and the back office (README « Vocabulaire » lists the chosen forms; test/rules/glossary.test.ts
// fails on the forms given up). Pure code, no dependency: the browser bundle carries it too.

/** The word for a meeting of an application, everywhere (never « rendez-vous », which said the same thing). */
export const INTERVIEW = 'entretien';

/**
 * The outcomes of an application, one word family per outcome for its state, its button and its line
 * in the history (the button said « Embauche favorable » while the state said « Recrutée »).
 */
export const OUTCOME = {
  hired: { state: 'retenue : recrutement', action: 'Recruter', event: 'Candidature retenue : recrutement', done: 'Recrutement enregistré.' },
  notHired: { state: 'non retenue après entretien', action: 'Ne pas retenir', event: 'Candidature non retenue après entretien', done: 'Candidature non retenue après entretien.' },
} as const;

// Words whose h is aspirated (« de » stays whole: « de Hauts-de-France Emploi »): the common ones a
// name may begin with. Before any other h, « de » elides (« d’Hélène », « d’Hôtel Dieu »).
const ASPIRATED_H = ['haie', 'haine', 'hall', 'halte', 'hamac', 'hameau', 'hanche', 'handicap', 'hangar', 'hareng', 'haricot', 'harpe', 'hasard', 'hate', 'haut', 'hausse', 'havre', 'heros', 'hibou', 'hockey', 'hollande', 'homard', 'hongrie', 'honte', 'hors', 'housse', 'houx', 'hublot', 'huit', 'hutte'];

/** Whether « de » elides before this word: a vowel, an y before a consonant, or a mute h. */
export function elides(word: string): boolean {
  const text = word.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (/^[aeiou]/i.test(text)) return true;
  if (/^y[^aeiouy]/i.test(text)) return true; // « d’Yves », but « de Yann »
  if (/^h[aeiouy]/i.test(text)) return !ASPIRATED_H.some((start) => text.toLowerCase().startsWith(start));
  return false;
}

/** « de » before a name or a word: « d’Atelier Inclusif », « de Société Martin », « d’Hélène Roy ». */
export const de = (name: string) => (elides(name) ? `d’${name.trim()}` : `de ${name.trim()}`);

const LISTS = { et: new Intl.ListFormat('fr', { type: 'conjunction' }), ou: new Intl.ListFormat('fr', { type: 'disjunction' }) };

/** « a », « a et b », « a, b et c » (or « ou »), by the platform's Intl.ListFormat. */
export const frenchList = (items: readonly string[], conjunction: 'et' | 'ou' = 'et') => LISTS[conjunction].format(items);
