/** Badge tones for alert severities: the PRD's red/orange/yellow, grey for low. */
export const SEVERITY_TONE = { CRITICAL: "red", HIGH: "orange", MEDIUM: "yellow", LOW: "gray" } as const;
