// The PRD's enums, as plain readonly tuples: the schema's CHECK constraints, valibot's pickers
// and the UI's labels are all derived from these, so a value added here is added everywhere.

export const CONTRACT_TIERS = ["STARTER", "PROFESSIONAL", "ENTERPRISE", "CUSTOM"] as const;
export type ContractTier = (typeof CONTRACT_TIERS)[number];

export const HEALTH_STATUSES = ["HEALTHY", "MONITOR", "AT_RISK", "CRITICAL"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const HEALTH_TRENDS = ["UP", "DOWN", "FLAT"] as const;
export type HealthTrend = (typeof HEALTH_TRENDS)[number];

export const ADOPTION_STATUSES = [
  "NOT_LICENSED",
  "NOT_CONFIGURED",
  "NOT_USED",
  "LIGHT_USE",
  "ACTIVE_USE",
  "POWER_USE",
] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

export const USAGE_TRENDS = ["INCREASING", "DECREASING", "STABLE", "NO_USE"] as const;
export type UsageTrend = (typeof USAGE_TRENDS)[number];

export const ACTIVITY_TYPES = [
  "CALL",
  "EMAIL",
  "MEETING",
  "QBR",
  "TRAINING",
  "ONBOARDING",
  "SUPPORT_ESCALATION",
  "EXECUTIVE_TOUCHPOINT",
  "INTERNAL_DISCUSSION",
  "OTHER",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_OUTCOMES = [
  "SUCCESSFUL_ENGAGEMENT",
  "ISSUE_IDENTIFIED",
  "EXPANSION_OPPORTUNITY",
  "RISK_IDENTIFIED",
  "FOLLOW_UP_REQUIRED",
  "NO_ACTION_NEEDED",
] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

export const CONTACT_ROLES = ["CHAMPION", "EXECUTIVE_SPONSOR", "ADMIN", "USER", "BILLING", "OTHER"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const ENGAGEMENT_STATUSES = ["ACTIVE", "DECLINING", "INACTIVE"] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

export const ALERT_TYPES = [
  "HEALTH_DROP",
  "KEY_USER_INACTIVE",
  "SUPPORT_SPIKE",
  "USAGE_DECLINE",
  "FEATURE_ABANDONED",
  "RENEWAL_APPROACHING",
  "CONTRACT_UTILIZATION_LOW",
  "CHAMPION_RISK",
  "NPS_DETRACTOR",
  "PAYMENT_ISSUE",
  // Beyond the PRD's list: F9 follow-up tracking raises overdue follow-ups the same way
  // (docs/decisions/011-alerts-outbox-and-streams.md).
  "FOLLOW_UP_OVERDUE",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const ALERT_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ["NEW", "ACKNOWLEDGED", "SNOOZED", "DISMISSED", "RESOLVED"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const NOTE_TYPES = ["GENERAL", "STRATEGY", "RISK", "OPPORTUNITY", "QBR_PREP", "INTERNAL"] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const ETHICO_ROLES = ["CSM", "SENIOR_CSM", "AE", "VP_CLIENT_SUCCESS", "VP_SALES", "ADMIN"] as const;
export type EthicoRole = (typeof ETHICO_ROLES)[number];

// Not in the PRD's model, needed by what it describes.
export const ACCOUNT_STATUSES = ["ACTIVE", "CHURNED"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const PAYMENT_STATUSES = ["CURRENT", "LATE", "DELINQUENT"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const TICKET_SEVERITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;
export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];

export const TICKET_STATUSES = ["OPEN", "CLOSED"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const SURVEY_KINDS = ["NPS", "CSAT"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const RENEWAL_OUTCOMES = ["RENEWED", "CHURNED"] as const;
export type RenewalOutcome = (typeof RENEWAL_OUTCOMES)[number];

export const AUDIT_OUTCOMES = ["SUCCESS", "DENIED", "NOT_FOUND", "INVALID", "ERROR"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const MODULES = ["CASE_MANAGEMENT", "DISCLOSURES", "POLICY_MANAGEMENT", "ANALYTICS", "CHATBOT", "API"] as const;
export type Module = (typeof MODULES)[number];
