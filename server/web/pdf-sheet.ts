import PDFDocument from 'pdfkit';

/**
 * A table as PDF (pdfkit: no browser on the server), A4 landscape, one line per row, the column
 * headings repeated on every page, "page n / N" at the foot. The tableau de garde and the ARS
 * activity report print with it.
 */

interface Column {
  title: string;
  width: number;
}

export interface Sheet {
  title: string;
  lines: string[];
  columns: Column[];
  rows: string[][];
  empty: string;
}

const margin = 36;
const rowHeight = 15;

export function renderSheet(sheet: Sheet, now: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin,
    bufferPages: true,
    info: { Title: sheet.title, Author: 'gardeline', CreationDate: now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const bottom = () => doc.page.height - margin - rowHeight * 2;
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > bottom()) {
      doc.addPage();
      heading();
    }
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    let x = margin;
    sheet.columns.forEach((c, i) => {
      doc.text(cells[i] ?? '', x + 2, y + 3, {
        width: c.width - 4,
        lineBreak: false,
        ellipsis: true,
      });
      x += c.width;
    });
    doc
      .moveTo(margin, y + rowHeight)
      .lineTo(x, y + rowHeight)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    doc.x = margin;
    doc.y = y + rowHeight;
  };
  const heading = () =>
    line(
      sheet.columns.map((c) => c.title),
      true,
    );

  doc.font('Helvetica-Bold').fontSize(15).text(sheet.title);
  doc.font('Helvetica').fontSize(10);
  for (const text of sheet.lines) doc.text(text);
  doc.moveDown(0.8);
  heading();
  for (const row of sheet.rows) line(row, false);
  if (!sheet.rows.length)
    doc
      .font('Helvetica-Oblique')
      .fontSize(10)
      .text(sheet.empty, margin, doc.y + 6);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const y = doc.page.height - margin + 8;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`page ${i + 1} / ${range.count}`, margin, y, {
        width: doc.page.width - margin * 2,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
