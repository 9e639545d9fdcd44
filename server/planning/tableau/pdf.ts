import PDFDocument from 'pdfkit';
import {
  modalityLabel,
  reasonLabel,
  type RealisedSlot,
  type TableauSlot,
} from '../../../rota/tableau.js';
import type { Sector } from './csv.js';
import { dayLabel, frenchDate, hoursLabel, openSlot } from './present.js';

/**
 * The tableau de garde and the réalisé as PDF (pdfkit: no browser on the server), A4 landscape,
 * one line per slot, the column headings repeated on every page, "page n / N" at the foot.
 */

interface Column {
  title: string;
  width: number;
}

interface Sheet {
  title: string;
  lines: string[];
  columns: Column[];
  rows: string[][];
  empty: string;
}

const margin = 36;
const rowHeight = 15;

function render(sheet: Sheet, now: Date): Promise<Buffer> {
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

const heads = (sector: Sector, du: string, au: string) => [
  `Secteur : ${sector.territory} · ${sector.service}`,
  `Période du ${frenchDate(du)} au ${frenchDate(au)}`,
];

/** The tableau de garde to send to the conseil départemental de l'Ordre (R6315-2). */
export function tableauPdf(
  sector: Sector,
  span: { du: string; au: string; sentOn: string | null },
  slots: readonly TableauSlot[],
  now: Date,
): Promise<Buffer> {
  return render(
    {
      title: 'Tableau de garde',
      lines: [
        ...heads(sector, span.du, span.au),
        "Article R6315-2 du Code de la santé publique : nom, modalité et lieu de dispensation de l'activité de chaque médecin.",
        span.sentOn
          ? `Transmis au conseil départemental de l'Ordre le ${frenchDate(span.sentOn)}.`
          : '',
      ].filter(Boolean),
      columns: [
        { title: 'Date', width: 120 },
        { title: 'Horaires', width: 70 },
        { title: 'Niveau', width: 40 },
        { title: 'Médecin', width: 170 },
        { title: 'Modalité', width: 130 },
        { title: 'Lieu', width: 240 },
      ],
      rows: slots.map((s) => [
        dayLabel(s.date),
        hoursLabel(s),
        String(s.level),
        s.name ?? openSlot,
        modalityLabel[s.modality],
        s.place,
      ]),
      empty: 'Aucune garde sur la période.',
    },
    now,
  );
}

/** The réalisé for the ARS and the Assurance Maladie: who actually worked each slot. */
export function realisedPdf(
  sector: Sector,
  span: { du: string; au: string },
  rows: readonly RealisedSlot[],
  now: Date,
): Promise<Buffer> {
  return render(
    {
      title: 'Gardes réalisées',
      lines: [
        ...heads(sector, span.du, span.au),
        'Liste des médecins ayant effectivement assuré chaque garde (échanges et remplacements pris en compte).',
      ],
      columns: [
        { title: 'Date', width: 115 },
        { title: 'Horaires', width: 65 },
        { title: 'Niv.', width: 30 },
        { title: 'Médecin ayant assuré', width: 160 },
        { title: 'Prévu au tableau', width: 150 },
        { title: 'Motif', width: 110 },
        { title: 'Modalité', width: 140 },
      ],
      rows: rows.map((r) => [
        dayLabel(r.date),
        hoursLabel(r),
        String(r.level),
        r.worked ?? 'non assurée',
        r.planned ?? openSlot,
        reasonLabel[r.reason],
        modalityLabel[r.modality],
      ]),
      empty: 'Aucune garde sur la période.',
    },
    now,
  );
}
