// Who acts on the platform: the roles of PRODUCT.md and the actor the API authenticates. Defined once,
// imported by the workflows, the models, the API and the web app.

export const ROLES = ['ADMIN', 'MISSION_OFFICER', 'REFERENT', 'RECRUITER', 'CANDIDATE'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts, as the API authenticated them. The workflow trusts this: only the server calls it. */
export interface Actor {
  id: string;
  role: Role;
  companyId?: string | null;
  name?: string;
}
