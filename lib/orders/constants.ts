/** Plain constants shared by server code and client components (no server imports here). */
export const CHANNELS = ['own_site', 'tmall', 'jd', 'douyin', 'pinduoduo', 'offline'] as const;
export type Channel = (typeof CHANNELS)[number];
