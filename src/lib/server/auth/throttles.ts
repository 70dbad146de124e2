import { createThrottles, type Throttles } from './sign-in.ts';

/** The process's sign-in throttles: the rules and the clock; the counts are in the database (AUTH-4). */
export const throttles: Throttles = createThrottles();
