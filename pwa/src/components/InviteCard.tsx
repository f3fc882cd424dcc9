import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n/context';
import type { Invite } from '../types';
import { Icon } from './Icon';
import { QrCode } from './QrCode';

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers or no permission: select the text so a long press can copy it.
    input?.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** A new invite: the QR code to scan from the coach's screen, the link to copy or share, and
 * when it stops working. */
export function InviteCard({ invite, name, onDone }: { invite: Invite; name: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const canShare = typeof navigator.share === 'function';

  // The invite replaces the form the coach just sent: take focus there, so it is announced.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section class="card invite" aria-labelledby="invite-title" data-testid="invite">
      <h2 id="invite-title" class="card__title" tabIndex={-1} ref={heading}>
        {t('invite.cardTitle', { name })}
      </h2>
      <p class="card__text">{t('invite.cardIntro', { name })}</p>
      <div class="invite__qr">
        <QrCode text={invite.url} label={t('invite.qrLabel', { name })} testid="invite-qr" />
      </div>
      <div class="field">
        <label class="field__label" for="invite-link">
          {t('invite.linkLabel')}
        </label>
        <input
          id="invite-link"
          ref={input}
          class="input"
          type="text"
          readOnly
          value={invite.url}
          data-testid="invite-link"
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div class="button-row">
        <button
          type="button"
          class="button"
          data-testid="invite-copy"
          onClick={async () => setCopied((await copyText(invite.url, input.current)) ? 'yes' : 'no')}
        >
          <Icon name="copy" />
          {t('invite.copy')}
        </button>
        {canShare && (
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              navigator.share({ title: t('app.name'), url: invite.url }).catch(() => {});
            }}
          >
            <Icon name="share" />
            {t('invite.share')}
          </button>
        )}
      </div>
      <p class="saved" role="status">
        {copied === 'yes' && (
          <>
            <Icon name="check" />
            {t('invite.copied')}
          </>
        )}
        {copied === 'no' && t('invite.copyFailed')}
      </p>
      <p class="card__text invite__expiry" data-testid="invite-expiry">
        <Icon name="clock" />
        {t('invite.expires', { when: formatDateTime(invite.expires_at, lang) })}
      </p>
      <p class="card__text">{t('invite.once')}</p>
      <button type="button" class="button button--wide" data-testid="invite-done" onClick={onDone}>
        <Icon name="check" />
        {t('invite.done')}
      </button>
    </section>
  );
}
