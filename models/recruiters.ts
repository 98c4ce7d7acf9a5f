// Who speaks for a company: its recruiters, not disabled, whose own place in it is verified (an
// account predating memberships counts as verified). One rule for mails, sponsor choice and lists, so a
// person who only asked to join never receives candidates' data.

/** SQL condition on a `users` row aliased `alias`. */
export const activeRecruiterSql = (alias: string) => `${alias}.role = 'RECRUITER' AND ${alias}.disabled_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM company_memberships m WHERE m.user_id = ${alias}.id AND m.status <> 'VERIFIED')`;
