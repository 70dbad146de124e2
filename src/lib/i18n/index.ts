// Interface text goes through i18next from the start: English now, French and Spanish to come. Keys are
// typed from the English catalogue, so a missing or misspelt key fails the type check.
import i18next from 'i18next';
import en from './en.ts';

type Leaves<T, P extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<typeof en>;
export const LOCALES = ['en'] as const;

const i18n = i18next.createInstance();
void i18n.init({
	lng: 'en',
	fallbackLng: 'en',
	resources: { en: { translation: en } },
	initAsync: false,
	// Svelte escapes what it renders; escaping here too would show &amp; to the reader.
	interpolation: { escapeValue: false },
	returnNull: false
});

export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return i18n.t(key, params ?? {});
}

/** For keys computed at run time (e.g. a policy reason from the server); unknown keys show as-is. */
export function tKey(key: string, params?: Record<string, string | number>): string {
	return i18n.exists(key) ? i18n.t(key, params ?? {}) : key;
}

/** A phrase of the record of proceedings (domain/record.ts), its nested phrases and numbers rendered. */
export function renderPhrase(p: { key: string; params: Record<string, unknown> }): string {
	const numbers = new Intl.NumberFormat(LOCALES[0]);
	const params: Record<string, string> = {};
	for (const [name, value] of Object.entries(p.params)) {
		if (typeof value === 'number') params[name] = numbers.format(value);
		else if (typeof value === 'string') params[name] = value;
		else if (typeof value === 'object' && value !== null && 'key' in value && 'params' in value)
			params[name] = renderPhrase(value as { key: string; params: Record<string, unknown> });
	}
	return tKey(p.key, params);
}
