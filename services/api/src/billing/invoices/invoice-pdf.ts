import { StreamableFile } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { type Invoice } from './invoice';

/** The seller printed on every invoice. */
export const SELLER_NAME = 'Aerostic';

export interface PdfOptions {
  /** Deflate the page streams (the default); off, the text can be read from the bytes. */
  compress?: boolean;
}

function money(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}

const date = (d: Date) => d.toISOString().slice(0, 10);

/** The invoice as a one-page A4 PDF with pdfkit's built-in Helvetica (no font files to ship or fetch). */
export function renderInvoicePdf(invoice: Invoice, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress ?? true,
    info: { Title: `Invoice ${invoice.number}`, Author: SELLER_NAME },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(20).text(`Invoice ${invoice.number}`);
  doc.font('Helvetica').fontSize(10).text(`Status: ${invoice.status.toUpperCase()}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('From');
  doc.font('Helvetica').text(SELLER_NAME);
  if (invoice.sellerTaxId) doc.text(`Tax id: ${invoice.sellerTaxId}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Bill to');
  doc.font('Helvetica').text(invoice.customerName);
  doc.moveDown();
  doc.text(`Issued: ${date(invoice.issuedAt)}    Due: ${date(invoice.dueAt)}`);
  doc.text(`Period: ${date(invoice.periodStart)} to ${date(invoice.periodEnd)}`);
  if (invoice.paidAt) doc.text(`Paid: ${date(invoice.paidAt)}`);
  if (invoice.voidedAt) doc.text(`Voided: ${date(invoice.voidedAt)}`);
  doc.moveDown();

  const columns = { description: 50, quantity: 330, unit: 390, amount: 470 };
  const row = (cells: [string, string, string, string], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(cells[0], columns.description, y, { width: 270 });
    const after = doc.y;
    doc.text(cells[1], columns.quantity, y, { width: 50, align: 'right' });
    doc.text(cells[2], columns.unit, y, { width: 70, align: 'right' });
    doc.text(cells[3], columns.amount, y, { width: 75, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
    doc.x = columns.description;
  };
  row(['Description', 'Qty', 'Unit', 'Amount'], true);
  for (const line of invoice.lines) {
    row([
      line.description,
      String(line.quantity),
      money(line.unitAmountMinor, invoice.currency),
      money(line.amountMinor, invoice.currency),
    ]);
  }
  doc.moveDown();
  const percent = (invoice.taxRateBasisPoints / 100).toFixed(2).replace(/\.?0+$/, '');
  row(['Subtotal', '', '', money(invoice.subtotalMinor, invoice.currency)]);
  row([`Tax (${percent} %)`, '', '', money(invoice.taxMinor, invoice.currency)]);
  row(['Total', '', '', money(invoice.totalMinor, invoice.currency)], true);
  doc.end();
  return done;
}

/** The answer of a PDF route: an attachment named after the invoice's number. */
export function invoicePdfFile({ number, pdf }: { number: string; pdf: Buffer }): StreamableFile {
  return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${number}.pdf"` });
}
