/**
 * Stands in for astronomia's planetary table of the Earth (`astronomia/data/vsop87Bearth`) in
 * every bundle; see not-used.ts and astronomia.ts. It is only handed to the stub's `Planet`.
 */
const vsop87Bearth: Readonly<Record<string, never>> = Object.freeze({});

export default vsop87Bearth;
