import * as React from 'react';

import { cn } from '@/lib/utils';
import { Label } from '@/components/ui/label';

/** A field's error message; renders nothing when empty. */
function FieldError({ className, children, ...props }: React.ComponentProps<'p'>) {
  if (!children) return null;
  return (
    <p data-slot="field-error" className={cn('text-sm text-destructive', className)} {...props}>
      {children}
    </p>
  );
}

type FormFieldProps = {
  label: string;
  htmlFor: string;
  error?: string;
  hint?: string;
  required?: boolean;
  className?: string;
  children: React.ReactNode;
};

/**
 * Label + control + error (or hint). When the child is a single element, it is given
 * `aria-invalid` and `aria-describedby` pointing at the error or hint, unless it sets them itself.
 */
function FormField({ label, htmlFor, error, hint, required, className, children }: FormFieldProps) {
  const errorId = `${htmlFor}-error`;
  const hintId = `${htmlFor}-hint`;
  const describedBy = error ? errorId : hint ? hintId : undefined;

  const control = React.isValidElement<React.AriaAttributes>(children)
    ? React.cloneElement(children, {
        'aria-invalid': children.props['aria-invalid'] ?? (error ? true : undefined),
        'aria-describedby': children.props['aria-describedby'] ?? describedBy,
      })
    : children;

  return (
    <div data-slot="form-field" className={cn('grid gap-2', className)}>
      <Label htmlFor={htmlFor}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {control}
      {error ? (
        <FieldError id={errorId}>{error}</FieldError>
      ) : hint ? (
        <p id={hintId} data-slot="field-hint" className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export { FieldError, FormField, type FormFieldProps };
