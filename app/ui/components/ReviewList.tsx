import type { JSX } from 'preact';
import { formatDateFr, type Identity } from '../../domain';
import type { ContextValues } from '../form-validation';
import { t, type Lang } from '../i18n';
import { COUNTRIES, fieldLabel } from './IdentityForm';

/** Read-only summary of an identity (and context) for the review step and visit panel. */
export function ReviewList(props: {
  identity: Identity;
  context?: ContextValues;
  lang: Lang;
  showNir?: boolean;
}): JSX.Element {
  const { identity: id, context, lang } = props;
  const sexKey = `sex${id.sex}` as const;
  const country = COUNTRIES.find((c) => c.code === id.country)?.[lang] ?? id.country;
  const rows: [string, string | undefined][] = [
    ['birthName', id.birthName],
    ['usedName', id.usedName],
    ['firstNames', id.firstNames],
    ['sex', t(sexKey, lang)],
    ['birthDate', formatDateFr(id.birthDate)],
    ['birthPlace', id.birthPlace],
    ['address', `${id.address}, ${id.postalCode} ${id.city}, ${country}`],
    ['phone', id.phone],
    ['email', id.email],
    ['nir', props.showNir === false ? undefined : id.nir],
  ];
  return (
    <dl class="review">
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([field, value]) => (
          <div class="review__row" key={field}>
            <dt>{fieldLabel(field, lang)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      {context && (
        <div class="review__row">
          <dt>{t('symptomsLabel', lang)}</dt>
          <dd>
            {context.noSymptoms
              ? t('none', lang)
              : `${t('since', lang)} ${formatDateFr(context.symptomOnset)}`}
          </dd>
        </div>
      )}
      {context?.guardianName && (
        <div class="review__row">
          <dt>{fieldLabel('guardianName', lang)}</dt>
          <dd>{context.guardianName}</dd>
        </div>
      )}
    </dl>
  );
}
