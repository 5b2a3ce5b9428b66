import { serveReadOnlyJob } from '../export/read-only-job';
import { writeTransactions } from './export';

/** The thread a large transactions export runs on (see WalletService.exportTransactions). */
serveReadOnlyJob(writeTransactions);
