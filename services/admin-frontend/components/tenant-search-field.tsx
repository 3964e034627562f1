import { TextInput } from './ui/fields';

/** The search box of every tenant lookup: the API matches part of a name or a slug. */
export function TenantSearchField({ id, name, value }: { id: string; name: string; value?: string }) {
  return (
    <TextInput
      id={id}
      name={name}
      type="search"
      label="Name or slug"
      defaultValue={value}
      className="w-72 max-w-full"
    />
  );
}
