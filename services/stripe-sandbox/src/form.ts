/** A form value as Stripe's SDK encodes it: `a[b][0][c]=v` nests into objects (numeric keys stay object keys). */
export type FormValue = string | { [key: string]: FormValue };

/** Parses Stripe's form-encoded request body (`application/x-www-form-urlencoded`, bracketed keys) into objects. */
export function parseStripeForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]$/).filter((part, i) => i === 0 || part !== '');
    let node: Record<string, FormValue> = root;
    for (const [i, part] of path.entries()) {
      if (i === path.length - 1) {
        node[part] = value;
      } else {
        const child = node[part];
        node = typeof child === 'object' ? child : (node[part] = {});
      }
    }
  }
  return root;
}
