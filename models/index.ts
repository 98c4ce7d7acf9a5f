// Sequelize models over the schema of models/migrations. The schema is owned by migrations,
// never by sync(): these classes only describe what is there.
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelStatic,
  QueryTypes,
} from 'sequelize';
import type { Logger } from '../config/logger.js';
import { ROLES, type Role } from '../workflows/actors.js';

export { ROLES, type Role };

type Attrs<M extends Model> = InferAttributes<M>;
type Creation<M extends Model> = InferCreationAttributes<M>;

export class Company extends Model<Attrs<Company>, Creation<Company>> {
  declare id: string;
  declare siren: string;
  declare siret: string | null;
  declare name: string;
  declare sector: string | null;
  declare size: string | null;
  declare address: string | null;
  declare postalCode: string | null;
  declare city: string | null;
  declare description: string | null;
  declare website: string | null;
  /** The company page (migration 0018): `description` is its sanitized HTML. */
  declare socialLinks: CreationOptional<Record<string, string>>;
  declare advantages: CreationOptional<string[]>;
  declare spontaneousApplications: CreationOptional<boolean>;
  declare pagePublished: CreationOptional<boolean>;
  declare pageVersion: CreationOptional<number>;
  declare pageUpdatedAt: CreationOptional<Date | null>;
  declare pageUpdatedBy: CreationOptional<string | null>;
  declare logoSha256: CreationOptional<string | null>;
  declare bannerSha256: CreationOptional<string | null>;
  declare status: string;
  declare statusChangedAt: CreationOptional<Date>;
  declare workflowId: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class User extends Model<Attrs<User>, Creation<User>> {
  declare id: string;
  declare email: string;
  declare passwordHash: string;
  declare role: Role;
  declare firstName: string;
  declare lastName: string;
  declare phone: CreationOptional<string | null>;
  declare jobTitle: CreationOptional<string | null>;
  declare companyId: CreationOptional<ForeignKey<string> | null>;
  declare missionOfficerId: CreationOptional<string | null>;
  declare mustChangePassword: CreationOptional<boolean>;
  declare disabledAt: CreationOptional<Date | null>;
  declare lastLoginAt: CreationOptional<Date | null>;
  // « Mon compte » and the directories (migration 0016).
  declare videoInterviews: CreationOptional<boolean>;
  declare directoryFunction: CreationOptional<string | null>;
  declare directoryEstablishment: CreationOptional<string | null>;
  declare directoryDepartment: CreationOptional<string | null>;
  declare directoryConsentAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class CandidateProfile extends Model<Attrs<CandidateProfile>, Creation<CandidateProfile>> {
  declare userId: string;
  declare referentId: CreationOptional<string | null>;
  declare rqth: CreationOptional<boolean>;
  declare headline: CreationOptional<string | null>;
  declare postalCode: CreationOptional<string | null>;
  declare city: CreationOptional<string | null>;
  /** Codes of workflows/soft-skills.ts (5 at most). */
  declare softSkills: CreationOptional<string[]>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Document extends Model<Attrs<Document>, Creation<Document>> {
  declare id: string;
  declare candidateId: string;
  declare kind: 'CV' | 'COVER_LETTER' | 'OTHER';
  declare filename: string;
  declare mimeType: string;
  declare sizeBytes: number;
  declare storageKey: string;
  declare createdAt: CreationOptional<Date>;
}

export class Offer extends Model<Attrs<Offer>, Creation<Offer>> {
  declare id: string;
  declare companyId: string;
  declare createdBy: CreationOptional<string | null>;
  declare title: string;
  declare contractType: string;
  declare contractDurationMonths: CreationOptional<number | null>;
  declare experience: CreationOptional<string | null>;
  declare education: CreationOptional<string | null>;
  declare postalCode: string;
  declare city: string;
  declare departments: CreationOptional<string[]>;
  declare jobFamily: CreationOptional<string | null>;
  declare job: CreationOptional<string | null>;
  declare description: string;
  declare salaryMin: CreationOptional<number | null>;
  declare salaryMax: CreationOptional<number | null>;
  declare remote: CreationOptional<'NONE' | 'PARTIAL' | 'FULL'>;
  declare startDate: CreationOptional<string | null>;
  declare screeningQuestion: CreationOptional<string | null>;
  /** Candidates appear without their identity until the company lifts it (migration 0036). */
  declare anonymous: CreationOptional<boolean>;
  declare chosenEndDate: CreationOptional<string | null>;
  declare status: string;
  declare statusChangedAt: CreationOptional<Date>;
  declare publishedAt: CreationOptional<Date | null>;
  declare expiresAt: CreationOptional<Date | null>;
  declare workflowId: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Application extends Model<Attrs<Application>, Creation<Application>> {
  declare id: string;
  declare candidateId: string;
  declare companyId: string;
  declare offerId: string | null;
  declare referentId: string | null;
  /** The référent's mission officer as the workflow knows them (migration 0010). */
  declare missionOfficerId: CreationOptional<string | null>;
  declare createdBy: string | null;
  declare status: string;
  declare statusChangedAt: CreationOptional<Date>;
  declare message: CreationOptional<string | null>;
  declare screeningAnswer: CreationOptional<string | null>;
  declare cvDocumentId: CreationOptional<string | null>;
  declare recruiterNote: CreationOptional<string | null>;
  declare sentToCompanyAt: CreationOptional<Date | null>;
  /** refuse, not_hire: the reason's code, workflows/refusal-reasons.ts (migration 0023). */
  declare refusalReason: CreationOptional<string | null>;
  /** Seed 002 (migration 0036): made to an anonymous offer; its number; when and by whom the identity was shared; the contact stage after. */
  declare anonymous: CreationOptional<boolean>;
  declare candidateNumber: CreationOptional<number>;
  declare identitySharedAt: CreationOptional<Date | null>;
  declare identitySharedBy: CreationOptional<string | null>;
  declare contactStage: CreationOptional<'TO_CONTACT' | 'CONTACTED' | null>;
  /** The short list (migration 0037): starred by the company, when and by whom. */
  declare favouriteAt: CreationOptional<Date | null>;
  declare favouriteBy: CreationOptional<string | null>;
  declare workflowId: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ApplicationEvent extends Model<Attrs<ApplicationEvent>, Creation<ApplicationEvent>> {
  declare id: CreationOptional<string>;
  declare applicationId: string;
  declare seq: number;
  declare type: string;
  declare fromStatus: string | null;
  declare toStatus: string | null;
  declare actorId: string | null;
  declare actorRole: string | null;
  declare message: string | null;
  declare data: CreationOptional<Record<string, unknown>>;
  declare at: Date;
}

export class Interview extends Model<Attrs<Interview>, Creation<Interview>> {
  declare id: string;
  declare applicationId: string;
  declare round: number;
  declare startsAt: Date;
  declare durationMinutes: number;
  declare mode: 'PHONE' | 'VIDEO' | 'CHAT' | 'IN_PERSON';
  declare location: string | null;
  declare message: string | null;
  declare status: 'PROPOSED' | 'CONFIRMED' | 'CANCELLED' | 'DONE';
  declare videoRoom: string | null;
  declare videoUrl: string | null;
  declare proposedBy: string | null;
  declare icsSequence: CreationOptional<number>;
  /** The candidate asked for another time (migration 0021); cleared when the interview is moved. */
  declare otherSlotRequestedAt: CreationOptional<Date | null>;
  declare otherSlotMessage: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class SponsorshipRequest extends Model<Attrs<SponsorshipRequest>, Creation<SponsorshipRequest>> {
  declare id: string;
  declare candidateId: string;
  declare companyId: string;
  declare requestedBy: string | null;
  declare referentId: CreationOptional<string | null>;
  /** The référent's mission officer as the workflow knows them (migration 0010). */
  declare missionOfficerId: CreationOptional<string | null>;
  declare message: string;
  declare status: 'PENDING' | 'ACCEPTED' | 'REFUSED';
  declare statusChangedAt: CreationOptional<Date>;
  declare sponsorId: CreationOptional<string | null>;
  declare comment: CreationOptional<string | null>;
  declare workflowId: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Notification extends Model<Attrs<Notification>, Creation<Notification>> {
  declare id: string;
  declare userId: string;
  declare idempotencyKey: string;
  declare kind: string;
  declare title: string;
  declare body: string | null;
  declare link: string | null;
  declare entityType: string | null;
  declare entityId: string | null;
  declare readAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
}

export class EmailOutbox extends Model<Attrs<EmailOutbox>, Creation<EmailOutbox>> {
  declare id: string;
  declare idempotencyKey: string;
  declare toAddress: string;
  declare subject: string;
  declare textBody: string;
  declare htmlBody: string | null;
  declare ics: string | null;
  declare workflowId: string | null;
  declare status: 'PENDING' | 'SENT' | 'FAILED';
  declare attempts: CreationOptional<number>;
  declare lastError: CreationOptional<string | null>;
  declare messageId: CreationOptional<string | null>;
  declare sentAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const uuid = { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 };
const text = (allowNull = true) => ({ type: DataTypes.TEXT, allowNull });
const ref = (allowNull = true) => ({ type: DataTypes.UUID, allowNull });
const stamps = { createdAt: DataTypes.DATE, updatedAt: DataTypes.DATE };

function defineModels(sequelize: Sequelize) {
  const common = { sequelize, underscored: true } as const;
  Company.init(
    {
      id: uuid,
      siren: text(false),
      siret: text(),
      name: text(false),
      sector: text(),
      size: text(),
      address: text(),
      postalCode: text(),
      city: text(),
      description: text(),
      website: text(),
      socialLinks: { type: DataTypes.JSONB, defaultValue: {} },
      advantages: { type: DataTypes.ARRAY(DataTypes.TEXT), defaultValue: [] },
      spontaneousApplications: { type: DataTypes.BOOLEAN, defaultValue: true },
      pagePublished: { type: DataTypes.BOOLEAN, defaultValue: false },
      pageVersion: { type: DataTypes.INTEGER, defaultValue: 0 },
      pageUpdatedAt: DataTypes.DATE,
      pageUpdatedBy: ref(),
      logoSha256: text(),
      bannerSha256: text(),
      status: text(false),
      statusChangedAt: DataTypes.DATE,
      workflowId: text(),
      ...stamps,
    },
    { ...common, tableName: 'companies' },
  );
  User.init(
    {
      id: uuid,
      email: { type: DataTypes.TEXT, allowNull: false, set(v: string) { this.setDataValue('email', v.trim().toLowerCase()); } },
      passwordHash: text(false),
      role: text(false),
      firstName: text(false),
      lastName: text(false),
      phone: text(),
      jobTitle: text(),
      companyId: ref(),
      missionOfficerId: ref(),
      mustChangePassword: { type: DataTypes.BOOLEAN, defaultValue: false },
      disabledAt: DataTypes.DATE,
      lastLoginAt: DataTypes.DATE,
      videoInterviews: { type: DataTypes.BOOLEAN, defaultValue: false },
      directoryFunction: text(),
      directoryEstablishment: text(),
      directoryDepartment: text(),
      directoryConsentAt: DataTypes.DATE,
      ...stamps,
    },
    {
      ...common,
      tableName: 'users',
      // The hash never leaves the model unless asked for explicitly.
      defaultScope: { attributes: { exclude: ['passwordHash'] } },
      scopes: { withPassword: { attributes: { include: ['passwordHash'] } } },
    },
  );
  CandidateProfile.init(
    {
      userId: { type: DataTypes.UUID, primaryKey: true },
      referentId: ref(),
      rqth: { type: DataTypes.BOOLEAN, defaultValue: false },
      headline: text(),
      postalCode: text(),
      city: text(),
      softSkills: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      ...stamps,
    },
    { ...common, tableName: 'candidate_profiles' },
  );
  Document.init(
    {
      id: uuid,
      candidateId: ref(false),
      kind: text(false),
      filename: text(false),
      mimeType: text(false),
      sizeBytes: DataTypes.INTEGER,
      storageKey: text(false),
      createdAt: DataTypes.DATE,
    },
    { ...common, tableName: 'documents', updatedAt: false },
  );
  Offer.init(
    {
      id: uuid,
      companyId: ref(false),
      createdBy: ref(),
      title: text(false),
      contractType: text(false),
      contractDurationMonths: DataTypes.INTEGER,
      experience: text(),
      education: text(),
      postalCode: text(false),
      city: text(false),
      departments: { type: DataTypes.ARRAY(DataTypes.TEXT), defaultValue: [] },
      jobFamily: text(),
      job: text(),
      description: text(false),
      salaryMin: DataTypes.INTEGER,
      salaryMax: DataTypes.INTEGER,
      remote: { type: DataTypes.TEXT, defaultValue: 'NONE' },
      startDate: DataTypes.DATEONLY,
      screeningQuestion: text(),
      anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      chosenEndDate: DataTypes.DATEONLY,
      status: text(false),
      statusChangedAt: DataTypes.DATE,
      publishedAt: DataTypes.DATE,
      expiresAt: DataTypes.DATE,
      workflowId: text(),
      ...stamps,
    },
    { ...common, tableName: 'offers' },
  );
  Application.init(
    {
      id: uuid,
      candidateId: ref(false),
      companyId: ref(false),
      offerId: ref(),
      referentId: ref(),
      missionOfficerId: ref(),
      createdBy: ref(),
      status: text(false),
      statusChangedAt: DataTypes.DATE,
      message: text(),
      screeningAnswer: text(),
      cvDocumentId: ref(),
      recruiterNote: text(),
      sentToCompanyAt: DataTypes.DATE,
      refusalReason: text(),
      anonymous: DataTypes.BOOLEAN,
      candidateNumber: DataTypes.INTEGER,
      identitySharedAt: DataTypes.DATE,
      identitySharedBy: ref(),
      contactStage: text(),
      favouriteAt: DataTypes.DATE,
      favouriteBy: ref(),
      workflowId: text(false),
      ...stamps,
    },
    { ...common, tableName: 'applications' },
  );
  ApplicationEvent.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      applicationId: ref(false),
      seq: DataTypes.INTEGER,
      type: text(false),
      fromStatus: text(),
      toStatus: text(),
      actorId: ref(),
      actorRole: text(),
      message: text(),
      data: { type: DataTypes.JSONB, defaultValue: {} },
      at: DataTypes.DATE,
    },
    { ...common, tableName: 'application_events', timestamps: false },
  );
  Interview.init(
    {
      id: uuid,
      applicationId: ref(false),
      round: DataTypes.INTEGER,
      startsAt: DataTypes.DATE,
      durationMinutes: DataTypes.INTEGER,
      mode: text(false),
      location: text(),
      message: text(),
      status: text(false),
      videoRoom: text(),
      videoUrl: text(),
      proposedBy: ref(),
      icsSequence: { type: DataTypes.INTEGER, defaultValue: 0 },
      otherSlotRequestedAt: DataTypes.DATE,
      otherSlotMessage: text(),
      ...stamps,
    },
    { ...common, tableName: 'interviews' },
  );
  SponsorshipRequest.init(
    {
      id: uuid,
      candidateId: ref(false),
      companyId: ref(false),
      requestedBy: ref(),
      referentId: ref(),
      missionOfficerId: ref(),
      message: text(false),
      status: text(false),
      statusChangedAt: DataTypes.DATE,
      sponsorId: ref(),
      comment: text(),
      workflowId: text(),
      ...stamps,
    },
    { ...common, tableName: 'sponsorship_requests' },
  );
  Notification.init(
    {
      id: uuid,
      userId: ref(false),
      idempotencyKey: text(false),
      kind: text(false),
      title: text(false),
      body: text(),
      link: text(),
      entityType: text(),
      entityId: ref(),
      readAt: DataTypes.DATE,
      createdAt: DataTypes.DATE,
    },
    { ...common, tableName: 'notifications', updatedAt: false },
  );
  EmailOutbox.init(
    {
      id: uuid,
      idempotencyKey: text(false),
      toAddress: text(false),
      subject: text(false),
      textBody: text(false),
      htmlBody: text(),
      ics: text(),
      workflowId: text(),
      status: text(false),
      attempts: { type: DataTypes.INTEGER, defaultValue: 0 },
      lastError: text(),
      messageId: text(),
      sentAt: DataTypes.DATE,
      ...stamps,
    },
    { ...common, tableName: 'email_outbox' },
  );

  User.belongsTo(Company, { foreignKey: 'companyId', as: 'company' });
  Company.hasMany(User, { foreignKey: 'companyId', as: 'recruiters' });
  User.hasOne(CandidateProfile, { foreignKey: 'userId', as: 'candidateProfile' });
  CandidateProfile.belongsTo(User, { foreignKey: 'userId', as: 'user' });
  CandidateProfile.belongsTo(User, { foreignKey: 'referentId', as: 'referent' });
  Offer.belongsTo(Company, { foreignKey: 'companyId', as: 'company' });
  Application.belongsTo(User, { foreignKey: 'candidateId', as: 'candidate' });
  Application.belongsTo(Company, { foreignKey: 'companyId', as: 'company' });
  Application.belongsTo(Offer, { foreignKey: 'offerId', as: 'offer' });
  Application.hasMany(ApplicationEvent, { foreignKey: 'applicationId', as: 'events' });
  Application.hasMany(Interview, { foreignKey: 'applicationId', as: 'interviews' });
  ApplicationEvent.belongsTo(User, { foreignKey: 'actorId', as: 'actor' });
  Interview.belongsTo(Application, { foreignKey: 'applicationId', as: 'application' });
  SponsorshipRequest.belongsTo(User, { foreignKey: 'candidateId', as: 'candidate' });
  SponsorshipRequest.belongsTo(Company, { foreignKey: 'companyId', as: 'company' });
}

export const models = {
  Company,
  User,
  CandidateProfile,
  Document,
  Offer,
  Application,
  ApplicationEvent,
  Interview,
  SponsorshipRequest,
  Notification,
  EmailOutbox,
} satisfies Record<string, ModelStatic<Model>>;

let defined = false;

/** One Sequelize instance per process; models are bound to the first one created. */
export function createDatabase(url: string, options: { logger?: Logger; poolMax?: number } = {}): Sequelize {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: options.logger ? (sql) => options.logger!.trace({ sql }, 'sql') : false,
    pool: { max: options.poolMax ?? 10, min: 0, acquire: 5_000, idle: 10_000 },
    // Fail fast when PostgreSQL is down instead of hanging the request.
    dialectOptions: { connectionTimeoutMillis: 3_000, statement_timeout: 15_000 },
  });
  if (!defined) {
    defineModels(sequelize);
    defined = true;
  }
  return sequelize;
}

/**
 * One read statement under planner settings of its own (set_config(…, true): for its transaction only).
 */
export function queryWithSettings<T extends object>(
  sequelize: Sequelize,
  settings: Record<string, string>,
  statement: string,
  options: { replacements: Record<string, unknown> },
): Promise<T[]> {
  if (!Object.keys(settings).length) return sequelize.query<T>(statement, { type: QueryTypes.SELECT, replacements: options.replacements });
  return sequelize.transaction(async (transaction) => {
    await sequelize.query(`SELECT ${Object.keys(settings).map((_, i) => `set_config(:name${i}, :value${i}, true)`).join(', ')}`, {
      replacements: Object.fromEntries(Object.entries(settings).flatMap(([name, value], i) => [[`name${i}`, name], [`value${i}`, value]])),
      transaction,
    });
    return sequelize.query<T>(statement, { type: QueryTypes.SELECT, replacements: options.replacements, transaction });
  });
}

/**
 * One read statement without parallel workers. On the two cores the platform is sized for, starting
 * workers costs more than they save on a search of some tens of ms, and under concurrent requests they
 * only take a core from another one: the CVthèque's search by filters alone took 151 ms with two
 * workers, 66 ms without (bench data, 95,000 profiles).
 */
export const querySerial = <T extends object>(sequelize: Sequelize, statement: string, options: { replacements: Record<string, unknown> }) =>
  queryWithSettings<T>(sequelize, { max_parallel_workers_per_gather: '0' }, statement, options);
