import { icon } from '../components/icons';

/** The pictures the wallet needs that the shared set lacks: a wallet, a card, a download, a printer, a receipt. */
export const IconWallet = icon(<path d="M4 7a2 2 0 0 1 2-2h11v4M4 7v10a2 2 0 0 0 2 2h13a1 1 0 0 0 1-1v-3M4 7a2 2 0 0 0 2 2h14v4m0 2h-4a2 2 0 0 1 0-4h4v4z" />);
export const IconCard = icon(<path d="M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM3 10h18M7 15h3" />);
export const IconDownload = icon(<path d="M12 4v11m0 0-4-4m4 4 4-4M5 19h14" />);
export const IconPrinter = icon(<path d="M7 9V4h10v5M7 17H5a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-2M7 14h10v6H7z" />);
export const IconReceipt = icon(<path d="M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h3" />);
