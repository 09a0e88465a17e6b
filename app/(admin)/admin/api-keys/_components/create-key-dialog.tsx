'use client';

import { Copy, KeyRound, LoaderCircle } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { createApiKeyAction } from '../actions';

/** Each scope of lib/api-keys API_SCOPES with the message key that says what it allows. */
const SCOPES = [
  { scope: 'orders:write', label: 'write' },
  { scope: 'orders:status', label: 'status' },
  { scope: 'products:write', label: 'productsWrite' },
  { scope: 'products:read', label: 'productsRead' },
] as const;

export function CreateKeyDialog() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['orders:write']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [key, setKey] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reset = () => {
    setName('');
    setScopes(['orders:write']);
    setErrors({});
    setKey(null);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <KeyRound />
          {t('apiKeys.create')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('apiKeys.createTitle')}</DialogTitle>
          <DialogDescription>{t('apiKeys.createDescription')}</DialogDescription>
        </DialogHeader>
        {key ? (
          <div className="grid gap-3">
            <Alert variant="warning">
              <AlertDescription>{t('apiKeys.shownOnce')}</AlertDescription>
            </Alert>
            <div className="flex gap-2">
              <Input
                readOnly
                value={key}
                className="font-mono text-xs"
                data-testid="new-api-key"
                onFocus={(e) => e.target.select()}
              />
              <Button
                variant="outline"
                size="icon"
                aria-label={t('apiKeys.copy')}
                onClick={() => navigator.clipboard.writeText(key).then(() => toast.success(t('apiKeys.copied')))}
              >
                <Copy />
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              startTransition(async () => {
                const r = await createApiKeyAction({ name, scopes });
                if (r.ok) setKey(r.data.key);
                else if (r.fieldErrors) setErrors(r.fieldErrors);
                else toast.error(r.message);
              });
            }}
          >
            <FormField
              label={t('apiKeys.name')}
              htmlFor="key-name"
              error={errors.name}
              hint={t('apiKeys.nameHint')}
              required
            >
              <Input id="key-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
            </FormField>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t('apiKeys.scopes')}</legend>
              {SCOPES.map(({ scope: s, label }) => (
                <div key={s} className="flex items-start gap-2">
                  <Checkbox
                    id={`scope-${s}`}
                    checked={scopes.includes(s)}
                    onCheckedChange={(c) =>
                      setScopes((list) => (c === true ? [...list, s] : list.filter((x) => x !== s)))
                    }
                  />
                  <Label htmlFor={`scope-${s}`} className="grid gap-0.5 font-normal">
                    <span className="font-mono text-xs">{s}</span>
                    <span className="text-muted-foreground">{t(`apiKeys.scope.${label}`)}</span>
                  </Label>
                </div>
              ))}
              {errors.scopes ? <p className="text-sm text-destructive">{errors.scopes}</p> : null}
            </fieldset>
            <DialogFooter>
              <Button type="submit" disabled={pending}>
                {pending ? <LoaderCircle className="animate-spin" /> : null}
                {t('common.create')}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
