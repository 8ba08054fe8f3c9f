import type { InputHTMLAttributes } from "react";
import { SelectField, TextField } from "@/components/ui/field";

type FieldValue = { defaultValue?: InputHTMLAttributes<HTMLInputElement>["defaultValue"]; error?: string[] | string };

/** The integration's type in Pruvan, as chosen in Pruvan's integration setup. */
export function ModeField({ defaultValue, error, hint }: FieldValue & { hint: string }) {
  return (
    <SelectField label="Mode" name="mode" defaultValue={defaultValue} error={error} hint={hint}>
      <option value="external">External</option>
      <option value="internal">Internal</option>
    </SelectField>
  );
}

/** The integration code Pruvan puts before each order number ("CODE::number"). */
export function ClientCodeField({ defaultValue, error }: FieldValue) {
  return (
    <TextField
      label="Client code"
      name="clientCode"
      autoComplete="off"
      defaultValue={defaultValue}
      error={error}
      hint='The integration code in Pruvan ("CODE::number").'
    />
  );
}
