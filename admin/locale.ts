// The back office in French: AdminJS's own interface (it ships no French), then the names of our
// resources, their properties and actions.
import type { LocaleTranslations } from 'adminjs';

const ui = {
  actions: {
    new: 'Créer',
    edit: 'Modifier',
    show: 'Voir',
    delete: 'Supprimer',
    bulkDelete: 'Tout supprimer',
    list: 'Liste',
    search: 'Rechercher',
    verify: 'Vérifier l’entreprise',
    reject: 'Rejeter',
    approve: 'Publier l’offre',
    disable: 'Désactiver le compte',
    enable: 'Réactiver le compte',
  },
  buttons: {
    save: 'Enregistrer',
    addNewItem: 'Ajouter un élément',
    filter: 'Filtrer',
    filterActive: 'Filtrer ({{count}})',
    applyChanges: 'Appliquer',
    resetFilter: 'Réinitialiser',
    confirmRemovalMany: 'Confirmer la suppression de {{count}} élément',
    confirmRemovalMany_plural: 'Confirmer la suppression de {{count}} éléments',
    logout: 'Se déconnecter',
    login: 'Se connecter',
    seeTheDocumentation: 'Voir : <1>la documentation</1>',
    createFirstRecord: 'Créer le premier élément',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    contactUs: 'Nous contacter',
  },
  components: {
    DropZone: {
      placeholder: 'Déposez votre fichier ici ou cliquez pour parcourir',
      acceptedSize: 'Taille maximale : {{maxSize}}',
      acceptedType: 'Formats acceptés : {{mimeTypes}}',
      unsupportedSize: 'Le fichier {{fileName}} est trop volumineux',
      unsupportedType: 'Le fichier {{fileName}} a un type non pris en charge : {{fileType}}',
    },
    LanguageSelector: { availableLanguages: { fr: 'Français' } },
    Login: {
      welcomeHeader: 'Back-office Tremplin',
      welcomeMessage: 'Réservé aux administrateurs de la plateforme : vérification des entreprises, modération des offres, gestion des comptes.',
      properties: { email: 'Adresse e-mail', password: 'Mot de passe' },
      loginButton: 'Se connecter',
    },
  },
  labels: {
    navigation: 'Navigation',
    pages: 'Pages',
    selectedRecords: 'Sélection ({{selected}})',
    filters: 'Filtres',
    adminVersion: 'Admin : {{version}}',
    appVersion: 'Application : {{version}}',
    dashboard: 'Tableau de bord',
    loginWelcome: 'Bienvenue',
    users: 'Comptes',
    companies: 'Entreprises',
    company_memberships: 'Demandes d’accès recruteur',
    offers: 'Offres',
    applications: 'Candidatures',
    application_events: 'Historique des candidatures',
    interviews: 'Entretiens',
    sponsorship_requests: 'Demandes de parrainage',
    email_outbox: 'E-mails envoyés',
    sign_in_lockouts: 'Connexions bloquées',
  },
  properties: {
    length: 'Longueur',
    from: 'Du',
    to: 'Au',
    id: 'Identifiant',
    createdAt: 'Créé le',
    updatedAt: 'Modifié le',
    status: 'État',
    statusChangedAt: 'Dans cet état depuis',
    workflowId: 'Workflow (Temporal)',
    history: 'Historique',
    companyId: 'Entreprise',
    candidateId: 'Candidat',
    offerId: 'Offre',
    referentId: 'Référent',
    missionOfficerId: 'Chargé de mission',
    message: 'Message',
  },
  messages: {
    successfullyBulkDeleted: '{{count}} élément supprimé',
    successfullyBulkDeleted_plural: '{{count}} éléments supprimés',
    successfullyDeleted: 'Élément supprimé',
    successfullyUpdated: 'Modifications enregistrées',
    thereWereValidationErrors: 'Certains champs sont à corriger : voir ci-dessous',
    forbiddenError: 'Action « {{actionName}} » impossible sur {{resourceId}}',
    anyForbiddenError: 'Action impossible',
    successfullyCreated: 'Élément créé',
    bulkDeleteError: 'Erreur pendant la suppression',
    errorFetchingRecords: 'Erreur pendant le chargement de la liste',
    errorFetchingRecord: 'Erreur pendant le chargement de l’élément',
    noRecordsSelected: 'Aucun élément sélectionné',
    theseRecordsWillBeRemoved: 'Cet élément sera supprimé',
    theseRecordsWillBeRemoved_plural: 'Ces éléments seront supprimés',
    pickSomeFirstToRemove: 'Sélectionnez d’abord les éléments à supprimer',
    error404Resource: 'Aucune ressource « {{resourceId}} »',
    error404Action: 'La ressource « {{resourceId}} » n’a pas d’action « {{actionName}} », ou elle ne vous est pas permise',
    error404Record: 'La ressource « {{resourceId}} » n’a pas d’élément {{recordId}}, ou il ne vous est pas accessible',
    seeConsoleForMore: 'Détails dans la console du navigateur',
    noActionComponent: 'Cette action n’a pas de composant',
    noRecordsInResource: 'Aucun élément',
    noRecords: 'Aucun élément',
    confirmDelete: 'Supprimer cet élément ?',
    invalidCredentials: 'E-mail ou mot de passe incorrect.',
    tooManyRequests: 'Trop de tentatives de connexion : réessayez dans quelques minutes.',
    keyPlaceholder: 'CLÉ',
    valuePlaceholder: 'VALEUR',
    initialKey: 'Clé-{{number}}',
    keyInUse: 'Les clés doivent être uniques',
    keyValuePropertyDefaultDescription: 'Toutes les valeurs sont enregistrées comme du texte.',
    pageNotFound_title: 'Page introuvable',
    pageNotFound_subtitle: 'La page <strong>« {{pageName}} »</strong> n’existe pas',
    componentNotFound_title: 'Aucun composant',
    componentNotFound_subtitle: 'Cet élément n’a pas de composant pour l’afficher',
  },
};

