package httpapi

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// messages translates the domain's user-facing messages (written in English, which doubles as
// the key) into Dutch and French. A message with %d or %s is a pattern: its values carry over.
// TestMessagesAreTranslated finds every such sentence in the code and checks that it is here.
var messages = map[string]klusbuddy.Localized{
	"Only workers, buddies and posters have a calendar feed.":                {NL: "Alleen medewerkers, buddy's en klanten hebben een agendakoppeling.", FR: "Seuls les travailleurs, les buddies et les clients ont un flux d'agenda."},
	"There is no calendar at this address; make a new link in the app.":      {NL: "Op dit adres staat geen agenda; maak een nieuwe link in de app.", FR: "Il n'y a pas d'agenda à cette adresse ; créez un nouveau lien dans l'application."},
	"A cancelled job is not closed as done.":                                 {NL: "Een geannuleerde klus wordt niet als klaar afgesloten.", FR: "Une mission annulée n'est pas clôturée comme terminée."},
	"Check in first.":                                                        {NL: "Meld eerst dat je er bent.", FR: "Signalez d'abord votre arrivée."},
	"Choose a time within the three hours before the start.":                 {NL: "Kies een uur binnen de drie uur voor het begin.", FR: "Choisissez une heure dans les trois heures avant le début."},
	"Choose one of the outcomes.":                                            {NL: "Kies een van de uitkomsten.", FR: "Choisissez un des résultats."},
	"Give a date and time such as 2026-12-24T09:00:00+01:00.":                {NL: "Geef een datum en uur, zoals 2026-12-24T09:00:00+01:00.", FR: "Indiquez une date et une heure, par exemple 2026-12-24T09:00:00+01:00."},
	"Give a latitude from -90 to 90.":                                        {NL: "Geef een breedtegraad van -90 tot 90.", FR: "Indiquez une latitude de -90 à 90."},
	"Give a longitude from -180 to 180.":                                     {NL: "Geef een lengtegraad van -180 tot 180.", FR: "Indiquez une longitude de -180 à 180."},
	"Give an accuracy in metres from 0 to 100000.":                           {NL: "Geef een nauwkeurigheid in meter van 0 tot 100000.", FR: "Indiquez une précision en mètres de 0 à 100000."},
	"Give the meeting point, or leave it empty for the job's address.":       {NL: "Geef de afspreekplaats, of laat ze leeg voor het adres van de klus.", FR: "Indiquez le lieu de rendez-vous, ou laissez vide pour l'adresse de la mission."},
	"Give the position's latitude, longitude and accuracy.":                  {NL: "Geef de breedtegraad, lengtegraad en nauwkeurigheid van de plaats.", FR: "Indiquez la latitude, la longitude et la précision de la position."},
	"Give the time of the tap.":                                              {NL: "Geef het uur waarop je tikte.", FR: "Indiquez l'heure à laquelle vous avez appuyé."},
	"Only a job that has started can be closed.":                             {NL: "Alleen een klus die begonnen is, kan afgesloten worden.", FR: "Seule une mission commencée peut être clôturée."},
	"Only coordinators follow up the day of a job.":                          {NL: "Alleen jobcoaches volgen de dag van een klus op.", FR: "Seuls les coachs suivent le jour d'une mission."},
	"Only the buddy sets the meeting point.":                                 {NL: "Alleen de buddy kiest de afspreekplaats.", FR: "Seul le buddy choisit le lieu de rendez-vous."},
	"Only the worker or the buddy on a job checks in.":                       {NL: "Alleen de medewerker of de buddy van een klus meldt zich aan.", FR: "Seuls le travailleur ou le buddy d'une mission signalent leur arrivée."},
	"Say which place this outcome is for.":                                   {NL: "Zeg voor welke plaats deze uitkomst is.", FR: "Indiquez pour quelle place est ce résultat."},
	"There is no such place on this job.":                                    {NL: "Deze plaats bestaat niet op deze klus.", FR: "Cette place n'existe pas pour cette mission."},
	"There is no such safety report.":                                        {NL: "Deze veiligheidsmelding bestaat niet.", FR: "Ce signalement de sécurité n'existe pas."},
	"This job has started; the meeting point can no longer change.":          {NL: "Deze klus is begonnen; de afspreekplaats kan niet meer veranderen.", FR: "Cette mission a commencé ; le lieu de rendez-vous ne peut plus changer."},
	"This job is closed; tell your coach.":                                   {NL: "Deze klus is afgesloten; verwittig je jobcoach.", FR: "Cette mission est clôturée ; prévenez votre coach."},
	"This job is not one of your organisation's.":                            {NL: "Deze klus hoort niet bij jouw organisatie.", FR: "Cette mission n'est pas de votre organisation."},
	"This outcome is the whole job's; leave out the place.":                  {NL: "Deze uitkomst geldt voor de hele klus; laat de plaats weg.", FR: "Ce résultat vaut pour toute la mission ; retirez la place."},
	"This time lies before your check-in.":                                   {NL: "Dit uur ligt voor je aankomst.", FR: "Cette heure est avant votre arrivée."},
	"This time lies in the future; check the phone's clock.":                 {NL: "Dit uur ligt in de toekomst; kijk de klok van de gsm na.", FR: "Cette heure est dans le futur ; vérifiez l'horloge du téléphone."},
	"This time lies too long after the job's end.":                           {NL: "Dit uur ligt te lang na het einde van de klus.", FR: "Cette heure est trop longtemps après la fin de la mission."},
	"Write what was done.":                                                   {NL: "Schrijf wat er gedaan werd.", FR: "Écrivez ce qui a été fait."},
	"You are still waiting for a buddy to come along.":                       {NL: "Je wacht nog op een buddy die meegaat.", FR: "Vous attendez encore un buddy qui vous accompagne."},
	"You can check in from 30 minutes before the start.":                     {NL: "Je kan je aanmelden vanaf 30 minuten voor het begin.", FR: "Vous pouvez signaler votre arrivée à partir de 30 minutes avant le début."},
	"Only workers have this part of a profile.":                              {NL: "Alleen medewerkers hebben dit deel van een profiel.", FR: "Seuls les travailleurs ont cette partie du profil."},
	"Only buddies have this part of a profile.":                              {NL: "Alleen buddy's hebben dit deel van een profiel.", FR: "Seuls les buddies ont cette partie du profil."},
	"Only posters have this part of a profile.":                              {NL: "Alleen klanten hebben dit deel van een profiel.", FR: "Seuls les clients ont cette partie du profil."},
	"The body has a field name that is not valid.":                           {NL: "Een veldnaam in de aanvraag klopt niet.", FR: "Un nom de champ de la requête n'est pas valide."},
	"Use text in UTF-8: this has bytes that are not.":                        {NL: "Gebruik tekst in UTF-8: hier staan bytes in die dat niet zijn.", FR: "Utilisez du texte en UTF-8 : ceci contient des octets qui ne le sont pas."},
	"Use valid text: this has half of a character (a lone surrogate).":       {NL: "Gebruik geldige tekst: hier staat een half teken in (een losse surrogate).", FR: "Utilisez un texte valide : ceci contient un demi-caractère (un surrogate isolé)."},
	"Every database connection is held and none comes back.":                 {NL: "Alle verbindingen met de databank zijn bezet en komen niet vrij.", FR: "Toutes les connexions à la base de données sont prises et aucune ne revient."},
	"This key was used for another request; use a new key for each request.": {NL: "Deze sleutel werd al voor een andere aanvraag gebruikt; gebruik voor elke aanvraag een nieuwe.", FR: "Cette clé a déjà servi pour une autre requête ; utilisez une nouvelle clé pour chaque requête."},
	"The body could not be read.":                                            {NL: "De aanvraag kon niet gelezen worden.", FR: "La requête n'a pas pu être lue."},
	"All places of this job are taken.":                                      {NL: "Alle plaatsen voor deze klus zijn al ingenomen.", FR: "Toutes les places pour cette mission sont déjà prises."},
	"You are already booked on another job at that time.":                    {NL: "Je hebt op dat moment al een andere klus.", FR: "Vous avez déjà une autre mission à ce moment-là."},
	"Choose a start at least an hour from now.":                              {NL: "Kies een begin minstens een uur van nu.", FR: "Choisissez un début au moins une heure plus tard."},
	"Choose a start within a year.":                                          {NL: "Kies een begin binnen het jaar.", FR: "Choisissez un début dans l'année."},
	"Choose one of your addresses.":                                          {NL: "Kies een van je adressen.", FR: "Choisissez une de vos adresses."},
	"Choose the address.":                                                    {NL: "Kies het adres.", FR: "Choisissez l'adresse."},
	"Choose whether a buddy may come.":                                       {NL: "Kies of een buddy mee mag komen.", FR: "Choisissez si un buddy peut venir."},
	"Give a duration from 30 minutes to 12 hours.":                           {NL: "Geef een duur van 30 minuten tot 12 uur.", FR: "Indiquez une durée de 30 minutes à 12 heures."},
	"Give a number of workers from 1 to 20.":                                 {NL: "Geef een aantal medewerkers van 1 tot 20.", FR: "Indiquez un nombre de travailleurs de 1 à 20."},
	"Give the date and time.":                                                {NL: "Geef de datum en het uur.", FR: "Indiquez la date et l'heure."},
	"There is no such job.":                                                  {NL: "Deze klus bestaat niet.", FR: "Cette mission n'existe pas."},
	"Only posters post jobs.":                                                {NL: "Alleen klanten plaatsen klussen.", FR: "Seuls les clients publient des missions."},
	"There is no such offer.":                                                {NL: "Dit aanbod bestaat niet.", FR: "Cette offre n'existe pas."},
	"This job was cancelled.":                                                {NL: "Deze klus werd geannuleerd.", FR: "Cette mission a été annulée."},
	"This offer has expired.":                                                {NL: "Dit aanbod is verlopen.", FR: "Cette offre a expiré."},
	"This offer is no longer open.":                                          {NL: "Op dit aanbod kan je niet meer antwoorden.", FR: "Cette offre n'est plus ouverte."},
	"Only workers get offers.":                                               {NL: "Alleen medewerkers krijgen aanbiedingen.", FR: "Seuls les travailleurs reçoivent des offres."},
	"Choose too_far, not_available, not_this_work or other.":                 {NL: "Kies een reden: te ver, niet beschikbaar, niet dit soort werk of iets anders.", FR: "Choisissez une raison : trop loin, pas disponible, pas ce travail ou autre."},
	"Use 8 to 100 letters, digits, - or _.":                                  {NL: "Gebruik 8 tot 100 letters, cijfers, - of _.", FR: "Utilisez de 8 à 100 lettres, chiffres, - ou _."},
	"Give the id of the last notification seen.":                             {NL: "Geef het nummer van het laatst geziene bericht.", FR: "Indiquez le numéro de la dernière notification vue."},
	"Ask for 1 to 200 of the latest notifications, without after.":           {NL: "Vraag 1 tot 200 van de laatste berichten, zonder after.", FR: "Demandez de 1 à 200 des dernières notifications, sans after."},
	"You are not booked on this job.":                                        {NL: "Je staat niet op deze klus.", FR: "Vous n'êtes pas inscrit à cette mission."},
	"This job has started; tell your coach instead.":                         {NL: "Deze klus is al begonnen; verwittig je jobcoach.", FR: "Cette mission a commencé ; prévenez votre coach."},
	"This job would take you past your hours for the month.":                 {NL: "Met deze klus kom je boven je uren voor deze maand.", FR: "Avec cette mission, vous dépasseriez vos heures du mois."},
	"This job would take you past your hours for the year.":                  {NL: "Met deze klus kom je boven je uren voor dit jaar.", FR: "Avec cette mission, vous dépasseriez vos heures de l'année."},
	"A household cannot become a company here, nor the other way round.":     {NL: "Een gezin kan hier geen bedrijf worden, en omgekeerd.", FR: "Un ménage ne peut pas devenir une entreprise ici, ni l'inverse."},
	"A person's role cannot change.":                                         {NL: "De rol van iemand kan niet veranderen.", FR: "Le rôle d'une personne ne peut pas changer."},
	"Add or remove addresses one at a time.":                                 {NL: "Voeg adressen één voor één toe of verwijder ze één voor één.", FR: "Ajoutez ou supprimez les adresses une par une."},
	"An account with this email address exists already.":                     {NL: "Er bestaat al een account met dit e-mailadres.", FR: "Un compte existe déjà avec cette adresse e-mail."},
	"An account with this phone number exists already.":                      {NL: "Er bestaat al een account met dit gsm-nummer.", FR: "Un compte existe déjà avec ce numéro de téléphone."},
	"Choose a PIN or a password, not both.":                                  {NL: "Kies een pincode of een wachtwoord, niet allebei.", FR: "Choisissez un code PIN ou un mot de passe, pas les deux."},
	"Choose a category.":                                                     {NL: "Kies een soort klus.", FR: "Choisissez une catégorie."},
	"Choose a day of the week (1 Monday … 7 Sunday).":                        {NL: "Kies een dag van de week (1 maandag … 7 zondag).", FR: "Choisissez un jour de la semaine (1 lundi … 7 dimanche)."},
	"Choose a password.":                                                     {NL: "Kies een wachtwoord.", FR: "Choisissez un mot de passe."},
	"Choose an icon name.":                                                   {NL: "Kies een pictogram.", FR: "Choisissez une icône."},
	"Choose each category once.":                                             {NL: "Kies elke soort klus maar één keer.", FR: "Choisissez chaque catégorie une seule fois."},
	"Choose how they travel.":                                                {NL: "Kies hoe de persoon zich verplaatst.", FR: "Choisissez comment la personne se déplace."},
	"Choose level 1, 2 or 3.":                                                {NL: "Kies niveau 1, 2 of 3.", FR: "Choisissez le niveau 1, 2 ou 3."},
	`Choose "coordinator" or "admin".`:                                       {NL: `Kies "coordinator" of "admin".`, FR: `Choisissez "coordinator" ou "admin".`},
	`Choose "household" or "company".`:                                       {NL: "Kies gezin of bedrijf.", FR: "Choisissez ménage ou entreprise."},
	`Choose "hour" or "item".`:                                               {NL: "Kies per uur of per stuk.", FR: "Choisissez par heure ou par pièce."},
	`Choose "nl", "fr" or "en".`:                                             {NL: "Kies Nederlands, Frans of Engels.", FR: "Choisissez le néerlandais, le français ou l'anglais."},
	`Choose "worker" or "buddy".`:                                            {NL: "Kies medewerker of buddy.", FR: "Choisissez travailleur ou buddy."},
	"Choose the coordinator's organisation.":                                 {NL: "Kies de organisatie van de jobcoach.", FR: "Choisissez l'organisation du coach."},
	"Choose the municipality.":                                               {NL: "Kies de gemeente.", FR: "Choisissez la commune."},
	"Choose when a buddy is needed.":                                         {NL: "Kies wanneer een buddy nodig is.", FR: "Choisissez quand un buddy est nécessaire."},
	"Confirm that your account is to be deleted.":                            {NL: "Bevestig dat je account verwijderd mag worden.", FR: "Confirmez la suppression de votre compte."},
	"Give a Belgian postcode of 4 digits.":                                   {NL: "Geef een Belgische postcode van 4 cijfers.", FR: "Indiquez un code postal belge de 4 chiffres."},
	"Give a date such as 2026-12-24.":                                        {NL: "Geef een datum, zoals 2026-12-24.", FR: "Indiquez une date, par exemple 2026-12-24."},
	"Give a name in this language.":                                          {NL: "Geef een naam in deze taal.", FR: "Indiquez un nom dans cette langue."},
	"Give a name of at most 120 characters.":                                 {NL: "Geef een naam van hoogstens 120 tekens.", FR: "Indiquez un nom de 120 caractères au plus."},
	"Give a number of hours from 1 to 744, or none.":                         {NL: "Geef een aantal uren van 1 tot 744, of niets.", FR: "Indiquez un nombre d'heures de 1 à 744, ou rien."},
	"Give a number of hours from 1 to 744.":                                  {NL: "Geef een aantal uren van 1 tot 744.", FR: "Indiquez un nombre d'heures de 1 à 744."},
	"Give a number of hours from 1 to 8784, or none.":                        {NL: "Geef een aantal uren van 1 tot 8784, of niets.", FR: "Indiquez un nombre d'heures de 1 à 8784, ou rien."},
	"Give a number of hours from 1 to 8784.":                                 {NL: "Geef een aantal uren van 1 tot 8784.", FR: "Indiquez un nombre d'heures de 1 à 8784."},
	"Give a number of jobs from 1 to 100.":                                   {NL: "Geef een aantal klussen van 1 tot 100.", FR: "Indiquez un nombre de missions de 1 à 100."},
	"Give a number of minutes from 5 to 180.":                                {NL: "Geef een aantal minuten van 5 tot 180.", FR: "Indiquez un nombre de minutes de 5 à 180."},
	"Give a price between 0.01 and 1000.00 euro.":                            {NL: "Geef een prijs tussen 0,01 en 1000,00 euro.", FR: "Indiquez un prix entre 0,01 et 1000,00 euros."},
	"Give a time such as 09:00.":                                             {NL: "Geef een uur, zoals 09:00.", FR: "Indiquez une heure, par exemple 09:00."},
	"Give a time such as 17:00.":                                             {NL: "Geef een uur, zoals 17:00.", FR: "Indiquez une heure, par exemple 17:00."},
	"Give a valid Belgian VAT number, such as BE 0123.456.749.":              {NL: "Geef een geldig Belgisch btw-nummer, zoals BE 0123.456.749.", FR: "Indiquez un numéro de TVA belge valable, par exemple BE 0123.456.749."},
	"Give a valid email address, such as naam@voorbeeld.be.":                 {NL: "Geef een geldig e-mailadres, zoals naam@voorbeeld.be.", FR: "Indiquez une adresse e-mail valable, par exemple nom@exemple.be."},
	"Give a valid phone number, such as 0470 12 34 56.":                      {NL: "Geef een geldig telefoonnummer, zoals 0470 12 34 56.", FR: "Indiquez un numéro de téléphone valable, par exemple 0470 12 34 56."},
	"Give both times, or neither.":                                           {NL: "Geef beide uren, of geen van beide.", FR: "Indiquez les deux heures, ou aucune."},
	"Give lat and lon as numbers.":                                           {NL: "Geef lat en lon als getallen.", FR: "Indiquez lat et lon en chiffres."},
	"Give the buddy's profile.":                                              {NL: "Vul het profiel van de buddy in.", FR: "Complétez le profil du buddy."},
	"Give the company's name.":                                               {NL: "Geef de naam van het bedrijf.", FR: "Indiquez le nom de l'entreprise."},
	"Give the street and number.":                                            {NL: "Geef de straat en het huisnummer.", FR: "Indiquez la rue et le numéro."},
	"Give the worker's profile.":                                             {NL: "Vul het profiel van de medewerker in.", FR: "Complétez le profil du travailleur."},
	"Give times such as 09:00.":                                              {NL: "Geef uren zoals 09:00.", FR: "Indiquez des heures comme 09:00."},
	"Give your email address or phone number.":                               {NL: "Geef je e-mailadres of gsm-nummer.", FR: "Indiquez votre adresse e-mail ou votre numéro de téléphone."},
	"Give your password or PIN.":                                             {NL: "Geef je wachtwoord of pincode.", FR: "Indiquez votre mot de passe ou votre code PIN."},
	"Internal error.":                                                        {NL: "Er ging iets mis bij ons.", FR: "Une erreur s'est produite chez nous."},
	"No such account.":                                                       {NL: "Dit account bestaat niet.", FR: "Ce compte n'existe pas."},
	"Only admins may do this.":                                               {NL: "Alleen beheerders mogen dit doen.", FR: "Seuls les administrateurs peuvent faire cela."},
	"Only coordinators may do this, for their own organisation.":             {NL: "Alleen jobcoaches mogen dit doen, voor hun eigen organisatie.", FR: "Seuls les coachs peuvent faire cela, pour leur propre organisation."},
	"Only posters have addresses.":                                           {NL: "Alleen klanten hebben adressen.", FR: "Seuls les clients ont des adresses."},
	"Posters sign in with their email and password.":                         {NL: "Klanten melden zich aan met hun e-mailadres en wachtwoord.", FR: "Les clients se connectent avec leur adresse e-mail et leur mot de passe."},
	"Send the body as application/json.":                                     {NL: "Stuur de gegevens als application/json.", FR: "Envoyez les données en application/json."},
	"Someone else changed this meanwhile; reload it and make your change again.": {NL: "Iemand anders wijzigde dit intussen; laad opnieuw en doe je wijziging nog eens.",
		FR: "Quelqu'un d'autre a modifié ceci entre-temps ; rechargez et refaites votre modification."},
	"Some fields are not valid.":                                                  {NL: "Niet alle velden zijn juist ingevuld.", FR: "Certains champs ne sont pas valables."},
	"Some values are not valid.":                                                  {NL: "Niet alle waarden zijn juist.", FR: "Certaines valeurs ne sont pas valables."},
	"The body is empty; send a JSON object.":                                      {NL: "Er zijn geen gegevens meegestuurd.", FR: "Aucune donnée n'a été envoyée."},
	"The body is not valid JSON.":                                                 {NL: "De gegevens zijn geen geldige JSON.", FR: "Les données ne sont pas du JSON valable."},
	"The body must be a JSON object.":                                             {NL: "De gegevens moeten een JSON-object zijn.", FR: "Les données doivent être un objet JSON."},
	"The database is not reachable.":                                              {NL: "De databank is even niet bereikbaar.", FR: "La base de données est momentanément injoignable."},
	"Text may not contain NUL characters.":                                        {NL: "Tekst mag geen NUL-tekens bevatten.", FR: "Le texte ne peut pas contenir de caractères NUL."},
	"Give a date from 2000 to 2100.":                                              {NL: "Geef een datum tussen 2000 en 2100.", FR: "Indiquez une date entre 2000 et 2100."},
	"List at most %d periods.":                                                    {NL: "Geef hoogstens %d periodes op.", FR: "Indiquez au plus %d périodes."},
	"List at most %d days.":                                                       {NL: "Geef hoogstens %d dagen op.", FR: "Indiquez au plus %d jours."},
	"List at most %d items.":                                                      {NL: "Geef hoogstens %d items op.", FR: "Indiquez au plus %d éléments."},
	"The end must come after the start.":                                          {NL: "Het einde moet na het begin komen.", FR: "La fin doit venir après le début."},
	"The login or the password/PIN is not right.":                                 {NL: "Het e-mailadres of gsm-nummer, of het wachtwoord of de pincode, klopt niet.", FR: "L'identifiant ou le mot de passe/code PIN n'est pas correct."},
	"The request body is larger than %d bytes.":                                   {NL: "De gegevens zijn groter dan %d bytes.", FR: "Les données dépassent %d octets."},
	"The request lacks a valid CSRF token; reload the page.":                      {NL: "Deze aanvraag is verlopen; laad de pagina opnieuw.", FR: "Cette demande a expiré ; rechargez la page."},
	"There is no API endpoint at %s.":                                             {NL: "Er is geen API-adres %s.", FR: "Il n'y a pas d'adresse d'API %s."},
	"There is no such address.":                                                   {NL: "Dit adres bestaat niet.", FR: "Cette adresse n'existe pas."},
	"There is no such category.":                                                  {NL: "Deze soort klus bestaat niet.", FR: "Cette catégorie n'existe pas."},
	"There is no such organisation.":                                              {NL: "Deze organisatie bestaat niet.", FR: "Cette organisation n'existe pas."},
	"There is no such person.":                                                    {NL: "Deze persoon bestaat niet.", FR: "Cette personne n'existe pas."},
	"There is no such session.":                                                   {NL: "Dit toestel is niet aangemeld.", FR: "Cet appareil n'est pas connecté."},
	"There is nothing at this address.":                                           {NL: "Hier is niets te vinden.", FR: "Il n'y a rien à cette adresse."},
	"This already exists.":                                                        {NL: "Dit bestaat al.", FR: "Cela existe déjà."},
	"This category is listed twice.":                                              {NL: "Deze soort klus staat er twee keer.", FR: "Cette catégorie figure deux fois."},
	"This date is listed twice.":                                                  {NL: "Deze datum staat er twee keer.", FR: "Cette date figure deux fois."},
	"This day already has a period starting at this time.":                        {NL: "Op deze dag begint al een periode op dit uur.", FR: "Une période commence déjà à cette heure ce jour-là."},
	"This endpoint does not accept %s.":                                           {NL: "Dit adres aanvaardt geen %s.", FR: "Cette adresse n'accepte pas %s."},
	"This field is not known here.":                                               {NL: "Dit veld is hier niet bekend.", FR: "Ce champ n'est pas connu ici."},
	"This field is required.":                                                     {NL: "Dit veld is verplicht.", FR: "Ce champ est obligatoire."},
	"This field is required: it is how they sign in.":                             {NL: "Dit veld is verplicht: zo meldt de persoon zich aan.", FR: "Ce champ est obligatoire : c'est ainsi que la personne se connecte."},
	"This invite link is no longer valid: ask your coach for a new one.":          {NL: "Deze uitnodiging werkt niet meer: vraag je jobcoach om een nieuwe.", FR: "Ce lien d'invitation n'est plus valable : demandez-en un nouveau à votre coach."},
	"This job cannot take that step now.":                                         {NL: "Deze klus kan die stap nu niet zetten.", FR: "Cette mission ne peut pas passer à cette étape maintenant."},
	"This municipality does not have this postcode.":                              {NL: "Deze gemeente heeft een andere postcode.", FR: "Cette commune a un autre code postal."},
	"This must be a list.":                                                        {NL: "Dit moet een lijst zijn.", FR: "Ceci doit être une liste."},
	"This must be a number.":                                                      {NL: "Dit moet een getal zijn.", FR: "Ceci doit être un nombre."},
	"This must be an object.":                                                     {NL: "Dit moet een object zijn.", FR: "Ceci doit être un objet."},
	"This must be text.":                                                          {NL: "Dit moet tekst zijn.", FR: "Ceci doit être du texte."},
	"This must be true or false.":                                                 {NL: "Dit moet waar of onwaar zijn.", FR: "Ceci doit être vrai ou faux."},
	"This organisation exists already.":                                           {NL: "Deze organisatie bestaat al.", FR: "Cette organisation existe déjà."},
	"This overlaps with something that exists.":                                   {NL: "Dit overlapt met iets dat al bestaat.", FR: "Cela chevauche quelque chose qui existe déjà."},
	"This password is too easy to guess; choose another.":                         {NL: "Dit wachtwoord is te makkelijk te raden; kies een ander.", FR: "Ce mot de passe est trop facile à deviner ; choisissez-en un autre."},
	"This PIN is too easy to guess; choose another.":                              {NL: "Deze pincode is te makkelijk te raden; kies een andere.", FR: "Ce code PIN est trop facile à deviner ; choisissez-en un autre."},
	"This point is not in Belgium.":                                               {NL: "Deze plaats ligt niet in België.", FR: "Ce point n'est pas en Belgique."},
	"This refers to something that does not exist.":                               {NL: "Dit verwijst naar iets dat niet bestaat.", FR: "Ceci renvoie à quelque chose qui n'existe pas."},
	"Live updates are not available; the app asks for news now and then instead.": {NL: "Live meldingen zijn niet beschikbaar; de app kijkt af en toe zelf of er nieuws is.", FR: "Les mises à jour en direct ne sont pas disponibles ; l'application vérifie elle-même de temps en temps."},
	"This address only speaks WebSocket.":                                         {NL: "Dit adres werkt alleen met WebSocket.", FR: "Cette adresse ne fonctionne qu'avec WebSocket."},
	"Notifications on the phone are not available on this server.":                {NL: "Meldingen op de telefoon zijn niet beschikbaar op deze server.", FR: "Les notifications sur le téléphone ne sont pas disponibles sur ce serveur."},
	"Give the push service address the browser gave.":                             {NL: "Geef het adres van de pushdienst dat de browser gaf.", FR: "Indiquez l'adresse du service push donnée par le navigateur."},
	"This push service is not one Klusbuddy sends to.":                            {NL: "Klusbuddy stuurt geen meldingen naar deze pushdienst.", FR: "Klusbuddy n'envoie pas de notifications à ce service push."},
	"Give the browser's public key for this subscription.":                        {NL: "Geef de publieke sleutel van de browser voor dit abonnement.", FR: "Indiquez la clé publique du navigateur pour cet abonnement."},
	"Give the browser's authentication secret for this subscription.":             {NL: "Geef het authenticatiegeheim van de browser voor dit abonnement.", FR: "Indiquez le secret d'authentification du navigateur pour cet abonnement."},
	"This request comes from another site.":                                       {NL: "Deze aanvraag komt van een andere website.", FR: "Cette demande vient d'un autre site."},
	"This short name is taken.":                                                   {NL: "Deze korte naam is al in gebruik.", FR: "Ce nom court est déjà pris."},
	"Times only go with an available day.":                                        {NL: "Uren horen alleen bij een beschikbare dag.", FR: "Les heures ne valent que pour un jour disponible."},
	"Too many attempts. Try again in %d minutes.":                                 {NL: "Te veel pogingen. Probeer opnieuw over %d minuten.", FR: "Trop de tentatives. Réessayez dans %d minutes."},
	"Too many requests from this address. Try again later.":                       {NL: "Te veel aanvragen van dit adres. Probeer het later opnieuw.", FR: "Trop de demandes depuis cette adresse. Réessayez plus tard."},
	"Use 2 to 40 lower-case letters, digits or hyphens, starting with a letter.": {NL: "Gebruik 2 tot 40 kleine letters, cijfers of koppeltekens, te beginnen met een letter.",
		FR: "Utilisez de 2 à 40 minuscules, chiffres ou tirets, en commençant par une lettre."},
	"Use a language code of two or three letters, such as tr or ber.": {NL: "Gebruik een taalcode van twee of drie letters, zoals tr of ber.", FR: "Utilisez un code de langue de deux ou trois lettres, par exemple tr ou ber."},
	"Use at least 10 characters.":                                     {NL: "Gebruik minstens 10 tekens.", FR: "Utilisez au moins 10 caractères."},
	"Use at most %d characters.":                                      {NL: "Gebruik hoogstens %d tekens.", FR: "Utilisez au plus %d caractères."},
	"Use exactly 6 digits.":                                           {NL: "Gebruik precies 6 cijfers.", FR: "Utilisez exactement 6 chiffres."},
	"You are not signed in.":                                          {NL: "Je bent niet aangemeld.", FR: "Vous n'êtes pas connecté."},
	"Your coordinator sets this.":                                     {NL: "Dit stelt je jobcoach in.", FR: "C'est votre coach qui règle ceci."},
	"Your email address is how you sign in; it cannot be changed here.": {NL: "Met je e-mailadres meld je je aan; je kan het hier niet wijzigen.",
		FR: "Vous vous connectez avec votre adresse e-mail ; elle ne peut pas être modifiée ici."},
	"Your role may not do this.":         {NL: "Met jouw rol kan dit niet.", FR: "Votre rôle ne permet pas cela."},
	"This job can no longer be changed.": {NL: "Deze klus kan je niet meer aanpassen.", FR: "Cette mission ne peut plus être modifiée."},
	"Someone is booked on this job: only the description, the languages and the number of workers can change.": {NL: "Er staat al iemand op deze klus: je kan alleen nog de beschrijving, de talen en het aantal medewerkers aanpassen.", FR: "Quelqu'un est déjà inscrit : seuls la description, les langues et le nombre de travailleurs peuvent changer."},
	"%d workers are booked already; ask for at least that many.":                                               {NL: "Er staan al %d medewerkers op deze klus; vraag er minstens zoveel.", FR: "%d travailleurs sont déjà inscrits ; demandez-en au moins autant."},
	"A booked place lies above this number; ask for more workers.":                                             {NL: "Een ingenomen plaats ligt boven dit aantal; vraag meer medewerkers.", FR: "Une place prise dépasse ce nombre ; demandez plus de travailleurs."},
	"Only an unfilled job that has not started can be offered again.":                                          {NL: "Alleen een klus die niet ingevuld raakte en nog niet begon, kan je opnieuw aanbieden.", FR: "Seule une mission non pourvue et pas encore commencée peut être proposée à nouveau."},
	"The poster changed this job; it is offered again.":                                                        {NL: "De klant heeft deze klus aangepast; ze wordt opnieuw aangeboden.", FR: "Le client a modifié cette mission ; elle est proposée à nouveau."},
	"There is no such request.":                                                                                {NL: "Deze vraag bestaat niet.", FR: "Cette demande n'existe pas."},
	"The worker no longer goes to this job.":                                                                   {NL: "De medewerker gaat niet meer naar deze klus.", FR: "Le travailleur ne va plus à cette mission."},
	"Another buddy goes along already.":                                                                        {NL: "Er gaat al een andere buddy mee.", FR: "Un autre buddy accompagne déjà."},
	"This request has expired.":                                                                                {NL: "Deze vraag is verlopen.", FR: "Cette demande a expiré."},
	"You already go along on another job at that time.":                                                        {NL: "Je gaat op dat moment al mee met een andere klus.", FR: "Vous accompagnez déjà une autre mission à ce moment-là."},
	"This request is no longer open.":                                                                          {NL: "Op deze vraag kan je niet meer antwoorden.", FR: "Cette demande n'est plus ouverte."},
	"You do not go along on this job.":                                                                         {NL: "Je gaat niet mee met deze klus.", FR: "Vous n'accompagnez pas cette mission."},
	"This slug is in use; choose another.":                                                                     {NL: "Deze korte naam is al in gebruik; kies een andere.", FR: "Ce nom court est déjà utilisé ; choisissez-en un autre."},
	"The slug cannot change; add a new category instead.":                                                      {NL: "De korte naam kan niet veranderen; maak een nieuwe categorie.", FR: "Le nom court ne peut pas changer ; créez plutôt une nouvelle catégorie."},
	"Only buddies get requests to go along.":                                                                   {NL: "Alleen buddy's krijgen vragen om mee te gaan.", FR: "Seuls les buddies reçoivent des demandes d'accompagnement."},
	"Only admins manage categories.":                                                                           {NL: "Alleen beheerders beheren de categorieën.", FR: "Seuls les administrateurs gèrent les catégories."},
	"Only coordinators see the match board.":                                                                   {NL: "Alleen jobcoaches zien het matchbord.", FR: "Seuls les coachs voient le tableau des correspondances."},
	"Choose attention, open or all.":                                                                           {NL: "Kies attention, open of all.", FR: "Choisissez attention, open ou all."},
	"No buddy is free to go along; your coach has been told.":                                                  {NL: "Er is geen buddy vrij om mee te gaan; je jobcoach weet het.", FR: "Aucun buddy n'est libre pour vous accompagner ; votre coach est prévenu."},
	"Admins do not block people from posters.":                                                                 {NL: "Beheerders blokkeren niemand voor een klant.", FR: "Les administrateurs ne bloquent personne pour un client."},
	"There is no such person on this job.":                                                                     {NL: "Deze persoon staat niet op deze klus.", FR: "Cette personne ne figure pas sur cette mission."},
	"Give a window of 1 to %d days.":                                                                           {NL: "Geef een periode van 1 tot %d dagen.", FR: "Indiquez une période de 1 à %d jours."},
	"There is no such block.":                                                                                  {NL: "Deze blokkering bestaat niet.", FR: "Ce blocage n'existe pas."},
	"Only coordinators see and lift blocks.":                                                                   {NL: "Alleen jobcoaches zien en heffen blokkeringen op.", FR: "Seuls les coachs voient et lèvent les blocages."},
	"There is no such assignment.":                                                                             {NL: "Deze plaats op een klus bestaat niet.", FR: "Cette affectation n'existe pas."},
}

// messagePattern is a catalogue message with %d or %s, as a regular expression.
type messagePattern struct {
	re *regexp.Regexp
	tr klusbuddy.Localized
}

var messagePatterns = func() []messagePattern {
	var out []messagePattern
	for key, tr := range messages {
		if !strings.Contains(key, "%d") && !strings.Contains(key, "%s") {
			continue
		}
		expr := regexp.QuoteMeta(key)
		expr = strings.NewReplacer("%d", `(\d+)`, "%s", `(.+?)`).Replace(expr)
		out = append(out, messagePattern{re: regexp.MustCompile("^" + expr + "$"), tr: tr})
	}
	return out
}()

// translate returns msg in l; an unknown message stays as it is (English).
func translate(l klusbuddy.Language, msg string) string {
	if l == klusbuddy.English || msg == "" {
		return msg
	}
	if t, ok := messages[msg]; ok {
		return t.In(l)
	}
	for _, p := range messagePatterns {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i, v := range m[1:] {
				args[i] = v
			}
			format := strings.ReplaceAll(p.tr.In(l), "%d", "%s")
			return fmt.Sprintf(format, args...)
		}
	}
	return msg
}
