import type { Catalogue } from './nl';

// French (Belgian usage: « GSM », vouvoiement). A non-breaking space (\u00a0) goes before ? and :.
export const fr: Catalogue = {
  'app.title': 'Klusbuddy — petits travaux, économie sociale',
  'app.name': 'Klusbuddy',
  'a11y.skipToContent': 'Aller au contenu',
  'lang.choose': 'Choisir la langue',

  'home.title': 'Bienvenue sur Klusbuddy',
  'home.intro':
    'Klusbuddy confie les petits travaux des ménages et des entreprises à des personnes qui cherchent du travail dans l’économie sociale, avec un buddy bénévole si besoin.',

  'roles.title': 'Pour qui\u00a0?',
  'roles.poster.title': 'J’ai un petit travail à confier',
  'roles.poster.text':
    'Demandez de l’aide en une minute pour le ménage, le jardin ou un déménagement. Vous voyez le prix tout de suite.',
  'roles.worker.title': 'Je cherche du travail',
  'roles.worker.text': 'Recevez des petits travaux près de chez vous sur votre GSM. Un seul geste pour dire oui ou non.',
  'roles.buddy.title': 'Je suis bénévole (buddy)',
  'roles.buddy.text': 'Accompagnez une personne pendant un travail, aux moments qui vous conviennent.',
  'roles.coach.title': 'Je suis jobcoach',
  'roles.coach.text': 'Suivez vos travailleurs, intervenez si nécessaire et montrez ce que le travail apporte.',

  'prices.title': 'Combien coûte un petit travail\u00a0?',
  'prices.intro': 'Tout le monde paie le même prix fixe pour le même travail.',
  'prices.loading': 'Chargement des prix…',
  'prices.error': 'Impossible de charger les prix. Vérifiez votre connexion internet et réessayez.',
  'prices.retry': 'Réessayer',
  'prices.empty': 'Pas encore de prix.',
  'prices.perHour': '{price} par heure',
  'prices.perItem': '{price} par pièce',

  'offline.message': 'Vous êtes hors ligne. Certaines fonctions reviendront avec la connexion.',
  'update.message': 'Nouvelle version disponible',
  'update.reload': 'Recharger',

  'footer.text': 'Klusbuddy — économie sociale au Limbourg',
};
