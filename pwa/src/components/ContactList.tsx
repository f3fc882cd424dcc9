// People to call about a job, each a whole-row tel: link (at least 48 px high) with the phone
// icon, the first name, the role in words and the number: one tap dials. Used by the coach's job
// review and the poster's job page.
import { type Contact, CONTACT_ROLES, type ContactRole, telLink } from '../contacts';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { Icon } from './Icon';

const ROLE_KEY: Record<ContactRole, PlainKey> = {
  worker: 'contact.role.worker',
  buddy: 'contact.role.buddy',
  poster: 'contact.role.poster',
  coordinator: 'contact.role.coordinator',
};

export function ContactList({ contacts, testid = 'contact' }: { contacts: readonly Contact[]; testid?: string }) {
  const { t } = useI18n();
  return (
    <ul class="contacts" data-testid={`${testid}-list`}>
      {contacts.map((c, i) => {
        const role = (CONTACT_ROLES as readonly string[]).includes(c.role) ? t(ROLE_KEY[c.role]) : c.role;
        return (
          <li key={i}>
            <a
              class="contact"
              href={telLink(c.phone)}
              data-testid={testid}
              data-role={c.role}
            >
              <Icon name="phone" />
              <span class="contact__body">
                <span class="contact__name">
                  {/* The link's name is what it shows, with "Bel" for a screen reader. */}
                  <span class="visually-hidden">{t('contact.call')} </span>
                  <strong>{c.first_name}</strong> <span class="contact__role">({role})</span>
                </span>{' '}
                <span class="contact__phone">{c.phone}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
