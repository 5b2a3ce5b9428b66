/**
 * Every i18next namespace of the app, one line per feature: the export name is the namespace
 * (`t('channels:create.title')`). A feature keeps its strings in `src-renderer/<feature>/i18n.ts` as
 * `export default defineStrings({ ...en }, { ...tr })` and adds its line here.
 */
export { default as common } from './common';
export { default as channels } from '../channels/i18n';
export { default as settings } from '../settings/i18n';
export { default as contacts } from '../contacts/i18n';
export { default as attributes } from '../attributes/i18n';
export { default as groups } from '../groups/i18n';
export { default as wallet } from '../wallet/i18n';
export { default as bulk } from '../bulk/i18n';
