// The métier reference list (workflows/metiers.ts, issue #17 items 1 and 3): the ROME structure is
// well formed, the feminine word map the search relies on (« vendeuse » finds « vendeur ») holds the
// common pairs and nothing absurd, and the picker's search finds feminine, unaccented, unhyphenated
// typings with the exact title first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DOMAINS,
  domainOf,
  FAMILIES,
  familyOf,
  FEMININE_CONFLICTS,
  FEMININE_WORDS,
  masculineOfWord,
  masculineText,
  metierByCode,
  metierLabel,
  METIERS,
  metierTitles,
  normalize,
  parseAppellation,
  searchMetiers,
} from '../../workflows/metiers.js';

const codes = (query: string, limit = 10) => searchMetiers(query, limit).map((m) => m.metier.code);

describe('the ROME structure', () => {
  it('has the 14 grands domaines, A to N, each with a French label', () => {
    expect(DOMAINS.map((d) => d.code)).toEqual('ABCDEFGHIJKLMN'.split(''));
    for (const d of DOMAINS) expect(d.label.length, d.code).toBeGreaterThan(4);
  });

  it('has families written as their domain’s letter and 2 digits, each labelled', () => {
    for (const f of FAMILIES) {
      expect(f.code).toMatch(/^[A-N]\d{2}$/);
      expect(f.domain).toBe(f.code[0]);
      expect(f.label.length, f.code).toBeGreaterThan(3);
    }
    expect(new Set(FAMILIES.map((f) => f.code)).size).toBe(FAMILIES.length);
  });

  it('has at least 250 fiches with unique, well-formed codes, each in a known family and domain', () => {
    expect(METIERS.length).toBeGreaterThanOrEqual(250);
    const families = new Set(FAMILIES.map((f) => f.code));
    const seen = new Set<string>();
    for (const m of METIERS) {
      expect(m.code).toMatch(/^[A-N]\d{4}$/);
      expect(seen.has(m.code), `${m.code} twice`).toBe(false);
      seen.add(m.code);
      expect(families.has(m.family), `${m.code}: family ${m.family}`).toBe(true);
      expect(familyOf(m.code)).toBe(m.family);
      expect(domainOf(m.code)).toBe(m.domain);
      expect(m.title.trim()).toBe(m.title);
      expect(m.title.length).toBeGreaterThan(3);
    }
  });

  it('gives every domain and every family fiches', () => {
    for (const d of DOMAINS) expect(METIERS.some((m) => m.domain === d.code), d.code).toBe(true);
    for (const f of FAMILIES) expect(METIERS.some((m) => m.family === f.code), f.code).toBe(true);
  });

  it('covers the jobs our candidates look for', () => {
    for (const code of ['D1106', 'D1505', 'D1507', 'N1103', 'N1105', 'N4105', 'K2204', 'K1302', 'J1501', 'J1506', 'G1602', 'G1603', 'G1803', 'F1703', 'F1606', 'H3302', 'M1602', 'M1607', 'M1203', 'M1805', 'A1203', 'K2503', 'K1207', 'I1203', 'I1604', 'K2111']) {
      expect(metierByCode(code), code).toBeDefined();
    }
  });

  it('writes its appellations as well-formed pairs, at least 2 where the feminine differs', () => {
    for (const m of METIERS) {
      expect(m.appellations.length, m.code).toBeGreaterThanOrEqual(1);
      for (const a of m.appellations) {
        for (const title of [a.masculine, a.feminine]) {
          expect(title, m.code).toMatch(/^\S(.*\S)?$/);
          expect(title, m.code).not.toMatch(/[/|]|\s{2}/);
        }
      }
      const gendered = m.appellations.filter((a) => a.masculine !== a.feminine);
      if (gendered.length) expect(m.appellations.length, m.code).toBeGreaterThanOrEqual(2);
    }
    // Most fiches name their jobs in both genders.
    expect(METIERS.filter((m) => m.appellations.some((a) => a.masculine !== a.feminine)).length).toBeGreaterThan(METIERS.length * 0.8);
  });

  it('reads the data’s notation', () => {
    expect(parseAppellation('Vendeur/Vendeuse en boulangerie')).toEqual({ masculine: 'Vendeur en boulangerie', feminine: 'Vendeuse en boulangerie' });
    expect(parseAppellation('Aide-soignant/Aide-soignante')).toEqual({ masculine: 'Aide-soignant', feminine: 'Aide-soignante' });
    expect(parseAppellation('Secrétaire')).toEqual({ masculine: 'Secrétaire', feminine: 'Secrétaire' });
    expect(parseAppellation('Garçon de café|Serveuse de café')).toEqual({ masculine: 'Garçon de café', feminine: 'Serveuse de café' });
    expect(() => parseAppellation('Vendeur/ en rayon')).toThrow();
  });

  it('labels and lists titles by code', () => {
    expect(metierByCode('d1106')?.title).toBe('Vente en alimentation');
    expect(metierLabel('D1106')).toBe('Vente en alimentation');
    expect(metierLabel('Z9999')).toBe('Z9999');
    expect(familyOf('D1106')).toBe('D11');
    expect(domainOf('D1106')).toBe('D');
    expect(familyOf('nonsense')).toBeUndefined();
    const titles = metierTitles('D1106');
    expect(titles).toContain('Vente en alimentation');
    expect(titles).toContain('Vendeur en boulangerie');
    expect(titles).toContain('Vendeuse en boulangerie');
    expect(new Set(titles).size).toBe(titles.length);
    expect(metierTitles('Z9999')).toEqual([]);
  });
});

