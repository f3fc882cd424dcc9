// Dutch: the default language and the source of truth for message keys. fr.ts and en.ts must
// have exactly these keys (the type check fails otherwise) and the same {placeholders} (a unit
// test checks that). Keep sentences short and plain: many readers are not at ease with Dutch.
export const nl = {
  'app.title': 'Klusbuddy — kleine klussen, sociale economie',
  'app.name': 'Klusbuddy',
  'a11y.skipToContent': 'Naar de inhoud',
  'lang.choose': 'Taal kiezen',

  'home.title': 'Welkom bij Klusbuddy',
  'home.intro':
    'Klusbuddy brengt kleine klussen van gezinnen en bedrijven bij mensen die werk zoeken in de sociale economie, met een vrijwillige buddy als dat nodig is.',

  'roles.title': 'Voor wie?',
  'roles.poster.title': 'Ik heb een klus',
  'roles.poster.text': 'Vraag in een minuut hulp bij poetsen, tuinwerk of een verhuis. Je ziet de prijs meteen.',
  'roles.worker.title': 'Ik zoek werk',
  'roles.worker.text': 'Krijg klussen dicht bij huis op je gsm. Met één tik zeg je ja of nee.',
  'roles.buddy.title': 'Ik ben vrijwilliger (buddy)',
  'roles.buddy.text': 'Ga mee met iemand die een klus doet, op momenten die jou passen.',
  'roles.coach.title': 'Ik ben jobcoach',
  'roles.coach.text': 'Volg je mensen op, stap in waar nodig en toon wat het werk oplevert.',

  'prices.title': 'Wat kost een klus?',
  'prices.intro': 'Iedereen betaalt dezelfde vaste prijs voor hetzelfde werk.',
  'prices.loading': 'Prijzen laden…',
  'prices.error': 'De prijzen konden niet geladen worden. Kijk of je internet hebt en probeer opnieuw.',
  'prices.retry': 'Opnieuw proberen',
  'prices.empty': 'Er zijn nog geen prijzen.',
  'prices.perHour': '{price} per uur',
  'prices.perItem': '{price} per stuk',

  'offline.message': 'Je bent offline. Sommige dingen werken pas weer als je internet hebt.',
  'update.message': 'Nieuwe versie beschikbaar',
  'update.reload': 'Herladen',

  'footer.text': 'Klusbuddy — sociale economie in Limburg',
} as const;

export type MessageKey = keyof typeof nl;

/** Every other language has exactly the Dutch keys. */
export type Catalogue = { readonly [K in MessageKey]: string };
