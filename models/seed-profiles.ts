// Demo CVthèque profiles (issue #17, item 8): « the demo gets a few dozen varied consenting profiles so
// the CVthèque can be tried at once ». 36 candidates (accounts on the demo domain, the demo password,
// followed by no référent so the demo référent's list stays Camille's), varied métiers (ROME codes),
// places (big cities, small communes, one commune whose point is approximate), skills, experiences,
// diplomas, languages (LSF among them), licences, availability; some share their RQTH, some have one
// and do not share it; all consent to the CVthèque but three (who must never appear in a search).
// Deterministic: no randomness, dates relative to the seeding day only for availability and activity.
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { experienceMonths, type ProfileExperience } from '../workflows/candidate-profile.js';
import { SOFT_SKILLS, knownSoftSkills, type SoftSkill } from '../workflows/soft-skills.js';

interface DemoProfile {
  first: string;
  last: string;
  metiers: string[];
  headline: string;
  /** INSEE code; `APPROX` is replaced by a commune whose point is approximate. */
  home: string;
  places: [string, number][];
  skills: string[];
  experiences: [title: string, employer: string, start: string, end: string | null][];
  diploma: [title: string, level: number, year: number] | null;
  languages: [string, string][];
  licences: string[];
  contracts: string[];
  times: string[];
  remote: 'NONE' | 'PARTIAL' | 'FULL';
  /** Days from the seeding day (null: available now). */
  availableIn: number | null;
  rqth: boolean;
  rqthShared: boolean;
  visible: boolean;
  /** Days since the last activity. */
  idle: number;
}

const APPROX = 'APPROX';

