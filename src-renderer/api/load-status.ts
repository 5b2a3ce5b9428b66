/** Where a store's first load stands: pages show skeletons while `loading` and an error with retry on `error`. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
