import type { FormState } from '@/lib/form-state';

/** The create form's state: the signing secret is only ever in this response, so the form keeps it to show once. */
export interface WebhookCreateState extends FormState {
  secret?: string;
}

export type FormAction<S extends FormState = FormState> = (previous: S, formData: FormData) => Promise<S>;