// prettier-ignore
export const DEMO_PROFILES: DemoProfile[] = [
  { first: 'Aïcha', last: 'Benali', metiers: ['D1106'], headline: 'Vendeuse en boulangerie', home: '69123', places: [['69123', 15]], skills: ['Encaissement', 'Accueil client', 'Mise en rayon'], experiences: [['Vendeuse', 'Boulangerie Pain d’Or', '2018-09', '2022-06'], ['Vendeuse polyvalente', 'Fournil des Pentes', '2022-09', null]], diploma: ['CAP Boulanger', 3, 2017], languages: [['fr', 'NATIVE'], ['ar', 'C1']], licences: ['B'], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 2 },
  { first: 'Lucas', last: 'Martin', metiers: ['D1106', 'D1505'], headline: 'Vendeur en alimentation, caisse', home: '69266', places: [['69266', 10], ['69123', 10]], skills: ['Caisse', 'Gestion des stocks', 'Relation client'], experiences: [['Vendeur', 'Marché Gourmand', '2020-01', '2023-12']], diploma: ['Bac pro Commerce', 4, 2019], languages: [['fr', 'NATIVE'], ['en', 'B1']], licences: ['B'], contracts: ['CDI'], times: ['FULL_TIME', 'PART_TIME'], remote: 'NONE', availableIn: 14, rqth: true, rqthShared: false, visible: true, idle: 5 },
  { first: 'Fatou', last: 'Diallo', metiers: ['D1214'], headline: 'Vendeuse en prêt-à-porter', home: '75056', places: [['75056', 20]], skills: ['Conseil client', 'Merchandising', 'Encaissement'], experiences: [['Vendeuse conseil', 'Boutique Rivoli', '2016-03', '2021-08'], ['Responsable de rayon', 'Mode & Cie', '2021-09', null]], diploma: ['BTS Management commercial opérationnel', 5, 2015], languages: [['fr', 'NATIVE'], ['wo', 'NATIVE'], ['en', 'B2']], licences: [], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'NONE', availableIn: 30, rqth: true, rqthShared: true, visible: true, idle: 1 },
  { first: 'Kevin', last: 'Nguyen', metiers: ['D1505'], headline: 'Hôte de caisse', home: '13055', places: [['13055', 25]], skills: ['Caisse', 'Accueil', 'Gestion des litiges'], experiences: [['Hôte de caisse', 'Hypermarché du Prado', '2019-05', null]], diploma: null, languages: [['fr', 'NATIVE'], ['zh', 'B1']], licences: ['B'], contracts: ['CDI', 'CDD', 'INTERIM'], times: ['PART_TIME'], remote: 'NONE', availableIn: null, rqth: false, rqthShared: false, visible: true, idle: 12 },
  { first: 'Sophie', last: 'Lefèvre', metiers: ['J1501'], headline: 'Aide-soignante en EHPAD', home: '59350', places: [['59350', 30]], skills: ['Soins d’hygiène', 'Transmissions', 'Bientraitance'], experiences: [['Aide-soignante', 'EHPAD Les Tilleuls', '2012-01', '2019-12'], ['Aide-soignante de nuit', 'Centre hospitalier de Roubaix', '2020-01', null]], diploma: ['Diplôme d’État d’aide-soignant', 4, 2011], languages: [['fr', 'NATIVE']], licences: ['B'], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'NONE', availableIn: 60, rqth: true, rqthShared: true, visible: true, idle: 3 },
  { first: 'Mamadou', last: 'Traoré', metiers: ['J1501', 'K1302'], headline: 'Aide-soignant, auxiliaire de vie', home: '59512', places: [['59512', 20], ['59350', 15]], skills: ['Aide à la toilette', 'Accompagnement', 'Transferts'], experiences: [['Auxiliaire de vie', 'Domicile Services Nord', '2017-02', '2021-01'], ['Aide-soignant', 'Clinique du Parc', '2021-02', null]], diploma: ['Diplôme d’État d’aide-soignant', 4, 2020], languages: [['fr', 'NATIVE'], ['en', 'A2']], licences: ['B'], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: false, visible: true, idle: 20 },
  { first: 'Élodie', last: 'Moreau', metiers: ['J1506'], headline: 'Infirmière diplômée d’État', home: '31555', places: [['31555', 40]], skills: ['Soins infirmiers', 'Pansements complexes', 'Éducation thérapeutique'], experiences: [['Infirmière', 'CHU de Toulouse', '2014-09', '2020-08'], ['Infirmière coordinatrice', 'SSIAD Garonne', '2020-09', null]], diploma: ['Diplôme d’État d’infirmier', 6, 2014], languages: [['fr', 'NATIVE'], ['es', 'B2']], licences: ['B'], contracts: ['CDI'], times: ['FULL_TIME', 'PART_TIME'], remote: 'NONE', availableIn: 92, rqth: true, rqthShared: true, visible: true, idle: 7 },
  { first: 'Yacine', last: 'Haddad', metiers: ['M1602'], headline: 'Agent administratif', home: '44109', places: [['44109', 20]], skills: ['Saisie', 'Classement', 'Pack Office', 'Accueil téléphonique'], experiences: [['Agent administratif', 'Mairie de Rezé', '2019-01', '2023-06']], diploma: ['Bac pro Gestion-administration', 4, 2018], languages: [['fr', 'NATIVE'], ['ar', 'B2'], ['en', 'B1']], licences: [], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'PARTIAL', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 1 },
  { first: 'Claire', last: 'Dubois', metiers: ['M1607'], headline: 'Secrétaire médicale', home: '33063', places: [['33063', 15]], skills: ['Prise de rendez-vous', 'Terminologie médicale', 'Doctolib'], experiences: [['Secrétaire médicale', 'Cabinet de radiologie des Chartrons', '2015-04', null]], diploma: ['Titre professionnel Secrétaire assistant médico-social', 4, 2014], languages: [['fr', 'NATIVE'], ['fsl', 'B2']], licences: ['B'], contracts: ['CDI'], times: ['PART_TIME'], remote: 'NONE', availableIn: 30, rqth: true, rqthShared: true, visible: true, idle: 4 },
  { first: 'Thomas', last: 'Garnier', metiers: ['M1203'], headline: 'Comptable', home: '35238', places: [['35238', 30]], skills: ['Comptabilité générale', 'Déclarations de TVA', 'Sage', 'Excel'], experiences: [['Aide-comptable', 'Cabinet Breizh Conseil', '2013-09', '2017-12'], ['Comptable', 'Coopérative Armor', '2018-01', null]], diploma: ['DCG', 6, 2013], languages: [['fr', 'NATIVE'], ['en', 'B2']], licences: ['B'], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'PARTIAL', availableIn: 92, rqth: false, rqthShared: false, visible: true, idle: 40 },
  { first: 'Nadia', last: 'Rahmani', metiers: ['M1203', 'M1602'], headline: 'Assistante comptable', home: '67482', places: [['67482', 20]], skills: ['Rapprochements bancaires', 'Facturation', 'Relances clients'], experiences: [['Assistante comptable', 'Alsace Négoce', '2019-03', null]], diploma: ['BTS Comptabilité et gestion', 5, 2018], languages: [['fr', 'NATIVE'], ['de', 'B2'], ['ar', 'C1']], licences: ['B'], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'PARTIAL', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 9 },
  { first: 'Julien', last: 'Petit', metiers: ['N1103'], headline: 'Préparateur de commandes, cariste', home: '69259', places: [['69259', 25]], skills: ['CACES 1, 3 et 5', 'Préparation à la voix', 'Inventaire'], experiences: [['Préparateur de commandes', 'Logistique Rhône', '2015-06', '2019-05'], ['Cariste', 'Entrepôt Saint-Priest', '2019-06', null]], diploma: ['CAP Opérateur logistique', 3, 2014], languages: [['fr', 'NATIVE']], licences: ['B'], contracts: ['CDI', 'INTERIM'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 2 },
  { first: 'Oumar', last: 'Koné', metiers: ['N1103', 'N4105'], headline: 'Magasinier, livreur', home: '69290', places: [['69290', 30], ['69123', 10]], skills: ['Réception de marchandises', 'Livraison', 'Gestion de stock'], experiences: [['Magasinier', 'Pièces Auto Est', '2018-01', '2021-12'], ['Livreur', 'Express Lyon', '2022-01', null]], diploma: null, languages: [['fr', 'C2'], ['en', 'A2']], licences: ['B', 'C'], contracts: ['CDI', 'CDD', 'INTERIM'], times: ['FULL_TIME'], remote: 'NONE', availableIn: 14, rqth: true, rqthShared: false, visible: true, idle: 15 },
  { first: 'Marie', last: 'Fontaine', metiers: ['N4105'], headline: 'Chauffeuse-livreuse', home: '44109', places: [['44109', 50]], skills: ['Tournées', 'Permis C', 'Relation client'], experiences: [['Chauffeuse-livreuse', 'Transports de l’Erdre', '2016-04', null]], diploma: ['Titre professionnel Conducteur livreur', 3, 2016], languages: [['fr', 'NATIVE']], licences: ['B', 'C', 'CE'], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: false, rqthShared: false, visible: true, idle: 6 },
  { first: 'Ahmed', last: 'Mansouri', metiers: ['K2204'], headline: 'Agent de propreté', home: '13055', places: [['13055', 15]], skills: ['Autolaveuse', 'Protocoles d’hygiène', 'Tri des déchets'], experiences: [['Agent de propreté', 'Net Provence', '2010-01', null]], diploma: null, languages: [['fr', 'B2'], ['ar', 'NATIVE']], licences: [], contracts: ['CDI', 'CDD'], times: ['PART_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 30 },
  { first: 'Isabelle', last: 'Roux', metiers: ['K2204'], headline: 'Agente d’entretien des locaux', home: '23096', places: [['23096', 30]], skills: ['Entretien des bureaux', 'Vitrerie', 'Autonomie'], experiences: [['Agente d’entretien', 'Collège Jules-Marouzeau', '2017-09', null]], diploma: ['CAP Agent de propreté et d’hygiène', 3, 2016], languages: [['fr', 'NATIVE']], licences: ['B'], contracts: ['CDI'], times: ['PART_TIME'], remote: 'NONE', availableIn: 30, rqth: true, rqthShared: true, visible: true, idle: 11 },
  { first: 'Karim', last: 'Belkacem', metiers: ['G1602'], headline: 'Commis de cuisine', home: '75056', places: [['75056', 10]], skills: ['Mise en place', 'HACCP', 'Découpe'], experiences: [['Commis de cuisine', 'Brasserie du Marais', '2019-09', '2022-08'], ['Cuisinier', 'Restaurant Le Comptoir', '2022-09', null]], diploma: ['CAP Cuisine', 3, 2019], languages: [['fr', 'NATIVE'], ['ar', 'B1']], licences: [], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 1 },
  { first: 'Camila', last: 'Rodrigues', metiers: ['G1602', 'G1603'], headline: 'Cuisinière, employée polyvalente', home: '33063', places: [['33063', 20]], skills: ['Cuisine collective', 'Plonge', 'Service'], experiences: [['Employée polyvalente', 'Restaurant universitaire', '2020-01', null]], diploma: null, languages: [['pt', 'NATIVE'], ['fr', 'B2'], ['es', 'C1']], licences: [], contracts: ['CDD', 'INTERIM'], times: ['PART_TIME', 'FULL_TIME'], remote: 'NONE', availableIn: null, rqth: false, rqthShared: false, visible: true, idle: 25 },
  { first: 'Hugo', last: 'Lambert', metiers: ['G1603'], headline: 'Équipier polyvalent en restauration', home: '35238', places: [['35238', 15]], skills: ['Service en salle', 'Caisse', 'Hygiène alimentaire'], experiences: [['Équipier polyvalent', 'Restauration rapide Rennes', '2022-06', null]], diploma: ['Baccalauréat général', 4, 2022], languages: [['fr', 'NATIVE'], ['en', 'B1']], licences: ['AM'], contracts: ['CDD', 'ALTERNANCE'], times: ['PART_TIME'], remote: 'NONE', availableIn: 14, rqth: true, rqthShared: true, visible: true, idle: 3 },
  { first: 'Léa', last: 'Girard', metiers: ['M1805'], headline: 'Développeuse web', home: '69123', places: [['69123', 30]], skills: ['TypeScript', 'React', 'PostgreSQL', 'Accessibilité numérique'], experiences: [['Développeuse web', 'Agence Lumière', '2019-09', '2022-12'], ['Développeuse full-stack', 'Start-up Confluence', '2023-01', null]], diploma: ['Master Informatique', 7, 2019], languages: [['fr', 'NATIVE'], ['en', 'C1']], licences: ['B'], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'FULL', availableIn: 92, rqth: true, rqthShared: true, visible: true, idle: 1 },
  { first: 'Mehdi', last: 'Saïdi', metiers: ['M1805'], headline: 'Développeur back-end', home: '59350', places: [['59350', 20]], skills: ['Java', 'Spring', 'SQL', 'Docker'], experiences: [['Développeur', 'ESN Flandres', '2016-01', null]], diploma: ['Licence professionnelle Développement', 6, 2015], languages: [['fr', 'NATIVE'], ['en', 'B2'], ['ar', 'B1']], licences: [], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'PARTIAL', availableIn: 60, rqth: false, rqthShared: false, visible: true, idle: 8 },
  { first: 'Chloé', last: 'Bernard', metiers: ['M1805', 'M1401'], headline: 'Développeuse et analyste de données', home: '31555', places: [['31555', 10]], skills: ['Python', 'Statistiques', 'Enquêtes'], experiences: [['Chargée d’études', 'Institut Occitanie Données', '2018-10', null]], diploma: ['Doctorat de sociologie', 8, 2018], languages: [['fr', 'NATIVE'], ['en', 'C2'], ['fsl', 'A2']], licences: [], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'FULL', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 14 },
  { first: 'Samuel', last: 'Cohen', metiers: ['K1302'], headline: 'Auxiliaire de vie sociale', home: '06088', places: [['06088', 20]], skills: ['Aide aux repas', 'Accompagnement aux courses', 'Écoute'], experiences: [['Auxiliaire de vie', 'Azur Domicile', '2014-05', null]], diploma: ['DEAES', 3, 2014], languages: [['fr', 'NATIVE'], ['it', 'B2']], licences: ['B'], contracts: ['CDI'], times: ['PART_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 19 },
  { first: 'Anaïs', last: 'Perrin', metiers: ['K1302', 'J1501'], headline: 'Accompagnante éducative et sociale', home: '12145', places: [['12145', 40]], skills: ['Accompagnement du handicap', 'Animation', 'Soins de confort'], experiences: [['Accompagnante', 'Foyer de vie du Larzac', '2019-01', null]], diploma: ['DEAES', 3, 2018], languages: [['fr', 'NATIVE'], ['fsl', 'C1']], licences: ['B'], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: 30, rqth: true, rqthShared: true, visible: true, idle: 5 },
  { first: 'Mathis', last: 'Leroy', metiers: ['H2909'], headline: 'Monteur-assembleur', home: '07010', places: [['07010', 30]], skills: ['Lecture de plans', 'Visserie', 'Contrôle qualité'], experiences: [['Monteur', 'Ardèche Mécanique', '2017-03', null]], diploma: ['Bac pro Technicien d’usinage', 4, 2016], languages: [['fr', 'NATIVE']], licences: ['B'], contracts: ['CDI', 'INTERIM'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: false, visible: true, idle: 45 },
  { first: 'Ibrahima', last: 'Sow', metiers: ['H2909', 'N1103'], headline: 'Opérateur de montage', home: '69290', places: [['69290', 20]], skills: ['Montage sur chaîne', 'Port de charges', 'Travail en équipe'], experiences: [['Opérateur de montage', 'Usine Vallée du Rhône', '2020-02', null]], diploma: null, languages: [['fr', 'C1'], ['wo', 'NATIVE']], licences: [], contracts: ['INTERIM', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: false, rqthShared: false, visible: true, idle: 60 },
  { first: 'Pierre', last: 'Marchand', metiers: ['F1608'], headline: 'Carreleur', home: '22050', places: [['22050', 50]], skills: ['Pose de carrelage', 'Faïence', 'Chape'], experiences: [['Carreleur', 'Entreprise Rance Bâtiment', '2008-04', null]], diploma: ['CAP Carreleur mosaïste', 3, 2007], languages: [['fr', 'NATIVE']], licences: ['B', 'BE'], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'NONE', availableIn: 14, rqth: true, rqthShared: true, visible: true, idle: 21 },
  { first: 'Rui', last: 'Almeida', metiers: ['F1608'], headline: 'Poseur de revêtements', home: APPROX, places: [[APPROX, 25], ['69123', 20]], skills: ['Sols souples et durs', 'Ragréage'], experiences: [['Poseur', 'Rénov’Ouest Lyonnais', '2015-06', null]], diploma: null, languages: [['pt', 'NATIVE'], ['fr', 'B2']], licences: ['B'], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 4 },
  { first: 'Jeanne', last: 'Mercier', metiers: ['A1203'], headline: 'Jardinière paysagiste', home: '15187', places: [['15187', 40]], skills: ['Taille', 'Tonte', 'Débroussaillage'], experiences: [['Ouvrière paysagiste', 'Espaces verts du Cantal', '2018-03', null]], diploma: ['CAPa Jardinier paysagiste', 3, 2017], languages: [['fr', 'NATIVE']], licences: ['B', 'BE'], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 10 },
  { first: 'Youssef', last: 'El Amrani', metiers: ['A1203'], headline: 'Agent d’entretien des espaces verts', home: '34172', places: [['34172', 25]], skills: ['Arrosage', 'Plantations', 'Petit outillage'], experiences: [['Agent des espaces verts', 'Ville de Montpellier', '2021-04', null]], diploma: null, languages: [['fr', 'C1'], ['ar', 'NATIVE']], licences: ['B'], contracts: ['CDD', 'INTERIM'], times: ['FULL_TIME'], remote: 'NONE', availableIn: 30, rqth: false, rqthShared: false, visible: true, idle: 33 },
  { first: 'Émilie', last: 'Chevalier', metiers: ['M1401'], headline: 'Enquêtrice', home: '75056', places: [['75056', 30]], skills: ['Enquêtes téléphoniques', 'Saisie', 'Questionnaires'], experiences: [['Enquêtrice', 'Institut de sondage Opinion', '2017-01', '2020-12'], ['Chargée d’enquêtes', 'Observatoire régional', '2021-01', null]], diploma: ['Licence de sociologie', 6, 2016], languages: [['fr', 'NATIVE'], ['en', 'B2'], ['fsl', 'NATIVE']], licences: [], contracts: ['CDD', 'CDI'], times: ['PART_TIME'], remote: 'PARTIAL', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 2 },
  { first: 'Bastien', last: 'Robin', metiers: ['K1205'], headline: 'Conseiller en information sociale', home: '67482', places: [['67482', 30]], skills: ['Accueil du public', 'Droits sociaux', 'Orientation'], experiences: [['Conseiller', 'Maison France Services', '2019-09', null]], diploma: ['BTS Économie sociale familiale', 5, 2019], languages: [['fr', 'NATIVE'], ['de', 'B1']], licences: ['B'], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'NONE', availableIn: 60, rqth: true, rqthShared: true, visible: true, idle: 13 },
  { first: 'Inès', last: 'Ferreira', metiers: ['K1205', 'M1607'], headline: 'Chargée d’accueil et d’information', home: '69266', places: [['69266', 15]], skills: ['Accueil', 'Agenda partagé', 'Information des usagers'], experiences: [['Chargée d’accueil', 'CAF du Rhône', '2018-02', null]], diploma: ['Bac pro Accueil', 4, 2017], languages: [['fr', 'NATIVE'], ['pt', 'C1']], licences: [], contracts: ['CDI', 'CDD'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: true, idle: 6 },
  // Three without the CVthèque consent: they must never appear in a search.
  { first: 'Gabriel', last: 'Fournier', metiers: ['D1106'], headline: 'Vendeur en épicerie fine', home: '69123', places: [['69123', 10]], skills: ['Conseil', 'Caisse'], experiences: [['Vendeur', 'Épicerie des Halles', '2019-01', null]], diploma: null, languages: [['fr', 'NATIVE']], licences: ['B'], contracts: ['CDI'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: false, visible: false, idle: 3 },
  { first: 'Zoé', last: 'Blanchard', metiers: ['M1607'], headline: 'Secrétaire', home: '44109', places: [['44109', 20]], skills: ['Accueil téléphonique', 'Courriers'], experiences: [['Secrétaire', 'Cabinet d’architectes', '2016-05', null]], diploma: ['BTS Support à l’action managériale', 5, 2016], languages: [['fr', 'NATIVE']], licences: [], contracts: ['CDI'], times: ['PART_TIME'], remote: 'PARTIAL', availableIn: null, rqth: false, rqthShared: false, visible: false, idle: 8 },
  { first: 'Moussa', last: 'Camara', metiers: ['N1103'], headline: 'Préparateur de commandes', home: '13055', places: [['13055', 20]], skills: ['CACES 1', 'Préparation de commandes'], experiences: [['Préparateur', 'Plateforme Fos', '2020-03', null]], diploma: null, languages: [['fr', 'C1']], licences: ['B'], contracts: ['INTERIM'], times: ['FULL_TIME'], remote: 'NONE', availableIn: null, rqth: true, rqthShared: true, visible: false, idle: 2 },
];

/** The demo's savoir-être of the profile at `index`: 2 to 4, varied, the same on every seeding (3 is prime to 14: no repeat), in the vocabulary's order as the API stores them. */
export const demoSoftSkills = (index: number): SoftSkill[] =>
  knownSoftSkills(Array.from({ length: 2 + (index % 3) }, (_, k) => SOFT_SKILLS[(index * 5 + k * 3) % SOFT_SKILLS.length]!));

/** The demo address of a profile: `prenom.nom@demo.test`, accents and spaces dropped. */
export const demoProfileEmail = (p: Pick<DemoProfile, 'first' | 'last'>) =>
  `${p.first}.${p.last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase() + '@demo.test';

/** Creates the demo profiles inside the demo seeding's transaction (models/seed.ts). */
export async function seedDemoProfiles(sequelize: Sequelize, transaction: Transaction, passwordHash: string, now: Date): Promise<number> {
  // A commune whose point is approximate (no gazetteer had it), the largest of metropolitan France.
  const [approx] = await sequelize.query<{ insee: string }>(
    `SELECT insee FROM communes WHERE approximate AND department < '97' ORDER BY population DESC NULLS LAST, insee LIMIT 1`,
    { type: QueryTypes.SELECT, transaction },
  );
  const commune = (code: string) => (code === APPROX ? (approx?.insee ?? '69123') : code);
  const day = 86_400_000;
  let created = 0;
  for (const [index, p] of DEMO_PROFILES.entries()) {
    const id = randomUUID();
    const experiences: ProfileExperience[] = p.experiences.map(([title, employer, start, end]) => ({ title, employer, start, end, description: null }));
    await sequelize.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name, created_at, updated_at)
       VALUES (:id, :email, :passwordHash, 'CANDIDATE', :first, :last, :createdAt, :createdAt)`,
      { transaction, replacements: { id, email: demoProfileEmail(p), passwordHash, first: p.first, last: p.last, createdAt: new Date(now.getTime() - (p.idle + 30) * day) } },
    );
    const at = new Date(now.getTime() - (p.idle + 1) * day);
    const home = commune(p.home);
    await sequelize.query(
      `INSERT INTO candidate_profiles (user_id, referent_id, rqth, headline, postal_code, city, summary, metiers, skills, soft_skills, experiences, experience_months,
         diplomas, education_level, languages, language_codes, driving_licences, contract_types, working_times, remote, available_from,
         commune_insee, cvtheque_visible_at, rqth_shared_at, last_activity_at, created_at, updated_at)
       SELECT :id, NULL, :rqth, :headline, c.postal_codes[1], c.name, :summary, ARRAY(SELECT jsonb_array_elements_text(CAST(:metiers AS jsonb))),
         ARRAY(SELECT jsonb_array_elements_text(CAST(:skills AS jsonb))), ARRAY(SELECT jsonb_array_elements_text(CAST(:softSkills AS jsonb))),
         CAST(:experiences AS jsonb), :months, CAST(:diplomas AS jsonb), :level,
         CAST(:languages AS jsonb), ARRAY(SELECT jsonb_array_elements_text(CAST(:languageCodes AS jsonb))),
         ARRAY(SELECT jsonb_array_elements_text(CAST(:licences AS jsonb))), ARRAY(SELECT jsonb_array_elements_text(CAST(:contracts AS jsonb))),
         ARRAY(SELECT jsonb_array_elements_text(CAST(:times AS jsonb))), :remote, CAST(:availableFrom AS date), c.insee,
         CASE WHEN :visible THEN CAST(:at AS timestamptz) END, CASE WHEN :rqthShared THEN CAST(:at AS timestamptz) END,
         CAST(:lastActivity AS timestamptz), CAST(:at AS timestamptz), CAST(:lastActivity AS timestamptz)
       FROM (SELECT 1) AS one LEFT JOIN communes c ON c.insee = :home`,
      {
        transaction,
        replacements: {
          id,
          rqth: p.rqth,
          headline: p.headline,
          summary: `${p.headline}. ${p.skills.join(', ')}.`,
          metiers: JSON.stringify(p.metiers),
          skills: JSON.stringify(p.skills),
          softSkills: JSON.stringify(demoSoftSkills(index)),
          experiences: JSON.stringify(experiences),
          months: experienceMonths(experiences, now),
          diplomas: JSON.stringify(p.diploma ? [{ title: p.diploma[0], level: p.diploma[1], year: p.diploma[2] }] : []),
          level: p.diploma ? p.diploma[1] : 0,
          languages: JSON.stringify(p.languages.map(([code, level]) => ({ code, level }))),
          languageCodes: JSON.stringify(p.languages.map(([code]) => code)),
          licences: JSON.stringify(p.licences),
          contracts: JSON.stringify(p.contracts),
          times: JSON.stringify(p.times),
          remote: p.remote,
          availableFrom: p.availableIn === null ? null : new Date(now.getTime() + p.availableIn * day).toISOString().slice(0, 10),
          home,
          visible: p.visible,
          rqthShared: p.rqthShared,
          at: at.toISOString(),
          lastActivity: new Date(now.getTime() - p.idle * day).toISOString(),
        },
      },
    );
    for (const [code, radiusKm] of p.places) {
      await sequelize.query(
        `INSERT INTO candidate_places (candidate_id, insee, radius_km, latitude, longitude)
         SELECT :id, insee, :radiusKm, latitude, longitude FROM communes WHERE insee = :insee ON CONFLICT DO NOTHING`,
        { transaction, replacements: { id, insee: commune(code), radiusKm } },
      );
    }
    const consents = [...(p.visible ? ['CVTHEQUE'] : []), ...(p.rqthShared ? ['RQTH'] : [])];
    for (const consent of consents) {
      await sequelize.query(`INSERT INTO profile_consents (candidate_id, consent, granted, at, recorded_by) VALUES (:id, :consent, true, :at, :id)`, {
        transaction,
        replacements: { id, consent, at: at.toISOString() },
      });
    }
    created++;
  }
  return created;
}
