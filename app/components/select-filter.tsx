import { Field } from "./ui/form";

/** One labelled <select> of a GET filter form; "" (the "any" choice) means not set. */
export function SelectFilter(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [value: string, label: string])[];
  anyLabel?: string;
}) {
  const labelId = `lbl-${props.name}`;
  return (
    <Field label={props.label} labelId={labelId}>
      <select aria-labelledby={labelId} name={props.name} defaultValue={props.value ?? ""}>
        {props.anyLabel ? <option value="">{props.anyLabel}</option> : null}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}
