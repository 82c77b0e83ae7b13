import { currencyMinorDigits, isValidCurrency, isValidTimeZone } from '@tiktok-insights/shared';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAccount } from '../../auth/account-context';
import { AuthPage } from '../../auth/auth-page';
import { NETWORK_FAILURE } from '../../auth/auth-messages';
import { FormError, TextField } from '../../components/forms/text-field';
import { parseAmount } from '../settings/shop-settings-form';
import { newPasswordProblem, PASSWORD_HINT } from './password-rules';
import { fetchSetupNeeded, runSetup, SetupRefused } from './setup-api';

type Field = 'name' | 'email' | 'password' | 'shopName' | 'timezone' | 'currency' | 'aovTarget';
type Errors = Partial<Record<Field | 'form', string>>;

const FIELD_ORDER: Field[] = ['name', 'email', 'password', 'shopName', 'timezone', 'currency', 'aovTarget'];

/** The server's `extensions.field` ("email", "shop.name", "shop.aovTargetCents"…) as the form's field. */
export function setupFieldOf(field: string | null): Field | null {
  if (!field) return null;
  const [first, second] = field.split('.');
  if (first === 'shop') {
    if (second === 'name') return 'shopName';
    if (second === 'aovTargetCents') return 'aovTarget';
    return second === 'timezone' || second === 'currency' ? second : null;
  }
  return first === 'name' || first === 'email' || first === 'password' ? first : null;
}

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** `/setup?code=…`: the first run. Creates the first shop and its owner, then opens the dashboard. */
export function SetupPage() {
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const [needed, setNeeded] = useState<boolean | 'failed' | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchSetupNeeded(controller.signal)
      .then(setNeeded)
      .catch(() => !controller.signal.aborted && setNeeded('failed'));
    return () => controller.abort();
  }, []);
  if (needed === null) {
    return (
      <p role="status" className="app-loading">
        Loading…
      </p>
    );
  }
  if (needed === false) {
    return (
      <AuthPage title="TikTok Insights is already set up">
        <p>Sign in with your account, or ask an owner of your shop for an invitation.</p>
        <Link to="/" className="button button--primary">
          Sign in
        </Link>
      </AuthPage>
    );
  }
  return (
    <AuthPage title="Set up TikTok Insights">
      {needed === 'failed' && <p role="alert">{NETWORK_FAILURE}</p>}
      {!code ? (
        <p role="alert" data-testid="setup-no-code">
          Open the setup link that <code>pnpm start</code> printed: it carries the one-time code this page needs.
        </p>
      ) : (
        <SetupForm code={code} />
      )}
    </AuthPage>
  );
}

function SetupForm({ code }: { code: string }) {
  const { refresh } = useAccount();
  const navigate = useNavigate();
  const id = useId();
  const [draft, setDraft] = useState({ name: '', email: '', password: '', shopName: '', timezone: browserTimeZone(), currency: 'USD', weekStartsOn: 'MONDAY' as 'MONDAY' | 'SUNDAY', aovTarget: '40' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const timeZones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const currencies = useMemo(() => Intl.supportedValuesOf('currency'), []);
  const set = (key: keyof typeof draft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };
  const focus = (found: Errors) => {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const digits = isValidCurrency(draft.currency) ? currencyMinorDigits(draft.currency) : 2;
    const cents = parseAmount(draft.aovTarget, digits);
    const found: Errors = {};
    if (!draft.name.trim()) found.name = 'Enter your name.';
    if (!/^\S+@\S+\.\S+$/.test(draft.email.trim())) found.email = 'Enter an email address, such as you@example.com.';
    const passwordProblem = newPasswordProblem(draft.password);
    if (passwordProblem) found.password = passwordProblem;
    if (!draft.shopName.trim() || draft.shopName.trim().length > 200) found.shopName = 'Enter a shop name of 1 to 200 characters.';
    if (!isValidTimeZone(draft.timezone)) found.timezone = 'Choose a time zone from the list.';
    if (!isValidCurrency(draft.currency)) found.currency = 'Choose a currency from the list.';
    if (cents === null) found.aovTarget = 'Enter an amount, 0 or more, such as 40.';
    setErrors(found);
    if (Object.keys(found).length > 0 || cents === null) return focus(found);
    setBusy(true);
    try {
      await runSetup({
        code,
        name: draft.name.trim(),
        email: draft.email.trim(),
        password: draft.password,
        shop: { name: draft.shopName.trim(), timezone: draft.timezone, currency: draft.currency, weekStartsOn: draft.weekStartsOn, aovTargetCents: cents },
      });
      await refresh();
      await navigate('/insights/tiktok', { replace: true });
    } catch (error) {
      if (error instanceof SetupRefused) {
        const field = error.code === 'BAD_USER_INPUT' ? setupFieldOf(error.field) : null;
        const server: Errors = field
          ? { [field]: error.message }
          : { form: error.code === 'FORBIDDEN' ? 'This setup code is wrong or was already used. Run pnpm start again for a new link.' : error.message };
        setErrors(server);
        focus(server);
      } else {
        setErrors({ form: NETWORK_FAILURE });
      }
    } finally {
      setBusy(false);
    }
  };

  const fieldProps = (field: Field) => ({ id: `${id}-${field}`, error: errors[field] });
  return (
    <form className="sign-in__form setup-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <fieldset className="setup-form__group">
        <legend>You, the shop’s owner</legend>
        <TextField {...fieldProps('name')} label="Your name" autoComplete="name" value={draft.name} onChange={(v) => set('name', v)} />
        <TextField {...fieldProps('email')} label="Email" type="email" autoComplete="username" value={draft.email} onChange={(v) => set('email', v)} />
        <TextField {...fieldProps('password')} label="Password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={draft.password} onChange={(v) => set('password', v)} />
      </fieldset>
      <fieldset className="setup-form__group">
        <legend>Your shop</legend>
        <TextField {...fieldProps('shopName')} label="Shop name" autoComplete="organization" value={draft.shopName} onChange={(v) => set('shopName', v)} />
        <SetupSelect {...fieldProps('timezone')} label="Time zone" value={draft.timezone} options={timeZones} onChange={(v) => set('timezone', v)} />
        <SetupSelect {...fieldProps('currency')} label="Currency" value={draft.currency} options={currencies} onChange={(v) => set('currency', v)} />
        <SetupSelect id={`${id}-week`} label="Weeks start on" value={draft.weekStartsOn} options={['MONDAY', 'SUNDAY']} optionLabel={(v) => (v === 'MONDAY' ? 'Monday' : 'Sunday')} onChange={(v) => set('weekStartsOn', v)} />
        <TextField {...fieldProps('aovTarget')} label={`Average order value target (${draft.currency})`} inputMode="decimal" value={draft.aovTarget} onChange={(v) => set('aovTarget', v)} />
      </fieldset>
      <FormError message={errors.form ?? null} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Setting up…' : 'Create the shop and sign in'}
      </button>
    </form>
  );
}

function SetupSelect({
  id,
  label,
  value,
  options,
  onChange,
  error,
  optionLabel = (v) => v.replace(/_/g, ' '),
}: {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  error?: string | undefined;
  optionLabel?: (value: string) => string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
