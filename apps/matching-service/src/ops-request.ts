import { z } from 'zod';

/** Who recorded an ops action: until sign-in exists (#11), the ops person types their id. */
export const recordedBy = z.string().trim().min(1, 'is required').max(100);

/** Progress or completion: who recorded it and, optionally, what was done (never survivor details). */
export const opsNoteRequest = z.object({ note: z.string().trim().max(500).optional(), recordedBy }).strict();

/** An action that needs its reason stated (a withdrawal, a deactivation). */
export const opsReasonRequest = z.object({ reason: z.string().trim().min(1, 'is required').max(500), recordedBy }).strict();
