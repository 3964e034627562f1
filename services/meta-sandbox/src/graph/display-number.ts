// Country calling codes of two digits; 1 and 7 are the one-digit ones and every other code has three.
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/**
 * The Graph API shows numbers formatted (`+1 555-010-0001`), webhooks as digits. North American numbers get
 * Meta's exact layout; others are split after the country code only.
 */
export function formatDisplayNumber(digits: string): string {
  if (digits.length === 11 && digits.startsWith('1')) {
    return `+1 ${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  }
  const codeLength =
    digits.startsWith('1') || digits.startsWith('7') ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  return `+${digits.slice(0, codeLength)} ${digits.slice(codeLength)}`;
}
