// A recruiter's place in a company (table company_memberships of migration 0002), for the back office
// only: the requests to join a verified company are verified here, each by its own workflow.
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { Company, User } from '../models/index.js';

export class CompanyMembership extends Model<InferAttributes<CompanyMembership>, InferCreationAttributes<CompanyMembership>> {
  declare id: string;
  declare companyId: string;
  declare userId: string;
  declare kind: 'FOUNDER' | 'MEMBER' | 'INVITED';
  declare status: string;
  declare statusChangedAt: CreationOptional<Date>;
  declare workflowId: string | null;
  declare invitedBy: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

let defined = false;

/** Binds the model to the platform's Sequelize instance (the one models/index.ts bound its models to). */
export function defineMembershipModel(sequelize: Sequelize): typeof CompanyMembership {
  if (defined) return CompanyMembership;
  CompanyMembership.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      companyId: { type: DataTypes.UUID, allowNull: false },
      userId: { type: DataTypes.UUID, allowNull: false },
      kind: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.TEXT, allowNull: false },
      statusChangedAt: DataTypes.DATE,
      workflowId: DataTypes.TEXT,
      invitedBy: DataTypes.UUID,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize: Company.sequelize ?? sequelize, underscored: true, tableName: 'company_memberships' },
  );
  CompanyMembership.belongsTo(Company, { foreignKey: 'companyId', as: 'company' });
  CompanyMembership.belongsTo(User, { foreignKey: 'userId', as: 'user' });
  CompanyMembership.belongsTo(User, { foreignKey: 'invitedBy', as: 'inviter' });
  defined = true;
  return CompanyMembership;
}
