import { useApolloClient, useMutation } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { currencyMinorDigits, isValidCurrency, isValidTimeZone, minorUnitsToDecimal } from '@tiktok-insights/shared';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../components/states/error-state';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ShopSettingsForm_ShopFragment, UpdateShopSettingsInput, WeekDay } from '../../gql/graphql';

/** The shop's fields the form edits; the page's query and the save's answer both bring them. */
export const ShopSettingsFormFragment = graphql(`
  fragment ShopSettingsForm_shop on Shop {
    id
    name
    timezone
    currency
    weekStartsOn
    aovTarget {
      cents
      currency
      formatted
    }
  }
`);

export const UpdateShopSettingsMutation = graphql(`
  mutation UpdateShopSettings($input: UpdateShopSettingsInput!) {
    updateShopSettings(input: $input) {
      id
      ...ShopSettingsForm_shop
    }
  }
`);

type ShopSettings = ShopSettingsForm_ShopFragment;

type Field = 'name' | 'timezone' | 'currency' | 'weekStartsOn' | 'aovTarget';
type Errors = Partial<Record<Field, string>>;

interface Draft {
  name: string;
  timezone: string;
  currency: string;
  weekStartsOn: WeekDay;
  aovTarget: string;
}

const draftOf = (shop: ShopSettings): Draft => ({
  name: shop.name,
  timezone: shop.timezone,
  currency: shop.currency,
  weekStartsOn: shop.weekStartsOn,
  aovTarget: minorUnitsToDecimal(shop.aovTarget.cents, currencyMinorDigits(shop.currency)),
});

