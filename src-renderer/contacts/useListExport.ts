import { useState } from 'react';
import type { ExportFormat } from '../../src-shared/api/contacts';
import { api, toApiError } from '../api/client';
import { notify } from '../components/notices';
import { useErrorText } from '../components/useErrorText';

interface ExportJob {
  /** Calls the export procedure, which writes the file and says where and how many rows. */
  produce: (format: ExportFormat) => Promise<{ path: string; rows: number }>;
  /** The saved file is named `<baseName>-<YYYY-MM-DD>.<format>`. */
  baseName: string;
  doneText: (rows: number) => string;
}

/** Exports a list to a file the user saves, saying how many rows went or why it failed; `exporting` is the format under way. */
export function useListExport() {
  const errorText = useErrorText();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  const exportList = async (format: ExportFormat, job: ExportJob) => {
    setExporting(format);
    try {
      const result = await job.produce(format);
      const day = new Date().toISOString().slice(0, 10);
      await api.download(result.path, `${job.baseName}-${day}.${format}`);
      notify({ tone: 'success', message: job.doneText(result.rows) });
    } catch (err) {
      notify({ tone: 'error', message: errorText(toApiError(err)) });
    } finally {
      setExporting(null);
    }
  };

  return { exporting, exportList };
}