const p = (properties: Record<string, string>, actions: Record<string, string> = {}) => ({ properties, actions });

const resources = {
  users: p({
    email: 'E-mail',
    role: 'Rôle',
    firstName: 'Prénom',
    lastName: 'Nom',
    phone: 'Téléphone',
    jobTitle: 'Fonction',
    companyId: 'Entreprise (recruteurs)',
    missionOfficerId: 'Chargé de mission (référents)',
    referentId: 'Référent (candidats)',
    password: 'Mot de passe',
    mustChangePassword: 'Mot de passe provisoire',
    disabledAt: 'Désactivé le',
    lastLoginAt: 'Dernière connexion',
  }),
  companies: p({
    name: 'Raison sociale',
    requester: 'Demandeur (inscription)',
    registerUrl: 'Registre officiel',
    siren: 'SIREN',
    siret: 'SIRET',
    sector: 'Secteur',
    size: 'Effectif',
    address: 'Adresse',
    postalCode: 'Code postal',
    city: 'Ville',
    description: 'Présentation',
    website: 'Site web',
  }, { verify: 'Vérifier l’entreprise', reject: 'Rejeter l’inscription' }),
  company_memberships: p({
    companyId: 'Entreprise',
    userId: 'Recruteur',
    kind: 'Nature',
    invitedBy: 'Invité par',
  }, { verify: 'Vérifier la demande', reject: 'Rejeter la demande' }),
  offers: p({
    title: 'Intitulé',
    createdBy: 'Déposée par',
    contractType: 'Contrat',
    contractDurationMonths: 'Durée (mois)',
    experience: 'Expérience',
    education: 'Formation',
    postalCode: 'Code postal',
    city: 'Ville',
    departments: 'Départements',
    jobFamily: 'Famille de métiers',
    job: 'Métier',
    description: 'Description',
    salaryMin: 'Salaire min.',
    salaryMax: 'Salaire max.',
    remote: 'Télétravail',
    startDate: 'Prise de poste',
    screeningQuestion: 'Question au candidat',
    chosenEndDate: 'Fin de publication choisie',
    publishedAt: 'Publiée le',
    expiresAt: 'Expire le',
    duplicatedFrom: 'Copie de',
  }, { approve: 'Publier l’offre', reject: 'Refuser l’offre' }),
  applications: p({
    search: 'Recherche',
    createdBy: 'Déposée par',
    screeningAnswer: 'Réponse à la question',
    cvDocumentId: 'CV',
    recruiterNote: 'Note du recruteur',
    sentToCompanyAt: 'Transmise à l’entreprise le',
    refusalReason: 'Motif du refus',
  }),
  application_events: p({
    applicationId: 'Candidature',
    seq: 'N°',
    type: 'Événement',
    fromStatus: 'De',
    toStatus: 'Vers',
    actorId: 'Par',
    actorRole: 'Rôle',
    data: 'Données',
    at: 'Le',
  }),
  interviews: p({
    applicationId: 'Candidature',
    round: 'Tour',
    startsAt: 'Début',
    durationMinutes: 'Durée (min)',
    mode: 'Modalité',
    location: 'Lieu',
    videoRoom: 'Salle visio',
    videoUrl: 'Lien visio',
    proposedBy: 'Proposé par',
    icsSequence: 'Version de l’invitation',
  }),
  sponsorship_requests: p({
    requestedBy: 'Demandé par',
    sponsorId: 'Parrain',
    comment: 'Commentaire',
  }),
  email_outbox: p({
    idempotencyKey: 'Clé d’idempotence',
    toAddress: 'Destinataire',
    subject: 'Objet',
    textBody: 'Texte',
    htmlBody: 'HTML',
    ics: 'Invitation (.ics)',
    attempts: 'Tentatives',
    lastError: 'Dernière erreur',
    messageId: 'Message-ID',
    sentAt: 'Envoyé le',
  }),
  sign_in_lockouts: p({
    email: 'Adresse e-mail',
    sourceKind: 'Source',
    source: 'IP ou appareil',
    failures: 'Échecs',
    active: 'Bloquée en ce moment',
    lockedUntil: 'Bloquée jusqu’au',
    lockouts: 'Blocages',
    firstLockedAt: 'Premier blocage',
    lastLockedAt: 'Dernier blocage',
    lastFailureAt: 'Dernier échec',
  }),
};