describe('the feminine word forms', () => {
  it('holds the common pairs', () => {
    const expected: Record<string, string> = {
      vendeuse: 'vendeur',
      infirmiere: 'infirmier',
      serveuse: 'serveur',
      directrice: 'directeur',
      agente: 'agent',
      cheffe: 'chef',
      caissiere: 'caissier',
      conductrice: 'conducteur',
      'aide-soignante': 'aide-soignant',
      soignante: 'soignant',
      employee: 'employe',
      preparatrice: 'preparateur',
      developpeuse: 'developpeur',
      technicienne: 'technicien',
      educatrice: 'educateur',
      magasiniere: 'magasinier',
      maitresse: 'maitre',
    };
    for (const [feminine, masculine] of Object.entries(expected)) expect(FEMININE_WORDS.get(feminine), feminine).toBe(masculine);
  });

  it('never maps a word to itself, nor a word to another job (garçon, valet, homme), nor to two', () => {
    expect(FEMININE_CONFLICTS).toEqual([]);
    for (const [feminine, masculine] of FEMININE_WORDS) {
      expect(feminine).not.toBe(masculine);
      expect(feminine).toBe(normalize(feminine));
      expect(masculine).toBe(normalize(masculine));
      expect(feminine).toMatch(/^[a-z-]+$/);
    }
    for (const word of ['femme', 'serveuse', 'secretaire', 'aide', 'concierge', 'de', 'en']) expect(FEMININE_WORDS.get(word) ?? word, word).not.toMatch(/^(valet|homme|garcon)$/);
    for (const same of ['secretaire', 'comptable', 'aide', 'cariste', 'concierge', 'vendeur']) expect(FEMININE_WORDS.has(same), same).toBe(false);
  });

  it('turns a typed feminine word into its masculine form, anything else into itself normalized', () => {
    expect(masculineOfWord('Vendeuse')).toBe('vendeur');
    expect(masculineOfWord('INFIRMIÈRE')).toBe('infirmier');
    expect(masculineOfWord('Cheffe')).toBe('chef');
    expect(masculineOfWord('boulangerie')).toBe('boulangerie');
    expect(masculineOfWord('Électricien')).toBe('electricien');
    fc.assert(
      fc.property(fc.string(), (word) => {
        const m = masculineOfWord(word);
        expect(masculineOfWord(m)).toBe(m);
      }),
    );
  });
});

