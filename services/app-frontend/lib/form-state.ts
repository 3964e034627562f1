// The form helpers are shared with the admin panel; pages and actions keep importing them from here.
export {
  type FieldErrors,
  type FormState,
  IDLE_FORM_STATE,
  apiErrorFormState,
  fieldErrorsFromIssues,
  invalidFormState,
  textValue,
} from '@aerostic/shared/web';
