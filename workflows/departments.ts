// French départements from postal codes: the offer search and the directories filter on them.

/** The département of a French postal code (20xxx: 2A below 20200, 2B from it; 97x/98x overseas). */
export function departmentOf(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  return postalCode.slice(0, 2);
}
