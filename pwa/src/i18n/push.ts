// The texts of push notifications, which the service worker shows while the app is closed.
// They live apart from the rest so that the service worker bundles only these few; nl.ts, fr.ts
// and en.ts take them in, so the catalogue test checks them like every other text.
// Short: a phone shows a title, one or two lines and small buttons.
export const pushNl = {
  'push.app': 'Klusbuddy',
  'push.offer.title': 'Nieuwe klus: {category}',
  'push.offer.titlePlain': 'Nieuwe klus voor jou',
  'push.buddy.title': 'Ga je mee? {category}',
  'push.buddy.titlePlain': 'Ga je mee met een klus?',
  'push.answerBefore': 'reageer vóór {time}',
  'push.action.accept': 'Ja, ik doe het',
  'push.action.decline': 'Nee',
  'push.action.confirm': 'Ik ga mee',
  'push.closed.offer': 'Deze klus is niet meer beschikbaar.',
  'push.closed.buddy': 'Deze vraag om mee te gaan is niet meer open.',
  'push.done.accepted': 'Je hebt de klus aangenomen.',
  'push.done.held': 'Je plaats is vastgehouden. We zoeken nog een buddy.',
  'push.done.declined': 'Afgewezen.',
  'push.done.confirmed': 'Je gaat mee. Bedankt!',
  'push.conflict.offer': 'Deze klus is al vergeven.',
  'push.conflict.buddy': 'Een andere buddy gaat al mee.',
  'push.generic.body': 'Er is nieuws voor je. Tik om Klusbuddy te openen.',
  'push.failed': 'Dat lukte niet. Tik om Klusbuddy te openen.',
} as const;

export type PushKey = keyof typeof pushNl;
type PushCatalogue = { readonly [K in PushKey]: string };

// French: vouvoiement, a non-breaking space (\u00a0) before ? ! and :.
export const pushFr: PushCatalogue = {
  'push.app': 'Klusbuddy',
  'push.offer.title': 'Nouveau travail\u00a0: {category}',
  'push.offer.titlePlain': 'Un nouveau travail pour vous',
  'push.buddy.title': 'Vous accompagnez\u00a0? {category}',
  'push.buddy.titlePlain': 'Vous accompagnez quelqu’un\u00a0?',
  'push.answerBefore': 'répondez avant {time}',
  'push.action.accept': 'Oui, je le fais',
  'push.action.decline': 'Non',
  'push.action.confirm': 'J’accompagne',
  'push.closed.offer': 'Ce travail n’est plus disponible.',
  'push.closed.buddy': 'Cette demande d’accompagnement n’est plus ouverte.',
  'push.done.accepted': 'Vous avez accepté le travail.',
  'push.done.held': 'Votre place est réservée. Nous cherchons encore un buddy.',
  'push.done.declined': 'Refusé.',
  'push.done.confirmed': 'Vous y allez. Merci\u00a0!',
  'push.conflict.offer': 'Ce travail est déjà pris.',
  'push.conflict.buddy': 'Un autre buddy accompagne déjà.',
  'push.generic.body': 'Il y a du nouveau pour vous. Touchez pour ouvrir Klusbuddy.',
  'push.failed': 'Cela n’a pas marché. Touchez pour ouvrir Klusbuddy.',
};

export const pushEn: PushCatalogue = {
  'push.app': 'Klusbuddy',
  'push.offer.title': 'New job: {category}',
  'push.offer.titlePlain': 'A new job for you',
  'push.buddy.title': 'Will you come along? {category}',
  'push.buddy.titlePlain': 'Will you come along to a job?',
  'push.answerBefore': 'answer before {time}',
  'push.action.accept': 'Yes, I’ll do it',
  'push.action.decline': 'No',
  'push.action.confirm': 'I’ll come along',
  'push.closed.offer': 'This job is no longer available.',
  'push.closed.buddy': 'This request to come along is no longer open.',
  'push.done.accepted': 'You took the job.',
  'push.done.held': 'Your place is held. We are still looking for a buddy.',
  'push.done.declined': 'Declined.',
  'push.done.confirmed': 'You are coming along. Thank you!',
  'push.conflict.offer': 'This job has already been taken.',
  'push.conflict.buddy': 'Another buddy is already going.',
  'push.generic.body': 'There is news for you. Tap to open Klusbuddy.',
  'push.failed': 'That did not work. Tap to open Klusbuddy.',
};

export const pushCatalogues = { nl: pushNl, fr: pushFr, en: pushEn } as const;
export type PushLang = keyof typeof pushCatalogues;
