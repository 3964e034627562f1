import {
  attributeKeyProblem,
  attributeValueField,
  CONTACT_CSV_COLUMNS,
  CONTACT_LIMITS,
  contactNameField,
  type ContactDto,
  type ContactImportRejection,
  MARKETING_CONSENTS,
  type MarketingConsent,
  normalizeAttributeKey,
  normalizePhoneNumber,
  tagsField,
} from '@aerostic/shared';
import { type ZodType } from 'zod';
import { InvalidContactsCsvError } from './contacts.errors';
import { formatCsvRecord, guardFormula, unguardFormula } from './csv';

/** 5 MB of CSV holds about 100,000 typical rows; a larger list is imported in parts. */
export const IMPORT_MAX_ROWS = 100_000;

/** A row of the import file that can be saved. Null and empty values leave the stored contact's value alone. */
export interface ImportRow {
  row: number;
  waId: string;
  name: string | null;
  profileName: string | null;
  tags: string[];
  attributes: Record<string, string>;
  /** Null keeps the contact's consent (a new contact's is `unknown`). */
  marketingConsent: MarketingConsent | null;
}

export interface ImportPlan {
  rows: ImportRow[];
  rejected: ContactImportRejection[];
}

type KnownKind = 'phone' | 'name' | 'profile_name' | 'tags' | 'marketing_consent' | 'opted_out' | 'ignored';
type Column = { index: number; kind: KnownKind } | { index: number; kind: 'attribute'; key: string };

const KNOWN_COLUMNS: Partial<Record<string, KnownKind>> = {
  phone: 'phone',
  wa_id: 'phone',
  name: 'name',
  profile_name: 'profile_name',
  tags: 'tags',
  marketing_consent: 'marketing_consent',
  // Older exports' column: yes is an opt-out, no says nothing about consent.
  opted_out: 'opted_out',
  // The export writes it; an imported contact is created now.
  created_at: 'ignored',
};

const BOOLEANS: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** A `marketing_consent` cell: a consent (any case, spaces for `_`), or yes/no for granted/opted_out. */
function consentOf(value: string): MarketingConsent | undefined {
  const key = normalizeAttributeKey(value);
  const consent = MARKETING_CONSENTS.find((c) => c === key);
  if (consent) return consent;
  const answer = BOOLEANS[key];
  return answer === undefined ? undefined : answer ? 'granted' : 'opted_out';
}

/**
 * Turns the records of an import file into contacts to save and rows to reject, each with its reason.
 * Rows are numbered from 1 after the header row (data row 1 is the file's second record); a blank row keeps
 * its number but is skipped silently. Problems with the file as a whole (no header, no phone column) throw.
 */
export function planImport(records: string[][]): ImportPlan {
  const [header, ...data] = records;
  if (!header || header.every((cell) => cell.trim() === '')) {
    throw new InvalidContactsCsvError('The file is empty: its first row must name the columns, e.g. phone,name,tags');
  }
  if (data.length > IMPORT_MAX_ROWS) {
    throw new InvalidContactsCsvError(
      `The file has ${data.length} rows; import at most ${IMPORT_MAX_ROWS} at a time by splitting it`,
    );
  }
  const columns = readHeader(header, data);
  const phone = columns.find((c) => c.kind === 'phone');
  if (!phone) {
    throw new InvalidContactsCsvError(
      `The header row needs a phone column (or wa_id); it has: ${header.map((h) => h.trim()).join(', ')}`,
    );
  }

  const rows: ImportRow[] = [];
  const rejected: ContactImportRejection[] = [];
  const firstRowOf = new Map<string, number>();
  data.forEach((cells, index) => {
    const row = index + 1;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (cells.length > header.length) {
      rejected.push({
        row,
        reason: `The row has ${cells.length} values but the header has ${header.length} columns; put a value that contains commas in double quotes`,
      });
      return;
    }
    const result = readRow(columns, cells, row);
    if ('reason' in result) {
      rejected.push({ row, reason: result.reason });
      return;
    }
    const first = firstRowOf.get(result.waId);
    if (first !== undefined) {
      rejected.push({
        row,
        reason: `Duplicate of row ${first}: the number +${result.waId} appears earlier in the file`,
      });
      return;
    }
    firstRowOf.set(result.waId, row);
    rows.push(result);
  });
  return { rows, rejected };
}

