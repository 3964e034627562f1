import { type ApiKeyDto } from '@aerostic/shared';
import { type FormState } from '@/lib/form-state';
import { formatDateTime } from '@/lib/format';
import { SCOPE_LABELS } from './create-api-key-form';
import { RevokeApiKeyButton } from './revoke-api-key-button';

/** The workspace's live keys: never the secret, only the prefix that tells them apart. */
export function ApiKeyList({
  keys,
  revoke,
}: {
  keys: readonly ApiKeyDto[];
  revoke: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  if (keys.length === 0) return <p className="text-sm text-ink-muted">No API keys yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">API keys</caption>
        <thead className="text-xs text-ink-muted">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Name
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Prefix
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Scopes
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Created
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Last used
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {keys.map((key) => (
            <tr key={key.id}>
              <td className="py-2 pr-4 font-medium">{key.name}</td>
              <td className="py-2 pr-4 font-mono text-xs">aer_live_{key.prefix}_…</td>
              <td className="py-2 pr-4">{key.scopes.map((s) => SCOPE_LABELS[s].label).join(', ')}</td>
              <td className="py-2 pr-4">
                {formatDateTime(key.createdAt)}
                {key.createdBy && <span className="block text-xs text-ink-muted">by {key.createdBy.name}</span>}
              </td>
              <td className="py-2 pr-4">{formatDateTime(key.lastUsedAt)}</td>
              <td className="py-2 text-right">
                <RevokeApiKeyButton keyId={key.id} name={key.name} action={revoke} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
