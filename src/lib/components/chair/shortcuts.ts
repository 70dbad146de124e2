// The Chair's keyboard shortcuts: what each key does, the key map the console shows, and when keys are
// left alone (typing in a field or an editor, or with Ctrl/⌘ held, which belong to the browser).
export type Shortcut = 'next' | 'previous' | 'adopt' | 'adoptAsAmended' | 'defer' | 'bracket' | 'help';

/** The key map, in the order the console lists it. */
export const SHORTCUTS: readonly { action: Shortcut; keys: readonly string[] }[] = [
	{ action: 'next', keys: ['J', 'Alt+↓'] },
	{ action: 'previous', keys: ['K', 'Alt+↑'] },
	{ action: 'adopt', keys: ['A'] },
	{ action: 'adoptAsAmended', keys: ['Shift+A'] },
	{ action: 'defer', keys: ['D'] },
	{ action: 'bracket', keys: ['B'] },
	{ action: 'help', keys: ['?'] }
];

type Keyish = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** The shortcut a key press means, or null. */
export function shortcutOf(e: Keyish): Shortcut | null {
	if (e.ctrlKey || e.metaKey) return null;
	if (e.altKey) {
		if (e.key === 'ArrowDown') return 'next';
		if (e.key === 'ArrowUp') return 'previous';
		return null;
	}
	if (e.key === '?') return 'help';
	switch (e.key.toLowerCase()) {
		case 'j':
			return e.shiftKey ? null : 'next';
		case 'k':
			return e.shiftKey ? null : 'previous';
		case 'a':
			return e.shiftKey ? 'adoptAsAmended' : 'adopt';
		case 'd':
			return e.shiftKey ? null : 'defer';
		case 'b':
			return e.shiftKey ? null : 'bracket';
		default:
			return null;
	}
}

/** Whether a key press goes to something the person is typing in: a field, a text area, an editor. */
export function isTyping(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).closest !== 'function') return false;
	const el = target as HTMLElement;
	if (el.isContentEditable) return true;
	return (
		el.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"]), .cm-editor') !==
		null
	);
}