describe('a text in the masculine (both sides of the search)', () => {
  it('rewrites the feminine forms the list knows and keeps the rest, the query syntax included', () => {
    expect(masculineText('Vendeuse en boulangerie, -caissière "cheffe de rayon" OR Infirmière')).toBe('vendeur en boulangerie, -caissier "chef de rayon" OR infirmier');
    expect(masculineText('Aide-soignante de nuit')).toBe('aide-soignant de nuit');
    expect(masculineText('Technicienne-vendeuse')).toBe('technicien-vendeur');
    expect(masculineText('Secrétaire médicale à Lyon (69)')).toBe('Secrétaire medical à Lyon (69)');
    expect(masculineText('')).toBe('');
  });

  it('makes a feminine query and a masculine text meet, and the other way round', () => {
    const words = (text: string) => new Set(tokensOf(masculineText(text)));
    for (const [query, text] of [
      ['vendeuse', 'Vendeur en prêt-à-porter depuis 2019'],
      ['vendeur', 'J’ai été vendeuse en boulangerie'],
      ['directrice', 'Directeur de magasin'],
      ['agente de propreté', 'Agent de propreté'],
    ]) {
      for (const word of words(query!)) if (!['de'].includes(word)) expect(words(text!).has(word), `${query} / ${text}`).toBe(true);
    }
  });

  it('is idempotent and keeps every character that is not a letter', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = masculineText(text);
        expect(masculineText(once)).toBe(once);
        expect(once.replace(/[\p{L}\p{M}]/gu, '')).toBe(text.replace(/[\p{L}\p{M}]/gu, ''));
      }),
    );
  });
});

const tokensOf = (text: string) => normalize(text).split(/[^a-z0-9]+/).filter(Boolean);

describe('searching the list (the picker)', () => {
  it('finds « vendeuse », with the sales fiches', () => {
    const found = codes('vendeuse', 30);
    expect(found).toContain('D1106');
    expect(found).toContain('D1214');
    expect(searchMetiers('vendeuse')[0]!.matched).toMatch(/^Vendeuse/);
  });

  it('finds « aide soignante » without accent nor hyphen, and in capitals', () => {
    expect(codes('aide soignante')[0]).toBe('J1501');
    expect(codes('AIDE SOIGNANTE')[0]).toBe('J1501');
    expect(searchMetiers('aide soignante')[0]!.matched).toBe('Aide-soignante');
  });

  it('finds « développeuse » with or without its accent', () => {
    expect(codes('développeuse')[0]).toBe('M1805');
    expect(codes('developpeuse')[0]).toBe('M1805');
    expect(codes('dévelop')).toContain('M1805');
  });

  it('ranks an exact appellation first', () => {
    expect(searchMetiers('Vendeuse en boulangerie')[0]).toMatchObject({ matched: 'Vendeuse en boulangerie' });
    expect(codes('vendeuse en boulangerie')[0]).toBe('D1106');
    expect(codes('serveuse')[0]).toBe('G1803');
    expect(codes('agent de propreté')[0]).toBe('K2204');
    expect(codes('cariste')[0]).toBe('N1101');
    expect(codes('Infirmier')[0]).toBe('J1506');
  });

  it('finds a fiche by its title and by its code', () => {
    expect(codes('vente en alimentation')[0]).toBe('D1106');
    expect(codes('D1106')).toEqual(['D1106']);
    expect(codes('z9999')).toEqual([]);
  });

  it('returns nothing for nonsense or nothing typed, and at most the limit', () => {
    expect(searchMetiers('xqzwv')).toEqual([]);
    expect(searchMetiers('vendeuse zzzz')).toEqual([]);
    expect(searchMetiers('')).toEqual([]);
    expect(searchMetiers('  - ’ ')).toEqual([]);
    expect(searchMetiers('agent', 3)).toHaveLength(3);
    expect(searchMetiers('agent', 0)).toEqual([]);
  });

  it('lists each fiche once, best first, and never throws on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 60 }), (q, limit) => {
        const found = searchMetiers(q, limit);
        expect(found.length).toBeLessThanOrEqual(limit);
        expect(new Set(found.map((f) => f.metier.code)).size).toBe(found.length);
        for (let i = 1; i < found.length; i++) expect(found[i - 1]!.score).toBeGreaterThanOrEqual(found[i]!.score);
      }),
    );
  });
});