type ValueLabels = Record<string, Record<string, Record<string, string>>>;

/**
 * AdminJS shows a value of a list (`availableValues`) through the translation `labels.<property>.<label>`
 * and otherwise "Start Cases" it ("En Attente De Moderation"): each label translates to itself.
 */
export function valueLabels(resourceList: Array<{ resource: { id(): string }; options?: { properties?: Record<string, unknown> } }>): ValueLabels {
  const labels: ValueLabels = {};
  for (const { resource, options } of resourceList) {
    for (const [property, settings] of Object.entries(options?.properties ?? {})) {
      const values = (settings as { availableValues?: Array<{ value: string; label: string }> }).availableValues;
      if (!values) continue;
      const forResource = (labels[resource.id()] ??= {});
      forResource[property] = Object.fromEntries(values.map((v) => [v.label, v.label]));
    }
  }
  return labels;
}

export function frenchLocale(labels: ValueLabels = {}) {
  const withLabels = Object.fromEntries(
    Object.entries(resources).map(([id, block]) => [id, { ...block, labels: labels[id] ?? {} }]),
  );
  for (const [id, forResource] of Object.entries(labels)) if (!(id in withLabels)) withLabels[id] = { properties: {}, actions: {}, labels: forResource };
  return {
    language: 'fr',
    availableLanguages: ['fr'],
    localeDetection: false,
    translations: { fr: { ...ui, resources: withLabels } as unknown as LocaleTranslations },
  };
}
