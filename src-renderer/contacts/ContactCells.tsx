import type { ReactNode } from 'react';
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

function RowButton(props: { label: string; tone: string | undefined; onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <button
      type="button"
      className={`${classes.icon} ${props.tone ?? ''}`}
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
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
        <RowButton label={t('actions.message')} tone={classes.green} onClick={() => actions.message(contact)} testId="contact-message">
          <WhatsAppIcon />
        </RowButton>
        <RowButton label={t('actions.profile')} tone={classes.blue} onClick={() => actions.profile(contact.id)} testId="contact-profile">
          <ProfileIcon />
        </RowButton>
        <RowButton label={t('actions.delete')} tone={classes.red} onClick={() => actions.remove(contact)} testId="contact-delete">
          <IconTrash size={18} />
        </RowButton>
      </div>
    </>
  );
}
