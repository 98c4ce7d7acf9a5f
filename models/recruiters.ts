// Who speaks for a company: its recruiters, not disabled, whose own place in it is verified (an
// account predating memberships counts as verified). One rule for mails, sponsor choice and lists, so a
// person who only asked to join never receives candidates' data.
import { Op, type Transaction } from 'sequelize';
import { User } from './index.js';

/** SQL condition on a `users` row aliased `alias`. */
export const activeRecruiterSql = (alias: string) => `${alias}.role = 'RECRUITER' AND ${alias}.disabled_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM company_memberships m WHERE m.user_id = ${alias}.id AND m.status <> 'VERIFIED')`;

/** The company's active recruiters, oldest account first. */
export function activeRecruitersOf(companyId: string, transaction?: Transaction): Promise<User[]> {
  return User.findAll({
    where: {
      companyId,
      role: 'RECRUITER',
      disabledAt: null,
      id: { [Op.notIn]: User.sequelize!.literal(`(SELECT user_id FROM company_memberships WHERE status <> 'VERIFIED')`) },
    },
    order: [['createdAt', 'ASC']],
    transaction,
  });
}
