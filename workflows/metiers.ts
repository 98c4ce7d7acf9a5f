// The métier reference list (ROME, France Travail's public nomenclature), read from metiers-data.ts:
// grands domaines (A–N), domaines professionnels (« families », D11), fiches métiers (D1106) and their
// appellations as masculine/feminine pairs. Pure: importable by the API, the workflows and the web.
//
// Feminine job titles and search (issue #17, item 3): the French stemmer leaves « vendeuse » and
// « vendeur » apart. FEMININE_WORDS maps each feminine word form of the appellations to its masculine
// form (unaccented, lowercased), derived from the pairs below:
// - word by word where the two titles have the same number of words, each differing pair kept when the
//   two words share a stem (a common beginning of 3 letters at least and half of the shorter word):
//   « Vendeuse en boulangerie » / « Vendeur en boulangerie » gives vendeuse → vendeur; a hyphenated word
//   also gives its parts (aide-soignante → aide-soignant, soignante → soignant);
// - a pair of different words (« Garçon de café » / « Serveuse de café », « Valet de chambre » /
//   « Femme de chambre ») shares no stem: left out, as are pairs whose word counts differ (the titles
//   are then different wordings, not forms of one another);
// - a feminine form that would map to two different masculine forms is left out (FEMININE_CONFLICTS
//   lists them; the unit tests keep it empty).
import { DOMAIN_LABELS, FAMILY_LABELS, FICHES } from './metiers-data.js';

export interface Appellation {
  masculine: string;
  feminine: string;
}

export interface Metier {
  /** ROME code: the domain's letter and 4 digits (D1106). */
  code: string;
  /** The fiche's title (« Vente en alimentation »). */
  title: string;
  /** Its domaine professionnel (D11). */
  family: string;
  /** Its grand domaine (D). */
  domain: string;
  appellations: readonly Appellation[];
}

export interface Domain {
  code: string;
  label: string;
}

export interface Family {
  code: string;
  label: string;
  domain: string;
}

/** Lowercase, without accents or ligatures, typographic apostrophes made plain. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/[’‘`]/g, "'")
    .toLowerCase();
}

/** Reads one appellation of metiers-data.ts (see its header for the notation). */
export function parseAppellation(written: string): Appellation {
  const bar = written.split('|');
  if (bar.length === 2) return { masculine: bar[0]!.trim(), feminine: bar[1]!.trim() };
  if (bar.length > 2) throw new Error(`appellation « ${written} » : une seule barre attendue`);
  const masculine: string[] = [];
  const feminine: string[] = [];
  for (const word of written.split(' ')) {
    const forms = word.split('/');
    if (forms.length > 2 || forms.some((f) => !f)) throw new Error(`appellation « ${written} » : « ${word} » mal écrit`);
    masculine.push(forms[0]!);
    feminine.push(forms[1] ?? forms[0]!);
  }
  return { masculine: masculine.join(' '), feminine: feminine.join(' ') };
}

export const DOMAINS: readonly Domain[] = Object.entries(DOMAIN_LABELS).map(([code, label]) => ({ code, label }));

export const FAMILIES: readonly Family[] = Object.entries(FAMILY_LABELS).map(([code, label]) => ({ code, label, domain: code[0]! }));

export const METIERS: readonly Metier[] = FICHES.map(([code, title, appellations]) => ({
  code,
  title,
  family: code.slice(0, 3),
  domain: code[0]!,
  appellations: appellations.map(parseAppellation),
}));

const BY_CODE = new Map(METIERS.map((m) => [m.code, m]));
const FAMILY_BY_CODE = new Map(FAMILIES.map((f) => [f.code, f]));

export const metierByCode = (code: string): Metier | undefined => BY_CODE.get(code.trim().toUpperCase());

/** D1106 → D11 (the domaine professionnel), also for a code not in the list; undefined for a malformed one. */
export function familyOf(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  return /^[A-N]\d{4}$/.test(c) ? c.slice(0, 3) : undefined;
}

/** D1106 → D (the grand domaine). */
export function domainOf(code: string): string | undefined {
  return familyOf(code)?.[0];
}

export const familyLabel = (family: string): string | undefined => FAMILY_BY_CODE.get(family)?.label;
export const domainLabel = (domain: string): string | undefined => DOMAIN_LABELS[domain];

/** « Vente en alimentation » for D1106; the code itself for a code not in the list. */
export function metierLabel(code: string): string {
  return metierByCode(code)?.title ?? code;
}

/** Every title of a fiche (its title, each appellation's masculine and feminine), once each: for the search document. */
export function metierTitles(code: string): string[] {
  const m = metierByCode(code);
  if (!m) return [];
  return [...new Set([m.title, ...m.appellations.flatMap((a) => [a.masculine, a.feminine])])];
}

// ---- The feminine word forms -----------------------------------------------------------------------

