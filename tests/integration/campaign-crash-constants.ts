/** What the crash test's child process sets up, shared with the test that checks the outcome. */
export const RECIPIENTS = 200;
export const PRICES = { text: 3, image: 5 };
/** Recipient i is not on WhatsApp when i % INVALID_EVERY === 7 (its national number ends in 000). */
export const INVALID_EVERY = 40;
