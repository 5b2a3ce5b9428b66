/** Every table, one file per feature; drizzle-kit reads this barrel to generate migrations. */
export * from './channels';
export * from './contacts';
export * from './groups';
export * from './wallet';
export * from './campaigns';
