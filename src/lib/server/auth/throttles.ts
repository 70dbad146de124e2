import { createThrottles, type Throttles } from './sign-in.ts';

/** The process's sign-in throttles (one process serves the app). */
export const throttles: Throttles = createThrottles();
