/** One labelled <select> of the portfolio's GET filter form; "" (the "any" choice) means not set. */
export function SelectFilter(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [value: string, label: string])[];
  anyLabel?: string;
}) {
  const labelId = `lbl-${props.name}`;
  return (
    <label className="field">
      <span id={labelId}>{props.label}</span>
      <select aria-labelledby={labelId} name={props.name} defaultValue={props.value ?? ""}>
        {props.anyLabel ? <option value="">{props.anyLabel}</option> : null}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
