// The app drives the Chrome/Edge/Chromium already on the user's machine (see src-main/whatsapp/browser-locator.ts),
// so no install ever downloads a browser of its own.
module.exports = { skipDownload: true };
