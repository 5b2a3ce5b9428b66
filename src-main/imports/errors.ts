import { AppError, type LocalizedText } from '../../src-shared/errors';

/** Why a file cannot be imported at all; each is raised before anything is written. */
export const fileErrors = {
  notFound: (file: string) =>
    new AppError(
      'file_not_found',
      { en: `The file "${file}" was not found. Choose the file again.`, tr: `"${file}" dosyası bulunamadı. Dosyayı yeniden seçin.` },
      { field: 'path' },
    ),
  notAFile: (file: string) =>
    new AppError(
      'file_not_found',
      { en: `"${file}" is a folder, not a file.`, tr: `"${file}" bir klasör, dosya değil.` },
      { field: 'path' },
    ),
  unreadable: (file: string) =>
    new AppError(
      'file_unreadable',
      {
        en: `The file "${file}" cannot be read (no permission, or it is open in another program).`,
        tr: `"${file}" dosyası okunamıyor (izin yok veya başka bir programda açık).`,
      },
      { field: 'path' },
    ),
  empty: (file: string) =>
    new AppError(
      'file_empty',
      { en: `The file "${file}" is empty (0 bytes).`, tr: `"${file}" dosyası boş (0 bayt).` },
      { field: 'path' },
    ),
  notSpreadsheet: (file: string) =>
    new AppError(
      'file_not_spreadsheet',
      {
        en: `"${file}" is not a CSV, Excel (.xlsx) or Excel 97-2003 (.xls) file. Save it from Excel as CSV or .xlsx and try again.`,
        tr: `"${file}" bir CSV, Excel (.xlsx) veya Excel 97-2003 (.xls) dosyası değil. Excel'den CSV veya .xlsx olarak kaydedip tekrar deneyin.`,
      },
      { field: 'path' },
    ),
  tooLarge: (file: string, what: string, limit: string) =>
    new AppError(
      'file_too_large',
      {
        en: `"${file}" is too large to open as a spreadsheet here (${what}; the limit is ${limit}). Save it from Excel as CSV (UTF-8): CSV files of any size are imported.`,
        tr: `"${file}" burada hesap tablosu olarak açılamayacak kadar büyük (${what}; sınır ${limit}). Excel'den CSV (UTF-8) olarak kaydedin: her boyuttaki CSV dosyası içe aktarılabilir.`,
      },
      { field: 'path', details: { what, limit } },
    ),
  noRows: (file: string) =>
    new AppError(
      'file_no_rows',
      { en: `"${file}" has no rows to import.`, tr: `"${file}" dosyasında içe aktarılacak satır yok.` },
      { field: 'path' },
    ),
  sheetNotFound: (sheet: string, sheets: string[]) =>
    new AppError(
      'sheet_not_found',
      {
        en: `There is no sheet named "${sheet}". Sheets: ${sheets.join(', ')}.`,
        tr: `"${sheet}" adında bir sayfa yok. Sayfalar: ${sheets.join(', ')}.`,
      },
      { field: 'sheet', details: { sheets } },
    ),
  rowTooLong: (row: number) =>
    new AppError(
      'csv_malformed',
      {
        en: `Row ${row} never ends: a quote (") opens a field that is not closed. Fix the quotes in that row or choose another separator.`,
        tr: `${row}. satır bitmiyor: bir tırnak (") açılmış ama kapanmamış. O satırdaki tırnakları düzeltin veya başka bir ayırıcı seçin.`,
      },
      { field: 'path', details: { row } },
    ),
  brokenSpreadsheet: (file: string) =>
    new AppError(
      'file_corrupt',
      {
        en: `"${file}" looks like an Excel file but cannot be opened (damaged or password-protected). Open it in Excel and save it again.`,
        tr: `"${file}" bir Excel dosyasına benziyor ama açılamıyor (bozuk veya parolalı). Excel'de açıp yeniden kaydedin.`,
      },
      { field: 'path' },
    ),
};

export const importErrors = {
  running: () =>
    new AppError('import_running', {
      en: 'An import into this channel is already running. Wait for it to finish or cancel it.',
      tr: 'Bu kanala bir içe aktarma zaten sürüyor. Bitmesini bekleyin veya iptal edin.',
    }),
  jobIdTaken: (jobId: string) =>
    new AppError(
      'job_id_taken',
      { en: `A job with the id "${jobId}" is already running.`, tr: `"${jobId}" kimlikli bir iş zaten çalışıyor.` },
      { field: 'jobId' },
    ),
  groupsUnavailable: () =>
    new AppError(
      'groups_unavailable',
      {
        en: 'Customer groups are not available yet, so imported contacts cannot be added to a group. Import without a group.',
        tr: 'Müşteri grupları henüz kullanılamıyor; içe aktarılan kişiler bir gruba eklenemez. Grup seçmeden içe aktarın.',
      },
      { field: 'groupId' },
    ),
  workerFailed: (savedThroughRow: number | null, savedAfter: number) => {
    const rest: LocalizedText =
      savedAfter > 0
        ? {
            en: ` ${savedAfter} rows after it were saved too; the report lists them as "saved".`,
            tr: ` Sonrasından ${savedAfter} satır da kaydedildi; rapor bunları "saved" olarak listeler.`,
          }
        : { en: ' None after it were saved.', tr: ' Sonrakiler kaydedilmedi.' };
    return new AppError(
      'import_failed',
      savedThroughRow === null && savedAfter === 0
        ? {
            en: 'The import stopped because of an internal error before saving anything. Please try again.',
            tr: 'İçe aktarma, hiçbir şey kaydedilmeden dahili bir hata nedeniyle durdu. Lütfen tekrar deneyin.',
          }
        : {
            en: `The import stopped because of an internal error. ${savedThroughRow === null ? 'No complete part of the file was saved.' : `Rows up to row ${savedThroughRow} of the file were saved.`}${rest.en}`,
            tr: `İçe aktarma dahili bir hata nedeniyle durdu. ${savedThroughRow === null ? 'Dosyanın hiçbir bölümü tam olarak kaydedilmedi.' : `Dosyanın ${savedThroughRow}. satırına kadar olanlar kaydedildi.`}${rest.tr}`,
          },
      { details: { savedThroughRow, savedAfter } },
    );
  },
};