function readHeader(header: string[], data: string[][]): Column[] {
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  header.forEach((cell, index) => {
    const name = unguardFormula(cell).trim();
    if (name === '') {
      // Spreadsheets often add empty trailing columns; a column with values but no name would lose them.
      if (data.some((cells) => (cells[index] ?? '').trim() !== '')) {
        throw new InvalidContactsCsvError(`Column ${index + 1} has values but no name in the header row`);
      }
      return;
    }
    const key = normalizeAttributeKey(name);
    const known = KNOWN_COLUMNS[key];
    const earlier = seen.get(known === 'phone' ? known : key);
    if (earlier !== undefined) {
      throw new InvalidContactsCsvError(
        earlier === name
          ? `The header row has the column "${name}" twice`
          : `The header row has both "${earlier}" and "${name}", which mean the same column`,
      );
    }
    seen.set(known === 'phone' ? known : key, name);
    if (known) {
      columns.push({ index, kind: known });
      return;
    }
    const problem = attributeKeyProblem(key);
    if (problem) throw new InvalidContactsCsvError(`Column ${index + 1}: ${problem}`);
    columns.push({ index, kind: 'attribute', key });
  });
  const attributeCount = columns.filter((c) => c.kind === 'attribute').length;
  if (attributeCount > CONTACT_LIMITS.attributesMax) {
    throw new InvalidContactsCsvError(
      `The file has ${attributeCount} custom attribute columns; a contact can have at most ${CONTACT_LIMITS.attributesMax}`,
    );
  }
  return columns;
}

function readRow(columns: Column[], cells: string[], row: number): ImportRow | { reason: string } {
  const problems: string[] = [];
  const parsed: ImportRow = {
    row,
    waId: '',
    name: null,
    profileName: null,
    tags: [],
    attributes: {},
    marketingConsent: null,
  };
  let legacyOptOut: boolean | null = null;
  for (const column of columns) {
    const value = unguardFormula(cells[column.index] ?? '').trim();
    switch (column.kind) {
      case 'phone': {
        const number = normalizePhoneNumber(value);
        if ('error' in number) problems.push(number.error);
        else parsed.waId = number.waId;
        break;
      }
      case 'name':
        parsed.name = check(contactNameField, value, 'name', problems) ?? null;
        break;
      case 'profile_name':
        parsed.profileName = check(contactNameField, value, 'profile_name', problems) ?? null;
        break;
      case 'tags': {
        const tags = value.split(/[;|]/).filter((tag) => tag.trim() !== '');
        parsed.tags = check(tagsField, tags, 'tags', problems) ?? [];
        break;
      }
      case 'marketing_consent': {
        if (value === '') break;
        const consent = consentOf(value);
        if (consent) parsed.marketingConsent = consent;
        else problems.push(`marketing_consent must be one of granted, opted_out, unknown, yes, no (not "${value}")`);
        break;
      }
      case 'opted_out':
        if (value === '') break;
        if (value.toLowerCase() in BOOLEANS) legacyOptOut = BOOLEANS[value.toLowerCase()] ?? null;
        else problems.push(`opted_out must be one of true, false, yes, no, 1, 0 (not "${value}")`);
        break;
      case 'attribute': {
        if (value === '') break;
        const checked = check(attributeValueField, value, column.key, problems);
        if (checked !== undefined) parsed.attributes[column.key] = checked;
        break;
      }
      case 'ignored':
        break;
    }
  }
  if (legacyOptOut) {
    if (parsed.marketingConsent === null) parsed.marketingConsent = 'opted_out';
    else if (parsed.marketingConsent !== 'opted_out') {
      problems.push(
        `opted_out is yes but marketing_consent is ${parsed.marketingConsent}: keep one of the two columns`,
      );
    }
  }
  return problems.length > 0 ? { reason: problems.join('; ') } : parsed;
}

function check<T>(schema: ZodType<T>, value: unknown, column: string, problems: string[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems.push(`${column}: ${result.error.issues[0]?.message ?? 'invalid value'}`);
  return undefined;
}

/** The export's columns: the contact fields, then each custom attribute in name order. */
export function exportHeader(attributeKeys: readonly string[]): string {
  return formatCsvRecord([...CONTACT_CSV_COLUMNS, ...attributeKeys].map(guardFormula));
}

export function exportRecord(contact: ContactDto, attributeKeys: readonly string[]): string {
  return formatCsvRecord(
    [
      // A customer known only by user id has no number to export; the import needs one to bring them back.
      contact.waId ?? '',
      contact.name ?? '',
      contact.profileName ?? '',
      contact.tags.join(';'),
      contact.marketingConsent,
      contact.createdAt,
      ...attributeKeys.map((key) => contact.attributes[key] ?? ''),
    ].map(guardFormula),
  );
}
