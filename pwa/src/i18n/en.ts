import type { Catalogue } from './nl';

// English: plain words for people who use English as a second language.
export const en: Catalogue = {
  'app.title': 'Klusbuddy — small jobs, social economy',
  'app.name': 'Klusbuddy',
  'a11y.skipToContent': 'Skip to content',
  'lang.choose': 'Choose language',

  'home.title': 'Welcome to Klusbuddy',
  'home.intro':
    'Klusbuddy brings small jobs from households and companies to people looking for work in the social economy, with a volunteer buddy when needed.',

  'roles.title': 'Who is it for?',
  'roles.poster.title': 'I have a job to post',
  'roles.poster.text': 'Ask for help with cleaning, gardening or a move in one minute. You see the price straight away.',
  'roles.worker.title': 'I am looking for work',
  'roles.worker.text': 'Get jobs close to home on your phone. Say yes or no with one tap.',
  'roles.buddy.title': 'I am a volunteer buddy',
  'roles.buddy.text': 'Go along with someone who does a job, at times that suit you.',
  'roles.coach.title': 'I am a job coach',
  'roles.coach.text': 'Follow up your people, step in when needed and show what the work achieves.',

  'prices.title': 'What does a job cost?',
  'prices.intro': 'Everyone pays the same fixed price for the same work.',
  'prices.loading': 'Loading prices…',
  'prices.error': 'The prices could not be loaded. Check your internet connection and try again.',
  'prices.retry': 'Try again',
  'prices.empty': 'No prices yet.',
  'prices.perHour': '{price} per hour',
  'prices.perItem': '{price} per item',

  'offline.message': 'You are offline. Some things will work again when you are connected.',
  'update.message': 'New version available',
  'update.reload': 'Reload',

  'footer.text': 'Klusbuddy — social economy in Limburg',
};
