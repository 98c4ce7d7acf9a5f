// An offer online: published and not past its end. The offer workflow moves it to EXPIRED at its end,
// but its projection may lag a moment behind the clock: every reader checks the date too, through here.

/** SQL: the offer (of alias `alias`, or unaliased) is online. */
export const offerOnline = (alias?: string) => {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `(${column('status')} = 'PUBLISHED' AND (${column('expires_at')} IS NULL OR ${column('expires_at')} > now()))`;
};

/** The same, of a row already read. */
export const isOnline = (row: { status: string; expires_at: Date | string | null }, now = Date.now()) =>
  row.status === 'PUBLISHED' && (!row.expires_at || new Date(row.expires_at).getTime() > now);