/** The words of a title as the map keys them: split on spaces and apostrophes (« d’engins » → d, engins). */
const wordsOf = (title: string): string[] => normalize(title).split(/[\s']+/).filter(Boolean);

function sharesStem(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i >= 3 && i * 2 >= Math.min(a.length, b.length);
}

function deriveFeminineWords(): { words: Map<string, string>; conflicts: string[] } {
  const found = new Map<string, Set<string>>();
  const add = (feminine: string, masculine: string) => {
    if (feminine === masculine || !sharesStem(feminine, masculine)) return;
    (found.get(feminine) ?? found.set(feminine, new Set()).get(feminine)!).add(masculine);
  };
  for (const m of METIERS) {
    for (const { masculine, feminine } of m.appellations) {
      const mw = wordsOf(masculine);
      const fw = wordsOf(feminine);
      if (mw.length !== fw.length) continue;
      mw.forEach((word, i) => {
        const f = fw[i]!;
        if (f === word) return;
        add(f, word);
        const mParts = word.split('-');
        const fParts = f.split('-');
        if (mParts.length > 1 && mParts.length === fParts.length) mParts.forEach((part, j) => add(fParts[j]!, part));
      });
    }
  }
  const words = new Map<string, string>();
  const conflicts: string[] = [];
  for (const [feminine, masculines] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    if (masculines.size === 1) words.set(feminine, [...masculines][0]!);
    else conflicts.push(`${feminine} → ${[...masculines].join(' | ')}`);
  }
  return { words, conflicts };
}

const derived = deriveFeminineWords();

/** Feminine word form → masculine form, unaccented and lowercased (vendeuse → vendeur, cheffe → chef). */
export const FEMININE_WORDS: ReadonlyMap<string, string> = derived.words;
/** Feminine forms left out because the pairs gave them two masculine forms (kept empty by the tests). */
export const FEMININE_CONFLICTS: readonly string[] = derived.conflicts;

/**
 * The masculine form of a word when the list knows it as a feminine form (« Vendeuse » → « vendeur »),
 * else the word normalized (lowercase, unaccented). For a search: rewrite each query word with it, and
 * index the masculine titles (metierTitles gives both).
 */
export function masculineOfWord(word: string): string {
  const w = normalize(word);
  return FEMININE_WORDS.get(w) ?? w;
}

/**
 * The text with each feminine word form the list knows replaced by its masculine form (unaccented, as
 * FEMININE_WORDS keys it), everything else as it was: « Vendeuse en boulangerie, -caissière "cheffe de
 * rayon" » → « vendeur en boulangerie, -caissier "chef de rayon" ». For the search, on both sides: the
 * query (before websearch_to_tsquery: quotes, `-` and OR are kept) and the indexed text (CV, titles),
 * so « vendeur » finds « vendeuse » and the other way round. A hyphenated word is looked up whole, then
 * part by part (« aide-soignante » → « aide-soignant »).
 */
export function masculineText(text: string): string {
  return text.replace(/[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu, (word) => {
    const whole = FEMININE_WORDS.get(normalize(word));
    if (whole) return whole;
    if (!word.includes('-')) return word;
    return word
      .split('-')
      .map((part) => FEMININE_WORDS.get(normalize(part)) ?? part)
      .join('-');
  });
}

// ---- The picker's search -----------------------------------------------------------------------------

export interface MetierMatch {
  metier: Metier;
  /** The title that matched best (an appellation in the searched form, or the fiche's title). */
  matched: string;
  score: number;
}

/** Words a query may carry that say nothing of the métier. */
const STOP_WORDS = new Set(['de', 'd', 'du', 'des', 'la', 'le', 'les', 'l', 'en', 'et', 'a', 'au', 'aux', 'sur', 'pour', 'h', 'f']);

/** Words for matching: normalized, hyphens and apostrophes as spaces. */
const tokens = (text: string): string[] => normalize(text).split(/[^a-z0-9]+/).filter(Boolean);

interface Indexed {
  metier: Metier;
  /** Each title with its normalized form and words, fiche title last. */
  titles: { text: string; norm: string; words: string[] }[];
}

const INDEX: Indexed[] = METIERS.map((metier) => ({
  metier,
  titles: [...metier.appellations.flatMap((a) => (a.masculine === a.feminine ? [a.masculine] : [a.masculine, a.feminine])), metier.title].map((text) => {
    const words = tokens(text);
    return { text, norm: words.join(' '), words };
  }),
}));

function scoreTitle(query: string, queryWords: string[], title: Indexed['titles'][number]): number {
  if (title.norm === query) return 1000;
  // Every word of the query begins a word of the title.
  const positions: number[] = [];
  for (const q of queryWords) {
    const at = title.words.findIndex((w, i) => w.startsWith(q) && !positions.includes(i));
    if (at < 0) return 0;
    positions.push(at);
  }
  let score = 500;
  if (title.norm.startsWith(query)) score += 200;
  // Whole words over beginnings, earlier words over later ones, shorter titles over longer ones.
  score += queryWords.filter((q, i) => title.words[positions[i]!] === q).length * 40;
  score -= positions.reduce((a, b) => a + b, 0) * 5;
  score -= title.words.length * 3;
  return score;
}

/**
 * The fiches a picker offers for what was typed, best first: accent-, case- and hyphen-insensitive,
 * each word of the query beginning a word of one title (masculine or feminine appellation, or the fiche's
 * title; « de », « en »… ignored); an exact title first; a ROME code (D1106) finds its fiche. Nothing
 * for an empty query.
 */
export function searchMetiers(query: string, limit = 10): MetierMatch[] {
  const all = tokens(query);
  if (!all.length || limit < 1) return [];
  const norm = all.join(' ');
  const code = query.trim().toUpperCase();
  if (/^[A-N]\d{4}$/.test(code)) {
    const m = BY_CODE.get(code);
    return m ? [{ metier: m, matched: m.title, score: 2000 }] : [];
  }
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  const queryWords = meaningful.length ? meaningful : all;
  const found: MetierMatch[] = [];
  for (const entry of INDEX) {
    let best: MetierMatch | null = null;
    for (const title of entry.titles) {
      const score = scoreTitle(norm, queryWords, title);
      if (score > (best?.score ?? 0)) best = { metier: entry.metier, matched: title.text, score };
    }
    if (best) found.push(best);
  }
  return found.sort((a, b) => b.score - a.score || a.metier.code.localeCompare(b.metier.code)).slice(0, limit);
}
