import { describe, expect, it } from 'vitest';
import { isTyping, shortcutOf, SHORTCUTS } from './shortcuts.ts';

const key = (
	k: string,
	mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}
) => ({
	key: k,
	altKey: false,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	...mods
});

describe('the Chair’s keyboard shortcuts', () => {
	it('maps the keys of the key map', () => {
		expect(shortcutOf(key('j'))).toBe('next');
		expect(shortcutOf(key('ArrowDown', { altKey: true }))).toBe('next');
		expect(shortcutOf(key('k'))).toBe('previous');
		expect(shortcutOf(key('ArrowUp', { altKey: true }))).toBe('previous');
		expect(shortcutOf(key('a'))).toBe('adopt');
		expect(shortcutOf(key('A', { shiftKey: true }))).toBe('adoptAsAmended');
		expect(shortcutOf(key('d'))).toBe('defer');
		expect(shortcutOf(key('b'))).toBe('bracket');
		expect(shortcutOf(key('?', { shiftKey: true }))).toBe('help');
	});

	it('leaves the browser’s and the system’s keys alone', () => {
		expect(shortcutOf(key('a', { ctrlKey: true }))).toBeNull();
		expect(shortcutOf(key('d', { metaKey: true }))).toBeNull();
		expect(shortcutOf(key('ArrowDown'))).toBeNull();
		expect(shortcutOf(key('a', { altKey: true }))).toBeNull();
		expect(shortcutOf(key('x'))).toBeNull();
		expect(shortcutOf(key('Enter'))).toBeNull();
	});

	it('lists every shortcut once in the key map', () => {
		const actions = SHORTCUTS.map((s) => s.action);
		expect(new Set(actions).size).toBe(actions.length);
		expect(actions).toContain('help');
	});

	it('does not take keys from something that is not an element', () => {
		expect(isTyping(null)).toBe(false);
		expect(isTyping({} as EventTarget)).toBe(false);
	});
});