/** "40", "40.5", "1,250.00" in a currency with `digits` decimals → minor units; null when not such an amount. */
export function parseAmount(text: string, digits: number): number | null {
  const match = /^(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(match[1]!.replace(/,/g, '') + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) && minor <= 2_147_483_647 ? minor : null;
}

const supported = (key: 'timeZone' | 'currency', current: string) => {
  const values = Intl.supportedValuesOf(key);
  return values.includes(current) ? values : [current, ...values];
};

/** The seller's own settings, checked here first and by the server again; the fields that changed are sent. */
export function ShopSettingsForm({ shop: shopRef }: { shop: FragmentType<typeof ShopSettingsFormFragment> }) {
  const shop = getFragmentData(ShopSettingsFormFragment, shopRef);
  const client = useApolloClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(shop));
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [save, { loading }] = useMutation(UpdateShopSettingsMutation);
  const refs = useRef<Partial<Record<Field, HTMLElement | null>>>({});
  const id = useId();
  const timeZones = useMemo(() => supported('timeZone', shop.timezone), [shop.timezone]);
  const currencies = useMemo(() => supported('currency', shop.currency), [shop.currency]);
  const currencyNames = useMemo(() => new Intl.DisplayNames(['en'], { type: 'currency' }), []);

  const digits = isValidCurrency(draft.currency) ? currencyMinorDigits(draft.currency) : 2;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setSaved(null);
  };

  const validate = (): { input: UpdateShopSettingsInput; errors: Errors } => {
    const found: Errors = {};
    const input: UpdateShopSettingsInput = {};
    const name = draft.name.trim();
    if (name.length < 1 || name.length > 200) found.name = 'Enter a name of 1 to 200 characters.';
    else if (name !== shop.name) input.name = name;
    if (!isValidTimeZone(draft.timezone)) found.timezone = 'Choose a time zone from the list.';
    else if (draft.timezone !== shop.timezone) input.timezone = draft.timezone;
    if (!isValidCurrency(draft.currency)) found.currency = 'Choose a currency from the list.';
    else if (draft.currency !== shop.currency) input.currency = draft.currency;
    if (draft.weekStartsOn !== shop.weekStartsOn) input.weekStartsOn = draft.weekStartsOn;
    const cents = parseAmount(draft.aovTarget, digits);
    if (cents === null) {
      found.aovTarget =
        digits === 0 ? 'Enter a whole amount, 0 or more, such as 40.' : `Enter an amount, 0 or more, with at most ${digits} decimals, such as 40.00.`;
    } else if (cents !== shop.aovTarget.cents || input.currency) input.aovTargetCents = cents;
    return { input, errors: found };
  };

  const focusFirst = (found: Errors) => {
    const first = (['name', 'timezone', 'currency', 'weekStartsOn', 'aovTarget'] as const).find((field) => found[field]);
    if (first) refs.current[first]?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setFailure(null);
    const { input, errors: found } = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    if (Object.keys(input).length === 0) {
      setSaved('Nothing to save: these are already your settings.');
      return;
    }
    try {
      const { data } = await save({ variables: { input } });
      const updated = data?.updateShopSettings && getFragmentData(ShopSettingsFormFragment, data.updateShopSettings);
      if (!updated) throw new Error('The server did not answer with the shop.');
      // Every figure depends on these settings: drop the cached insights so that the dashboard
      // asks the server again (the shop's own fields were updated by the answer).
      const cacheId = client.cache.identify({ __typename: 'Shop', id: updated.id });
      if (cacheId) client.cache.evict({ id: cacheId, fieldName: 'tiktokInsights' });
      client.cache.gc();
      setDraft(draftOf(updated));
      setSaved(
        input.timezone
          ? `Settings saved. Every daily figure now counts days in ${updated.timezone}.`
          : 'Settings saved. Your dashboard shows the new settings.',
      );
    } catch (error) {
      const first = CombinedGraphQLErrors.is(error) ? error.errors[0] : undefined;
      const field = first?.extensions?.['field'];
      const mapped: Field | null =
        field === 'aovTargetCents' ? 'aovTarget' : field === 'name' || field === 'timezone' || field === 'currency' ? field : null;
      if (mapped) {
        const server = { [mapped]: first!.message } as Errors;
        setErrors(server);
        focusFirst(server);
      } else {
        setFailure(errorMessage(error));
      }
    }
  };

  const describedBy = (field: Field, hint = false) =>
    [hint ? `${id}-${field}-hint` : null, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorOf = (field: Field) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={loading} aria-labelledby="shop-settings">
      <div className="field">
        <label htmlFor={`${id}-name`}>Shop name</label>
        <input
          id={`${id}-name`}
          ref={(el) => void (refs.current.name = el)}
          type="text"
          autoComplete="organization"
          value={draft.name}
          maxLength={200}
          onChange={(e) => set('name', e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('name')}
        />
        {errorOf('name')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-timezone`}>Time zone</label>
        <select
          id={`${id}-timezone`}
          ref={(el) => void (refs.current.timezone = el)}
          value={draft.timezone}
          onChange={(e) => set('timezone', e.target.value)}
          aria-invalid={errors.timezone ? true : undefined}
          aria-describedby={describedBy('timezone', true)}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <p id={`${id}-timezone-hint`} className="field__hint">
          Days and weeks are counted in it. Changing it recomputes every daily figure, which can take a moment for a large shop.
        </p>
        {errorOf('timezone')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-currency`}>Currency</label>
        <select
          id={`${id}-currency`}
          ref={(el) => void (refs.current.currency = el)}
          value={draft.currency}
          onChange={(e) => set('currency', e.target.value)}
          aria-invalid={errors.currency ? true : undefined}
          aria-describedby={describedBy('currency', true)}
        >
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code} — {currencyNames.of(code) ?? code}
            </option>
          ))}
        </select>
        <p id={`${id}-currency-hint`} className="field__hint">
          Amounts are shown in it as imported; they are not converted.
        </p>
        {errorOf('currency')}
      </div>

      <fieldset className="field settings-form__choices" ref={(el) => void (refs.current.weekStartsOn = el)} tabIndex={-1}>
        <legend>Weeks start on</legend>
        {(['MONDAY', 'SUNDAY'] as const).map((day) => (
          <label key={day} className="settings-form__choice">
            <input
              type="radio"
              name={`${id}-week-start`}
              value={day}
              checked={draft.weekStartsOn === day}
              onChange={() => set('weekStartsOn', day)}
            />
            {day === 'MONDAY' ? 'Monday' : 'Sunday'}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-aov`}>Average order value target ({draft.currency})</label>
        <input
          id={`${id}-aov`}
          ref={(el) => void (refs.current.aovTarget = el)}
          type="text"
          inputMode={digits === 0 ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={draft.aovTarget}
          onChange={(e) => set('aovTarget', e.target.value)}
          aria-invalid={errors.aovTarget ? true : undefined}
          aria-describedby={describedBy('aovTarget', true)}
        />
        <p id={`${id}-aovTarget-hint`} className="field__hint">
          The AOV tiles warn when your average order falls below it.
        </p>
        {errorOf('aovTarget')}
      </div>

      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? 'Saving…' : 'Save settings'}
        </button>
        <p className="settings-form__status" role="status">
          {saved}
        </p>
      </div>
      {failure && (
        <p className="field__error" role="alert">
          We couldn’t save your settings. {failure}
        </p>
      )}
    </form>
  );
}
