import { defineConfig, devices } from '@playwright/test';

// Chromium comes from Debian (/usr/bin/chromium): Playwright's own browser download is not reachable
// everywhere we run. The flags keep it off the network and runnable as root in CI.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	// Several browser contexts and the server share two cores here and in CI: give slow moments room.
	// Waiting longer does not weaken an assertion; a wrong result still fails.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		// Set by global-setup, which starts the built server on a free loopback port.
		baseURL: process.env.E2E_BASE_URL,
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromiumPath,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update'
					]
				}
			}
		}
	]
});
