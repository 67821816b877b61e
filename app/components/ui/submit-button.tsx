import { useNavigation } from "@remix-run/react";

import { Button, type ButtonVariants } from "./button";

/**
 * A submit button that cannot be pressed twice: disabled while its form's submission (same
 * intent value) is in flight. The server refuses a repeat too (idempotency keys, status guards).
 */
export function SubmitButton({
  busy,
  pendingLabel,
  ...props
}: React.ComponentProps<"button"> & ButtonVariants & { busy?: boolean; pendingLabel?: string }) {
  const navigation = useNavigation();
  const mine =
    navigation.state === "submitting" && (props.name ? navigation.formData?.get(props.name) === props.value : true);
  const pending = busy ?? mine;
  return (
    <Button type="submit" {...props} disabled={pending || props.disabled} aria-disabled={pending || props.disabled}>
      {pending && pendingLabel ? pendingLabel : props.children}
    </Button>
  );
}
