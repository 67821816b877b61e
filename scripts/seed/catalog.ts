import type { ContractTier, Module } from "#worker/core/enums";

// Vocabulary for generated clients and people.

export const INDUSTRIES: readonly (readonly [string, number])[] = [
  ["Manufacturing", 14], ["Financial Services", 14], ["Healthcare", 13], ["Technology", 12],
  ["Retail", 9], ["Energy", 7], ["Pharmaceuticals", 7], ["Insurance", 7], ["Education", 5],
  ["Government", 4], ["Transportation", 4], ["Hospitality", 4],
];

export const REGIONS: readonly { region: string; cities: readonly string[] }[] = [
  { region: "IL", cities: ["Chicago", "Naperville", "Springfield"] },
  { region: "NY", cities: ["New York", "Buffalo", "Rochester"] },
  { region: "CA", cities: ["San Francisco", "Los Angeles", "San Diego", "San Jose"] },
  { region: "TX", cities: ["Austin", "Dallas", "Houston"] },
  { region: "MA", cities: ["Boston", "Cambridge"] },
  { region: "GA", cities: ["Atlanta", "Savannah"] },
  { region: "WA", cities: ["Seattle", "Spokane"] },
  { region: "NC", cities: ["Charlotte", "Raleigh"] },
  { region: "OH", cities: ["Columbus", "Cleveland", "Cincinnati"] },
  { region: "CO", cities: ["Denver", "Boulder"] },
  { region: "ON", cities: ["Toronto", "Ottawa"] },
  { region: "London", cities: ["London"] },
];

export const NAME_STEMS = [
  "Gamma", "Delta", "Epsilon", "Zenith", "Apex", "Summit", "Harbor", "Granite", "Cedar", "Pioneer",
  "Beacon", "Keystone", "Evergreen", "Northwind", "Bluewater", "Ironwood", "Silverline", "Redstone",
  "Crescent", "Sterling", "Meridian", "Atlas", "Horizon", "Lakeshore", "Riverbend", "Oakridge",
  "Pinnacle", "Vanguard", "Liberty", "Heritage", "Frontier", "Cobalt", "Sapphire", "Falcon", "Orion",
  "Vertex", "Nimbus", "Quantum", "Stonebridge", "Westfield", "Eastgate", "Brightwater", "Clearview",
  "Highland", "Maple", "Juniper", "Aspen", "Willow", "Copper", "Everest", "Polaris", "Triton",
  "Helix", "Catalyst", "Prairie", "Canyon", "Coastal", "Metro", "Union", "Sentinel",
] as const;

export const NAME_SECTORS: Record<string, readonly string[]> = {
  Manufacturing: ["Industries", "Manufacturing", "Components", "Fabrication", "Works"],
  "Financial Services": ["Capital", "Financial", "Bancorp", "Partners", "Trust"],
  Healthcare: ["Health", "Medical", "Care Network", "Clinics", "Health System"],
  Technology: ["Systems", "Software", "Labs", "Technologies", "Networks"],
  Retail: ["Retail Group", "Stores", "Brands", "Outfitters", "Markets"],
  Energy: ["Energy", "Power", "Utilities", "Resources", "Renewables"],
  Pharmaceuticals: ["Pharma", "Therapeutics", "Biosciences", "Laboratories", "Life Sciences"],
  Insurance: ["Insurance", "Mutual", "Assurance", "Underwriters", "Indemnity"],
  Education: ["University", "College", "Learning", "Academy", "Schools"],
  Government: ["County", "Authority", "Agency", "Commission", "District"],
  Transportation: ["Logistics", "Freight", "Transit", "Airlines", "Shipping"],
  Hospitality: ["Hotels", "Resorts", "Hospitality", "Restaurants", "Travel"],
};

export const FIRST_NAMES = [
  "Alex", "Maria", "David", "Priya", "James", "Linda", "Michael", "Aisha", "Robert", "Emily", "Daniel",
  "Sofia", "Kevin", "Grace", "Brian", "Olivia", "Carlos", "Hannah", "Thomas", "Mei", "Jason", "Laura",
  "Omar", "Rachel", "Steven", "Nina", "Eric", "Fatima", "Paul", "Chloe", "Mark", "Yuki", "Anthony",
  "Zoe", "Samuel", "Isabel", "Ryan", "Amara", "Patrick", "Elena",
] as const;

export const LAST_NAMES = [
  "Garcia", "Patel", "Nguyen", "Kim", "Johnson", "Williams", "Brown", "Martinez", "Lee", "Walker",
  "Hall", "Allen", "Young", "Hernandez", "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams",
  "Baker", "Gonzalez", "Nelson", "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips",
  "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Sanchez", "Morris", "Rogers", "Reed",
] as const;

export const TIER_PROFILE: Record<
  ContractTier,
  { weight: number; arr: [number, number]; users: [number, number]; employees: [number, number]; modules: number }
> = {
  STARTER: { weight: 30, arr: [12_000, 35_000], users: [4, 10], employees: [100, 900], modules: 2 },
  PROFESSIONAL: { weight: 38, arr: [35_000, 90_000], users: [8, 22], employees: [500, 4_000], modules: 3 },
  ENTERPRISE: { weight: 25, arr: [90_000, 260_000], users: [18, 45], employees: [2_500, 40_000], modules: 5 },
  CUSTOM: { weight: 7, arr: [150_000, 450_000], users: [25, 60], employees: [10_000, 120_000], modules: 6 },
};

/** Modules in the order contracts usually add them. */
export const MODULE_ORDER: readonly Module[] = [
  "CASE_MANAGEMENT", "POLICY_MANAGEMENT", "DISCLOSURES", "ANALYTICS", "CHATBOT", "API",
];

export const USER_TITLES = [
  "Investigator", "Compliance Analyst", "Ethics Specialist", "HR Business Partner", "Case Manager",
  "Compliance Manager", "Legal Counsel", "Internal Auditor", "Policy Coordinator", "Risk Analyst",
] as const;

export const CSM_ACTIVITY_SUBJECTS: Record<string, readonly string[]> = {
  CALL: ["Check-in call", "Usage review call", "Renewal planning call", "Follow-up on open tickets"],
  EMAIL: ["Shared adoption tips", "Sent release notes", "Followed up on training", "Renewal timeline email"],
  MEETING: ["Onsite working session", "Roadmap review", "Stakeholder alignment meeting"],
  QBR: ["Quarterly business review"],
  TRAINING: ["Admin training session", "Investigator workflow training", "Reporting training"],
  EXECUTIVE_TOUCHPOINT: ["Executive sponsor check-in", "VP outreach to sponsor"],
  SUPPORT_ESCALATION: ["Escalated ticket review", "Support escalation call"],
  INTERNAL_DISCUSSION: ["Account strategy discussion", "Risk review with AE"],
  ONBOARDING: ["Onboarding kickoff"],
};
