import { useTranslation } from 'react-i18next';
import type { Contact } from '../../src-shared/api/contacts';
import { IconTrash } from '../components/icons';
import { ProfileIcon, WhatsAppIcon } from './icons';
import { tableClasses } from './KeysetTable';
import { formatDateTime } from './util';
import classes from './contacts.module.css';

export interface RowActions {
  toggle: (id: number) => void;
  message: (contact: Contact) => void;
  profile: (id: number) => void;
  remove: (contact: Contact) => void;
}

interface Props {
  contact: Contact;
  selected: boolean;
  actions: RowActions;
  language: string;
}

/**
 * The cells of one directory row, in plain elements styled by the CSS module rather than kit components: while
 * scrolling, the rows coming into view mount every frame, and this keeps each mount to a handful of DOM nodes.
 */
export function ContactCells({ contact, selected, actions, language }: Props) {
  const { t } = useTranslation('contacts');
  const cell = tableClasses.cell;
  const optional = `${cell} ${classes.dim} ${tableClasses.optional}`;
  return (
    <>
      <input
        type="checkbox"
        className={classes.check}
        aria-label={t('selection.one', { name: contact.displayName })}
        checked={selected}
        onChange={() => actions.toggle(contact.id)}
        data-testid="contact-select"
      />
      <div className={cell}>
        <div className={classes.name}>
          <span className={classes.truncate} data-testid="contact-name">
            {contact.displayName}
          </span>
          {contact.optedOut && <span className={classes.badge}>{t('optedOut')}</span>}
        </div>
        {contact.pushName && contact.pushName !== contact.displayName && (
          <div className={`${classes.truncate} ${classes.dim} ${classes.small}`}>~{contact.pushName}</div>
        )}
      </div>
      <span className={`${cell} ${classes.text}`} data-testid="contact-phone">
        {contact.phoneDisplay}
      </span>
      <span className={optional}>{contact.email ?? ''}</span>
      <span className={optional}>
        {contact.lastMessageAt === null ? '—' : formatDateTime(contact.lastMessageAt, language)}
      </span>
      <span className={optional}>{formatDateTime(contact.createdAt, language)}</span>
      <div className={`${tableClasses.actions} ${classes.buttons}`}>
        <button
          type="button"
          className={`${classes.icon} ${classes.green}`}
          aria-label={t('actions.message')}
          title={t('actions.message')}
          onClick={() => actions.message(contact)}
          data-testid="contact-message"
        >
          <WhatsAppIcon />
        </button>
        <button
          type="button"
          className={`${classes.icon} ${classes.blue}`}
          aria-label={t('actions.profile')}
          title={t('actions.profile')}
          onClick={() => actions.profile(contact.id)}
          data-testid="contact-profile"
        >
          <ProfileIcon />
        </button>
        <button
          type="button"
          className={`${classes.icon} ${classes.red}`}
          aria-label={t('actions.delete')}
          title={t('actions.delete')}
          onClick={() => actions.remove(contact)}
          data-testid="contact-delete"
        >
          <IconTrash size={18} />
        </button>
      </div>
    </>
  );
}
