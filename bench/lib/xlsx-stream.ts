import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * A minimal streaming .xlsx writer (inline strings, one sheet): SheetJS builds the whole workbook in memory, which
 * is exactly what a million-row test file must not need just to exist.
 */

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function column(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function rowXml(r: number, cells: (string | number)[]): string {
  let out = `<row r="${r}">`;
  cells.forEach((v, i) => {
    const ref = `${column(i)}${r}`;
    if (typeof v === 'number') out += `<c r="${ref}"><v>${v}</v></c>`;
    else if (v !== '') out += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(v)}</t></is></c>`;
  });
  return `${out}</row>`;
}

interface Entry {
  name: string;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

class ZipWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  constructor(private readonly fd: number) {}

  private write(buf: Buffer): void {
    fs.writeSync(this.fd, buf);
    this.offset += buf.length;
  }

  /** Adds a deflated entry whose content arrives in pieces; sizes and CRC go in a trailing data descriptor. */
  async add(name: string, pieces: Iterable<string>): Promise<void> {
    const nameBuf = Buffer.from(name, 'utf8');
    const entry: Entry = { name, crc: 0, compressed: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0808, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(nameBuf.length, 26);
    this.write(header);
    this.write(nameBuf);
    const deflate = zlib.createDeflateRaw({ level: 6 });
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      this.write(chunk);
    });
    const done = new Promise<void>((resolve, reject) => {
      deflate.on('end', resolve);
      deflate.on('error', reject);
    });
    let batch = '';
    const flush = async () => {
      const buf = Buffer.from(batch, 'utf8');
      batch = '';
      entry.crc = zlib.crc32(buf, entry.crc);
      entry.size += buf.length;
      if (!deflate.write(buf)) await new Promise((resolve) => deflate.once('drain', resolve));
    };
    for (const piece of pieces) {
      batch += piece;
      if (batch.length > 1 << 20) await flush();
    }
    await flush();
    deflate.end();
    await done;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.write(descriptor);
    this.entries.push(entry);
  }

  finish(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const nameBuf = Buffer.from(e.name, 'utf8');
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt16LE(0x0808, 8);
      cd.writeUInt16LE(8, 10);
      cd.writeUInt32LE(e.crc >>> 0, 16);
      cd.writeUInt32LE(e.compressed, 20);
      cd.writeUInt32LE(e.size, 24);
      cd.writeUInt16LE(nameBuf.length, 28);
      cd.writeUInt32LE(e.offset, 42);
      this.write(cd);
      this.write(nameBuf);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
  }
}

export async function writeXlsx(file: string, sheetName: string, header: string[], rows: Iterable<(string | number)[]>): Promise<void> {
  const fd = fs.openSync(file, 'w');
  try {
    const zip = new ZipWriter(fd);
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const pkgRel = 'http://schemas.openxmlformats.org/package/2006/relationships';
    const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    await zip.add('[Content_Types].xml', [
      `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ]);
    await zip.add('_rels/.rels', [
      `${decl}<Relationships xmlns="${pkgRel}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ]);
    await zip.add('xl/workbook.xml', [
      `${decl}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="${xml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ]);
    await zip.add('xl/_rels/workbook.xml.rels', [
      `${decl}<Relationships xmlns="${pkgRel}"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ]);
    await zip.add(
      'xl/worksheets/sheet1.xml',
      (function* () {
        yield `${decl}<worksheet xmlns="${main}"><sheetData>`;
        yield rowXml(1, header);
        let r = 1;
        for (const cells of rows) yield rowXml(++r, cells);
        yield '</sheetData></worksheet>';
      })(),
    );
    zip.finish();
  } finally {
    fs.closeSync(fd);
  }
}
