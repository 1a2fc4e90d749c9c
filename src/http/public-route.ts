/** Route config of a public endpoint (no login): at most `max` requests per minute per client. */
export const publicRoute = (max: number) => ({ public: true, rateLimit: { max, timeWindow: 60_000 } }) as const;
