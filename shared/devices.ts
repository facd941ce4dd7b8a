/** The device classes an answer is stored with (worker/device.ts tells them from the User-Agent, which is not kept). */
export const DEVICES = ['desktop', 'mobile', 'tablet', 'bot'] as const;
export type Device = (typeof DEVICES)[number];
