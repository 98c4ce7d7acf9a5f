// French départements found by number or by name (workflows/departments.ts), as the offer search,
// the offer fields and the web's picker use them; and the département of a postal code, which must be
// one of them.
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, departmentLabel, departmentOf, findDepartment } from '../../workflows/departments.js';

describe('findDepartment', () => {
  it('knows the 101 départements and the overseas collectivities, each number and name once', () => {
    const codes = DEPARTMENTS.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((c) => /^(\d\d|2[AB])$/.test(c))).toHaveLength(96);
    expect(codes.filter((c) => /^97[1-46]$/.test(c))).toEqual(['971', '972', '973', '974', '976']);
    for (const [code, name] of DEPARTMENTS) {
      expect(findDepartment(code), code).toBe(code);
      expect(findDepartment(name), name).toBe(code);
      expect(findDepartment(departmentLabel(code)), departmentLabel(code)).toBe(code);
    }
  });

  it('finds a département by number, as people write it', () => {
    for (const [text, code] of [
      ['69', '69'],
      [' 69 ', '69'],
      ['1', '01'],
      ['01', '01'],
      ['2a', '2A'],
      ['2B', '2B'],
      ['971', '971'],
      ['974', '974'],
    ]) expect(findDepartment(text!), text).toBe(code);
  });

  it('finds a département by name: accents, case, dashes, apostrophes and « St » forgiven', () => {
    for (const [text, code] of [
      ['Rhône', '69'],
      ['rhone', '69'],
      ['RHÔNE', '69'],
      ['Bouches-du-Rhône', '13'],
      ['bouches du rhone', '13'],
      ['Seine-Saint-Denis', '93'],
      ['seine st denis', '93'],
      ['Côte-d’Or', '21'],
      ["cote d'or", '21'],
      ['Val-d’Oise', '95'],
      ['Réunion', '974'],
      ['la reunion', '974'],
      ['Corse du Sud', '2A'],
      ['Haute-Corse', '2B'],
      ['69 — Rhône', '69'],
      ['69 - rhone', '69'],
    ]) expect(findDepartment(text!), text).toBe(code);
  });

  it('finds nothing for what names no département', () => {
    for (const text of ['', '  ', '0', '00', '20', '96', '100', '985', '2C', 'Lyon', 'Corse', 'Rhô', '69 — Isère', 'Saint']) {
      expect(findDepartment(text), text).toBeNull();
    }
  });
});

describe('departmentOf', () => {
  it('gives the département of a postal code, always one that findDepartment knows', () => {
    for (const [postalCode, code] of [
      ['69002', '69'],
      ['01000', '01'],
      ['20000', '2A'],
      ['20199', '2A'],
      ['20200', '2B'],
      ['93200', '93'],
      ['97400', '974'],
      ['97600', '976'],
      ['98800', '988'],
    ]) expect(departmentOf(postalCode!), postalCode).toBe(code);
    // Monaco's postal codes and made-up ones name no French département.
    for (const postalCode of ['98000', '00000', '96000', '6900', 'abcde']) expect(departmentOf(postalCode), postalCode).toBeNull();
    for (let n = 1000; n < 99_000; n += 37) {
      const code = departmentOf(String(n).padStart(5, '0'));
      if (code) expect(findDepartment(code)).toBe(code);
    }
  });
});
